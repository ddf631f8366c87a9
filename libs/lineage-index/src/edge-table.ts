import { argsortIds, withRoom } from './ids';
import { RETRACTED } from './relation-codes';

/**
 * Edges as columns indexed by slot: id, endpoints as dense node indices, and a flag byte (relation
 * code | RETRACTED). Slots below `base` are in the CSR and sorted by id, so they are found by binary
 * search; later slots are the delta and are found through a Map, which stays small until compaction.
 */
export class EdgeTable {
  ids = new Float64Array(16);
  derived = new Int32Array(16);
  source = new Int32Array(16);
  flags = new Uint8Array(16);
  count = 0;
  base = 0;
  retracted = 0;
  /** Whether slot order is id order, which lets walks sort their edges as plain integers. */
  sorted = true;
  private delta = new Map<number, number>();

  reserve(capacity: number): void {
    this.ids = withRoom(this.ids, capacity);
    this.derived = withRoom(this.derived, capacity);
    this.source = withRoom(this.source, capacity);
    this.flags = withRoom(this.flags, capacity);
  }

  /** Appends an edge; `indexed` is false only while bulk loading, before the first `seal`. */
  append(id: number, derived: number, source: number, flags: number, indexed: boolean): number {
    const slot = this.count++;
    if (slot === this.ids.length) this.reserve(slot + 1);
    this.ids[slot] = id;
    this.derived[slot] = derived;
    this.source[slot] = source;
    this.flags[slot] = flags;
    if (flags & RETRACTED) this.retracted++;
    if (slot > 0 && id <= this.ids[slot - 1]) this.sorted = false;
    if (indexed) this.delta.set(id, slot);
    return slot;
  }

  indexOf(id: number): number {
    let lo = 0;
    let hi = this.base - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return this.delta.get(id) ?? -1;
  }

  /** Marks a slot retracted; false when it already was. */
  retract(slot: number): boolean {
    if (this.flags[slot] & RETRACTED) return false;
    this.flags[slot] |= RETRACTED;
    this.retracted++;
    return true;
  }

  /** Folds the delta into the sorted part: renumbers endpoints, reorders slots by id, rejects duplicate ids. */
  seal(renumber: Int32Array | null): void {
    const n = this.count;
    if (renumber) {
      for (let s = 0; s < n; s++) {
        this.derived[s] = renumber[this.derived[s]];
        this.source[s] = renumber[this.source[s]];
      }
    }
    if (!this.sorted) this.permute(argsortIds(this.ids, n));
    for (let s = 1; s < n; s++) {
      if (this.ids[s] === this.ids[s - 1]) throw new Error(`lineage-index: edge id ${this.ids[s]} loaded twice`);
    }
    this.sorted = true;
    this.base = n;
    this.delta.clear();
  }

  get deltaCount(): number {
    return this.count - this.base;
  }

  bytes(): number {
    // The Map's per-entry cost is an estimate; it only holds edges added since the last compaction.
    return this.ids.byteLength + this.derived.byteLength + this.source.byteLength + this.flags.byteLength + this.delta.size * 40;
  }

  private permute(order: Int32Array): void {
    // Headroom of 1/16 so the first appends after a load or compaction do not copy every column.
    const capacity = this.count + Math.max(16, this.count >>> 4);
    const ids = new Float64Array(capacity);
    const derived = new Int32Array(capacity);
    const source = new Int32Array(capacity);
    const flags = new Uint8Array(capacity);
    for (let k = 0; k < this.count; k++) {
      const s = order[k];
      ids[k] = this.ids[s];
      derived[k] = this.derived[s];
      source[k] = this.source[s];
      flags[k] = this.flags[s];
    }
    this.ids = ids;
    this.derived = derived;
    this.source = source;
    this.flags = flags;
  }
}
