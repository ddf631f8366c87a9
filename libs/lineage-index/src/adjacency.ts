import { withRoom } from './ids';
import { EdgeTable } from './edge-table';

/** UP follows derived -> source (ancestors); DOWN follows source -> derived (descendants). */
export enum Way {
  UP = 0,
  DOWN = 1,
}

/**
 * Compressed sparse rows for one direction over the sealed edges: the edges leaving node v sit at
 * positions offsets[v]..offsets[v+1], in slot (= id) order, with the neighbour, the slot and a copy
 * of the flag byte side by side so a walk reads three sequential arrays instead of chasing slots.
 */
export class Csr {
  readonly offsets: Int32Array;
  readonly next: Int32Array;
  readonly slot: Int32Array;
  readonly flags: Uint8Array;

  constructor(
    edges: EdgeTable,
    readonly nodeCount: number,
    way: Way,
  ) {
    const [from, to] = way === Way.UP ? [edges.derived, edges.source] : [edges.source, edges.derived];
    const m = edges.base;
    this.offsets = new Int32Array(nodeCount + 1);
    for (let s = 0; s < m; s++) this.offsets[from[s] + 1]++;
    for (let v = 0; v < nodeCount; v++) this.offsets[v + 1] += this.offsets[v];
    const cursor = this.offsets.slice(0, nodeCount);
    this.next = new Int32Array(m);
    this.slot = new Int32Array(m);
    this.flags = new Uint8Array(m);
    for (let s = 0; s < m; s++) {
      const p = cursor[from[s]]++;
      this.next[p] = to[s];
      this.slot[p] = s;
      this.flags[p] = edges.flags[s];
    }
  }

  /** Copies a changed flag byte of a sealed slot into its row; rows are short except at hubs. */
  updateFlags(from: number, slot: number, flags: number): void {
    for (let p = this.offsets[from]; p < this.offsets[from + 1]; p++) {
      if (this.slot[p] === slot) this.flags[p] = flags;
    }
  }

  bytes(): number {
    return this.offsets.byteLength + this.next.byteLength + this.slot.byteLength + this.flags.byteLength;
  }
}

/**
 * Edges added since the last compaction, as per-node linked lists threaded through typed arrays:
 * head[v] is the first delta slot leaving v (-1 for none), link[slot - base] the one after it.
 * Appending at the tail keeps each list in insertion order, which is id order for sequence ids.
 */
export class DeltaLists {
  // Allocated on the first append: most indexes between compactions never need them.
  head = new Int32Array(0);
  private tail = new Int32Array(0);
  link = new Int32Array(0);

  constructor(
    readonly base: number,
    private readonly nodeCapacity: number,
  ) {}

  append(from: number, slot: number): void {
    if (from >= this.head.length) this.growNodes(from + 1);
    this.link = withRoom(this.link, slot - this.base + 1);
    this.link[slot - this.base] = -1;
    const last = this.tail[from];
    if (last < 0) this.head[from] = slot;
    else this.link[last - this.base] = slot;
    this.tail[from] = slot;
  }

  bytes(): number {
    return this.head.byteLength + this.tail.byteLength + this.link.byteLength;
  }

  private growNodes(need: number): void {
    const size = Math.max(need, this.nodeCapacity, Math.ceil(this.head.length * 1.5));
    for (const key of ['head', 'tail'] as const) {
      const grown = new Int32Array(size).fill(-1);
      grown.set(this[key]);
      this[key] = grown;
    }
  }
}
