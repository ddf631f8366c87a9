import { Direction, EdgeRef, NodeKind, Relation } from '@pedigree/core';

/**
 * The behaviour every LineageGraph implementation owes its callers, as one table of cases. The same
 * cases run against the in-memory index (unit) and the recursive CTE on PostgreSQL (e2e), so this
 * file needs only describe/it/expect and a factory: no mocking, nothing specific to a backend.
 */

const { ANCESTORS, DESCENDANTS } = Direction;

export interface LineageFixture {
  /** In order of first appearance; keys are unique within one fixture only, so a shared store should prefix them. */
  nodes: { key: string; kind: NodeKind }[];
  /** Edge keys are their spec, e.g. `b>a` (b derived from a, FINETUNE) or `m>p1:MERGE`. */
  edges: { key: string; derived: string; source: string; relation: Relation }[];
  /** Keys of retracted edges. */
  retracted: string[];
  /** When each edge, and each retraction, was recorded (ISO); a store without times may ignore them. */
  recordedAt?: Record<string, string>;
  retractedAt?: Record<string, string>;
}

type Awaitable<T> = T | Promise<T>;
type ContractWalkOptions = { maxDepth: number; relations: readonly Relation[]; includeRetracted: boolean; asOf?: Date | null };

/** WalkColumns from @pedigree/core, with plain arrays accepted (they come back so over a process boundary). */
export interface ContractColumns {
  nodeIds: ArrayLike<number>;
  depths: ArrayLike<number>;
  edgeIds: ArrayLike<number>;
  relations: ArrayLike<number>;
  derivedRows: ArrayLike<number>;
  sourceRows: ArrayLike<number>;
  truncated: boolean;
}

/** Structurally LineageGraph from @pedigree/lineage, except that synchronous answers are accepted too. */
export interface ContractGraph {
  walk(
    rootIds: readonly string[],
    direction: Direction,
    options: ContractWalkOptions,
  ): Awaitable<{ rootIds: string[]; nodes: { id: string; depth: number }[]; edges: EdgeRef[]; truncated: boolean }>;
  /** When given, every walk of the contract is also asked for as columns, which must describe the same walk. */
  walkColumns?(rootIds: readonly string[], direction: Direction, options: ContractWalkOptions): Awaitable<ContractColumns>;
  reaches(fromId: string, toId: string, asOf?: Date | null): Awaitable<boolean>;
  shortestPathUp(fromId: string, toId: string, maxDepth: number, asOf?: Date | null): Awaitable<EdgeRef[] | null>;
}

/** What a factory returns: the graph holding the fixture, and the ids it gave each node and edge key. */
export interface BuiltFixture {
  graph: ContractGraph;
  nodeIds: Record<string, string>;
  edgeIds: Record<string, string>;
}

export type MakeLineageGraph = (fixture: LineageFixture) => Awaitable<BuiltFixture>;

/** A valid bigint that no test store hands out. */
export const UNKNOWN_ID = '9007199254740991';

/** Builds a fixture from edge specs `derived>source[:RELATION]`; nodes default to models. */
export function lineageFixture(
  specs: string[],
  options: { kinds?: Record<string, NodeKind>; retracted?: string[]; recordedAt?: Record<string, string>; retractedAt?: Record<string, string> } = {},
): LineageFixture {
  const nodes: LineageFixture['nodes'] = [];
  const edges = specs.map((key) => {
    const [pair, relation = Relation.FINETUNE] = key.split(':');
    const [derived, source] = pair.split('>');
    for (const node of [source, derived]) {
      if (!nodes.some((n) => n.key === node)) nodes.push({ key: node, kind: options.kinds?.[node] ?? NodeKind.MODEL });
    }
    return { key, derived, source, relation: relation as Relation };
  });
  return { nodes, edges, retracted: options.retracted ?? [], recordedAt: options.recordedAt, retractedAt: options.retractedAt };
}

/** What an implementation can answer beyond the present; a store that keeps no recording times says `asOf: false`. */
export interface ContractCapabilities {
  asOf: boolean;
}

