import { Relation } from '@pedigree/core';

/** Relations in enum order; an edge stores the position of its relation in the low bits of its flag byte. */
export const RELATIONS: readonly Relation[] = Object.values(Relation);

/** Set on an edge's flag byte once a retraction names it. */
export const RETRACTED = 0x80;

const CODE = new Map<string, number>(RELATIONS.map((r, i) => [r, i]));

// Seven bits are left for the code; an enum that outgrew them would silently alias relations.
if (RELATIONS.length > 0x7f) throw new Error(`lineage-index: ${RELATIONS.length} relations do not fit in a flag byte`);

export function relationCode(relation: Relation | string): number {
  const code = CODE.get(relation);
  if (code === undefined) throw new RangeError(`lineage-index: unknown relation "${relation}"`);
  return code;
}

/**
 * Which flag bytes a traversal may follow, as a 256-entry lookup: the inner loop then tests one byte
 * instead of decoding the relation and the retraction bit per edge.
 */
export function acceptTable(relations: readonly Relation[], includeRetracted: boolean): Uint8Array {
  const wanted = new Uint8Array(RETRACTED);
  if (relations.length === 0) wanted.fill(1);
  for (const r of relations) wanted[relationCode(r)] = 1;
  const table = new Uint8Array(256);
  table.set(wanted, 0);
  if (includeRetracted) table.set(wanted, RETRACTED);
  return table;
}
