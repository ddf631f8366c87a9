import { EvidenceDraft, EvidenceOrigin } from '@pedigree/core';
import { ModelAccess, ModelService, OrganizationKind, OrganizationService } from '@pedigree/catalog';
import { ServiceTier } from './service-module';

/** Records built through the real services, so each carries what a registration writes. */
export const EVIDENCE: EvidenceDraft = { origin: EvidenceOrigin.PIPELINE_DECLARATION, justification: 'service test fixture' };

let counter = 0;
export function uniqueName(prefix = 'model', namespace = 'test-org'): string {
  return `${namespace}/${prefix}-${process.pid}-${++counter}`;
}

/** Registers an organization (idempotent for the same values), by default the one models publish under. */
export function newOrganization(tier: ServiceTier, slug = 'test-org', country = 'FR') {
  return tier.get(OrganizationService).register({ slug, name: slug, country, kind: OrganizationKind.COMPANY, aliases: [], evidence: EVIDENCE });
}

export async function newModel(tier: ServiceTier, overrides: Partial<Parameters<ModelService['register']>[0]> = {}) {
  return tier
    .get(ModelService)
    .register({ name: uniqueName(), publisher: 'test-org', access: ModelAccess.OPEN_WEIGHTS, license: 'Apache-2.0', evidence: EVIDENCE, ...overrides });
}
