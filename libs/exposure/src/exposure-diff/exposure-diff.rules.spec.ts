import { NodeKind } from '@pedigree/core';
import type { ExposureView } from '../model-exposure/exposure.view';
import type { ExposureNode } from '../rules/ancestry-graph';
import { ClaimChange, ClaimKind, DiffAspect, DiffChange, DiffItem, diffExposure, exposureItems } from './exposure-diff.rules';

const item = (aspect: DiffAspect, key: string, support: Partial<DiffItem> = {}): DiffItem => ({
  aspect,
  key,
  label: key,
  edgeIds: [],
  nodeIds: [],
  organizationIds: [],
  ...support,
});
const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const edgeClaim = (kind: ClaimKind, id: string, derivedId: string, sourceId: string, minute = 1): ClaimChange => ({
  kind,
  claimId: id,
  recordedAt: at(minute),
  edge: { id, derivedId, sourceId },
});

describe('diffExposure', () => {
  const cn = item(DiffAspect.COUNTRY, 'CN', { edgeIds: ['e1'], nodeIds: ['d', 'b'], organizationIds: ['lab'] });
  const us = item(DiffAspect.COUNTRY, 'US', { edgeIds: ['e2'], nodeIds: ['d', 'u'], organizationIds: ['usco'] });
  const mit = item(DiffAspect.LICENSE, 'MIT', { nodeIds: ['b'] });

  it.each<[string, DiffItem[], DiffItem[], ClaimChange[], { aspect: DiffAspect; key: string; change: DiffChange; causes: string[] }[]]>([
    ['nothing changed', [cn], [cn], [edgeClaim(ClaimKind.EDGE_RETRACTED, 'e1', 'd', 'b')], []],
    [
      'a retraction on the path explains what vanished',
      [cn],
      [],
      [edgeClaim(ClaimKind.EDGE_RETRACTED, 'e1', 'd', 'b'), edgeClaim(ClaimKind.EDGE_ASSERTED, 'e9', 'x', 'y')],
      [{ aspect: DiffAspect.COUNTRY, key: 'CN', change: DiffChange.DISAPPEARED, causes: ['e1'] }],
    ],
    [
      'an assertion explains what appeared; what stayed is not listed',
      [cn],
      [cn, us],
      [edgeClaim(ClaimKind.EDGE_ASSERTED, 'e2', 'd', 'u')],
      [{ aspect: DiffAspect.COUNTRY, key: 'US', change: DiffChange.APPEARED, causes: ['e2'] }],
    ],
    [
      'a license (no path) is explained by an edge into its holder',
      [mit],
      [],
      [edgeClaim(ClaimKind.EDGE_RETRACTED, 'e1', 'd', 'b'), edgeClaim(ClaimKind.EDGE_RETRACTED, 'e7', 'b', 'z')],
      [{ aspect: DiffAspect.LICENSE, key: 'MIT', change: DiffChange.DISAPPEARED, causes: ['e1'] }],
    ],
    [
      'a stake or fact version of one of its organizations or nodes, oldest first',
      [cn],
      [],
      [
        { kind: ClaimKind.ORGANIZATION_FACTS, claimId: 'v2', recordedAt: at(5), organizationIds: ['lab'] },
        { kind: ClaimKind.STAKE_RETRACTED, claimId: 's1', recordedAt: at(3), organizationIds: ['holdco', 'lab'] },
        { kind: ClaimKind.MODEL_FACTS, claimId: 'v1', recordedAt: at(4), nodeIds: ['b'] },
        { kind: ClaimKind.MODEL_FACTS, claimId: 'v3', recordedAt: at(2), nodeIds: ['other'] },
      ],
      [{ aspect: DiffAspect.COUNTRY, key: 'CN', change: DiffChange.DISAPPEARED, causes: ['s1', 'v1', 'v2'] }],
    ],
    [
      'a cause off the explanation is not guessed',
      [cn],
      [],
      [edgeClaim(ClaimKind.EDGE_RETRACTED, 'e5', 'd', 'b')],
      [{ aspect: DiffAspect.COUNTRY, key: 'CN', change: DiffChange.DISAPPEARED, causes: [] }],
    ],
  ])('%s', (_, before, after, claims, expected) => {
    expect(
      diffExposure(before, after, claims).map((e) => ({ aspect: e.aspect, key: e.key, change: e.change, causes: e.causes.map((c) => c.claimId) })),
    ).toEqual(expected);
  });

  it('orders by aspect, then appeared before disappeared, then key', () => {
    const out = diffExposure(
      [item(DiffAspect.LICENSE, 'MIT'), item(DiffAspect.COUNTRY, 'CN')],
      [item(DiffAspect.COUNTRY, 'US'), item(DiffAspect.COUNTRY, 'AT')],
      [],
    );
    expect(out.map((e) => `${e.aspect}:${e.change}:${e.key}`)).toEqual([
      'COUNTRY:APPEARED:AT',
      'COUNTRY:APPEARED:US',
      'COUNTRY:DISAPPEARED:CN',
      'LICENSE:DISAPPEARED:MIT',
    ]);
  });
});

