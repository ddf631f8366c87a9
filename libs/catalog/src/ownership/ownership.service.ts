import { Injectable } from '@nestjs/common';
import { AuditRecorder } from '@pedigree/audit';
import { assertRegistryId, conflict, EvidenceDraft, normalizeEvidence, notFound, requestContext, TimeSlice, validDate } from '@pedigree/core';
import { Db } from '@pedigree/database';
import { OrganizationService } from '../organization/organization.service';
import { EffectiveOwner, OwnershipStakeRecord } from './ownership.record';
import { OwnershipRepository, StakeChange } from './ownership.repository';
import { atLeast, EffectiveHolding, sumPaths, StakeEdge } from './ownership.rules';
import { OwnershipWriter } from './ownership-writer.service';

export interface RecordOwnershipStakeCommand {
  owner: string;
  owned: string;
  percentage: number;
  validFrom?: string | null;
  validTo?: string | null;
  evidence: EvidenceDraft;
  recordedBy?: string | null;
}

/** Who owns whom: stakes and their retractions, controlling chains and effective (look-through) ownership. */
@Injectable()
export class OwnershipService {
  constructor(
    private readonly db: Db,
    private readonly orgs: OrganizationService,
    private readonly stakes: OwnershipRepository,
    private readonly writer: OwnershipWriter,
    private readonly audit: AuditRecorder,
  ) {}

  /** Records a stake with its audit event, all or nothing. */
  async record(input: RecordOwnershipStakeCommand): Promise<OwnershipStakeRecord> {
    const validFrom = validDate(input.validFrom, 'input.validFrom');
    const validTo = validDate(input.validTo, 'input.validTo');
    const evidence = normalizeEvidence(input.evidence, 'input.evidence');
    const recordedBy = input.recordedBy?.trim() || requestContext.principal().actor;
    const id = await this.db.transaction(async () => {
      const owner = await this.orgs.require(input.owner, 'input.owner');
      const owned = await this.orgs.require(input.owned, 'input.owned');
      const stakeId = await this.writer.add({ owner, owned, percentage: input.percentage, validFrom, validTo, evidence, recordedBy });
      await this.audit.record('recordOwnershipStake', input, [stakeId, owner.id, owned.id]);
      return stakeId;
    });
    return (await this.stakes.findByIds([id]))[0];
  }

  /** Withdraws a stake by a retraction record with its own evidence; the stake itself stays. */
  async retract(stakeId: string, evidenceDraft: EvidenceDraft, recordedBy?: string | null): Promise<OwnershipStakeRecord> {
    assertRegistryId(stakeId, 'input.stakeId', 'stake id');
    const evidence = normalizeEvidence(evidenceDraft, 'input.evidence');
    await this.db.transaction(async () => {
      const [stake] = await this.stakes.findByIds([stakeId]);
      if (!stake) throw notFound('Ownership stake', stakeId, 'input.stakeId');
      // The same turn-taking as recording, so a concurrent ceiling check sees the retraction or waits for it.
      await this.stakes.lockOwned(stake.ownedId);
      if (!(await this.stakes.retract(stakeId, evidence, recordedBy?.trim() || requestContext.principal().actor))) {
        throw conflict(`input.stakeId: stake ${stakeId} is already retracted.`, ['input.stakeId']);
      }
      await this.audit.record('retractOwnershipStake', { stakeId, evidence: evidenceDraft, recordedBy }, [stakeId]);
    });
    return (await this.stakes.findByIds([stakeId]))[0];
  }

  /** For exposureDiff: stakes recorded or retracted in (from, to] around the given organizations. */
  changesBetween(organizationIds: readonly string[], from: Date, to: Date, validOn: string | null = null): Promise<StakeChange[]> {
    return organizationIds.length ? this.stakes.changesBetween(organizationIds, from, to, validOn) : Promise.resolve([]);
  }

  findByIds(ids: readonly string[]): Promise<OwnershipStakeRecord[]> {
    return this.stakes.findByIds(ids);
  }

  activeByOwned(ids: readonly string[]): Promise<OwnershipStakeRecord[]> {
    return this.stakes.activeByOwned(ids);
  }

  /** Each organization's controlling owners, nearest first (empty when none holds over half). */
  async controllingChains(ids: readonly string[]): Promise<Map<string, string[]>> {
    const chains = new Map(ids.map((id) => [id, [] as string[]]));
    for (const link of await this.stakes.controllingChains(ids)) chains.get(link.organizationId)?.push(link.ownerId);
    return chains;
  }

  /** Effective holdings of each organization, largest first: one statement for any number of organizations. */
  async effectiveHoldings(ids: readonly string[], at?: TimeSlice | null): Promise<Map<string, EffectiveHolding[]>> {
    const paths = new Map(ids.map((id) => [id, [] as StakeEdge[][]]));
    for (const p of await this.stakes.simplePathsUp(ids, at)) paths.get(p.organizationId)?.push(p.path);
    return new Map([...paths].map(([id, list]) => [id, sumPaths(list)]));
  }

  /**
   * For the exposure lib: who effectively owns at least `minPercentage` of each organization,
   * with the owner's country of origin, its vendor and the strongest chain. Two SQL statements,
   * whatever the number of organizations. At `at` when given (asOf, validAt).
   */
  async effectiveOwners(organizationIds: readonly string[], minPercentage: number, at?: TimeSlice | null): Promise<Map<string, EffectiveOwner[]>> {
    const holdings = new Map([...(await this.effectiveHoldings(organizationIds, at))].map(([id, list]) => [id, atLeast(list, minPercentage)]));
    const named = new Set<string>();
    for (const list of holdings.values()) for (const h of list) for (const s of h.chain) named.add(s.ownerId).add(s.ownedId);
    // Always two statements, owners or not, so a report's cost does not depend on what it finds.
    const orgs = await this.stakes.withVendors([...named], at);
    const nameOf = (id: string) => orgs.get(id)?.org.name ?? id;
    return new Map(
      [...holdings].map(([id, list]) => [
        id,
        list.map((h) => ({
          owner: orgs.get(h.ownerId)!.org,
          ownerVendor: orgs.get(h.ownerId)!.vendor,
          percentage: h.percentage,
          chain: h.chain.map((s) => ({
            stakeId: s.id,
            ownerId: s.ownerId,
            ownerName: nameOf(s.ownerId),
            ownedId: s.ownedId,
            ownedName: nameOf(s.ownedId),
            percentage: s.percentage,
          })),
        })),
      ]),
    );
  }

  /** The organizations `organizationId` controls, directly or through others, itself included (for impact). */
  /** Effective owners at or above `minPercentage` of every organization in which a stake holds today (at `at` when given): the other direction of `effectiveOwners`, for impact. */
  async allEffectiveOwners(minPercentage: number, at: TimeSlice | null = null): Promise<Map<string, EffectiveOwner[]>> {
    const owned = await this.stakes.ownedOrganizationIds(at);
    return owned.length ? this.effectiveOwners(owned, minPercentage, at) : new Map();
  }

  controlledBy(organizationId: string): Promise<string[]> {
    return this.stakes.subtree(organizationId);
  }

  /**
   * Refreshes organization_root when a stake started or ended since it was last computed, and
   * says whether it did. Cheap when nothing passed: one read of the stakes' dates, no write.
   */
  async refreshIfBoundaryPassed(): Promise<boolean> {
    return this.db.transaction(async () => {
      if (!(await this.stakes.boundaryPassed())) return false;
      await this.stakes.refreshRoots();
      return true;
    });
  }
}
