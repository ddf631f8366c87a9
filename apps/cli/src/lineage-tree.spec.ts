import { renderAncestryTree } from './lineage-tree';

describe('renderAncestryTree', () => {
  const nodes = [
    { id: '1', label: 'merged' },
    { id: '2', label: 'left' },
    { id: '3', label: 'right' },
    { id: '4', label: 'base' },
  ];

  it('prints a diamond once and marks the repeated ancestor', () => {
    const edges = [
      { derivedId: '1', sourceId: '2', relation: 'MERGE' },
      { derivedId: '1', sourceId: '3', relation: 'MERGE' },
      { derivedId: '2', sourceId: '4', relation: 'FINETUNE' },
      { derivedId: '3', sourceId: '4', relation: 'FINETUNE' },
    ];
    expect(renderAncestryTree('1', nodes, edges)).toEqual([
      'merged',
      '├─ MERGE        left',
      '│  └─ FINETUNE     base',
      '└─ MERGE        right',
      '   └─ FINETUNE     base',
    ]);
  });

  it('ends on cyclic data', () => {
    const edges = [
      { derivedId: '1', sourceId: '2', relation: 'FINETUNE' },
      { derivedId: '2', sourceId: '1', relation: 'FINETUNE' },
    ];
    expect(renderAncestryTree('1', nodes, edges)).toEqual(['merged', '└─ FINETUNE     left', '   └─ FINETUNE     merged  (ancestors shown above)']);
  });
});
