import { DomainError } from '@pedigree/core';
import { STRICT } from '../import-plan';
import { planEcosystemGraphs } from './ecosystem-graphs.planner';

/** Small files for the rules the real file does not exercise. */
type Asset = {
  name: string;
  type: string;
  organization?: string;
  nationality?: string;
  license?: unknown;
  access?: string;
  dependencies?: unknown;
  url?: string;
  adaptation?: string | null;
};
const file = (...assets: Asset[]) => ({
  assets: assets.map((a) => ({
    organization: 'Acme',
    nationality: 'USA',
    license: 'MIT',
    access: 'open',
    created_date: '2024-01-02',
    url: 'https://example.com/x',
    dependencies: [],
    source_file: 'assets/test.yaml',
    ...a,
  })),
});
const plan = (...assets: Asset[]) => planEcosystemGraphs(file(...assets), 'test.json', { ...STRICT, deployments: true });
const kinds = (p: ReturnType<typeof plan>, kind: string) => p.findings.filter((f) => f.kind === kind);

describe('planEcosystemGraphs rules', () => {
  it('reads distillation from the adaptation text; other model-on-model dependencies are fine-tunes', () => {
    const p = plan(
      { name: 'Teacher', type: 'model' },
      { name: 'Student', type: 'model', dependencies: ['Teacher'], adaptation: 'Distilled from Teacher' },
      { name: 'Tuned', type: 'model', dependencies: ['Teacher'] },
    );
    expect(p.ops.filter((o) => o.edge).map((o) => o.edge!.relation)).toEqual(['DISTILLATION', 'FINETUNE']);
  });

  it('derives the relation from the kinds: TRAINED_ON, GENERATED_BY, DERIVED_FROM', () => {
    const p = plan(
      { name: 'M', type: 'model', dependencies: ['D1'] },
      { name: 'D1', type: 'dataset', dependencies: ['M0', 'D0'] },
      { name: 'M0', type: 'model' },
      { name: 'D0', type: 'dataset' },
    );
    expect(p.ops.filter((o) => o.edge).map((o) => `${o.edge!.derived} ${o.edge!.relation} ${o.edge!.source}`)).toEqual([
      'acme/M TRAINED_ON acme/D1',
      'acme/D1 GENERATED_BY acme/M0',
      'acme/D1 DERIVED_FROM acme/D0',
    ]);
    expect(p.ops.find((o) => o.edge?.relation === 'DERIVED_FROM')!.input).toMatchObject({ derived: { dataset: 'acme/D1' }, source: { dataset: 'acme/D0' } });
  });

  it('leaves a normalized reference dangling when two assets share the key, naming both', () => {
    const p = plan(
      { name: 'Llama 2', type: 'model' },
      { name: 'LLaMA-2', type: 'model', organization: 'Other' },
      { name: 'X', type: 'model', dependencies: ['llama 2'] },
    );
    expect(p.report.dangling).toEqual([{ from: 'X', text: 'llama 2', candidates: ['LLaMA-2', 'Llama 2'] }]);
    expect(kinds(p, 'ambiguous-dependency')[0].detail).toContain('could mean "LLaMA-2" or "Llama 2"');
    expect(p.report.counts.ambiguousRefs).toBe(1);
  });

  it('reports which edge the registry will refuse for a model loop, and still emits it', () => {
    const p = plan({ name: 'A', type: 'model', dependencies: ['B'] }, { name: 'B', type: 'model', dependencies: ['A'] });
    expect(p.ops.filter((o) => o.edge)).toHaveLength(2);
    expect(p.report.rejectedEdges).toEqual([
      { derived: 'B', source: 'A', derivedName: 'acme/B', sourceName: 'acme/A', relation: 'FINETUNE', path: ['B', 'A', 'B'], emitted: true },
    ]);
    expect(p.report.cycles).toEqual([
      {
        path: ['A', 'B', 'A'],
        outcome: 'rejected',
        rejectedEdge: { derived: 'B', source: 'A', relation: 'FINETUNE' },
        detail: expect.stringContaining('refuses the edge that closes it'),
      },
    ]);
  });

  it("turns an application's models into deployments and reports its other dependencies", () => {
    const p = plan(
      { name: 'M', type: 'model' },
      { name: 'D', type: 'dataset' },
      { name: 'Other App', type: 'application' },
      { name: 'Chat App', type: 'application', dependencies: ['M', 'D', 'Other App', 'Nowhere'] },
    );
    expect(p.ops.filter((o) => o.mutation === 'registerDeployment').map((o) => [o.label, o.input.name, o.input.system, o.input.ownerTeam])).toEqual([
      ['deployment Chat App → M', 'chat-app/acme/m', 'Chat App', 'Acme'],
    ]);
    expect(kinds(p, 'dependency-not-represented').map((f) => f.detail)).toEqual([
      expect.stringContaining('"D" (dataset "D")'),
      expect.stringContaining('"Other App" (application "Other App")'),
    ]);
    expect(kinds(p, 'dangling-dependency')).toHaveLength(1);
    expect(p.report.counts.applications).toBe(2);
  });

  it('collapses identical duplicates and keeps records of different publishers apart', () => {
    const p = plan(
      { name: 'Same', type: 'model' },
      { name: 'Same', type: 'model' },
      { name: 'Twin', type: 'model' },
      { name: 'Twin', type: 'model', organization: 'Beta' },
    );
    expect(p.report.duplicates.map((d) => [d.name, d.resolution, d.detail])).toEqual([
      ['Same', 'merged', 'assets/test.yaml merged into assets/test.yaml (same publisher "acme"), identical'],
      ['Twin', 'kept-apart', 'different artifacts kept apart: acme/… model from assets/test.yaml and beta/… model from assets/test.yaml'],
    ]);
    expect(p.ops.filter((o) => o.mutation === 'registerModel').map((o) => o.input.name)).toEqual(['acme/Same', 'acme/Twin', 'beta/Twin']);
  });

  it('keeps the first country of an organization and reports the other', () => {
    const p = plan(
      { name: 'A', type: 'model', nationality: 'UK' },
      { name: 'B', type: 'model', nationality: 'USA' },
      { name: 'C', type: 'model', nationality: 'unknown' },
    );
    expect(p.ops[0].input).toMatchObject({ slug: 'acme', country: 'GB' });
    expect(kinds(p, 'country-conflict')).toEqual([
      {
        kind: 'country-conflict',
        subject: 'Acme',
        detail: 'United Kingdom (GB) from "A" (assets/test.yaml) kept; "B" (assets/test.yaml) says United States of America (US)',
      },
    ]);
  });

  it('splits co-publishers, publishes under the first, and pairs joint nationalities', () => {
    const p = plan({ name: 'J', type: 'model', organization: 'Mila, ETH Zurich', nationality: 'Canada/Switzerland' });
    expect(p.ops.filter((o) => o.mutation === 'registerOrganization').map((o) => [o.input.slug, o.input.country, o.input.kind])).toEqual([
      ['mila', 'CA', 'ACADEMIC'],
      ['eth-zurich', 'CH', 'ACADEMIC'],
    ]);
    expect(p.ops.find((o) => o.mutation === 'registerModel')!.input.publisher).toBe('mila');
    expect(kinds(p, 'co-published')[0].detail).toBe('published by "Mila"; co-published by "ETH Zurich"');
  });

  it('names free-text licenses as LicenseRef- ids the registry must hold, never inventing terms; unknown licenses are omitted', () => {
    const assets: Asset[] = [
      { name: 'A', type: 'model', license: 'Jamba Open Model License' },
      { name: 'B', type: 'dataset', license: 'Jamba Open Model License' },
      { name: 'C', type: 'model', license: { explanation: 'unknown' } },
    ];
    const p = plan(...assets);
    expect(p.ops.filter((o) => o.mutation === 'registerLicense')).toEqual([]);
    expect(p.ops.find((o) => o.label === 'model A')!.input.license).toBe('LicenseRef-Jamba-Open-Model-License');
    expect(p.ops.find((o) => o.label === 'model C')!.input.license).toBeUndefined();
    expect([p.report.counts.licensesRef, p.report.counts.licensesUnknown, p.report.counts.customLicenses]).toEqual([2, 1, 1]);
    expect(kinds(p, 'license-ref')[0].detail).toContain('must be registered');
  });

  it('with --allow-unknown-license, records an unregistered free-text license as unknown and keeps a registered one', () => {
    const assets: Asset[] = [
      { name: 'A', type: 'model', license: 'Jamba Open Model License' },
      { name: 'B', type: 'model', license: 'Acme Terms' },
    ];
    const p = planEcosystemGraphs(file(...assets), 'test.json', {
      ...STRICT,
      unknownLicenses: true,
      knownLicenseRefs: new Set(['LicenseRef-Acme-Terms']),
      deployments: false,
    });
    expect(p.ops.find((o) => o.label === 'model A')!.input.license).toBeUndefined();
    expect(p.ops.find((o) => o.label === 'model B')!.input.license).toBe('LicenseRef-Acme-Terms');
    expect(kinds(p, 'license-ref').map((f) => f.detail)).toEqual([
      expect.stringContaining('must be registered'),
      expect.stringContaining('recorded as unknown'),
    ]);
  });

  it('maps access, keeps only real dates and points evidence only at http(s) URLs', () => {
    const p = planEcosystemGraphs(
      {
        assets: [
          { name: 'A', type: 'model', organization: 'Acme', access: 'limited', created_date: '2024-02-30', url: 'none', dependencies: [] },
          {
            name: 'B',
            type: 'model',
            organization: 'Acme',
            access: 'closed',
            created_date: { explanation: 'some time in 2023' },
            url: { value: 'https://b.example' },
          },
          { name: 'C', type: 'model', organization: 'Acme', access: 'weird', created_date: 'unknown' },
        ],
      },
      'test.json',
    );
    const models = p.ops.filter((o) => o.mutation === 'registerModel').map((o) => o.input as Record<string, any>);
    expect(models.map((m) => [m.access, m.releaseDate, m.evidence.documentRef])).toEqual([
      ['API_ONLY', undefined, null],
      ['CLOSED', undefined, 'https://b.example'],
      ['CLOSED', undefined, null],
    ]);
    expect(models[0].evidence.justification).toContain('ecosystem-graphs model "A" (no source_file) in test.json');
    expect(kinds(p, 'release-date-unparsed').map((f) => f.subject)).toEqual(['A', 'B']);
    expect(kinds(p, 'access-unknown').map((f) => f.subject)).toEqual(['C']);
  });

  it('refuses a file that is not an export, and skips assets it cannot read with a finding', () => {
    expect(() => planEcosystemGraphs({ nodes: [] }, 'bad.json')).toThrow(DomainError);
    const p = planEcosystemGraphs([{ name: 'ok', type: 'model', organization: 'A' }, { type: 'model' }, { name: 'x', type: 'robot' }], 'list.json');
    expect([p.report.counts.assets, p.report.counts.invalidAssets]).toEqual([1, 2]);
    expect(kinds(p, 'invalid-asset').map((f) => f.subject)).toEqual(['assets[1]', 'assets[2]']);
  });
});
