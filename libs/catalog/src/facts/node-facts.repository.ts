import { Injectable } from '@nestjs/common';
import { Any, FindOptionsSelect } from 'typeorm';
import { Db, JoinedColumns } from '@pedigree/database';
import { LicenseTerms } from '@pedigree/licensing';
import { NodeKind, recordedBy, TimeSlice } from '@pedigree/core';
import { LineageNodeEntity } from '@pedigree/lineage/entities';
import { CustomLicenseEntity } from '../license/custom-license.entity';
import { OrganizationRootEntity } from '../organization/organization-root.entity';
import { OrganizationEntity } from '../organization/organization.entity';

export interface OrgRef {
  id: string;
  slug: string;
  name: string;
  country: string | null;
}

/** What rollups (exposure, impact, portfolio) need to know about one node, loaded in one batch. */
export interface NodeFacts {
  id: string;
  kind: NodeKind;
  name: string;
  access: string | null;
  /** Country of origin (the node_origin view). */
  country: string | null;
  publisher: OrgRef | null;
  /** The publisher rolled up to its ultimate parent. */
  vendor: OrgRef | null;
  license: string | null;
}

type OrgColumns = Pick<OrganizationEntity, 'id' | 'slug' | 'name' | 'country'>;

/** A node with its publisher (p_) and the publisher's ultimate owner (v_), both left-joined; FactHistoryRepository reads the same row. */
export interface FactsRow extends Pick<LineageNodeEntity, 'id' | 'kind'>, JoinedColumns<'p_', OrgColumns>, JoinedColumns<'v_', OrgColumns> {
  /** Every committed node has its model, dataset or checkpoint row (one registration transaction). */
  name: string;
  access: string | null;
  license: string | null;
  country: string | null;
}

const org = (r: FactsRow, p: 'p_' | 'v_'): OrgRef | null => {
  const id = r[`${p}id`];
  return id === null ? null : { id: String(id), slug: r[`${p}slug`]!, name: r[`${p}name`]!, country: r[`${p}country`] };
};

export const toNodeFacts = (r: FactsRow): NodeFacts => ({
  id: String(r.id),
  kind: r.kind,
  name: r.name,
  access: r.access,
  license: r.license,
  country: r.country,
  publisher: org(r, 'p_'),
  vendor: org(r, 'v_'),
});

const TERMS = {
  key: true,
  commercial_use: true,
  non_commercial: true,
  attribution_required: true,
  attribution_text: true,
  naming_requirement: true,
  use_restrictions: true,
  forbids_competing_models: true,
  user_threshold: true,
} satisfies FindOptionsSelect<CustomLicenseEntity>;

/**
 * Catalog facts for the rollups of other libs (exposure, impact, portfolio), so none of them reads
 * the catalog's tables itself: a whole subgraph's facts in one statement.
 */
@Injectable()
export class NodeFactsRepository {
  constructor(private readonly db: Db) {}

  async facts(nodeIds: readonly string[]): Promise<NodeFacts[]> {
    const rows = await this.db.prepared<FactsRow>(
      // The origin view is filtered on its own: joined to the rest, the planner scans all of it.
      `WITH origin AS (SELECT node_id, country FROM node_origin WHERE node_id = ANY($1::bigint[]))
       SELECT n.id, n.kind, COALESCE(m.name, d.name, c.digest) AS name, COALESCE(m.access, cm.access)::text AS access,
         COALESCE(m.license, d.license, cm.license) AS license,
         o.country,
         p.id AS p_id, p.slug AS p_slug, p.name AS p_name, p.country AS p_country,
         v.id AS v_id, v.slug AS v_slug, v.name AS v_name, r.root_country AS v_country
       FROM lineage_node n
       LEFT JOIN model m ON m.id = n.id
       LEFT JOIN dataset d ON d.id = n.id
       LEFT JOIN checkpoint c ON c.id = n.id
       -- A checkpoint speaks for its model: same publisher, country, license and access.
       LEFT JOIN model cm ON cm.id = c.model_id
       LEFT JOIN organization p ON p.id = COALESCE(m.publisher_id, d.publisher_id, cm.publisher_id)
       LEFT JOIN organization_root r ON r.organization_id = p.id
       LEFT JOIN organization v ON v.id = r.root_id
       LEFT JOIN origin o ON o.node_id = n.id
       WHERE n.id = ANY($1::bigint[])`,
      [nodeIds],
    );
    return rows.map(toNodeFacts);
  }

