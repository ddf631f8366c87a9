import { Injectable } from '@nestjs/common';
import { AuditCause, AuditCauseRepository, AuditedClaim } from '@pedigree/audit';
import { FactHistoryRepository, FactVersion, OwnershipService, StakeChange } from '@pedigree/catalog';
import { invalidInput, timeSlice } from '@pedigree/core';
import { LineageEdgeRecord, LineageEdgeRepository, NodeRef } from '@pedigree/lineage';
import { ExposureService } from '../model-exposure/exposure.service';
import { ClaimChange, ClaimKind, DiffEntry, diffExposure, exposureItems } from './exposure-diff.rules';

export interface DiffCause extends ClaimChange {
  auditEvent: AuditCause | null;
}

export interface ExposureDiffView {
  subjectId: string;
  from: Date;
  to: Date;
  validAt: string | null;
  changes: (Omit<DiffEntry, 'causes'> & { causes: DiffCause[] })[];
}

/** The mutations that write each kind of claim, and so may have recorded it. */
const WRITTEN_BY: Record<ClaimKind, readonly string[]> = {
  [ClaimKind.EDGE_ASSERTED]: ['assertLineage', 'registerModel', 'registerDataset', 'registerCheckpoint'],
  [ClaimKind.EDGE_RETRACTED]: ['retractLineage'],
  // A parent given at registration is a stake its organization's registration recorded.
  [ClaimKind.STAKE_RECORDED]: ['recordOwnershipStake', 'registerOrganization'],
  [ClaimKind.STAKE_RETRACTED]: ['retractOwnershipStake'],
  [ClaimKind.MODEL_FACTS]: ['registerModel'],
  [ClaimKind.DATASET_FACTS]: ['registerDataset'],
  [ClaimKind.ORGANIZATION_FACTS]: ['registerOrganization'],
};

/**
 * What changed in a subject's exposure between two moments: both exposures as recorded then,
 * compared per aspect; then the claims recorded in between around what they rest on (edges on
 * their paths, stakes and fact versions of their nodes and organizations), and the audit event of
 * each. A fixed number of statements: two exposures, edges, stakes ∥ versions, audit events.
 */
@Injectable()
export class ExposureDiffService {
  constructor(
    private readonly exposure: ExposureService,
    private readonly edges: LineageEdgeRepository,
    private readonly ownership: OwnershipService,
    private readonly history: FactHistoryRepository,
    private readonly audit: AuditCauseRepository,
  ) {}

  /** `validAt`: one real-world day for the stakes at both moments; by default each moment's own day. */
  async diff(of: NodeRef, fromArg: Date, toArg?: Date | null, validAt?: string | null): Promise<ExposureDiffView> {
    const now = new Date();
    const from = timeSlice(fromArg, validAt, now, 'from')!;
    const to = timeSlice(toArg ?? now, validAt, now, 'to')!;
    if (from.recordedAt! >= to.recordedAt!) {
      throw invalidInput('from', `${from.recordedAt!.toISOString()} is not before \`to\` (${to.recordedAt!.toISOString()})`, 'a moment before `to`');
    }
    // A subject registered after `from` had no exposure then: everything it has appeared since.
    const [then, after] = await Promise.all([
      this.exposure.withFactsIfRegistered(of, null, null, from, 'from'),
      this.exposure.withFacts(of, null, null, to, 'to'),
    ]);
    const before = then.view ? then : { view: null, nodes: new Map(), edges: [] };
    const [was, is] = [before.view ? exposureItems(before.view, before.nodes) : [], exposureItems(after.view, after.nodes)];
    const [t0, t1] = [from.recordedAt!, to.recordedAt!];

    // The edges items rest on: their paths, and for a license (no path) the walks' edges into its holders.
    const holders = new Set([...was, ...is].filter((i) => !i.edgeIds.length).flatMap((i) => i.nodeIds));
    const edgeIds = new Set([...was, ...is].flatMap((i) => i.edgeIds));
    for (const e of [...before.edges, ...after.edges]) if (holders.has(e.sourceId)) edgeIds.add(e.id);
    const nodeIds = new Set([...before.nodes.keys(), ...after.nodes.keys()]);
    const orgIds = new Set([...was, ...is].flatMap((i) => i.organizationIds));
    const [records, stakes, versions] = await Promise.all([
      this.edges.findByIds([...edgeIds]),
      this.ownership.changesBetween([...orgIds], t0, t1, validAt ? from.validOn : null),
      this.history.versionsBetween([...nodeIds], [...orgIds], t0, t1),
    ]);
    const claims = [...edgeClaims(records, t0, t1), ...stakes.map(stakeClaim), ...versions.map(versionClaim)];
    const changes = diffExposure(was, is, claims);
    const cited = [...new Set(changes.flatMap((c) => c.causes))];
    const events = await this.audit.causes(cited.map(audited));
    const eventOf = new Map(cited.map((c, i) => [c, events[i]]));
    return {
      subjectId: after.subjectId,
      from: t0,
      to: t1,
      validAt: validAt ? from.validOn : null,
      changes: changes.map((c) => ({ ...c, causes: c.causes.map((cause) => ({ ...cause, auditEvent: eventOf.get(cause) ?? null })) })),
    };
  }
}

const within = (t: Date | null | undefined, from: Date, to: Date) => !!t && t > from && t <= to;

function edgeClaims(records: readonly LineageEdgeRecord[], from: Date, to: Date): ClaimChange[] {
  const out: ClaimChange[] = [];
  for (const e of records) {
    const edge = { id: e.id, derivedId: e.derivedId, sourceId: e.sourceId };
    if (within(e.recordedAt, from, to)) out.push({ kind: ClaimKind.EDGE_ASSERTED, claimId: e.id, recordedAt: e.recordedAt, edge });
    if (within(e.retraction?.recordedAt, from, to)) out.push({ kind: ClaimKind.EDGE_RETRACTED, claimId: e.id, recordedAt: e.retraction!.recordedAt, edge });
  }
  return out;
}

const stakeClaim = (s: StakeChange): ClaimChange => ({
  kind: s.change === 'RECORDED' ? ClaimKind.STAKE_RECORDED : ClaimKind.STAKE_RETRACTED,
  claimId: s.stakeId,
  recordedAt: s.recordedAt,
  organizationIds: [s.ownerId, s.ownedId],
});

const VERSION_KIND = { MODEL: ClaimKind.MODEL_FACTS, DATASET: ClaimKind.DATASET_FACTS, ORGANIZATION: ClaimKind.ORGANIZATION_FACTS } as const;
const versionClaim = (v: FactVersion): ClaimChange => ({
  kind: VERSION_KIND[v.kind],
  claimId: v.versionId,
  recordedAt: v.recordedAt,
  nodeIds: v.nodeIds,
  organizationIds: v.kind === 'ORGANIZATION' ? [v.subjectId] : [],
  subjectId: v.subjectId,
});

/** The ids a claim's mutation touched: the edge or stake itself, a stake's owned organization (registration with a parent), or the record whose facts changed. */
function audited(c: ClaimChange): AuditedClaim {
  const ids = c.edge ? [c.edge.id] : c.subjectId ? [c.subjectId] : [c.claimId, ...(c.organizationIds?.slice(1) ?? [])];
  return { touchedIds: ids, operations: WRITTEN_BY[c.kind], recordedAt: c.recordedAt };
}
