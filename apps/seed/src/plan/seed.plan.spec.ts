import { canonicalize, normalizeCountry } from '@pedigree/core';
import { tableLoads } from '../rows/table-loads';
import { Role } from './models.plan';
import { planSeed, SeedPlan } from './seed.plan';

const MODELS = 3000;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;

/** Every table's rows, split into columns (COPY text; the generator never needs escapes in these). */
function tables(p: SeedPlan): Map<string, { columns: readonly string[]; rows: string[][] }> {
  const out = new Map<string, { columns: readonly string[]; rows: string[][] }>();
  for (const t of tableLoads(p)) out.set(t.table, { columns: t.columns, rows: [...t.rows()].map((r) => r.slice(0, -1).split('\t')) });
  return out;
}

const column = (t: { columns: readonly string[]; rows: string[][] }, name: string) => t.rows.map((r) => r[t.columns.indexOf(name)]);

describe('synthetic seed plan', () => {
  const plan = planSeed(7, MODELS, { derivedFrom: true });
  const data = tables(plan);

  it('is deterministic for a seed and differs between seeds', () => {
    const again = tables(planSeed(7, MODELS, { derivedFrom: true }));
    for (const [name, t] of data) expect(again.get(name)!.rows).toEqual(t.rows);
    const other = tables(planSeed(8, MODELS, { derivedFrom: true }));
    expect(other.get('lineage_edge')!.rows).not.toEqual(data.get('lineage_edge')!.rows);
  });

  it('produces the row counts it announced', () => {
    for (const [name, count] of Object.entries(plan.expected)) expect(data.get(name)!.rows.length).toBe(count);
  });

  it('builds an acyclic lineage graph over existing nodes', () => {
    const nodes = new Set(column(data.get('lineage_node')!, 'id').map(Number));
    const edges = data.get('lineage_edge')!;
    const derived = column(edges, 'derived_id').map(Number);
    const source = column(edges, 'source_id').map(Number);
    const children = new Map<number, number[]>();
    const indegree = new Map<number, number>();
    derived.forEach((d, k) => {
      expect(nodes.has(d) && nodes.has(source[k]) && d !== source[k]).toBe(true);
      if (!children.has(source[k])) children.set(source[k], []);
      children.get(source[k])!.push(d);
      indegree.set(d, (indegree.get(d) ?? 0) + 1);
    });
    const queue = [...nodes].filter((n) => !indegree.get(n));
    let visited = 0;
    while (queue.length) {
      visited++;
      for (const c of children.get(queue.pop()!) ?? []) {
        indegree.set(c, indegree.get(c)! - 1);
        if (indegree.get(c) === 0) queue.push(c);
      }
    }
    expect(visited).toBe(nodes.size);
  });

  it('has the Hub shape: merges of 2 to 14 parents, leaves mostly quantizations and adapters', () => {
    const m = plan.models;
    const parentsOf: Record<number, number> = {};
    const hasChild = new Uint8Array(m.count);
    for (let i = 0; i < m.count; i++) {
      if (m.parent[i] >= 0) hasChild[m.parent[i]] = 1;
      for (let k = m.mergeOffset[i]; k < m.mergeOffset[i + 1]; k++) hasChild[m.mergeParents[k]] = 1;
      if (m.role[i] === Role.MERGE) parentsOf[i] = 1 + m.mergeOffset[i + 1] - m.mergeOffset[i];
    }
    const counts = Object.values(parentsOf);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...counts)).toBeLessThanOrEqual(14);
    let leaves = 0;
    let thin = 0;
    for (let i = m.apiCount + m.rootCount; i < m.count; i++) {
      if (hasChild[i]) continue;
      leaves++;
      if (m.role[i] === Role.QUANTIZATION || m.role[i] === Role.ADAPTER) thin++;
    }
    expect(thin / leaves).toBeGreaterThan(0.6);
    // Depth grows with size: 12 or more from 10,000 models (see docs/synthetic-data.md).
    expect(Math.max(...m.depth)).toBeGreaterThanOrEqual(8);
  });

  it('gives every model with weights a checkpoint, and valid names, digests and keys', () => {
    for (let i = 0; i < plan.models.count; i++) {
      const n = plan.checkpoints.offset[i + 1] - plan.checkpoints.offset[i];
      expect(plan.models.role[i] === Role.API ? n === 0 : n >= 1).toBe(true);
    }
    const nodes = data.get('lineage_node')!;
    const keys = nodes.rows.map((r) => `${r[1]}:${r[2].toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const name of [...column(data.get('model')!, 'name'), ...column(data.get('dataset')!, 'name')]) expect(name).toMatch(NAME);
    for (const digest of column(data.get('checkpoint')!, 'digest')) expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('spreads ~300 organizations over valid countries with ownership chains', () => {
    expect(plan.orgs).toHaveLength(300);
    const countries = new Set(plan.orgs.map((o) => o.country).filter((c): c is string => c !== null));
    for (const c of countries) expect(normalizeCountry(c, 'country')).toBe(c);
    expect(countries.size).toBeGreaterThanOrEqual(30);
    const byId = new Map(plan.orgs.map((o) => [o.id, o]));
    for (const o of plan.orgs.filter((o) => o.parentId !== null)) expect(byId.get(o.parentId!)!.id).toBeLessThan(o.id);
    expect(Math.max(...plan.orgs.map((o) => o.depth))).toBeGreaterThanOrEqual(3);
  });

  it('stores registrations in canonical form, as the registry would', () => {
    for (const table of ['organization', 'model', 'dataset', 'checkpoint', 'deployment', 'custom_license']) {
      for (const reg of column(data.get(table)!, 'registration').slice(0, 200)) {
        const text = reg.replace(/\\\\/g, '\\');
        expect(JSON.stringify(canonicalize(JSON.parse(text)))).toBe(text);
      }
    }
  });
});
