import { Injectable } from '@nestjs/common';
import { Page, PageRequest } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { PolicyEffect, PolicyMatch, PolicySeverity, ViolationRecord, ViolationStatus } from './policy.record';

interface ViolationRow {
  id: string;
  policy_id: string;
  key: string;
  policy_version: number;
  name: string;
  severity: PolicySeverity;
  effect: PolicyEffect;
  node_id: string | null;
  deployment_id: string | null;
  status: ViolationStatus;
  waiver_id: string | null;
  message: string;
  matches: PolicyMatch[];
  evaluation_error: string | null;
  first_seen_at: Date;
  last_evaluated_at: Date;
  resolved_at: Date | null;
}

/**
 * The status as of now: a waiver that expired or was revoked stops covering at that instant, so
 * reads never show WAIVED past the expiry, even before the worker has re-evaluated the subject.
 */
const STATUS = `CASE WHEN v.status = 'WAIVED' AND NOT EXISTS (
    SELECT 1 FROM policy_waiver w LEFT JOIN policy_waiver_revocation r ON r.waiver_id = w.id
    WHERE w.id = v.waiver_id AND r.id IS NULL AND w.expires_at > now()) THEN 'OPEN'::policy_violation_status ELSE v.status END`;

const SELECT = `v.id, v.policy_id, p.key, v.policy_version, pv.name, pv.severity, pv.effect, v.node_id, v.deployment_id, ${STATUS} AS status,
  v.waiver_id, v.message, v.matches, v.evaluation_error, v.first_seen_at, v.last_evaluated_at, v.resolved_at
  FROM policy_violation v JOIN policy p ON p.id = v.policy_id
  JOIN policy_version pv ON pv.policy_id = v.policy_id AND pv.version = v.policy_version`;

const id = (v: string | null) => (v === null ? null : String(v));
const toRecord = (r: ViolationRow): ViolationRecord => ({
  id: String(r.id),
  policyId: String(r.policy_id),
  policyKey: r.key,
  policyVersion: r.policy_version,
  policyName: r.name,
  severity: r.severity,
  effect: r.effect,
  nodeId: id(r.node_id),
  deploymentId: id(r.deployment_id),
  status: r.status,
  waiverId: id(r.waiver_id),
  message: r.message,
  matches: r.matches,
  evaluationError: r.evaluation_error,
  firstSeenAt: r.first_seen_at,
  lastEvaluatedAt: r.last_evaluated_at,
  resolvedAt: r.resolved_at,
});

export interface ViolationFilter {
  status?: ViolationStatus | null;
  policyKey?: string | null;
  severity?: PolicySeverity | null;
  nodeIds?: readonly string[] | null;
  deploymentIds?: readonly string[] | null;
}

/** A violation as the evaluation leaves it, ready to be written. */
export interface ViolationWrite {
  policyId: string;
  policyVersion: number;
  subjectKey: string;
  nodeId: string | null;
  deploymentId: string | null;
  status: ViolationStatus;
  waiverId: string | null;
  message: string;
  matches: PolicyMatch[];
  evaluationError: string | null;
  /** Set when the status moves: the event's from (null for a new violation) and reason. */
  event: { from: ViolationStatus | null; reason: string } | null;
}

export interface StoredViolation {
  id: string;
  policyId: string;
  policyVersion: number;
  subjectKey: string;
  status: ViolationStatus;
  waiverId: string | null;
}

const WHERE = `($1::policy_violation_status IS NULL OR ${STATUS} = $1) AND ($2::text IS NULL OR p.key = $2) AND ($3::policy_severity IS NULL OR pv.severity = $3)
  AND ($4::bigint[] IS NULL OR v.node_id = ANY($4)) AND ($5::bigint[] IS NULL OR v.deployment_id = ANY($5))`;

@Injectable()
export class ViolationRepository {
  constructor(private readonly db: Db) {}

  /** The stored violations of these subjects, locked until the caller's transaction ends. */
  async ofSubjects(subjectKeys: readonly string[]): Promise<StoredViolation[]> {
    if (!subjectKeys.length) return [];
    const rows = await this.db.prepared<{
      id: string;
      policy_id: string;
      policy_version: number;
      subject_key: string;
      status: ViolationStatus;
      waiver_id: string | null;
    }>(
      `SELECT id, policy_id, policy_version, subject_key, status, waiver_id FROM policy_violation WHERE subject_key = ANY($1::text[]) ORDER BY id FOR UPDATE`,
      [subjectKeys],
    );
    return rows.map((r) => ({
      id: String(r.id),
      policyId: String(r.policy_id),
      policyVersion: r.policy_version,
      subjectKey: r.subject_key,
      status: r.status,
      waiverId: id(r.waiver_id),
    }));
  }

