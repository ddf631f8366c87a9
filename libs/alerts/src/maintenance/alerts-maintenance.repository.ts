import { Injectable } from '@nestjs/common';
import { Db } from '@pedigree/database';
import { EventDraft } from '@pedigree/outbox';
import { DigestPeriod } from '../webhook.entity';

/** One key for the sweep: one instance at a time sends digests and waiver warnings. */
const SWEEP_LOCK = 7_021_147_115;

export interface DueDigest {
  subscriptionId: string;
  name: string;
  period: DigestPeriod;
  from: Date;
  to: Date;
}

export interface DigestSection {
  count: number;
  /** The first (oldest) few, as their events' subjects and payloads. */
  items: Record<string, unknown>[];
}

const SHOWN = 50;

@Injectable()
export class AlertsMaintenanceRepository {
  constructor(private readonly db: Db) {}

  async trySweepLock(): Promise<boolean> {
    return (await this.db.one<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1) AS ok`, [SWEEP_LOCK]))!.ok;
  }

  /** Active waivers expiring within `days`, as waiver.expiring drafts (the outbox keeps one per waiver). */
  async expiringWaivers(days: number): Promise<EventDraft[]> {
    const rows = await this.db.query<{
      id: string;
      policy_key: string;
      expires_at: Date;
      node_id: string | null;
      deployment_id: string | null;
      organization_id: string | null;
      justification: string;
      approver: string;
      granted_by: string;
    }>(
      `SELECT w.id, p.key AS policy_key, w.expires_at, w.node_id, w.deployment_id, w.organization_id, w.justification, w.approver, w.granted_by
       FROM policy_waiver w JOIN policy p ON p.id = w.policy_id
       WHERE w.expires_at > now() AND w.expires_at <= now() + make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM policy_waiver_revocation r WHERE r.waiver_id = w.id)
         AND NOT EXISTS (SELECT 1 FROM event_outbox o WHERE o.dedupe_key = 'waiver.expiring:' || w.id)
       ORDER BY w.expires_at, w.id LIMIT 1000`,
      [days],
    );
    return rows.map((w) => ({
      type: 'waiver.expiring',
      subject: { type: 'WAIVER', id: String(w.id), key: w.policy_key },
      payload: {
        waiverId: String(w.id),
        policy: w.policy_key,
        expiresAt: w.expires_at.toISOString(),
        covers: {
          nodeId: w.node_id && String(w.node_id),
          deploymentId: w.deployment_id && String(w.deployment_id),
          organizationId: w.organization_id && String(w.organization_id),
        },
        justification: w.justification,
        approver: w.approver,
        grantedBy: w.granted_by,
      },
      dedupeKey: `waiver.expiring:${w.id}`,
    }));
  }

  /** Subscriptions whose digest period has ended since their last digest. */
  async dueDigests(): Promise<DueDigest[]> {
    const rows = await this.db.query<{ id: string; name: string; digest: DigestPeriod; from: Date; to: Date }>(
      `SELECT s.id, s.name, s.digest, coalesce(s.last_digest_at, s.created_at) AS "from", now() AS "to"
       FROM webhook_subscription s
       WHERE s.enabled AND s.digest IS NOT NULL
         AND coalesce(s.last_digest_at, s.created_at) + CASE s.digest WHEN 'DAILY' THEN interval '1 day' ELSE interval '7 days' END <= now()
       ORDER BY s.id FOR UPDATE OF s SKIP LOCKED`,
    );
    return rows.map((r) => ({ subscriptionId: String(r.id), name: r.name, period: r.digest, from: r.from, to: r.to }));
  }

  /** Events of one type in [from, to): their count and the first few. */
  async section(type: string, from: Date, to: Date): Promise<DigestSection> {
    const [count, items] = await Promise.all([
      this.db.one<{ n: string }>(`SELECT count(*) AS n FROM event_outbox WHERE type = $1 AND occurred_at >= $2 AND occurred_at < $3`, [type, from, to]),
      this.db.query<{ subject: Record<string, unknown>; payload: Record<string, unknown>; occurred_at: Date }>(
        `SELECT subject, payload, occurred_at FROM event_outbox WHERE type = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY id LIMIT $4`,
        [type, from, to, SHOWN],
      ),
    ]);
    return { count: Number(count?.n ?? 0), items: items.map((i) => ({ at: i.occurred_at.toISOString(), subject: i.subject, data: i.payload })) };
  }

  /** Waivers active now that expire within `days`. */
  async waiversExpiringWithin(days: number): Promise<DigestSection> {
    const rows = await this.db.query<{ id: string; policy_key: string; expires_at: Date }>(
      `SELECT w.id, p.key AS policy_key, w.expires_at FROM policy_waiver w JOIN policy p ON p.id = w.policy_id
       WHERE w.expires_at > now() AND w.expires_at <= now() + make_interval(days => $1)
         AND NOT EXISTS (SELECT 1 FROM policy_waiver_revocation r WHERE r.waiver_id = w.id)
       ORDER BY w.expires_at, w.id`,
      [days],
    );
    return {
      count: rows.length,
      items: rows.slice(0, SHOWN).map((w) => ({ waiverId: String(w.id), policy: w.policy_key, expiresAt: w.expires_at.toISOString() })),
    };
  }

  async markDigestSent(subscriptionId: string, to: Date): Promise<void> {
    await this.db.query(`UPDATE webhook_subscription SET last_digest_at = $2 WHERE id = $1`, [subscriptionId, to]);
  }
}