  /** What a model says of itself (a checkpoint: its model), for rules that match like with like. */
  async descriptions(nodeIds: readonly string[]): Promise<Map<string, { modality: string | null; parameterCount: number | null; tasks: string[] }>> {
    if (!nodeIds.length) return new Map();
    const rows = await this.db.prepared<{ id: string; modality: string | null; parameter_count: string | null; tasks: string[] | null }>(
      `SELECT n.id, m.modality, m.parameter_count, m.tasks FROM lineage_node n
       LEFT JOIN checkpoint c ON c.id = n.id
       LEFT JOIN model m ON m.id = COALESCE(c.model_id, n.id)
       WHERE n.id = ANY($1::bigint[])`,
      [nodeIds],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        { modality: r.modality, parameterCount: r.parameter_count === null ? null : Number(r.parameter_count), tasks: r.tasks ?? [] },
      ]),
    );
  }

  async licenseTerms(keys: readonly string[]): Promise<Map<string, LicenseTerms>> {
    if (!keys.length) return new Map();
    const rows = await this.db.withManager((m) => m.find(CustomLicenseEntity, { select: TERMS, where: { key: Any([...keys]) } }));
    return new Map(
      rows.map((r) => [
        r.key,
        {
          key: r.key,
          commercialUse: r.commercial_use,
          nonCommercial: r.non_commercial,
          attributionRequired: r.attribution_required,
          attributionText: r.attribution_text,
          namingRequirement: r.naming_requirement,
          useRestrictions: r.use_restrictions,
          forbidsCompetingModels: r.forbids_competing_models,
          userThreshold: r.user_threshold === null ? null : Number(r.user_threshold),
        },
      ]),
    );
  }

  /** Models and datasets published by the organization or any organization it owns; at `at` when given (publishers and control of then). */
  async nodesOfOrganization(organizationId: string, at: TimeSlice | null = null): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      at
        ? `SELECT model_id AS id FROM model_at($2) WHERE publisher_id IN (SELECT organization_subtree_at($1::bigint, $2, $3))
           UNION ALL
           SELECT dataset_id FROM dataset_at($2) WHERE publisher_id IN (SELECT organization_subtree_at($1::bigint, $2, $3))`
        : `SELECT m.id FROM model m WHERE m.publisher_id IN (SELECT organization_subtree($1::bigint))
       UNION ALL
       SELECT d.id FROM dataset d WHERE d.publisher_id IN (SELECT organization_subtree($1::bigint))`,
      at ? [organizationId, recordedBy(at), at.validOn] : [organizationId],
    );
    return rows.map((r) => String(r.id));
  }

  /** Models and datasets each organization publishes itself (not through organizations it owns); at `at` when given. */
  async publishedBy(organizationIds: readonly string[], at: TimeSlice | null = null): Promise<{ nodeId: string; publisherId: string }[]> {
    if (!organizationIds.length) return [];
    const rows = await this.db.query<{ id: string; publisher_id: string }>(
      at
        ? `SELECT model_id AS id, publisher_id FROM model_at($2) WHERE publisher_id = ANY($1::bigint[])
           UNION ALL SELECT dataset_id, publisher_id FROM dataset_at($2) WHERE publisher_id = ANY($1::bigint[])`
        : `SELECT id, publisher_id FROM model WHERE publisher_id = ANY($1::bigint[])
       UNION ALL SELECT id, publisher_id FROM dataset WHERE publisher_id = ANY($1::bigint[])`,
      at ? [organizationIds, recordedBy(at)] : [organizationIds],
    );
    return rows.map((r) => ({ nodeId: String(r.id), publisherId: String(r.publisher_id) }));
  }

  /** Organizations as recorded (their own country, not rolled up). */
  async organizations(ids: readonly string[]): Promise<OrgRef[]> {
    if (!ids.length) return [];
    const rows = await this.db.prepared<OrgColumns>(`SELECT id, slug, name, country FROM organization WHERE id = ANY($1::bigint[])`, [ids]);
    return rows.map((r) => ({ id: String(r.id), slug: r.slug, name: r.name, country: r.country }));
  }

  /** Organizations rolled up to their ultimate parents, keyed by the given ids; at `at` when given (organization_root_at). */
  async rollUp(
    organizationIds: readonly string[],
    at: TimeSlice | null = null,
  ): Promise<Map<string, { id: string; slug: string; name: string; country: string | null }>> {
    if (!organizationIds.length) return new Map();
    const roots = at ? 'organization_root_at($1::bigint[], $2, $3)' : 'organization_root';
    const rows = await this.db.query<Pick<OrganizationRootEntity, 'organization_id' | 'root_country'> & Pick<OrganizationEntity, 'id' | 'slug' | 'name'>>(
      `SELECT r.organization_id, v.id, v.slug, v.name, r.root_country FROM ${roots} r JOIN organization v ON v.id = r.root_id
       WHERE r.organization_id = ANY($1::bigint[])`,
      at ? [organizationIds, recordedBy(at), at.validOn] : [organizationIds],
    );
    return new Map(rows.map((r) => [String(r.organization_id), { id: String(r.id), slug: r.slug, name: r.name, country: r.root_country }]));
  }

  /** Models published by the organization or one it owns; every model when no organization is given. At `at` when given: those registered by then, by the publishers and control of then. */
  async modelIds(organizationId: string | null, at: TimeSlice | null = null): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      at
        ? `SELECT model_id AS id FROM model_at($2) WHERE $1::bigint IS NULL OR publisher_id IN (SELECT organization_subtree_at($1::bigint, $2, $3)) ORDER BY model_id`
        : `SELECT m.id FROM model m WHERE $1::bigint IS NULL OR m.publisher_id IN (SELECT organization_subtree($1::bigint)) ORDER BY m.id`,
      at ? [organizationId, recordedBy(at), at.validOn] : [organizationId],
    );
    return rows.map((r) => String(r.id));
  }

  /** Models and datasets whose country of origin is `country`; at `at` when given (node_origin_at). */
  async nodesOfCountry(country: string, at: TimeSlice | null = null): Promise<string[]> {
    const rows = await this.db.query<{ node_id: string }>(
      at ? `SELECT node_id FROM node_origin_at($2, $3) WHERE country = $1` : `SELECT node_id FROM node_origin WHERE country = $1 AND kind <> 'CHECKPOINT'`,
      at ? [country, recordedBy(at), at.validOn] : [country],
    );
    return rows.map((r) => String(r.node_id));
  }
}
