import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { OrganizationService } from '@pedigree/catalog';
import { canonicalize, invalidInput, notFound, requestContext } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { compileCondition } from './policy-condition';
import { assertKnownFields } from './policy-condition-fields';
import { PolicyEffect, PolicyOnError, PolicySeverity, PolicySubjectKind, PolicyVersionRecord } from './policy.record';
import { NewPolicyVersion, PolicyRepository } from './policy.repository';

export interface DefinePolicyCommand {
  key: string;
  name: string;
  description: string;
  documentRef?: string | null;
  scope?: {
    subjects?: PolicySubjectKind[] | null;
    environments?: string[] | null;
    tags?: string[] | null;
    ownerTeams?: string[] | null;
    organization?: string | null;
  } | null;
  condition: string;
  effect: PolicyEffect;
  severity: PolicySeverity;
  onError?: PolicyOnError | null;
  enabled?: boolean | null;
}

const KEY = /^[a-z0-9][a-z0-9._/-]{0,199}$/;
const text = (value: string | null | undefined, field: string, max: number, required = true): string | null => {
  const v = value?.trim() ?? '';
  if (!v && required) throw invalidInput(field, 'is empty', 'a non-empty text');
  if (v.length > max) throw invalidInput(field, `is ${v.length} characters long`, `at most ${max}`);
  return v || null;
};
const list = (values: string[] | null | undefined, field: string, lower = false) =>
  [...new Set((values ?? []).map((v, i) => text(lower ? v.toLowerCase() : v, `${field}[${i}]`, 200)!))].sort();

/** What makes two versions the same rule: an identical definition adds no version. */
const comparable = (v: NewPolicyVersion | PolicyVersionRecord) =>
  canonicalize({
    name: v.name,
    description: v.description,
    documentRef: v.documentRef,
    scope: v.scope,
    condition: v.condition,
    effect: v.effect,
    severity: v.severity,
    onError: v.onError,
    enabled: v.enabled,
  });

/** Policies are versioned, never edited in place; every new version is audited and queues re-evaluation (a trigger). */
@Injectable()
export class PolicyService {
  constructor(
    private readonly db: Db,
    private readonly policies: PolicyRepository,
    private readonly orgs: OrganizationService,
    private readonly audit: AuditRecorder,
  ) {}

  async define(input: DefinePolicyCommand, pack: string | null = null, field = 'input'): Promise<PolicyVersionRecord> {
    const key = input.key?.trim() ?? '';
    if (!KEY.test(key))
      throw invalidInput(
        `${field}.key`,
        `"${input.key}" is not a policy key`,
        'lower-case letters, digits, `.`, `_`, `/`, `-`, at most 200, e.g. no-cn-weights',
      );
    assertKnownFields(input.condition, compileCondition(input.condition, `${field}.condition`), `${field}.condition`);
    const organization = input.scope?.organization ? await this.orgs.require(input.scope.organization, `${field}.scope.organization`) : null;
    const draft: NewPolicyVersion = {
      name: text(input.name, `${field}.name`, 200)!,
      description: text(input.description, `${field}.description`, 4000)!,
      documentRef: text(input.documentRef, `${field}.documentRef`, 2000, false),
      scope: {
        subjects: [...new Set(input.scope?.subjects ?? [])].sort(),
        environments: list(input.scope?.environments, `${field}.scope.environments`),
        tags: list(input.scope?.tags, `${field}.scope.tags`, true),
        ownerTeams: list(input.scope?.ownerTeams, `${field}.scope.ownerTeams`),
        organizationId: organization?.id ?? null,
      },
      condition: input.condition.trim(),
      effect: input.effect,
      severity: input.severity,
      onError: input.onError ?? PolicyOnError.DENY,
      enabled: input.enabled ?? true,
      pack,
      recordedBy: requestContext.principal().actor,
    };
    return this.db.transaction(async () => {
      const { id } = await this.policies.claim(key, draft.recordedBy);
      const [current] = await this.policies.current([key]);
      if (current && JSON.stringify(comparable(current)) === JSON.stringify(comparable(draft))) return current;
      await this.policies.insertVersion(id, draft);
      await this.audit.record('definePolicy', { ...input, pack }, [id]);
      return (await this.policies.current([key]))[0];
    });
  }

  /** A new version that only turns the policy on or off. */
  async setEnabled(key: string, enabled: boolean): Promise<PolicyVersionRecord> {
    return this.db.transaction(async () => {
      const [current] = await this.policies.current([key.trim()]);
      if (!current) throw notFound('Policy', key, 'key');
      if (current.enabled === enabled) return current;
      const { id } = await this.policies.claim(current.key, requestContext.principal().actor);
      await this.policies.insertVersion(id, { ...current, enabled, recordedBy: requestContext.principal().actor });
      await this.audit.record('setPolicyEnabled', { key, enabled }, [id]);
      return (await this.policies.current([current.key]))[0];
    });
  }

  list(): Promise<PolicyVersionRecord[]> {
    return this.policies.current();
  }

  async find(key: string): Promise<PolicyVersionRecord | null> {
    return (await this.policies.current([key.trim()]))[0] ?? null;
  }

  history(key: string): Promise<PolicyVersionRecord[]> {
    return this.policies.history(key);
  }
}
