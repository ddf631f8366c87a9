import { Csr, DeltaLists } from './adjacency';
import { EdgeTable } from './edge-table';
import { NodeTable } from './node-table';

/**
 * Per-node work arrays shared by every query. Queries run synchronously on one thread, so one set
 * suffices, and a walk costs no O(nodes) allocation: `mark` holds the epoch of the walk that last
 * saw a node, so starting a walk is bumping the epoch rather than clearing two million entries.
 */
export class WorkArrays {
  mark = new Int32Array(0);
  epoch = 0;
  /** Nodes in discovery order: breadth-first, so each depth is a contiguous run. */
  queue = new Int32Array(0);
  /** Node -> its position in `queue` (or the discovering edge, or its output row; each query says). */
  pos = new Int32Array(0);
  /** Queue position -> first collected edge leaving that node; edges leaving node q end at edgeStart[q+1]. */
  edgeStart = new Int32Array(0);
  /** Edges a walk collected, as slots, and the queue position of each one's target. */
  edgeSlots = new Int32Array(1024);
  edgeTargets = new Int32Array(1024);
  /** All zero between uses; see sortDistinct. */
  bits = new Uint32Array(0);
  // Only the truncation check needs these; allocated the first time it runs.
  inDegree = new Int32Array(0);
  longest = new Int32Array(0);
  order = new Int32Array(0);

  /** Starts a query over `nodeCount` nodes: a fresh epoch, arrays grown if nodes were added. */
  begin(nodeCount: number): void {
    if (this.mark.length < nodeCount) {
      const size = nodeCount + (nodeCount >>> 3) + 16;
      this.mark = new Int32Array(size);
      this.queue = new Int32Array(size);
      this.pos = new Int32Array(size);
      this.edgeStart = new Int32Array(size + 1);
      this.epoch = 0;
    }
    if (++this.epoch === 0x7fffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
  }

  growEdges(): void {
    const size = this.edgeSlots.length * 2;
    const slots = new Int32Array(size);
    const targets = new Int32Array(size);
    slots.set(this.edgeSlots);
    targets.set(this.edgeTargets);
    this.edgeSlots = slots;
    this.edgeTargets = targets;
  }

  bitsFor(universe: number): Uint32Array {
    const words = (universe + 31) >>> 5;
    if (this.bits.length < words) this.bits = new Uint32Array(words + (words >>> 3));
    return this.bits;
  }

  prepareLongest(size: number): void {
    if (this.inDegree.length >= size) return;
    this.inDegree = new Int32Array(this.mark.length);
    this.longest = new Int32Array(this.mark.length);
    this.order = new Int32Array(this.mark.length);
  }

  bytes(): number {
    const perNode = [this.mark, this.queue, this.pos, this.edgeStart, this.inDegree, this.longest, this.order];
    return perNode.reduce((sum, a) => sum + a.byteLength, this.edgeSlots.byteLength + this.edgeTargets.byteLength + this.bits.byteLength);
  }
}

/** What queries read: the tables, the adjacency for each direction, and the shared work arrays. */
export interface GraphView {
  readonly nodes: NodeTable;
  readonly edges: EdgeTable;
  readonly csr: readonly [Csr, Csr];
  readonly delta: readonly [DeltaLists, DeltaLists];
  readonly work: WorkArrays;
}
