import { assertNoErrors, RegistryProcess, startRegistry } from '@pedigree/testing';

const R1 = 'deepseek-ai/DeepSeek-R1';
const V3 = 'deepseek-ai/DeepSeek-V3';
const DISTILLS = ['Qwen-1.5B', 'Qwen-7B', 'Llama-8B', 'Qwen-14B', 'Qwen-32B', 'Llama-70B'].map((m) => `deepseek-ai/DeepSeek-R1-Distill-${m}`);

const IMPACT = `query($of: ImpactTargetInput!, $first: Int!, $after: String) { impact(of: $of) {
  affectedCount byKind { kind count } byRelation { relation count }
  affected(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { depth kinds inTarget node { name } } } }
} }`;

interface Affected {
  depth: number;
  kinds: string[];
  inTarget: boolean;
  node: { name: string };
}

/**
 * "What is affected if this organization's (or country's) models are banned?" The target stands for
 * many models, and some of them are built on others: DeepSeek-R1 on DeepSeek-V3-Base, the R1 distills
 * taught by R1. They are affected too, and say so with inTarget.
 */
describe('impact of an organization or a country lists its own models that derive from its other models', () => {
  let r: RegistryProcess;
  beforeAll(async () => {
    r = await startRegistry({ demo: true });
  });
  afterAll(() => r?.stop());

  /** All affected nodes, three to a page, and the head of the first page. */
  async function impactOf(of: Record<string, string>) {
    const pages: Affected[] = [];
    let after: string | null = null;
    let head: any;
    do {
      const res: any = assertNoErrors(await r.gql(IMPACT, { of, first: 3, after }));
      head ??= res.data.impact;
      pages.push(...res.data.impact.affected.edges.map((e: { node: Affected }) => e.node));
      after = res.data.impact.affected.pageInfo.hasNextPage ? res.data.impact.affected.pageInfo.endCursor : null;
    } while (after);
    const all = assertNoErrors(await r.gql(IMPACT, { of, first: 100, after: null })).data.impact;
    expect(pages).toEqual(all.affected.edges.map((e: { node: Affected }) => e.node));
    expect(all.affected.totalCount).toBe(all.affectedCount);
    expect(pages).toHaveLength(all.affectedCount);
    return { ...head, affected: pages as Affected[] };
  }

  /** byKind must count exactly the listed nodes that show each kind. */
  function kindCounts(affected: Affected[]) {
    const counts = new Map<string, number>();
    for (const a of affected) for (const k of a.kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    return Object.fromEntries(counts);
  }

  it('DeepSeek: V3 and R1 (built on V3-Base) and the six R1 distills are affected, as part of the target', async () => {
    const i = await impactOf({ organization: 'deepseek' });
    const byName = new Map(i.affected.map((a: Affected) => [a.node.name, a]));
    expect(byName.get(R1)).toEqual({ depth: 1, kinds: ['WEIGHTS'], inTarget: true, node: { name: R1 } });
    expect(byName.get(V3)).toEqual({ depth: 1, kinds: ['WEIGHTS'], inTarget: true, node: { name: V3 } });
    // Taught by R1; their Qwen and Llama bases are not DeepSeek's, so only the teaching reaches them.
    for (const d of DISTILLS) expect(byName.get(d)).toEqual({ depth: 1, kinds: ['DISTILLATION'], inTarget: true, node: { name: d } });
    expect(byName.has('deepseek-ai/DeepSeek-V3-Base')).toBe(false);
    expect(i.affectedCount).toBe(8);
    expect(Object.fromEntries(i.byKind.map((k: any) => [k.kind, k.count]))).toEqual(kindCounts(i.affected));
    expect(i.byKind).toEqual([
      { kind: 'WEIGHTS', count: 2 },
      { kind: 'DISTILLATION', count: 6 },
    ]);
    expect(i.byRelation).toEqual([
      { relation: 'DISTILLATION', count: 6 },
      { relation: 'FINETUNE', count: 2 },
    ]);
  });

  it('CN: DeepSeek and Qwen models built on Chinese models are listed in the target, beside what is derived elsewhere', async () => {
    const i = await impactOf({ country: 'CN' });
    const byName = new Map(i.affected.map((a: Affected) => [a.node.name, a]));
    expect(byName.get(R1)).toMatchObject({ depth: 1, kinds: ['WEIGHTS'], inTarget: true });
    expect(byName.get(V3)).toMatchObject({ depth: 1, kinds: ['WEIGHTS'], inTarget: true });
    // A Qwen-based distill carries Chinese weights too; a Llama-based one only Chinese teaching.
    expect(byName.get('deepseek-ai/DeepSeek-R1-Distill-Qwen-7B')).toMatchObject({ depth: 1, kinds: ['WEIGHTS', 'DISTILLATION'], inTarget: true });
    expect(byName.get('deepseek-ai/DeepSeek-R1-Distill-Llama-8B')).toMatchObject({ depth: 1, kinds: ['DISTILLATION'], inTarget: true });
    expect(byName.get('Qwen/Qwen2.5-7B-Instruct-GGUF')).toMatchObject({ depth: 1, kinds: ['WEIGHTS'], inTarget: true });
    // Trained on openbmb/UltraFeedback (CN), published in the US: affected, not part of the target.
    expect(byName.get('HuggingFaceH4/zephyr-7b-alpha')).toMatchObject({ depth: 1, kinds: ['TRAINING_DATA'], inTarget: false });
    expect(byName.get('Weyaxi/OpenOrca-Zephyr-7B')).toMatchObject({ depth: 2, kinds: ['TRAINING_DATA'], inTarget: false });
    expect(
      i.affected
        .filter((a: Affected) => a.inTarget)
        .map((a: Affected) => a.node.name)
        .sort(),
    ).toEqual(
      [
        V3,
        R1,
        ...DISTILLS,
        'Qwen/Qwen2.5-7B-Instruct',
        'Qwen/Qwen2.5-72B-Instruct',
        'Qwen/Qwen2.5-7B-Instruct-GGUF',
        'Qwen/Qwen2.5-Math-1.5B',
        'Qwen/Qwen2.5-Math-7B',
      ].sort(),
    );
    expect(i.affectedCount).toBe(15);
    expect(Object.fromEntries(i.byKind.map((k: any) => [k.kind, k.count]))).toEqual(kindCounts(i.affected));
    expect(Object.fromEntries(i.byRelation.map((x: any) => [x.relation, x.count]))).toEqual({
      FINETUNE: 8,
      DISTILLATION: 6,
      CONTINUED_PRETRAINING: 2,
      QUANTIZATION: 1,
      TRAINED_ON: 1,
      MERGE: 1,
    });
    // Nearest first, the target's own nodes merged in: by depth, then id.
    expect(i.affected.map((a: Affected) => a.depth)).toEqual([...i.affected.map((a: Affected) => a.depth)].sort((a, b) => a - b));
    const china = assertNoErrors(await r.gql(`{ impact(of: { country: "China" }) { affectedCount } }`));
    expect(china.data.impact.affectedCount).toBe(15);
  });

  it('a single model target is never listed as its own descendant', async () => {
    const i = await impactOf({ model: 'deepseek-ai/DeepSeek-V3-Base' });
    expect(i.affected.every((a: Affected) => !a.inTarget)).toBe(true);
    expect(i.affected.map((a: Affected) => a.node.name)).not.toContain('deepseek-ai/DeepSeek-V3-Base');
    expect(i.affected.slice(0, 2).map((a: Affected) => a.node.name)).toEqual([V3, R1]);
  });
});
