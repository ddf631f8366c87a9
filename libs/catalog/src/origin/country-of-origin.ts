import { Evidence } from '@pedigree/core';
import { CatalogLoaders } from '../catalog.loaders';
import { NodeOrigin } from './node-origin.record';

export enum CountrySource {
  OVERRIDE = 'OVERRIDE',
  PUBLISHER = 'PUBLISHER',
}

export interface CountryClaim {
  country: string | null;
  source: CountrySource;
  evidence: Evidence | null;
}

/**
 * A node's country of origin and whether it is an override, from the node_origin view alone: the
 * owner's evidence costs another statement, which only `countryEvidence` needs. `known`: the origin
 * read with the record (as of a past moment, node_origin_at), instead of today's.
 */
export async function originCountry(nodeId: string, loaders: CatalogLoaders, known?: NodeOrigin): Promise<Omit<CountryClaim, 'evidence'>> {
  const origin: NodeOrigin | null = known ?? (await loaders.origin.load(nodeId));
  return { country: origin?.country ?? null, source: origin?.overridden ? CountrySource.OVERRIDE : CountrySource.PUBLISHER };
}

/**
 * The claim behind a node's country of origin. The rule itself (override, else the publisher's
 * ultimate owner's country) is the node_origin view; this only says where its evidence lies.
 */
export async function countryOfOrigin(nodeId: string, overrideEvidence: Evidence | null, loaders: CatalogLoaders, known?: NodeOrigin): Promise<CountryClaim> {
  const origin: NodeOrigin | null = known ?? (await loaders.origin.load(nodeId));
  if (origin?.overridden) return { country: origin.country, source: CountrySource.OVERRIDE, evidence: overrideEvidence };
  const owner = origin?.countryOrgId ? await loaders.organization.load(origin.countryOrgId) : null;
  return { country: origin?.country ?? null, source: CountrySource.PUBLISHER, evidence: owner?.evidence ?? null };
}
