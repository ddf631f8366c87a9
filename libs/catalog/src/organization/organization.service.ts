import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  assertSamePayload, canonicalize, comparableEvidence, conflict, EvidenceDraft, invalidInput, normalizeCountry, normalizeEvidence, notFound, Page,
  PageRequest,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { OrganizationKind, OrganizationRecord } from './organization.record';
import { OrganizationRepository } from './organization.repository';

export interface RegisterOrganizationCommand {
  slug: string;
  name: string;
  country?: string | null;
  kind: OrganizationKind;
  parent?: string | null;
  aliases?: string[] | null;
  evidence: EvidenceDraft;
}

const SLUG = /^[a-z0-9][a-z0-9._-]{0,99}$/;

@Injectable()
export class OrganizationService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationRepository,
    private readonly audit: AuditRecorder,
  ) {}

  async register(input: RegisterOrganizationCommand): Promise<OrganizationRecord> {
    const slug = input.slug?.trim() ?? '';
    if (!SLUG.test(slug)) throw invalidInput('input.slug', `"${input.slug}" is not a valid slug`, 'lower-case letters, digits, ".", "_" and "-", e.g. "meta"');
    const name = input.name?.trim();
    if (!name || name.length > 300) throw invalidInput('input.name', 'must be 1 to 300 characters');
    const country = normalizeCountry(input.country, 'input.country');
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const aliases = [...new Set((input.aliases ?? []).map((a) => a.trim().toLowerCase()))].filter((a) => a !== slug).sort();
    const bad = aliases.find((a) => !/^[a-z0-9][a-z0-9._-]*$/.test(a));
    if (bad !== undefined) throw invalidInput('input.aliases', `"${bad}" is not a valid alias`, 'a namespace such as "meta-llama"');

    const id = await this.db.transaction(async () => {
      const parent = input.parent ? await this.orgs.findBySlugOrAlias(input.parent.trim()) : null;
      if (input.parent && !parent) throw notFound('Organization', input.parent, 'input.parent');
      const registration = canonicalize({
        slug, name, country, kind: input.kind, parentId: parent?.id ?? null, aliases, evidence: comparableEvidence(evidence, input.evidence),
      });
      const created = await this.orgs.insert({ slug, name, country, kind: input.kind, parentId: parent?.id ?? null, evidence, registration });
      if (!created) {
        const existing = (await this.orgs.findBySlugOrAlias(slug))!;
        assertSamePayload('Organization', slug, await this.orgs.registration(existing.id), registration);
        return existing.id;
      }
      const taken = await this.orgs.claimNames(created, [slug, ...aliases]);
      if (taken.includes(slug)) throw conflict(`input.slug: "${slug}" is already an alias of another organization.`, ['input.slug']);
      if (taken.length) throw conflict(`input.aliases: ${taken.map((a) => `"${a}"`).join(', ')} already name another organization.`, ['input.aliases'], { aliases: taken });
      await this.audit.record('registerOrganization', input, [created]);
      return created;
    });
    return (await this.orgs.findByIds([id]))[0];
  }

  /** Accepts a slug or an alias such as a Hugging Face namespace. */
  async require(ref: string, field: string): Promise<OrganizationRecord> {
    const org = await this.orgs.findBySlugOrAlias(ref.trim());
    if (!org) throw notFound('Organization', ref, field);
    return org;
  }

  find(ref: string): Promise<OrganizationRecord | null> {
    return this.orgs.findBySlugOrAlias(ref.trim());
  }

  async isEmpty(): Promise<boolean> {
    return (await this.orgs.count()) === 0;
  }

  page(filter: { country?: string | null; kind?: OrganizationKind | null }, page: PageRequest): Promise<Page<OrganizationRecord>> {
    return this.orgs.page({ ...filter, country: normalizeCountry(filter.country, 'country') }, page);
  }
}
