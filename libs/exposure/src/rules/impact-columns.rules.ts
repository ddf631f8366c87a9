import { EdgeRef, Relation, WalkColumns } from '@pedigree/core';
import { AffectedNode } from './impact.rules';
import { ExposureKind, EntryState, step } from './exposure-kind';

/** A descendant walk as typed columns. */
export type DescendantColumns = Omit<WalkColumns, 'truncated'>;

export interface ImpactRollup {
  affectedCount: number;
  byKind: { kind: ExposureKind; count: number }[];
  byRelation: { relation: Relation; count: number }[];
  /** Affected nodes `[start, end)` of the nearest-first order; built on demand. */
  affected(start: number, end: number): AffectedNode[];
  /** Rows of those of `nodeIds` that are target nodes or below one (one pass over the walk). */
  locate(nodeIds: readonly string[]): Map<string, number>;
  /** Edges from a target down to the node at `row`, target end first (none for a target node). */
  pathTo(row: number): EdgeRef[];
}

const RELATIONS = Object.values(Relation);
const STATES: EntryState[] = ['SELF', ExposureKind.WEIGHTS, ExposureKind.DISTILLATION, ExposureKind.TRAINING_DATA, ExposureKind.AUXILIARY];
const KIND_ORDER = [ExposureKind.WEIGHTS, ExposureKind.DISTILLATION, ExposureKind.TRAINING_DATA, ExposureKind.AUXILIARY];
const BIT = (s: EntryState) => 1 << STATES.indexOf(s);
const SELF = BIT('SELF');
const WEIGHTS = BIT(ExposureKind.WEIGHTS);
/** `NEXT[bit index * 32 + relation code]` = the bit of the state after following that relation. */
const NEXT = new Uint8Array(STATES.length * 32);
STATES.forEach((s, i) => RELATIONS.forEach((r, code) => (NEXT[i * 32 + code] = BIT(step(s, r)))));

/**
 * Working arrays reused across calls: the rollup is synchronous, and at a few hundred thousand
 * nodes allocating and collecting them per request costs as much as the rollup. Arrays the
 * result keeps (paths, states) are allocated per call.
 */
const scratch = new Map<string, Int32Array | Uint8Array | Uint16Array>();
function borrow<T extends Int32Array | Uint8Array | Uint16Array>(name: string, make: (n: number) => T, size: number, zero: boolean): T {
  let buf = scratch.get(name) as T | undefined;
  if (!buf || buf.length < size) scratch.set(name, (buf = make(Math.max(size, Math.ceil((buf?.length ?? 0) * 1.5)))));
  const view = buf.subarray(0, size) as T;
  if (zero) view.fill(0);
  return view;
}
const i32 = (n: number) => new Int32Array(n);
const u8 = (n: number) => new Uint8Array(n);

/**
 * The same rollup as `impactOf`, over columns: at the scale of a base model with hundreds of
 * thousands of descendants, one object per node would cost more than the whole walk.
 *
 * The walk puts every target node at depth 0; those that descend from other target nodes are
 * affected too, at the depth and with the kinds the edges into them bring (see `impactOf`).
 */
