import { ExposureKind } from '../rules/exposure-kind';
import { AffectedNode } from '../rules/impact.rules';
import { addKindTotals, foldDependencyHits, pageWithDependencies } from './impact-dependencies';

const { COMPUTE, OWNERSHIP, WEIGHTS } = ExposureKind;
const walk: AffectedNode[] = [
  { id: '10', depth: 1, kinds: [WEIGHTS], inTarget: false },
  { id: '11', depth: 2, kinds: [WEIGHTS], inTarget: false },
];
const walkPage = (start: number, end: number) => walk.slice(start, end);

describe('impact dependency hits', () => {
  const deps = foldDependencyHits(
    [
      { nodeId: '5', kind: COMPUTE, detail: 'trained on X compute' },
      { nodeId: '11', kind: COMPUTE, detail: 'trained on X compute' },
      { nodeId: '3', kind: OWNERSHIP, detail: 'publisher 30 % owned by X' },
      { nodeId: '3', kind: COMPUTE, detail: 'trained on X compute' },
      { nodeId: '1', kind: COMPUTE, detail: 'the target itself' },
    ],
    new Set(['1']),
    new Set(['1', '10', '11']),
  );

  it.each([
    [
      'lists hits outside the walk first, by id, with every kind and detail',
      0,
      2,
      [
        { id: '3', depth: 0, kinds: [COMPUTE, OWNERSHIP], inTarget: false, dependency: 'publisher 30 % owned by X; trained on X compute' },
        { id: '5', depth: 0, kinds: [COMPUTE], inTarget: false, dependency: 'trained on X compute' },
      ],
    ],
    [
      'then the walk, adding kinds to nodes it reached anyway',
      2,
      4,
      [
        { id: '10', depth: 1, kinds: [WEIGHTS], inTarget: false },
        { id: '11', depth: 2, kinds: [WEIGHTS, COMPUTE], inTarget: false, dependency: 'trained on X compute' },
      ],
    ],
    [
      'pages across the seam',
      1,
      3,
      [
        { id: '5', depth: 0, kinds: [COMPUTE], inTarget: false, dependency: 'trained on X compute' },
        { id: '10', depth: 1, kinds: [WEIGHTS], inTarget: false },
      ],
    ],
  ])('%s', (_, start, end, expected) => {
    expect(pageWithDependencies(deps, walkPage)(start, end)).toEqual(expected);
  });

  it('never lists a target node as its own dependency, and counts each node once per kind', () => {
    expect(deps.extra.map((a) => a.id)).toEqual(['3', '5']);
    expect(deps.byKind).toEqual([
      { kind: COMPUTE, count: 3 },
      { kind: OWNERSHIP, count: 1 },
    ]);
    expect(
      addKindTotals(
        [
          { kind: WEIGHTS, count: 2 },
          { kind: COMPUTE, count: 1 },
        ],
        deps.byKind,
      ),
    ).toEqual([
      { kind: WEIGHTS, count: 2 },
      { kind: COMPUTE, count: 4 },
      { kind: OWNERSHIP, count: 1 },
    ]);
  });
});
