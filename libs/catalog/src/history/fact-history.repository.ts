import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { recordedBy, TimeSlice } from '@pedigree/core';
import { FactsRow, NodeFacts, toNodeFacts } from '../facts/node-facts.repository';

/** One version of a model's, dataset's or organization's overwritable facts, recorded in a window. */
export interface FactVersion {
  kind: 'MODEL' | 'DATASET' | 'ORGANIZATION';
  /** The model, dataset or organization. */
  subjectId: string;
  /** The given nodes it speaks for (a model's checkpoints too); empty for an organization. */
  nodeIds: string[];
  versionId: string;
  recordedAt: Date;
  publisherId: string | null;
  license: string | null;
  country: string | null;
}

/**
 * The catalog as recorded at a past moment (the version tables of RecordFactHistory and the
 * *_at functions): what NodeFactsRepository answers for the present, for any TimeSlice.
 */
@Injectable()
export class FactHistoryRepository {
  constructor(private readonly db: Db) {}

  /**
   * NodeFactsRepository.facts as the registry knew them at `at`: nodes registered by then, their
   * publisher, license and country override of then, and the publisher's controlling chain of then.
   * A node registered later is absent.
   */
  async factsAt(nodeIds: readonly string[], at: TimeSlice): Promise<NodeFacts[]> {
    if (!nodeIds.length) return [];
    const rows = await this.db.prepared<FactsRow>(
      `WITH node AS MATERIALIZED (
         SELECT n.id, n.kind, COALESCE(c.model_id, n.id) AS fact_id, c.digest FROM lineage_node n LEFT JOIN checkpoint c ON c.id = n.id
         WHERE n.id = ANY($1::bigint[]) AND n.created_at < $2::timestamptz + interval '1 millisecond'
       ),
       mv AS (
         SELECT DISTINCT ON (v.model_id) v.model_id, v.publisher_id, v.license, v.country_override, v.access FROM model_version v
         WHERE v.model_id IN (SELECT fact_id FROM node) AND v.recorded_at < $2::timestamptz + interval '1 millisecond' ORDER BY v.model_id, v.recorded_at DESC, v.id DESC
       ),
       dv AS (
         SELECT DISTINCT ON (v.dataset_id) v.dataset_id, v.publisher_id, v.license, v.country_override FROM dataset_version v
         WHERE v.dataset_id IN (SELECT id FROM node) AND v.recorded_at < $2::timestamptz + interval '1 millisecond' ORDER BY v.dataset_id, v.recorded_at DESC, v.id DESC
       ),
       -- A checkpoint speaks for its model: same publisher, country, license and access.
       f AS MATERIALIZED (
         SELECT node.id, node.kind, COALESCE(m.name, d.name, node.digest) AS name, mv.access::text AS access,
           COALESCE(mv.license, dv.license) AS license, COALESCE(mv.country_override, dv.country_override) AS country_override,
           COALESCE(mv.publisher_id, dv.publisher_id) AS publisher_id
         FROM node
         LEFT JOIN model m ON m.id = node.id
         LEFT JOIN dataset d ON d.id = node.id
         LEFT JOIN mv ON mv.model_id = node.fact_id
         LEFT JOIN dv ON dv.dataset_id = node.id
       ),
       r AS (SELECT * FROM organization_root_at(ARRAY(SELECT DISTINCT publisher_id FROM f WHERE publisher_id IS NOT NULL), $2, $3)),
       oc AS (SELECT * FROM organization_country_at($2) WHERE organization_id IN (SELECT publisher_id FROM f))
       -- The country of origin as node_origin defines it: the override, else the publisher's root country.
       SELECT f.id, f.kind, f.name, f.access, f.license, COALESCE(f.country_override, r.root_country) AS country,
         p.id AS p_id, p.slug AS p_slug, p.name AS p_name, oc.country AS p_country,
         v.id AS v_id, v.slug AS v_slug, v.name AS v_name, r.root_country AS v_country
       FROM f
       LEFT JOIN organization p ON p.id = f.publisher_id
       LEFT JOIN oc ON oc.organization_id = p.id
       LEFT JOIN r ON r.organization_id = p.id
       LEFT JOIN organization v ON v.id = r.root_id`,
      [nodeIds, recordedBy(at), at.validOn],
    );
    return rows.map(toNodeFacts);
  }

  /** Versions recorded in (from, to] of the given nodes' facts (a checkpoint's are its model's) and of the given organizations. */
  async versionsBetween(nodeIds: readonly string[], organizationIds: readonly string[], from: Date, to: Date): Promise<FactVersion[]> {
    const rows = await this.db.query<{
      kind: FactVersion['kind'];
      subject_id: string;
      version_id: string;
      recorded_at: Date;
      publisher_id: string | null;
      license: string | null;
      country: string | null;
      node_ids: string[] | null;
    }>(
      `WITH fact AS (SELECT n.id AS node_id, COALESCE(c.model_id, n.id) AS id FROM unnest($1::bigint[]) AS n(id) LEFT JOIN checkpoint c ON c.id = n.id)
       SELECT 'MODEL' AS kind, v.model_id AS subject_id, v.id AS version_id, v.recorded_at, v.publisher_id, v.license, v.country_override AS country,
         (SELECT array_agg(f.node_id::text) FROM fact f WHERE f.id = v.model_id) AS node_ids
       FROM model_version v WHERE v.model_id IN (SELECT id FROM fact) AND v.recorded_at >= $3::timestamptz + interval '1 millisecond' AND v.recorded_at < $4::timestamptz + interval '1 millisecond'
       UNION ALL
       SELECT 'DATASET', v.dataset_id, v.id, v.recorded_at, v.publisher_id, v.license, v.country_override, ARRAY[v.dataset_id::text]
       FROM dataset_version v WHERE v.dataset_id IN (SELECT id FROM fact) AND v.recorded_at >= $3::timestamptz + interval '1 millisecond' AND v.recorded_at < $4::timestamptz + interval '1 millisecond'
       UNION ALL
       SELECT 'ORGANIZATION', v.organization_id, v.id, v.recorded_at, NULL, NULL, v.country, NULL
       FROM organization_version v WHERE v.organization_id = ANY($2::bigint[]) AND v.recorded_at >= $3::timestamptz + interval '1 millisecond' AND v.recorded_at < $4::timestamptz + interval '1 millisecond'
       ORDER BY recorded_at, version_id`,
      [nodeIds, organizationIds, from, to],
    );
    return rows.map((r) => ({
      kind: r.kind,
      subjectId: String(r.subject_id),
      nodeIds: r.node_ids ?? [],
      versionId: String(r.version_id),
      recordedAt: r.recorded_at,
      publisherId: r.publisher_id === null ? null : String(r.publisher_id),
      license: r.license,
      country: r.country,
    }));
  }
}
