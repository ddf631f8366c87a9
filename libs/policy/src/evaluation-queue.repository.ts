import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';

export interface QueuedChange {
  id: string;
  reason: string;
  nodeIds: string[];
  organizationIds: string[];
  deploymentIds: string[];
  policyId: string | null;
}

export interface EvaluationTask {
  subjectKey: string;
  nodeId: string | null;
  deploymentId: string | null;
  reason: string;
}

/**
 * The re-evaluation outbox. Rows are claimed with FOR UPDATE SKIP LOCKED inside the caller's
 * transaction and deleted in it: a crash rolls the claim back, and another instance never sees a
 * row one instance holds, so each change is expanded once and each task evaluated once.
 */
@Injectable()
export class EvaluationQueueRepository {
  constructor(private readonly db: Db) {}

  async claimChange(): Promise<QueuedChange | null> {
    const r = await this.db.one<{
      id: string;
      reason: string;
      node_ids: string[];
      organization_ids: string[];
      deployment_ids: string[];
      policy_id: string | null;
    }>(
      // Wrapped in a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
      `WITH claimed AS (
         DELETE FROM policy_reevaluation WHERE id = (SELECT id FROM policy_reevaluation ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING id, reason, node_ids::text[] AS node_ids, organization_ids::text[] AS organization_ids, deployment_ids::text[] AS deployment_ids, policy_id)
       SELECT * FROM claimed`,
    );
    if (!r) return null;
    return {
      id: String(r.id),
      reason: r.reason,
      nodeIds: r.node_ids,
      organizationIds: r.organization_ids,
      deploymentIds: r.deployment_ids,
      policyId: r.policy_id && String(r.policy_id),
    };
  }

  /** Queues subjects; one already waiting is not queued twice. */
  async addTasks(nodeIds: readonly string[], deploymentIds: readonly string[], reason: string): Promise<number> {
    const rows = await this.db.query<{ n: string }>(
      `WITH added AS (
         INSERT INTO policy_evaluation_task(subject_key, node_id, deployment_id, reason)
         SELECT 'node:' || id, id, NULL, $3 FROM unnest($1::bigint[]) AS id
         UNION ALL
         SELECT 'deployment:' || id, NULL, id, $3 FROM unnest($2::bigint[]) AS id
         ON CONFLICT (subject_key) DO NOTHING RETURNING 1)
       SELECT count(*) AS n FROM added`,
      [nodeIds, deploymentIds, reason],
    );
    return Number(rows[0]?.n ?? 0);
  }

  async claimTasks(limit: number): Promise<EvaluationTask[]> {
    const rows = await this.db.query<{ subject_key: string; node_id: string | null; deployment_id: string | null; reason: string }>(
      `WITH claimed AS (
         DELETE FROM policy_evaluation_task WHERE subject_key IN (
           SELECT subject_key FROM policy_evaluation_task ORDER BY queued_at, subject_key LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING subject_key, node_id, deployment_id, reason)
       SELECT * FROM claimed`,
      [limit],
    );
    return rows.map((r) => ({
      subjectKey: r.subject_key,
      nodeId: r.node_id && String(r.node_id),
      deploymentId: r.deployment_id && String(r.deployment_id),
      reason: r.reason,
    }));
  }

  async pending(): Promise<{ changes: number; tasks: number }> {
    const r = await this.db.one<{ changes: string; tasks: string }>(
      `SELECT (SELECT count(*) FROM policy_reevaluation) AS changes, (SELECT count(*) FROM policy_evaluation_task) AS tasks`,
    );
    return { changes: Number(r!.changes), tasks: Number(r!.tasks) };
  }

  /** Every node of the given kinds and every deployment: the subjects a new policy version may concern. */
  async allSubjects(nodeKinds: readonly string[], withDeployments: boolean): Promise<{ nodeIds: string[]; deploymentIds: string[] }> {
    const [nodes, deployments] = await Promise.all([
      this.db.query<{ id: string }>(`SELECT id FROM lineage_node WHERE kind::text = ANY($1::text[]) ORDER BY id`, [nodeKinds]),
      withDeployments ? this.db.query<{ id: string }>(`SELECT id FROM deployment ORDER BY id`) : Promise.resolve([]),
    ]);
    return { nodeIds: nodes.map((r) => String(r.id)), deploymentIds: deployments.map((r) => String(r.id)) };
  }

  /**
   * Nodes published by these organizations (or ones they control), the checkpoints of those models
   * (a waiver on the organization covers them, and their facts name the publisher), nodes trained on
   * their compute, and deployments they own or serve.
   */
  async ofOrganizations(organizationIds: readonly string[]): Promise<{ nodeIds: string[]; deploymentIds: string[] }> {
    const [nodes, deployments] = await Promise.all([
      this.db.query<{ id: string }>(
        `WITH orgs AS (SELECT DISTINCT organization_subtree(o) AS id FROM unnest($1::bigint[]) AS o),
         models AS (SELECT id FROM model WHERE publisher_id IN (SELECT id FROM orgs))
         SELECT id FROM models
         UNION SELECT c.id FROM checkpoint c WHERE c.model_id IN (SELECT id FROM models)
         UNION SELECT id FROM dataset WHERE publisher_id IN (SELECT id FROM orgs)
         UNION SELECT coalesce(t.checkpoint_id, t.model_id) FROM training_run t WHERE t.compute_provider_id IN (SELECT id FROM orgs)`,
        [organizationIds],
      ),
      this.db.query<{ id: string }>(
        `WITH orgs AS (SELECT DISTINCT organization_subtree(o) AS id FROM unnest($1::bigint[]) AS o)
         SELECT id FROM deployment WHERE owner_id IN (SELECT id FROM orgs) OR inference_provider_id IN (SELECT id FROM orgs)`,
        [organizationIds],
      ),
    ]);
    return { nodeIds: nodes.map((r) => String(r.id)), deploymentIds: deployments.map((r) => String(r.id)) };
  }

  /** The checkpoints of these models (none for a node that is not a model): a waiver on a model covers them. */
  async checkpointsOf(modelIds: readonly string[]): Promise<string[]> {
    if (!modelIds.length) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM checkpoint WHERE model_id = ANY($1::bigint[]) ORDER BY id`, [modelIds]);
    return rows.map((r) => String(r.id));
  }

  /** Deployments that run any of these nodes. */
  async deploymentsRunning(nodeIds: readonly string[]): Promise<string[]> {
    if (!nodeIds.length) return [];
    const rows = await this.db.query<{ id: string }>(`SELECT id FROM deployment WHERE node_id = ANY($1::bigint[])`, [nodeIds]);
    return rows.map((r) => String(r.id));
  }

  /** The deployment's name, for loading it as a subject. */
  async deploymentNames(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.db.query<{ id: string; name: string }>(`SELECT id, name FROM deployment WHERE id = ANY($1::bigint[])`, [ids]);
    return new Map(rows.map((r) => [String(r.id), r.name]));
  }
}
