import { HitGrid } from './hit-grid';

describe('HitGrid', () => {
  const nodes = [
    { id: 'a', x: 0, y: 0, halfWidth: 50, halfHeight: 20 },
    { id: 'b', x: 300, y: 0, halfWidth: 50, halfHeight: 20 },
    { id: 'top', x: 30, y: 0, halfWidth: 50, halfHeight: 20 },
    { id: 'far', x: 5000, y: 4000, halfWidth: 50, halfHeight: 20 },
  ];
  const edges = [
    { id: 'a-b', x1: 0, y1: 0, x2: 300, y2: 0 },
    { id: 'a-far', x1: 0, y1: 0, x2: 5000, y2: 4000 },
  ];
  const grid = new HitGrid(nodes, edges);

  it('finds the node whose box holds the point, the later drawn on top where boxes overlap', () => {
    expect(grid.nodeAt(-40, 10)).toBe('a');
    expect(grid.nodeAt(20, 0)).toBe('top');
    expect(grid.nodeAt(5040, 4015)).toBe('far');
    expect(grid.nodeAt(150, 30)).toBeNull();
  });

  it('skips what is not visible', () => {
    expect(grid.nodeAt(20, 0, (id) => id !== 'top')).toBe('a');
  });

  it('finds the nearest edge within the tolerance, across cells', () => {
    expect(grid.edgeNear(150, 3, 5)).toBe('a-b');
    expect(grid.edgeNear(150, 9, 5)).toBeNull();
    expect(grid.edgeNear(2500, 2000 + 2, 5)).toBe('a-far');
  });

  it('answers on an empty graph', () => {
    expect(new HitGrid([], []).nodeAt(0, 0)).toBeNull();
  });
});