export function describeLineageGraphContract(name: string, make: MakeLineageGraph, capabilities: ContractCapabilities = { asOf: false }): void {
  describe(`${name} honours the LineageGraph contract`, () => {
    const chain = () => lineageFixture(['b>a', 'c>b', 'd>c']);

    it('walks a chain both ways with shortest depths', async () => {
      const g = await open(make, chain());
      expect(await g.walk(['a'], DESCENDANTS)).toEqual({ nodes: ['a@0', 'b@1', 'c@2', 'd@3'], edges: ['b>a', 'c>b', 'd>c'], truncated: false });
      expect(await g.walk(['d'], ANCESTORS)).toEqual({ nodes: ['a@3', 'b@2', 'c@1', 'd@0'], edges: ['b>a', 'c>b', 'd>c'], truncated: false });
    });

    it('stops at maxDepth, keeps the edges leaving shallower nodes, and says it was truncated', async () => {
      const g = await open(make, chain());
      expect(await g.walk(['a'], DESCENDANTS, { maxDepth: 2 })).toEqual({ nodes: ['a@0', 'b@1', 'c@2'], edges: ['b>a', 'c>b'], truncated: true });
      expect(await g.walk(['a'], DESCENDANTS, { maxDepth: 3 })).toMatchObject({ truncated: false });
      expect(await g.walk(['a'], DESCENDANTS, { maxDepth: 0 })).toEqual({ nodes: ['a@0'], edges: [], truncated: true });
      expect(await g.walk(['d'], DESCENDANTS, { maxDepth: 0 })).toEqual({ nodes: ['d@0'], edges: [], truncated: false });
    });

    it('reports a diamond node once, at its shortest depth, with every edge', async () => {
      const g = await open(make, lineageFixture(['b>a', 'c>a', 'd>b', 'd>c']));
      expect(await g.walk(['a'], DESCENDANTS)).toEqual({ nodes: ['a@0', 'b@1', 'c@1', 'd@2'], edges: ['b>a', 'c>a', 'd>b', 'd>c'], truncated: false });
      expect(await g.walk(['d'], ANCESTORS)).toEqual({ nodes: ['a@2', 'b@1', 'c@1', 'd@0'], edges: ['b>a', 'c>a', 'd>b', 'd>c'], truncated: false });
    });

    it('counts a longer route that reaches maxDepth where edges lead on as truncated, like the CTE rows do', async () => {
      // c is expanded at depth 1 via a, so nothing is missing at maxDepth 2; but the walk a>b>c has
      // length 2 and c has an edge onward, and the CTE's rows are walks, so it reports truncation.
      const g = await open(make, lineageFixture(['b>a', 'c>b', 'c>a', 'x>c']));
      expect(await g.walk(['a'], DESCENDANTS, { maxDepth: 2 })).toEqual({
        nodes: ['a@0', 'b@1', 'c@1', 'x@2'],
        edges: ['b>a', 'c>a', 'c>b', 'x>c'],
        truncated: true,
      });
      expect(await g.walk(['a'], DESCENDANTS, { maxDepth: 3 })).toMatchObject({ truncated: false });
    });

    it('walks a merge of fourteen parents', async () => {
      const parents = Array.from({ length: 14 }, (_, i) => `p${i + 1}`);
      const fx = lineageFixture([...parents.map((p) => `m>${p}:MERGE`), ...parents.map((p) => `${p}>base`)]);
      const g = await open(make, fx);
      const up = await g.walk(['m'], ANCESTORS);
      expect(up.nodes).toEqual(['base@2', 'm@0', ...parents.map((p) => `${p}@1`)].sort());
      expect(up.edges).toHaveLength(28);
      const down = await g.walk(['base'], DESCENDANTS);
      expect(down.nodes).toEqual(['base@0', 'm@2', ...parents.map((p) => `${p}@1`)].sort());
      expect(down.edges).toEqual(fx.edges.map((e) => e.key).sort());
      // Of equally short routes, the one through the lowest-id edge wins, as in core's shortestPathUp.
      const first = parents.map((p) => `m>${p}:MERGE`).sort((a, b) => Number(g.edgeIds[a]) - Number(g.edgeIds[b]))[0];
      const parent = first.slice(2, -':MERGE'.length);
      expect(await g.shortestPathUp('m', 'base', 5)).toEqual([first, `${parent}>base`]);
    });

    it('follows only the requested relations, also when deciding truncation', async () => {
      const kinds = { d1: NodeKind.DATASET, q: NodeKind.CHECKPOINT };
      const g = await open(make, lineageFixture(['m1>d1:TRAINED_ON', 'd1>m0:GENERATED_BY', 'm2>m1', 'q>m2:QUANTIZATION'], { kinds }));
      const weights = [Relation.QUANTIZATION, Relation.FINETUNE];
      expect(await g.walk(['q'], ANCESTORS, { relations: weights })).toEqual({
        nodes: ['m1@2', 'm2@1', 'q@0'],
        edges: ['m2>m1', 'q>m2:QUANTIZATION'],
        truncated: false,
      });
      expect((await g.walk(['q'], ANCESTORS)).nodes).toEqual(['d1@3', 'm0@4', 'm1@2', 'm2@1', 'q@0']);
      expect(await g.walk(['m2'], ANCESTORS, { relations: [Relation.TRAINED_ON] })).toEqual({ nodes: ['m2@0'], edges: [], truncated: false });
      expect(await g.walk(['q'], ANCESTORS, { relations: weights, maxDepth: 1 })).toMatchObject({ truncated: true });
      expect(await g.walk(['q'], ANCESTORS, { relations: [Relation.QUANTIZATION], maxDepth: 1 })).toMatchObject({ truncated: false });
    });

    it('follows AUXILIARY edges (reward models, judges, filters) like any other, and only when asked under a filter', async () => {
      // policy <-FINETUNE- base; policy -AUXILIARY-> rm -FINETUNE-> rmBase; ckpt of policy -AUXILIARY-> judge.
      const kinds = { ckpt: NodeKind.CHECKPOINT };
      const g = await open(
        make,
        lineageFixture(['policy>base', 'policy>rm:AUXILIARY', 'rm>rmBase', 'ckpt>policy:QUANTIZATION', 'ckpt>judge:AUXILIARY'], { kinds }),
      );
      expect(await g.walk(['ckpt'], ANCESTORS)).toEqual({
        nodes: ['base@2', 'ckpt@0', 'judge@1', 'policy@1', 'rm@2', 'rmBase@3'],
        edges: ['ckpt>judge:AUXILIARY', 'ckpt>policy:QUANTIZATION', 'policy>base', 'policy>rm:AUXILIARY', 'rm>rmBase'],
        truncated: false,
      });
      const weights = [Relation.QUANTIZATION, Relation.FINETUNE];
      expect(await g.walk(['ckpt'], ANCESTORS, { relations: weights })).toEqual({
        nodes: ['base@2', 'ckpt@0', 'policy@1'],
        edges: ['ckpt>policy:QUANTIZATION', 'policy>base'],
        truncated: false,
      });
      expect(await g.walk(['ckpt'], ANCESTORS, { relations: [Relation.AUXILIARY] })).toEqual({
        nodes: ['ckpt@0', 'judge@1'],
        edges: ['ckpt>judge:AUXILIARY'],
        truncated: false,
      });
      expect(await g.walk(['rmBase'], DESCENDANTS, { relations: [Relation.FINETUNE, Relation.AUXILIARY] })).toEqual({
        nodes: ['policy@2', 'rm@1', 'rmBase@0'],
        edges: ['policy>rm:AUXILIARY', 'rm>rmBase'],
        truncated: false,
      });
      expect(await g.walk(['rm'], DESCENDANTS, { relations: [Relation.AUXILIARY], maxDepth: 0 })).toMatchObject({ truncated: true });
      expect(await g.reaches('ckpt', 'rmBase')).toBe(true);
      expect(await g.shortestPathUp('ckpt', 'rmBase', 10)).toEqual(['ckpt>policy:QUANTIZATION', 'policy>rm:AUXILIARY', 'rm>rmBase']);
    });

    it('skips retracted edges unless asked to include them', async () => {
      const g = await open(make, lineageFixture(['b>a', 'c>b', 'c>a', 'x>a'], { retracted: ['c>a', 'x>a'] }));
      expect(await g.walk(['a'], DESCENDANTS)).toEqual({ nodes: ['a@0', 'b@1', 'c@2'], edges: ['b>a', 'c>b'], truncated: false });
      expect(await g.walk(['a'], DESCENDANTS, { includeRetracted: true })).toEqual({
        nodes: ['a@0', 'b@1', 'c@1', 'x@1'],
        edges: ['b>a', 'c>a', 'c>b', 'x>a'],
        truncated: false,
      });
      expect(await g.walk(['x'], ANCESTORS, { maxDepth: 0 })).toMatchObject({ truncated: false });
      expect(await g.walk(['x'], ANCESTORS, { maxDepth: 0, includeRetracted: true })).toMatchObject({ truncated: true });
      expect(await g.reaches('c', 'a')).toBe(true);
      expect(await g.reaches('x', 'a')).toBe(false);
      expect(await g.shortestPathUp('c', 'a', 10)).toEqual(['c>b', 'b>a']);
      expect(await g.shortestPathUp('x', 'a', 10)).toBeNull();
    });

    it('walks from several roots where some descend from others: each root stays at depth 0 and keeps the edges into it', async () => {
      // An organization's base b and instruct model i (both roots), a distill s of i, and a root r
      // further down, below a model m that is no root: impact counts r through the edge r>m.
      const fx = lineageFixture(['i>b', 'k>i:CHECKPOINT_OF', 's>i:DISTILLATION', 's>o', 'm>s', 'r>m', 'y>r']);
      const g = await open(make, fx);
      expect(await g.walk(['b', 'i', 'r'], DESCENDANTS)).toEqual({
        nodes: ['b@0', 'i@0', 'k@1', 'm@2', 'r@0', 's@1', 'y@1'],
        edges: ['i>b', 'k>i:CHECKPOINT_OF', 'm>s', 'r>m', 's>i:DISTILLATION', 'y>r'],
        truncated: false,
      });
      // An edge into a root is collected only from a node the walk expands, as any other edge.
      expect(await g.walk(['r', 'i', 'b'], DESCENDANTS, { maxDepth: 1 })).toEqual({
        nodes: ['b@0', 'i@0', 'k@1', 'r@0', 's@1', 'y@1'],
        edges: ['i>b', 'k>i:CHECKPOINT_OF', 's>i:DISTILLATION', 'y>r'],
        truncated: true,
      });
      expect(await g.walk(['m', 's'], ANCESTORS)).toEqual({
        nodes: ['b@2', 'i@1', 'm@0', 'o@1', 's@0'],
        edges: ['i>b', 'm>s', 's>i:DISTILLATION', 's>o'],
        truncated: false,
      });
    });

    it('reports an unknown root at depth 0, alone or beside known ones', async () => {
      const g = await open(make, chain());
      expect(await g.walk([UNKNOWN_ID], DESCENDANTS)).toEqual({ nodes: [`${UNKNOWN_ID}@0`], edges: [], truncated: false });
      expect(await g.walk([UNKNOWN_ID, 'c', 'a', 'a'], DESCENDANTS)).toEqual({
        nodes: [`${UNKNOWN_ID}@0`, 'a@0', 'b@1', 'c@0', 'd@1'],
        edges: ['b>a', 'c>b', 'd>c'],
        truncated: false,
      });
      expect(await g.reaches(UNKNOWN_ID, 'a')).toBe(false);
      expect(await g.reaches(UNKNOWN_ID, UNKNOWN_ID)).toBe(true);
      expect(await g.shortestPathUp(UNKNOWN_ID, 'a', 10)).toBeNull();
      expect(await g.shortestPathUp(UNKNOWN_ID, UNKNOWN_ID, 10)).toEqual([]);
    });

    it('terminates on cyclic data, which always counts as truncated', async () => {
      // The writer refuses cycles; this is what a corrupt row would look like.
      const g = await open(make, lineageFixture(['a>b', 'b>a', 'c>a']));
      expect(await g.walk(['c'], ANCESTORS)).toEqual({ nodes: ['a@1', 'b@2', 'c@0'], edges: ['a>b', 'b>a', 'c>a'], truncated: true });
      expect(await g.walk(['a'], DESCENDANTS)).toEqual({ nodes: ['a@0', 'b@1', 'c@1'], edges: ['a>b', 'b>a', 'c>a'], truncated: true });
      expect(await g.reaches('c', 'b')).toBe(true);
      expect(await g.reaches('a', 'c')).toBe(false);
      expect(await g.shortestPathUp('c', 'b', 100)).toEqual(['c>a', 'a>b']);
    });

    // Only for stores that keep recording times (the index alone holds the present only).
    if (capabilities.asOf) {
      it('answers for a past moment: edges recorded later are absent, retractions recorded later not yet in force', async () => {
        const t = (month: number) => new Date(Date.UTC(2020, month - 1, 1)).toISOString();
        const fx = lineageFixture(['b>a', 'c>b', 'c>a', 'x>a'], {
          retracted: ['c>a'],
          recordedAt: { 'b>a': t(1), 'c>b': t(3), 'c>a': t(1), 'x>a': t(5) },
          retractedAt: { 'c>a': t(4) },
        });
        const g = await open(make, fx);
        const at = (month: number) => new Date(t(month));
        expect(await g.walk(['a'], DESCENDANTS, { asOf: new Date('2019-06-01T00:00:00Z') })).toEqual({ nodes: ['a@0'], edges: [], truncated: false });
        expect(await g.walk(['a'], DESCENDANTS, { asOf: at(2) })).toEqual({ nodes: ['a@0', 'b@1', 'c@1'], edges: ['b>a', 'c>a'], truncated: false });
        // A claim recorded at the very moment asked for is known then.
        expect(await g.walk(['a'], DESCENDANTS, { asOf: at(3) })).toEqual({ nodes: ['a@0', 'b@1', 'c@1'], edges: ['b>a', 'c>a', 'c>b'], truncated: false });
        expect(await g.walk(['a'], DESCENDANTS, { asOf: at(4) })).toEqual({ nodes: ['a@0', 'b@1', 'c@2'], edges: ['b>a', 'c>b'], truncated: false });
        expect(await g.walk(['a'], DESCENDANTS, { asOf: at(4), includeRetracted: true })).toEqual({
          nodes: ['a@0', 'b@1', 'c@1'],
          edges: ['b>a', 'c>a', 'c>b'],
          truncated: false,
        });
        expect(await g.walk(['c'], ANCESTORS, { asOf: at(2), maxDepth: 0 })).toMatchObject({ truncated: true });
        expect(await g.walk(['x'], ANCESTORS, { asOf: at(4), maxDepth: 0 })).toMatchObject({ truncated: false });
        expect(await g.walk(['a'], DESCENDANTS)).toEqual({ nodes: ['a@0', 'b@1', 'c@2', 'x@1'], edges: ['b>a', 'c>b', 'x>a'], truncated: false });
        expect(await g.reaches('x', 'a', at(4))).toBe(false);
        expect(await g.reaches('x', 'a', at(6))).toBe(true);
        expect(await g.shortestPathUp('c', 'a', 10, at(2))).toEqual(['c>a']);
        expect(await g.shortestPathUp('c', 'a', 10, at(4))).toEqual(['c>b', 'b>a']);
        expect(await g.shortestPathUp('c', 'b', 10, at(2))).toBeNull();
      });
    }

    it('finds ancestry and the shortest route up, never down', async () => {
      const g = await open(make, lineageFixture(['d>b', 'b>a', 'd>c', 'c>x', 'x>a', 'd>a:DISTILLATION']));
      expect(await g.reaches('d', 'a')).toBe(true);
      expect(await g.reaches('d', 'x')).toBe(true);
      expect(await g.reaches('a', 'd')).toBe(false);
      expect(await g.reaches('b', 'c')).toBe(false);
      expect(await g.reaches('a', 'a')).toBe(true);
      expect(await g.shortestPathUp('d', 'a', 10)).toEqual(['d>a:DISTILLATION']);
      expect(await g.shortestPathUp('d', 'x', 10)).toEqual(['d>c', 'c>x']);
      expect(await g.shortestPathUp('d', 'x', 1)).toBeNull();
      expect(await g.shortestPathUp('a', 'd', 10)).toBeNull();
      expect(await g.shortestPathUp('d', 'd', 10)).toEqual([]);
    });
  });
}

