import { RecordedEvidenceColumns } from '@pedigree/lineage/entities';
import { Injectable } from '@nestjs/common';
import { Evidence, EvidenceOrigin, recordedBy, TimeSlice } from '@pedigree/core';
import { Db, JoinedColumns } from '@pedigree/database';
import { OrganizationRootEntity } from '../organization/organization-root.entity';
import { OrganizationEntity } from '../organization/organization.entity';
import { OwnershipOrgRef, OwnershipStakeRecord } from './ownership.record';
import { OwnershipStakeEntity } from './ownership-stake.entity';
import { OWNERSHIP_MAX_DEPTH, StakeEdge, StakeWindow } from './ownership.rules';

type EvidenceRow = Pick<
  RecordedEvidenceColumns,
  'origin' | 'justification' | 'document_ref' | 'collector' | 'observed_at' | 'confidence' | 'recorded_at' | 'recorded_by'
>;
type StakeRow = Pick<OwnershipStakeEntity, 'id' | 'owner_id' | 'owned_id' | 'percentage' | 'valid_from' | 'valid_to'> &
  EvidenceRow &
  JoinedColumns<'r_', EvidenceRow>;

const EVIDENCE_COLUMNS = ['origin', 'justification', 'document_ref', 'collector', 'observed_at', 'confidence', 'recorded_at', 'recorded_by'] as const;
const STAKE_SELECT = `s.id, s.owner_id, s.owned_id, s.percentage, s.valid_from::text AS valid_from, s.valid_to::text AS valid_to,
  ${EVIDENCE_COLUMNS.map((c) => `s.${c}`).join(', ')}, ${EVIDENCE_COLUMNS.map((c) => `r.${c} AS r_${c}`).join(', ')}`;
const STAKE_FROM = `ownership_stake s LEFT JOIN ownership_retraction r ON r.stake_id = s.id`;

const evidenceOf = (r: { [K in keyof EvidenceRow]: EvidenceRow[K] | null }): Evidence => ({
  origin: r.origin as EvidenceOrigin,
  justification: r.justification!,
  documentRef: r.document_ref,
  collector: r.collector,
  observedAt: r.observed_at!,
  confidence: Number(r.confidence),
});

const toRecord = (r: StakeRow): OwnershipStakeRecord => ({
  id: String(r.id),
  ownerId: String(r.owner_id),
  ownedId: String(r.owned_id),
  percentage: Number(r.percentage),
  validFrom: r.valid_from,
  validTo: r.valid_to,
  evidence: evidenceOf(r),
  recordedAt: r.recorded_at,
  recordedBy: r.recorded_by,
  retraction:
    r.r_origin === null
      ? null
      : {
          evidence: evidenceOf({
            ...r,
            origin: r.r_origin,
            justification: r.r_justification,
            document_ref: r.r_document_ref,
            collector: r.r_collector,
            observed_at: r.r_observed_at,
            confidence: r.r_confidence,
          }),
          recordedAt: r.r_recorded_at!,
          recordedBy: r.r_recorded_by!,
        },
});

export interface StakeChange {
  change: 'RECORDED' | 'RETRACTED';
  stakeId: string;
  ownerId: string;
  ownedId: string;
  recordedAt: Date;
}

export interface NewStake extends StakeWindow {
  ownerId: string;
  ownedId: string;
  evidence: Evidence;
  recordedBy: string;
}

type OrgWithRootRow = Pick<OrganizationEntity, 'id' | 'slug' | 'name'> &
  Pick<OrganizationRootEntity, 'root_country'> & { v_id: string; v_slug: string; v_name: string; v_country: string | null };

/**
 * Ownership stakes: the append-only claims, the row lock that serializes writers of one owned
 * organization, and the upward walks (controlling chains, simple paths), each one statement.
 */
@Injectable()
export class OwnershipRepository {
  constructor(private readonly db: Db) {}

  /**
   * Taken before the 100 % check, held to commit: two writers of stakes in one organization take
   * turns, so neither misses the other's stake. NO KEY UPDATE, not UPDATE: it leaves alone the
   * KEY SHARE locks that foreign-key checks take (a stake held BY this organization, written
   * meanwhile by a transaction already holding the organization_root refresh lock).
   */
  async lockOwned(organizationId: string): Promise<void> {
    await this.db.query(`SELECT id FROM organization WHERE id = $1 FOR NO KEY UPDATE`, [organizationId]);
  }

  /** The windows of every unretracted stake in the organization, whenever they hold: the ceiling is checked over time. */
  async unretractedWindows(ownedId: string): Promise<StakeWindow[]> {
    const rows = await this.db.query<Pick<OwnershipStakeEntity, 'percentage' | 'valid_from' | 'valid_to'>>(
      `SELECT s.percentage, s.valid_from::text AS valid_from, s.valid_to::text AS valid_to FROM ownership_stake s
       WHERE s.owned_id = $1 AND NOT EXISTS (SELECT 1 FROM ownership_retraction r WHERE r.stake_id = s.id)`,
      [ownedId],
    );
    return rows.map((r) => ({ percentage: Number(r.percentage), validFrom: r.valid_from, validTo: r.valid_to }));
  }

