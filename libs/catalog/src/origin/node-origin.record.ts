import { NodeKind } from '@pedigree/core';

/** A node's row of the node_origin view (or node_origin_at, for a past moment): the one definition of country of origin. */
export interface NodeOrigin {
  nodeId: string;
  kind: NodeKind;
  publisherId: string;
  country: string | null;
  /** True when `country` is the node's own override (a checkpoint's: its model's). */
  overridden: boolean;
  /** The organization the publisher-derived country comes from. */
  countryOrgId: string | null;
}