/**
 * Builds the fixture and speaks in keys: walks come back as sorted `key@depth` and edge keys, paths
 * as edge keys, after checking what keys hide: output order and each edge's endpoints and relation.
 */
async function open(make: MakeLineageGraph, fixture: LineageFixture) {
  const built = await make(fixture);
  const nodeKey = new Map(Object.entries(built.nodeIds).map(([key, id]) => [id, key]));
  const edgeKey = new Map(Object.entries(built.edgeIds).map(([key, id]) => [id, key]));
  const id = (key: string) => built.nodeIds[key] ?? key;
  const toKeys = (edges: EdgeRef[]) =>
    edges.map((e) => {
      const spec = fixture.edges.find((f) => f.key === edgeKey.get(e.id));
      expect(spec && { derivedId: id(spec.derived), sourceId: id(spec.source), relation: spec.relation }).toEqual({
        derivedId: e.derivedId,
        sourceId: e.sourceId,
        relation: e.relation,
      });
      return spec!.key;
    });
  return {
    edgeIds: built.edgeIds,
    async walk(
      roots: string[],
      direction: Direction,
      options: Partial<{ maxDepth: number; relations: Relation[]; includeRetracted: boolean; asOf: Date }> = {},
    ) {
      const rootIds = roots.map(id);
      const walkOptions = { maxDepth: 100, relations: [], includeRetracted: false, ...options };
      const out = await built.graph.walk(rootIds, direction, walkOptions);
      expect(out.rootIds).toEqual(rootIds);
      expect(isSorted(out.nodes, (a, b) => a.depth - b.depth || Number(a.id) - Number(b.id))).toBe(true);
      expect(isSorted(out.edges, (a, b) => Number(a.id) - Number(b.id))).toBe(true);
      if (built.graph.walkColumns) {
        const { rootIds: _, ...walk } = out;
        expect(asWalk(await built.graph.walkColumns(rootIds, direction, walkOptions))).toEqual(walk);
      }
      return {
        nodes: out.nodes.map((n) => `${nodeKey.get(n.id) ?? n.id}@${n.depth}`).sort(),
        edges: toKeys(out.edges).sort(),
        truncated: out.truncated,
      };
    },
    reaches: async (from: string, to: string, asOf?: Date) => (asOf ? built.graph.reaches(id(from), id(to), asOf) : built.graph.reaches(id(from), id(to))),
    async shortestPathUp(from: string, to: string, maxDepth: number, asOf?: Date) {
      const path = await (asOf ? built.graph.shortestPathUp(id(from), id(to), maxDepth, asOf) : built.graph.shortestPathUp(id(from), id(to), maxDepth));
      return path && toKeys(path);
    },
  };
}

const RELATIONS = Object.values(Relation);

/** Columns read back as the walk they describe: same order, each edge's endpoints from its rows. */
function asWalk(c: ContractColumns) {
  return {
    nodes: Array.from(c.nodeIds, (nodeId, i) => ({ id: String(nodeId), depth: c.depths[i] })),
    edges: Array.from(c.edgeIds, (edgeId, k) => ({
      id: String(edgeId),
      derivedId: String(c.nodeIds[c.derivedRows[k]]),
      sourceId: String(c.nodeIds[c.sourceRows[k]]),
      relation: RELATIONS[c.relations[k]],
    })),
    truncated: c.truncated,
  };
}

function isSorted<T>(items: T[], compare: (a: T, b: T) => number): boolean {
  return items.every((item, i) => i === 0 || compare(items[i - 1], item) < 0);
}
