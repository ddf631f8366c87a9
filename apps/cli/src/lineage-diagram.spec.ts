import { dotString, edgeLabel, mermaidText, renderDot, renderMermaid } from './lineage-diagram';

const nodes = [
  { id: '10', kind: 'MODEL' as const, label: 'acme/distilled (CN, MIT)' },
  { id: '2', kind: 'MODEL' as const, label: 'meta-llama/Llama-3.1-8B (US, LicenseRef-llama3.1)' },
  { id: '7', kind: 'DATASET' as const, label: 'dataset org/"quoted" data' },
  { id: '3', kind: 'CHECKPOINT' as const, label: 'sha256:0123456789…' },
];
const edges = [
  { derivedId: '10', sourceId: '7', relation: 'TRAINED_ON' },
  { derivedId: '10', sourceId: '2', relation: 'FINETUNE' },
  { derivedId: '2', sourceId: '3', relation: 'MERGE', mergeWeight: 0.5 },
];

describe('mermaidText', () => {
  it.each([
    ['plain/name-1.0', 'plain/name-1.0'],
    ['say "hi"', 'say #quot;hi#quot;'],
    ['C# model', 'C#35; model'],
    ['<script>', '#lt;script#gt;'],
    ['two\nlines', 'two lines'],
    ['(CN, MIT) [x] {y}', '(CN, MIT) [x] {y}'],
  ])('%j → %j', (input, expected) => expect(mermaidText(input)).toBe(expected));
});

describe('renderMermaid', () => {
  it('draws a flowchart with generated ids, quoted labels, shapes per kind and relation labels', () => {
    expect(renderMermaid('10', nodes, edges)).toEqual([
      'flowchart TD',
      '  n0["acme/distilled (CN, MIT)"]',
      '  n1[("dataset org/#quot;quoted#quot; data")]',
      '  n2["meta-llama/Llama-3.1-8B (US, LicenseRef-llama3.1)"]',
      '  n3{{"sha256:0123456789…"}}',
      '  n0 -->|"TRAINED_ON"| n1',
      '  n0 -->|"FINETUNE"| n2',
      '  n2 -->|"MERGE 0.5"| n3',
    ]);
  });

  it('gives every node id the form n<digits>, whatever the registry id holds', () => {
    const lines = renderMermaid(
      'a/b.c-d',
      [{ id: 'a/b.c-d', kind: 'MODEL', label: 'x' }],
      [{ derivedId: 'a/b.c-d', sourceId: 'not listed', relation: 'FINETUNE' }],
    );
    expect(lines).toEqual(['flowchart TD', '  n0["x"]', '  n0 -->|"FINETUNE"| n1']);
  });
});

describe('DOT', () => {
  it.each([
    ['plain', '"plain"'],
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['two\nlines', '"two\\nlines"'],
  ])('dotString %j → %s', (input, expected) => expect(dotString(input)).toBe(expected));

  it('quotes every id, shapes per kind, bold root, relation as edge label', () => {
    expect(renderDot('10', nodes, edges)).toEqual([
      'digraph lineage {',
      '  rankdir=TB;',
      '  node [shape=box, fontname="Helvetica"];',
      '  edge [fontname="Helvetica", fontsize=10];',
      '  "10" [label="acme/distilled (CN, MIT)", shape=box, penwidth=2];',
      '  "7" [label="dataset org/\\"quoted\\" data", shape=cylinder];',
      '  "2" [label="meta-llama/Llama-3.1-8B (US, LicenseRef-llama3.1)", shape=box];',
      '  "3" [label="sha256:0123456789…", shape=hexagon];',
      '  "10" -> "7" [label="TRAINED_ON"];',
      '  "10" -> "2" [label="FINETUNE"];',
      '  "2" -> "3" [label="MERGE 0.5"];',
      '}',
    ]);
  });

  it.each([
    [{ derivedId: 'a', sourceId: 'b', relation: 'FINETUNE' }, 'FINETUNE'],
    [{ derivedId: 'a', sourceId: 'b', relation: 'MERGE', mergeWeight: null }, 'MERGE'],
    [{ derivedId: 'a', sourceId: 'b', relation: 'MERGE', mergeWeight: 0.3 }, 'MERGE 0.3'],
  ])('edgeLabel %j → %s', (edge, expected) => expect(edgeLabel(edge)).toBe(expected));
});
