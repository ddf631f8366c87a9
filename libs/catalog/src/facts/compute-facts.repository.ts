import { Injectable } from '@nestjs/common';
import { recordedBy, TimeSlice } from '@pedigree/core';
import { Db, JoinedColumns } from '@pedigree/database';
import { TrainingRunEntity } from '../checkpoint/training-run.entity';
import { OrganizationEntity } from '../organization/organization.entity';
import { OrgRef } from './node-facts.repository';

/** Where one node's weights were trained: a checkpoint's run, or a run stated for a whole model. */
export interface ComputeFact {
  nodeId: string;
  trainingRunId: string;
  provider: OrgRef | null;
  /** The provider rolled up to its ultimate controlling owner, with that owner's country of origin. */
  vendor: OrgRef | null;
  /** Where it ran, as stated; null when the source does not say. */
  country: string | null;
  region: string | null;
}

type OrgColumns = Pick<OrganizationEntity, 'id' | 'slug' | 'name' | 'country'>;
interface ComputeRow
  extends Pick<TrainingRunEntity, 'id' | 'compute_country' | 'compute_region'>, JoinedColumns<'p_', OrgColumns>, JoinedColumns<'v_', OrgColumns> {
  node_id: string;
}

const org = (r: ComputeRow, p: 'p_' | 'v_'): OrgRef | null => {
  const id = r[`${p}id`];
  return id === null ? null : { id: String(id), slug: r[`${p}slug`]!, name: r[`${p}name`]!, country: r[`${p}country`] };
};

const SELECT = `SELECT COALESCE(t.checkpoint_id, t.model_id) AS node_id, t.id, t.compute_country, t.compute_region,
         p.id AS p_id, p.slug AS p_slug, p.name AS p_name, p.country AS p_country,
         v.id AS v_id, v.slug AS v_slug, v.name AS v_name, r.root_country AS v_country
       FROM training_run t
       LEFT JOIN organization p ON p.id = t.compute_provider_id
       LEFT JOIN organization_root r ON r.organization_id = p.id
       LEFT JOIN organization v ON v.id = r.root_id`;

/** SELECT for a past moment ($2, valid day $3): runs matching `where` recorded by then, the provider's country and controlling chain of then. */
const selectAt = (where: string) => `WITH t AS MATERIALIZED (
         SELECT * FROM training_run t
         WHERE ${where} AND t.created_at < $2::timestamptz + interval '1 millisecond'
       ),
       r AS (SELECT * FROM organization_root_at(ARRAY(SELECT DISTINCT compute_provider_id FROM t WHERE compute_provider_id IS NOT NULL), $2, $3)),
       oc AS (SELECT * FROM organization_country_at($2) WHERE organization_id IN (SELECT compute_provider_id FROM t))
       SELECT COALESCE(t.checkpoint_id, t.model_id) AS node_id, t.id, t.compute_country, t.compute_region,
         p.id AS p_id, p.slug AS p_slug, p.name AS p_name, oc.country AS p_country,
         v.id AS v_id, v.slug AS v_slug, v.name AS v_name, r.root_country AS v_country
       FROM t
       LEFT JOIN organization p ON p.id = t.compute_provider_id
       LEFT JOIN oc ON oc.organization_id = p.id
       LEFT JOIN r ON r.organization_id = p.id
       LEFT JOIN organization v ON v.id = r.root_id
       ORDER BY t.id`;
const COMPUTE_OF_AT = selectAt(
  '(t.checkpoint_id = ANY($1::bigint[]) OR t.model_id = ANY($1::bigint[])) AND (t.compute_provider_id IS NOT NULL OR t.compute_country IS NOT NULL)',
);

/** Compute facts for the exposure and impact rollups, each question in one statement. */
@Injectable()
export class ComputeFactsRepository {
  constructor(private readonly db: Db) {}

  /** Runs that say something about compute (a provider or a country) for the given checkpoints and models; at `at` when given. */
  async computeOf(nodeIds: readonly string[], at?: TimeSlice | null): Promise<ComputeFact[]> {
    if (!nodeIds.length) return [];
    if (at) return (await this.db.prepared<ComputeRow>(COMPUTE_OF_AT, [nodeIds, recordedBy(at), at.validOn])).map(toFact);
    const rows = await this.db.prepared<ComputeRow>(
      `${SELECT}
       WHERE (t.checkpoint_id = ANY($1::bigint[]) OR t.model_id = ANY($1::bigint[]))
         AND (t.compute_provider_id IS NOT NULL OR t.compute_country IS NOT NULL)
       ORDER BY t.id`,
      [nodeIds],
    );
    return rows.map(toFact);
  }

  /** Checkpoints and models trained on the compute of the organization or one it controls; at `at` when given (runs and control of then). */
  async trainedBy(organizationId: string, at: TimeSlice | null = null): Promise<ComputeFact[]> {
    const rows = at
      ? await this.db.query<ComputeRow>(selectAt('t.compute_provider_id IN (SELECT organization_subtree_at($1::bigint, $2, $3))'), [
          organizationId,
          recordedBy(at),
          at.validOn,
        ])
      : await this.db.query<ComputeRow>(`${SELECT} WHERE t.compute_provider_id IN (SELECT organization_subtree($1::bigint)) ORDER BY t.id`, [organizationId]);
    return rows.map(toFact);
  }

  /** Checkpoints and models trained in the country; at `at` when given (runs recorded by then). */
  async trainedIn(country: string, at: TimeSlice | null = null): Promise<ComputeFact[]> {
    const rows = at
      ? await this.db.query<ComputeRow>(selectAt('t.compute_country = $1'), [country, recordedBy(at), at.validOn])
      : await this.db.query<ComputeRow>(`${SELECT} WHERE t.compute_country = $1 ORDER BY t.id`, [country]);
    return rows.map(toFact);
  }
}

function toFact(r: ComputeRow): ComputeFact {
  return {
    nodeId: String(r.node_id),
    trainingRunId: String(r.id),
    provider: org(r, 'p_'),
    vendor: org(r, 'v_'),
    country: r.compute_country,
    region: r.compute_region,
  };
}