describe('exposureItems', () => {
  const org = (id: string) => ({ id, slug: id, name: id, country: null });
  const node = (id: string, publisher: string, vendor: string): ExposureNode => ({
    id,
    kind: NodeKind.MODEL,
    name: `model ${id}`,
    access: null,
    country: 'CN',
    publisher: org(publisher),
    vendor: org(vendor),
    license: 'MIT',
  });
  const path = [{ id: 'e1', derivedId: 'd', sourceId: 'b' }];
  const explained = { nearestId: 'b', path, via: null };
  const view = {
    countries: [
      { country: 'CN', ...explained },
      { country: null, ...explained },
    ],
    vendors: [
      { vendorId: 'holdco', vendorName: 'Holdco', unavoidable: true, ...explained },
      { vendorId: 'other', vendorName: 'Other', unavoidable: false, ...explained },
    ],
    distillationSources: [{ teacherId: 't', name: 'teacher', path, teachingEdges: [{ id: 'e3', derivedId: 'b', sourceId: 't' }] }],
    licenses: [{ expression: 'MIT', holderIds: ['b'] }],
    licenseDrift: [{ derivedId: 'd', ancestorId: 'b', ancestorLicense: 'MIT', reason: 'NON_COMMERCIAL_DROPPED', path }],
  } as unknown as ExposureView;
  const nodes = new Map([
    ['d', node('d', 'fr-lab', 'fr-lab')],
    ['b', node('b', 'lab', 'holdco')],
  ]);

  it('keys every aspect, counts an unavoidable vendor twice, and takes organizations from the nodes it rests on', () => {
    const items = exposureItems(view, nodes);
    expect(items.map((i) => `${i.aspect}:${i.key}`)).toEqual([
      'COUNTRY:CN',
      'COUNTRY:UNKNOWN',
      'VENDOR:holdco',
      'UNAVOIDABLE_VENDOR:holdco',
      'VENDOR:other',
      'TEACHER:t',
      'LICENSE:MIT',
      'DRIFT:d:b:NON_COMMERCIAL_DROPPED',
    ]);
    expect(items[0]).toMatchObject({ label: "People's Republic of China (CN)", edgeIds: ['e1'], nodeIds: ['b'], organizationIds: ['lab', 'holdco'] });
    expect(items[7]).toMatchObject({ nodeIds: ['d', 'b'], organizationIds: ['fr-lab', 'lab', 'holdco'] });
    expect(items[1].label).toBe('unknown country');
    expect(items[5].edgeIds).toEqual(['e1', 'e3']);
    expect(items[6]).toMatchObject({ edgeIds: [], nodeIds: ['b'], organizationIds: ['lab', 'holdco'] });
    expect(items[7].label).toBe('model d drops MIT of model b (NON_COMMERCIAL_DROPPED)');
  });
});
