import { Injectable } from '@nestjs/common';
import { Evidence, invalidInput } from '@pedigree/core';
import { OwnershipRepository } from './ownership.repository';
import { assertFitsUnderWhole, assertPercentage, assertValidity, StakeWindow } from './ownership.rules';

export interface StakeDraft extends StakeWindow {
  owner: { id: string; slug: string };
  owned: { id: string; slug: string; name: string };
  evidence: Evidence;
  recordedBy: string;
}

/**
 * Writes one stake: the checks that need no database, then, under the owned organization's row
 * lock, the 100 % ceiling and the insert. Must run inside the caller's transaction (Db.transaction),
 * so the lock is held until the stake commits. Shared by recordOwnershipStake and the `parent`
 * shorthand of registerOrganization.
 */
@Injectable()
export class OwnershipWriter {
  constructor(private readonly stakes: OwnershipRepository) {}

  async add(draft: StakeDraft, field = 'input'): Promise<string> {
    assertPercentage(draft.percentage, `${field}.percentage`);
    assertValidity(draft.validFrom, draft.validTo, `${field}.validTo`);
    if (draft.owner.id === draft.owned.id) throw invalidInput(`${field}.owner`, `"${draft.owner.slug}" cannot own a stake in itself`, 'another organization');
    await this.stakes.lockOwned(draft.owned.id);
    assertFitsUnderWhole(await this.stakes.unretractedWindows(draft.owned.id), draft, draft.owned.name, `${field}.percentage`);
    return this.stakes.insert({ ...draft, ownerId: draft.owner.id, ownedId: draft.owned.id });
  }
}