  /** Upserts the violations and appends an event for each that changed status: two statements for any number. */
  async write(writes: readonly ViolationWrite[]): Promise<void> {
    if (!writes.length) return;
    const rows = await this.db.prepared<{ id: string; policy_id: string; subject_key: string }>(
      `INSERT INTO policy_violation(policy_id, policy_version, subject_key, node_id, deployment_id, status, waiver_id, message, matches, evaluation_error, resolved_at)
       SELECT w.policy_id, w.policy_version, w.subject_key, w.node_id, w.deployment_id, w.status, w.waiver_id, w.message, w.matches, w.evaluation_error,
         CASE WHEN w.status = 'RESOLVED' THEN now() END
       FROM jsonb_to_recordset($1::jsonb) AS w(policy_id bigint, policy_version int, subject_key text, node_id bigint, deployment_id bigint,
         status policy_violation_status, waiver_id bigint, message text, matches jsonb, evaluation_error text)
       ON CONFLICT (policy_id, subject_key) DO UPDATE SET
         policy_version = EXCLUDED.policy_version, status = EXCLUDED.status, waiver_id = EXCLUDED.waiver_id, message = EXCLUDED.message,
         matches = EXCLUDED.matches, evaluation_error = EXCLUDED.evaluation_error, last_evaluated_at = now(),
         resolved_at = CASE WHEN EXCLUDED.status = 'RESOLVED' THEN COALESCE(policy_violation.resolved_at, now()) END,
         first_seen_at = CASE WHEN policy_violation.status = 'RESOLVED' AND EXCLUDED.status <> 'RESOLVED' THEN now() ELSE policy_violation.first_seen_at END
       RETURNING id, policy_id, subject_key`,
      [
        JSON.stringify(
          writes.map((w) => ({
            policy_id: w.policyId,
            policy_version: w.policyVersion,
            subject_key: w.subjectKey,
            node_id: w.nodeId,
            deployment_id: w.deploymentId,
            status: w.status,
            waiver_id: w.waiverId,
            message: w.message,
            matches: w.matches,
            evaluation_error: w.evaluationError,
          })),
        ),
      ],
    );
    const ids = new Map(rows.map((r) => [`${r.policy_id}|${r.subject_key}`, String(r.id)]));
    const events = writes
      .filter((w) => w.event)
      .map((w) => ({ violation_id: ids.get(`${w.policyId}|${w.subjectKey}`), from_status: w.event!.from, to_status: w.status, reason: w.event!.reason }));
    if (!events.length) return;
    await this.db.prepared(
      `INSERT INTO policy_violation_event(violation_id, from_status, to_status, reason)
       SELECT e.violation_id, e.from_status, e.to_status, e.reason
       FROM jsonb_to_recordset($1::jsonb) AS e(violation_id bigint, from_status policy_violation_status, to_status policy_violation_status, reason text)`,
      [JSON.stringify(events)],
    );
  }

  async page(filter: ViolationFilter, page: PageRequest): Promise<Page<ViolationRecord>> {
    const p = [filter.status ?? null, filter.policyKey ?? null, filter.severity ?? null, filter.nodeIds ?? null, filter.deploymentIds ?? null];
    const [rows, count] = await Promise.all([
      this.db.query<ViolationRow>(`SELECT ${SELECT} WHERE ${WHERE} AND ($6::bigint IS NULL OR v.id > $6) ORDER BY v.id LIMIT $7`, [
        ...p,
        page.afterId,
        page.limit + 1,
      ]),
      this.db.one<{ n: string }>(
        `SELECT count(*) AS n FROM policy_violation v JOIN policy p ON p.id = v.policy_id JOIN policy_version pv ON pv.policy_id = v.policy_id AND pv.version = v.policy_version WHERE ${WHERE}`,
        p,
      ),
    ]);
    return { items: rows.slice(0, page.limit).map(toRecord), hasNextPage: rows.length > page.limit, totalCount: Number(count?.n ?? 0) };
  }

  /** Unresolved violations of many nodes or deployments at once (field resolvers batch through this). */
  async unresolvedOf(by: { nodeIds?: readonly string[]; deploymentIds?: readonly string[] }): Promise<ViolationRecord[]> {
    const rows = await this.db.query<ViolationRow>(
      `SELECT ${SELECT} WHERE v.status <> 'RESOLVED' AND (v.node_id = ANY($1::bigint[]) OR v.deployment_id = ANY($2::bigint[])) ORDER BY v.id`,
      [by.nodeIds ?? [], by.deploymentIds ?? []],
    );
    return rows.map(toRecord);
  }

  /** Events of violations, oldest first, after an event id: what the alerts outbox delivers. */
  async events(
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; violationId: string; from: ViolationStatus | null; to: ViolationStatus; reason: string; occurredAt: Date }[]> {
    const rows = await this.db.query<{
      id: string;
      violation_id: string;
      from_status: ViolationStatus | null;
      to_status: ViolationStatus;
      reason: string;
      occurred_at: Date;
    }>(
      `SELECT id, violation_id, from_status, to_status, reason, occurred_at FROM policy_violation_event WHERE ($1::bigint IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      violationId: String(r.violation_id),
      from: r.from_status,
      to: r.to_status,
      reason: r.reason,
      occurredAt: r.occurred_at,
    }));
  }

  /** Subjects whose WAIVED violations lost their waiver (expired or revoked): the worker re-evaluates them. */
  async lapsedWaiverSubjects(limit: number): Promise<{ subjectKey: string; nodeId: string | null; deploymentId: string | null }[]> {
    const rows = await this.db.query<{ subject_key: string; node_id: string | null; deployment_id: string | null }>(
      `SELECT DISTINCT v.subject_key, v.node_id, v.deployment_id FROM policy_violation v
       WHERE v.status = 'WAIVED' AND NOT EXISTS (
         SELECT 1 FROM policy_waiver w LEFT JOIN policy_waiver_revocation r ON r.waiver_id = w.id
         WHERE w.id = v.waiver_id AND r.id IS NULL AND w.expires_at > now())
       LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ subjectKey: r.subject_key, nodeId: id(r.node_id), deploymentId: id(r.deployment_id) }));
  }
}
