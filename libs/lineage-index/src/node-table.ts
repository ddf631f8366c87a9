import { argsortIds, withRoom } from './ids';

/**
 * Maps node ids to dense indices 0..count-1. A Map<number, number> at two million entries costs
 * ~100 MB and a GC scan; this is a Float64Array of ids plus an open-addressing table of index+1
 * (0 = empty, linear probing) that compares keys through the id array: 16 bytes per node at half load.
 */
export class NodeTable {
  ids = new Float64Array(16);
  count = 0;
  /** Whether dense order is id order, which lets walks sort their output as plain integers. */
  sorted = true;
  private slots = new Int32Array(32);
  private shift = 27;

  reserve(capacity: number): void {
    this.ids = withRoom(this.ids, capacity);
    const size = 2 ** Math.ceil(Math.log2(Math.max(32, capacity * 2)));
    if (size > this.slots.length) this.rehash(size);
  }

  indexOf(id: number): number {
    const mask = this.slots.length - 1;
    for (let h = this.hash(id); ; h = (h + 1) & mask) {
      const v = this.slots[h];
      if (v === 0) return -1;
      if (this.ids[v - 1] === id) return v - 1;
    }
  }

  /** The dense index of `id`, appending it when new. */
  intern(id: number): number {
    const mask = this.slots.length - 1;
    let h = this.hash(id);
    for (let v = this.slots[h]; v !== 0; h = (h + 1) & mask, v = this.slots[h]) {
      if (this.ids[v - 1] === id) return v - 1;
    }
    const index = this.count++;
    this.ids = withRoom(this.ids, this.count);
    this.ids[index] = id;
    if (index > 0 && id < this.ids[index - 1]) this.sorted = false;
    this.slots[h] = index + 1;
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    return index;
  }

  /** Renumbers nodes into id order; returns old index -> new index, or null when already in order. */
  sortById(): Int32Array | null {
    if (this.sorted) return null;
    const order = argsortIds(this.ids, this.count);
    const renumber = new Int32Array(this.count);
    const ids = new Float64Array(this.ids.length);
    for (let k = 0; k < this.count; k++) {
      renumber[order[k]] = k;
      ids[k] = this.ids[order[k]];
    }
    this.ids = ids;
    for (let h = 0; h < this.slots.length; h++) if (this.slots[h] !== 0) this.slots[h] = renumber[this.slots[h] - 1] + 1;
    this.sorted = true;
    return renumber;
  }

  bytes(): number {
    return this.ids.byteLength + this.slots.byteLength;
  }

  private hash(id: number): number {
    const low = id >>> 0;
    const high = (id / 4294967296) >>> 0;
    return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> this.shift;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.shift = 32 - Math.log2(size);
    const mask = size - 1;
    for (let index = 0; index < this.count; index++) {
      let h = this.hash(this.ids[index]);
      while (this.slots[h] !== 0) h = (h + 1) & mask;
      this.slots[h] = index + 1;
    }
  }
}