  async insert(s: NewStake): Promise<string> {
    const e = s.evidence;
    const row = await this.db.one<Pick<OwnershipStakeEntity, 'id'>>(
      `INSERT INTO ownership_stake(owner_id, owned_id, percentage, valid_from, valid_to, origin, justification, document_ref, collector, observed_at, confidence, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        s.ownerId,
        s.ownedId,
        s.percentage,
        s.validFrom,
        s.validTo,
        e.origin,
        e.justification,
        e.documentRef,
        e.collector,
        e.observedAt,
        e.confidence,
        s.recordedBy,
      ],
    );
    return String(row!.id);
  }

  /** False when the stake was already retracted (the unique stake_id keeps one retraction per stake). */
  async retract(stakeId: string, e: Evidence, recordedBy: string): Promise<boolean> {
    const row = await this.db.one<{ id: string }>(
      `INSERT INTO ownership_retraction(stake_id, origin, justification, document_ref, collector, observed_at, confidence, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (stake_id) DO NOTHING RETURNING id`,
      [stakeId, e.origin, e.justification, e.documentRef, e.collector, e.observedAt, e.confidence, recordedBy],
    );
    return row !== null;
  }

  async findByIds(ids: readonly string[]): Promise<OwnershipStakeRecord[]> {
    return (await this.db.query<StakeRow>(`SELECT ${STAKE_SELECT} FROM ${STAKE_FROM} WHERE s.id = ANY($1::bigint[])`, [ids])).map(toRecord);
  }

  /** Organizations in which some stake holds today; at `at` when given (ownership_stake_at). */
  async ownedOrganizationIds(at: TimeSlice | null = null): Promise<string[]> {
    const rows = at
      ? await this.db.query<{ owned_id: string }>(`SELECT DISTINCT owned_id FROM ownership_stake_at($1, $2) ORDER BY owned_id`, [recordedBy(at), at.validOn])
      : await this.db.query<{ owned_id: string }>(`SELECT DISTINCT owned_id FROM active_ownership_stake ORDER BY owned_id`);
    return rows.map((r) => String(r.owned_id));
  }

  /** The stakes that hold today in each organization, largest first. */
  async activeByOwned(ownedIds: readonly string[]): Promise<OwnershipStakeRecord[]> {
    const rows = await this.db.query<StakeRow>(
      `SELECT ${STAKE_SELECT} FROM active_ownership_stake a JOIN ${STAKE_FROM} ON s.id = a.id
       WHERE a.owned_id = ANY($1::bigint[]) ORDER BY s.percentage DESC, s.id`,
      [ownedIds],
    );
    return rows.map(toRecord);
  }

  /** Each organization's controlling owners, nearest first; the path array ends a cycle of control. */
  async controllingChains(ids: readonly string[]): Promise<{ organizationId: string; ownerId: string }[]> {
    const rows = await this.db.prepared<{ organization_id: string; owner_id: string }>(
      `WITH RECURSIVE chain(organization_id, owner_id, depth, path) AS (
         SELECT c.owned_id, c.owner_id, 1, ARRAY[c.owned_id, c.owner_id] FROM controlling_stake c WHERE c.owned_id = ANY($1::bigint[])
         UNION ALL
         SELECT ch.organization_id, c.owner_id, ch.depth + 1, ch.path || c.owner_id
         FROM chain ch JOIN controlling_stake c ON c.owned_id = ch.owner_id WHERE c.owner_id <> ALL(ch.path)
       )
       SELECT organization_id, owner_id FROM chain ORDER BY organization_id, depth`,
      [ids],
    );
    return rows.map((r) => ({ organizationId: String(r.organization_id), ownerId: String(r.owner_id) }));
  }

  /**
   * Every simple path of active stakes upwards from each organization (no organization twice),
   * as stakes in order. One statement whatever the number of organizations. At `at` when given:
   * the stakes recorded and not retracted by then, valid on its day.
   */
  async simplePathsUp(ids: readonly string[], at?: TimeSlice | null): Promise<{ organizationId: string; path: StakeEdge[] }[]> {
    const stakes = at ? 'ownership_stake_at($3, $4)' : 'active_ownership_stake';
    const rows = await this.db.prepared<{ target_id: string; stake_ids: string[]; owner_ids: string[]; owned_ids: string[]; percentages: number[] }>(
      `WITH RECURSIVE holders(target_id, owner_id, stake_ids, owner_ids, owned_ids, percentages, path) AS (
         SELECT s.owned_id, s.owner_id, ARRAY[s.id], ARRAY[s.owner_id], ARRAY[s.owned_id], ARRAY[s.percentage], ARRAY[s.owned_id, s.owner_id]
         FROM ${stakes} s WHERE s.owned_id = ANY($1::bigint[])
         UNION ALL
         SELECT u.target_id, s.owner_id, u.stake_ids || s.id, u.owner_ids || s.owner_id, u.owned_ids || s.owned_id, u.percentages || s.percentage, u.path || s.owner_id
         FROM holders u JOIN ${stakes} s ON s.owned_id = u.owner_id
         WHERE s.owner_id <> ALL(u.path) AND cardinality(u.stake_ids) < $2
       )
       SELECT target_id, stake_ids::text[] AS stake_ids, owner_ids::text[] AS owner_ids, owned_ids::text[] AS owned_ids, percentages FROM holders`,
      at ? [ids, OWNERSHIP_MAX_DEPTH, at.recordedAt ?? 'infinity', at.validOn] : [ids, OWNERSHIP_MAX_DEPTH],
    );
    return rows.map((r) => ({
      organizationId: String(r.target_id),
      path: r.stake_ids.map((id, i) => ({ id, ownerId: r.owner_ids[i], ownedId: r.owned_ids[i], percentage: Number(r.percentages[i]) })),
    }));
  }

  /** Organizations with their country of origin and their vendor (ultimate controlling owner), as exposure reports them; at `at` when given. */
  async withVendors(ids: readonly string[], at?: TimeSlice | null): Promise<Map<string, { org: OwnershipOrgRef; vendor: OwnershipOrgRef }>> {
    const roots = at ? 'organization_root_at($1::bigint[], $2, $3)' : 'organization_root';
    const rows = await this.db.prepared<OrgWithRootRow>(
      `SELECT o.id, o.slug, o.name, r.root_country, v.id AS v_id, v.slug AS v_slug, v.name AS v_name, r.root_country AS v_country
       FROM organization o JOIN ${roots} r ON r.organization_id = o.id JOIN organization v ON v.id = r.root_id
       WHERE o.id = ANY($1::bigint[])`,
      at ? [ids, at.recordedAt ?? 'infinity', at.validOn] : [ids],
    );
    return new Map(
      rows.map((r) => [
        String(r.id),
        {
          org: { id: String(r.id), slug: r.slug, name: r.name, country: r.root_country },
          vendor: { id: String(r.v_id), slug: r.v_slug, name: r.v_name, country: r.v_country },
        },
      ]),
    );
  }

  /** Stakes recorded, and stakes retracted, in (from, to] where one of the organizations owns or is owned. */
  /** `validOn`: only stakes that hold on that real-world day (validFrom/validTo), when given. */
  async changesBetween(organizationIds: readonly string[], from: Date, to: Date, validOn: string | null = null): Promise<StakeChange[]> {
    const rows = await this.db.query<{ change: StakeChange['change']; id: string; owner_id: string; owned_id: string; recorded_at: Date }>(
      `SELECT 'RECORDED' AS change, s.id, s.owner_id, s.owned_id, s.recorded_at FROM ownership_stake s
       WHERE (s.owner_id = ANY($1::bigint[]) OR s.owned_id = ANY($1::bigint[])) AND s.recorded_at >= $2::timestamptz + interval '1 millisecond' AND s.recorded_at < $3::timestamptz + interval '1 millisecond'
         AND ($4::date IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= $4::date) AND (s.valid_to IS NULL OR s.valid_to > $4::date)))
       UNION ALL
       SELECT 'RETRACTED', s.id, s.owner_id, s.owned_id, r.recorded_at FROM ownership_retraction r JOIN ownership_stake s ON s.id = r.stake_id
       WHERE (s.owner_id = ANY($1::bigint[]) OR s.owned_id = ANY($1::bigint[])) AND r.recorded_at >= $2::timestamptz + interval '1 millisecond' AND r.recorded_at < $3::timestamptz + interval '1 millisecond'
         AND ($4::date IS NULL OR ((s.valid_from IS NULL OR s.valid_from <= $4::date) AND (s.valid_to IS NULL OR s.valid_to > $4::date)))
       ORDER BY recorded_at, id`,
      [organizationIds, from, to, validOn],
    );
    return rows.map((r) => ({ change: r.change, stakeId: String(r.id), ownerId: String(r.owner_id), ownedId: String(r.owned_id), recordedAt: r.recorded_at }));
  }

  /** Organizations the given one controls, directly or through others, itself included (organization_subtree). */
  async subtree(organizationId: string): Promise<string[]> {
    return (await this.db.query<{ id: string }>(`SELECT organization_subtree($1::bigint) AS id`, [organizationId])).map((r) => String(r.id));
  }

  async boundaryPassed(): Promise<boolean> {
    return (await this.db.one<{ passed: boolean }>(`SELECT ownership_boundary_passed() AS passed`))!.passed;
  }

  async refreshRoots(): Promise<void> {
    await this.db.query(`SELECT refresh_organization_root_now()`);
  }
}
