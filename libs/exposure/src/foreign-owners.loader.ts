import { Injectable } from '@nestjs/common';
import { OwnershipService } from '@pedigree/catalog';
import { config } from '@pedigree/config';
import { TimeSlice } from '@pedigree/core';
import { ExposureNode } from './rules/ancestry-graph';
import { ForeignOwner } from './rules/dependencies';

/**
 * Foreign owners of the publishers of a set of nodes, keyed by node id: owners whose effective stake
 * reaches PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD and whose country differs from the publisher's own
 * (its registered country, else the node's country of origin, so a publisher of unknown country is
 * not foreign to its own controlling parent). An owner of unknown country counts, as unknown is never
 * cleared. Two statements at most.
 */
@Injectable()
export class ForeignOwnersLoader {
  private readonly threshold = config().ownershipExposureThreshold;

  constructor(private readonly ownership: OwnershipService) {}

  async foreignOwnersOfNodes(nodes: readonly ExposureNode[], at?: TimeSlice | null): Promise<Map<string, ForeignOwner[]>> {
    const publishers = [...new Set(nodes.map((n) => n.publisher?.id).filter((id): id is string => !!id))];
    if (!publishers.length) return new Map();
    const owners = await this.ownership.effectiveOwners(publishers, this.threshold, at);
    const out = new Map<string, ForeignOwner[]>();
    for (const n of nodes) {
      const list = (owners.get(n.publisher?.id ?? '') ?? [])
        .filter((o) => o.owner.country !== (n.publisher!.country ?? n.country))
        .map((o) => ({ owner: o.owner, ownerVendor: o.ownerVendor, country: o.owner.country, percentage: o.percentage, chain: o.chain }));
      if (list.length) out.set(n.id, list);
    }
    return out;
  }
}
