import { FailureKind, portfolioOf, PortfolioMember } from './portfolio.rules';
import { NodeKind } from '@pedigree/core';
import { buildGraph } from './graph-builder';

const graph = buildGraph(
  'unused',
  {
    llama: { vendor: 'meta', country: 'US' },
    chat: { vendor: 'acme', country: 'FR' },
    legal: { vendor: 'acme', country: 'FR' },
    mistral: { vendor: 'mistral', country: 'FR' },
    merged: { vendor: 'acme', country: 'FR' },
    gpt4: { vendor: 'openai', country: 'US', access: 'API_ONLY' },
  },
  ['chat > llama : FINETUNE', 'legal > llama : FINETUNE', 'merged > llama : MERGE', 'merged > mistral : MERGE'],
);
const member = (id: string, nodeId: string, provider: string | null = null, servingCountry: string | null = null): PortfolioMember => ({
  id,
  nodeId,
  servingCountry,
  provider: provider ? { id: provider, slug: provider, name: provider, country: null } : null,
});

describe('portfolioOf', () => {
  const report = portfolioOf([member('d1', 'chat'), member('d2', 'legal', 'aws', 'IE'), member('d3', 'merged'), member('d4', 'gpt4')], graph, 20);

  it('counts and shares members by country and by vendor', () => {
    expect(report.memberCount).toBe(4);
    expect(report.countries.find((c) => c.key === 'US')).toMatchObject({ count: 4, share: 1 });
    expect(report.countries.find((c) => c.key === 'FR')).toMatchObject({ count: 3, share: 0.75 });
    expect(report.vendors.find((v) => v.key === 'meta')).toMatchObject({ count: 3, share: 0.75 });
    expect(report.vendors.find((v) => v.key === 'aws')).toMatchObject({ count: 1 });
  });

  it('computes HHI over weight-root vendors, splitting a merge between its roots', () => {
    // meta: chat 1 + legal 1 + merged 0.5 = 2.5; mistral 0.5; openai (gpt4 is its own weight root) 1.
    const shares = Object.fromEntries(report.weightRootVendors.shares.map((s) => [s.key, s.count]));
    expect(shares).toEqual({ meta: 2.5, openai: 1, mistral: 0.5 });
    expect(report.weightRootVendors.hhi).toBeCloseTo(100 ** 2 * ((2.5 / 4) ** 2 + (1 / 4) ** 2 + (0.5 / 4) ** 2), 2);
  });

  it('computes HHI over inference providers, self-hosted counted as one', () => {
    expect(report.inferenceProviders!.hhi).toBeCloseTo(100 ** 2 * ((3 / 4) ** 2 + (1 / 4) ** 2), 2);
  });

  it('ranks single points of failure by how many members each would take down', () => {
    const top = report.singlePointsOfFailure.map((f) => [f.kind, f.key, f.count]);
    // Every member is taken down by its own model's vendor and country too (acme, FR), which ties with US.
    expect(top.slice(0, 3)).toEqual([
      [FailureKind.COUNTRY, 'FR', 3],
      [FailureKind.COUNTRY, 'US', 3],
      [FailureKind.VENDOR, 'acme', 3],
    ]);
    expect(top).toEqual(
      expect.arrayContaining([
        [FailureKind.VENDOR, 'meta', 2],
        [FailureKind.BASE_MODEL, 'llama', 2],
        [FailureKind.VENDOR, 'openai', 1],
        [FailureKind.VENDOR, 'aws', 1],
        [FailureKind.COUNTRY, 'IE', 1],
      ]),
    );
    // The merge can fall back on Mistral: neither Meta nor Llama takes it down.
    expect(report.singlePointsOfFailure.find((f) => f.key === 'meta')?.memberIds).toEqual(['d1', 'd2']);
  });

  it('counts a deployment of a base model checkpoint as taken down by that model and its vendor', () => {
    const g = buildGraph('x', { ckpt: { kind: NodeKind.CHECKPOINT }, llama: { vendor: 'meta', country: 'US' } }, ['ckpt > llama : CHECKPOINT_OF']);
    const spof = portfolioOf([member('d', 'ckpt')], g).singlePointsOfFailure.map((f) => `${f.kind}:${f.key}`);
    expect(spof.sort()).toEqual(['BASE_MODEL:llama', 'COUNTRY:US', 'VENDOR:meta']);
  });

  it('reports unknown countries and vendors rather than dropping them, and no providers for models', () => {
    const g = buildGraph('x', { anon: { country: null } }, []);
    const r = portfolioOf([member('m', 'anon')], g, 10, false);
    expect(r.countries).toEqual([{ key: null, label: 'unknown', count: 1, share: 1 }]);
    expect(r.vendors).toEqual([{ key: null, label: 'unknown', count: 1, share: 1 }]);
    expect(r.inferenceProviders).toBeNull();
  });

  it('is empty, not divided by zero, for no members', () => {
    const empty = portfolioOf([], graph);
    expect(empty).toMatchObject({ memberCount: 0, countries: [], weightRootVendors: { hhi: 0, shares: [] } });
  });
});