export function impactOfColumns(rootIds: readonly string[], c: DescendantColumns): ImpactRollup {
  const n = c.nodeIds.length;
  const m = c.edgeIds.length;
  const { sourceRows: src, derivedRows: dst } = c;
  // Depth 0 holds exactly the target nodes (unknown ids included, which have no edges).
  let rootCount = 0;
  while (rootCount < n && c.depths[rootCount] === 0) rootCount++;

  // Outgoing edges per source row, in edge-id order (CSR).
  const start = borrow('start', i32, n + 1, true);
  for (let k = 0; k < m; k++) start[src[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const out = borrow('out', i32, m, false);
  const fill = borrow('fill', i32, n, false);
  fill.set(start.subarray(0, n));
  for (let k = 0; k < m; k++) out[fill[src[k]]++] = k;

  // Breadth-first from the targets, in their order: the first edge to reach a node is its path.
  const via = new Int32Array(n).fill(-1);
  const seen = borrow('seen', u8, n, true);
  const rootRow = new Map<number, number>();
  for (let i = 0; i < rootCount; i++) rootRow.set(c.nodeIds[i], i);
  const queue = borrow('queue', i32, n, false);
  let tail = 0;
  for (const r of rootIds) {
    const i = rootRow.get(Number(r));
    if (i === undefined || seen[i]) continue;
    seen[i] = 1;
    queue[tail++] = i;
  }
  for (let head = 0; head < tail; head++) {
    const u = queue[head];
    for (let p = start[u]; p < start[u + 1]; p++) {
      const v = dst[out[p]];
      if (seen[v]) continue;
      seen[v] = 1;
      via[v] = out[p];
      queue[tail++] = v;
    }
  }

  // Every way each node is reached, as a bitmask of entry states. A node is pushed only when it
  // gains a state, so at most once per state: the stack never outgrows 4 pushes per node.
  // `arrived` is what the edges bring in: the same as `states` except for the target's own SELF.
  const states = borrow('states', u8, n, true);
  const arrived = new Uint8Array(n);
  const work = borrow('work', i32, STATES.length * n + 1, false);
  let top = 0;
  for (let i = 0; i < rootCount; i++) {
    states[i] = SELF;
    work[top++] = i;
  }
  while (top) {
    const u = work[--top];
    const su = states[u];
    for (let p = start[u]; p < start[u + 1]; p++) {
      const k = out[p];
      const v = dst[k];
      const r = c.relations[k];
      let add = 0;
      for (let b = 0; b < STATES.length; b++) if (su & (1 << b)) add |= NEXT[b * 32 + r];
      arrived[v] |= add;
      if ((states[v] | add) === states[v]) continue;
      states[v] |= add;
      work[top++] = v;
    }
  }

  const order = affectedOrder(c, rootCount);
  const affectedCount = order ? order.rows.length : n - rootCount;
  const rowAt = (p: number) => (order ? order.rows[p] : rootCount + p);
  const depthOf = (i: number) => (i < rootCount ? order!.targetDepth[i] : c.depths[i]);

  // A target's own checkpoints (reached as SELF) carry its weights.
  const kindsOfRow = (i: number): ExposureKind[] =>
    KIND_ORDER.filter((k) => (k === ExposureKind.WEIGHTS ? arrived[i] & (WEIGHTS | SELF) : arrived[i] & BIT(k)));
  const kindCount = new Map<ExposureKind, number>();
  const perKind = KIND_ORDER.map((k) => (k === ExposureKind.WEIGHTS ? WEIGHTS | SELF : BIT(k)));
  const totals = new Int32Array(KIND_ORDER.length);
  const firstSeen = new Int32Array(KIND_ORDER.length).fill(-1);
  for (let p = 0; p < affectedCount; p++) {
    const i = rowAt(p);
    for (let k = 0; k < perKind.length; k++) {
      if (!(arrived[i] & perKind[k])) continue;
      if (firstSeen[k] < 0) firstSeen[k] = p * 4 + kindsOfRow(i).indexOf(KIND_ORDER[k]);
      totals[k]++;
    }
  }
  // Same order as impactOf's map: by first affected node showing the kind, then its position there.
  KIND_ORDER.map((kind, k) => ({ kind, k }))
    .filter(({ k }) => totals[k] > 0)
    .sort((a, b) => firstSeen[a.k] - firstSeen[b.k])
    .forEach(({ kind, k }) => kindCount.set(kind, totals[k]));
  // Affected nodes per relation through which they are reached (a node reached two ways counts under
  // each). Every walked edge leads to an affected node, target nodes included.
  const relationBits = borrow('relationBits', (k) => new Uint16Array(k), n, true);
  const relationCount = new Map<Relation, number>();
  for (let k = 0; k < m; k++) {
    const v = dst[k];
    if (relationBits[v] & (1 << c.relations[k])) continue;
    relationBits[v] |= 1 << c.relations[k];
    const relation = RELATIONS[c.relations[k]];
    relationCount.set(relation, (relationCount.get(relation) ?? 0) + 1);
  }
  const edgeRef = (k: number): EdgeRef => ({
    id: String(c.edgeIds[k]),
    derivedId: String(c.nodeIds[dst[k]]),
    sourceId: String(c.nodeIds[src[k]]),
    relation: RELATIONS[c.relations[k]],
  });

  return {
    affectedCount,
    byKind: [...kindCount].map(([kind, count]) => ({ kind, count })),
    byRelation: [...relationCount].map(([relation, count]) => ({ relation, count })).sort((a, b) => b.count - a.count),
    affected(from, to) {
      const rows: AffectedNode[] = [];
      for (let p = Math.max(0, from); p < Math.min(affectedCount, to); p++) {
        const i = rowAt(p);
        rows.push({ id: String(c.nodeIds[i]), depth: depthOf(i), kinds: kindsOfRow(i), inTarget: i < rootCount });
      }
      return rows;
    },
    locate(nodeIds) {
      // A small open-addressing table of the wanted ids, probed once per row: no Map of the walk.
      const size = 1 << Math.ceil(Math.log2(nodeIds.length * 2 + 2));
      const keys = new Float64Array(size).fill(-1);
      for (const id of nodeIds) {
        const x = Number(id);
        let h = ((x * 2654435761) % size) >>> 0;
        while (keys[h] !== -1 && keys[h] !== x) h = (h + 1) & (size - 1);
        keys[h] = x;
      }
      const found = new Map<string, number>();
      for (let i = 0; i < n; i++) {
        const x = c.nodeIds[i];
        for (let h = ((x * 2654435761) % size) >>> 0; keys[h] !== -1; h = (h + 1) & (size - 1)) {
          if (keys[h] === x) {
            found.set(String(x), i);
            break;
          }
        }
      }
      return found;
    },
    pathTo(row) {
      const path: EdgeRef[] = [];
      for (let k = via[row]; k >= 0; k = via[src[k]]) path.push(edgeRef(k));
      return path.reverse();
    },
  };
}

/**
 * Affected rows in nearest-first order, or null when no target node descends from another (always
 * so for a single model): then they are exactly the walk's rows after the targets, in order.
 * Otherwise those target nodes, each one edge below its nearest walked parent, are merged in by
 * (depth, id). `targetDepth` is indexed by target row, -1 for one that is not affected.
 */
function affectedOrder(c: DescendantColumns, rootCount: number): { rows: Int32Array; targetDepth: Int32Array } | null {
  const n = c.nodeIds.length;
  const { derivedRows: dst, sourceRows: src, depths } = c;
  const targetDepth = new Int32Array(rootCount).fill(-1);
  let reached = 0;
  for (let k = 0; k < dst.length; k++) {
    const v = dst[k];
    if (v >= rootCount) continue;
    const d = depths[src[k]] + 1;
    if (targetDepth[v] < 0) reached++;
    if (targetDepth[v] < 0 || d < targetDepth[v]) targetDepth[v] = d;
  }
  if (reached === 0) return null;
  const targets = Array.from({ length: rootCount }, (_, i) => i)
    .filter((i) => targetDepth[i] >= 0)
    .sort((a, b) => targetDepth[a] - targetDepth[b] || c.nodeIds[a] - c.nodeIds[b]);
  const before = (t: number, i: number) => targetDepth[t] < depths[i] || (targetDepth[t] === depths[i] && c.nodeIds[t] < c.nodeIds[i]);
  const rows = new Int32Array(n - rootCount + reached);
  for (let p = 0, t = 0, i = rootCount; p < rows.length; p++) rows[p] = t < targets.length && (i >= n || before(targets[t], i)) ? targets[t++] : i++;
  return { rows, targetDepth };
}
