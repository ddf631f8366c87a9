import { Relation } from './relation';

/** An edge as traversals see it: identity, endpoints and relation, without its evidence. */
export interface EdgeRef {
  id: string;
  derivedId: string;
  sourceId: string;
  relation: Relation;
}
