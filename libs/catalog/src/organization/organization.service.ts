import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import {
  registerOnce,
  canonicalize,
  comparableEvidence,
  conflict,
  EvidenceDraft,
  invalidInput,
  normalizeCountry,
  normalizeEvidence,
  notFound,
  Page,
  PageRequest,
  requestContext,
  TimeSlice,
} from '@pedigree/core';
import { Db } from '@pedigree/database';
import { OrganizationKind, OrganizationRecord } from './organization.record';
import { OrganizationRepository } from './organization.repository';
import { OwnershipWriter } from '../ownership/ownership-writer.service';

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
    private readonly ownership: OwnershipWriter,
  ) {}

  async register(input: RegisterOrganizationCommand): Promise<OrganizationRecord> {
    const { id } = await this.apply(input);
    return (await this.orgs.findByIds([id]))[0];
  }

  /** The registration inside the caller's transaction (or its own), saying whether it created the record. */
  async apply(input: RegisterOrganizationCommand): Promise<{ id: string; created: boolean }> {
    const slug = input.slug?.trim() ?? '';
    if (!SLUG.test(slug)) throw invalidInput('input.slug', `"${input.slug}" is not a valid slug`, 'lower-case letters, digits, ".", "_" and "-", e.g. "meta"');
    const name = input.name?.trim();
    if (!name || name.length > 300) throw invalidInput('input.name', 'must be 1 to 300 characters');
    const country = normalizeCountry(input.country, 'input.country');
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const aliases = [...new Set((input.aliases ?? []).map((a) => a.trim().toLowerCase()))].filter((a) => a !== slug).sort();
    const bad = aliases.find((a) => !/^[a-z0-9][a-z0-9._-]*$/.test(a));
    if (bad !== undefined) throw invalidInput('input.aliases', `"${bad}" is not a valid alias`, 'a namespace such as "meta-llama"');

    return this.db.transaction(async () => {
      const parent = input.parent ? await this.require(input.parent, 'input.parent') : null;
      const record = { slug, name, country, kind: input.kind, evidence };
      // The owner stays part of what a retry must repeat, though ownership itself lives in stakes.
      const registration = canonicalize({ ...record, parentId: parent?.id ?? null, evidence: comparableEvidence(evidence, input.evidence), aliases });
      return registerOnce({
        what: 'Organization',
        key: slug,
        registration,
        claim: async () => {
          const created = await this.orgs.insert({ ...record, registration });
          return created ? { id: created, created: true } : { id: (await this.orgs.findBySlugOrAlias(slug))!.id, created: false };
        },
        stored: (existing) => this.orgs.registration(existing),
        create: async (created) => {
          const taken = await this.orgs.claimNames(created, [slug, ...aliases]);
          if (taken.includes(slug)) throw conflict(`input.slug: "${slug}" is already an alias of another organization.`, ['input.slug']);
          if (taken.length)
            throw conflict(`input.aliases: ${taken.map((a) => `"${a}"`).join(', ')} already name another organization.`, ['input.aliases'], { aliases: taken });
          if (parent) {
            const owned = { id: created, slug, name };
            const stake = { owner: parent, owned, percentage: 100, validFrom: null, validTo: null, evidence, recordedBy: requestContext.principal().actor };
            await this.ownership.add(stake, 'input.parent');
          }
          await this.audit.record('registerOrganization', input, [created]);
        },
      });
    });
  }

  /**
   * Accepts what a person would type: a slug, an alias such as a Hugging Face namespace, or the
   * display name ("Meta Platforms, Inc."). A name two organizations share is refused, listing them.
   */
  async require(ref: string, field: string, at: TimeSlice | null = null): Promise<OrganizationRecord> {
    const org = await this.lookUp(ref, field);
    if (!org) throw notFound('Organization', ref, field);
    // A past answer cannot speak of an organization registered later, and an empty one would read as "affects nothing".
    if (at?.recordedAt && !(await this.orgs.registeredBy(org.id, at))) {
      throw invalidInput('asOf', `${at.recordedAt.toISOString()} is before the organization was registered`, 'a moment at or after its registration');
    }
    return org;
  }

  find(ref: string, field = 'organization'): Promise<OrganizationRecord | null> {
    return this.lookUp(ref, field);
  }

  private async lookUp(ref: string, field: string): Promise<OrganizationRecord | null> {
    const bySlug = await this.orgs.findBySlugOrAlias(ref.trim());
    if (bySlug || !ref.trim()) return bySlug;
    const named = await this.orgs.findByName(ref);
    if (named.length > 1) {
      throw invalidInput(
        field,
        `"${ref}" is the name of ${named.length} organizations`,
        `one of their slugs: ${named.map((o) => `${o.slug} (${o.country ?? 'country unknown'})`).join(', ')}`,
      );
    }
    return named[0] ?? null;
  }

  async isEmpty(): Promise<boolean> {
    return (await this.orgs.count()) === 0;
  }

  page(filter: { country?: string | null; kind?: OrganizationKind | null }, page: PageRequest): Promise<Page<OrganizationRecord>> {
    return this.orgs.page({ ...filter, country: normalizeCountry(filter.country, 'country') }, page);
  }
}
