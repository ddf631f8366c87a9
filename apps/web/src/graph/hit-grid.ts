/**
 * Which node or edge is under a point, on the CPU. Cytoscape's WebGL renderer answers this by
 * drawing every element into an offscreen picking buffer after each viewport change and reading
 * pixels back: with a software GPU (headless Chromium, many office machines) that is most of a
 * second for 2,000 nodes, spent on the first mouse-down after a pan. Positions are fixed between
 * layouts, so a uniform grid over them answers in microseconds.
 */
export interface NodeBox {
  id: string;
  x: number;
  y: number;
  halfWidth: number;
  halfHeight: number;
}

export interface EdgeSegment {
  id: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

const CELLS_PER_SIDE = 64;

function distanceToSegment(px: number, py: number, s: EdgeSegment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - s.x1) * dx + (py - s.y1) * dy) / length2));
  return Math.hypot(px - (s.x1 + t * dx), py - (s.y1 + t * dy));
}

export class HitGrid {
  private readonly cell: number;
  private readonly originX: number;
  private readonly originY: number;
  private readonly nodeCells = new Map<number, number[]>();
  private readonly edgeCells = new Map<number, number[]>();

  /** `nodes` in drawing order: where boxes overlap, the later one is on top. */
  constructor(
    private readonly nodes: readonly NodeBox[],
    private readonly edges: readonly EdgeSegment[],
  ) {
    // Loops, not Math.min(...spread): the spread throws past some tens of thousands of arguments.
    let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const n of nodes) {
      x1 = Math.min(x1, n.x - n.halfWidth);
      y1 = Math.min(y1, n.y - n.halfHeight);
      x2 = Math.max(x2, n.x + n.halfWidth);
      y2 = Math.max(y2, n.y + n.halfHeight);
    }
    this.originX = nodes.length ? x1 : 0;
    this.originY = nodes.length ? y1 : 0;
    const extent = nodes.length ? Math.max(x2 - x1, y2 - y1) : 1;
    this.cell = Math.max(extent / CELLS_PER_SIDE, 1);
    nodes.forEach((n, i) => this.insert(this.nodeCells, i, n.x - n.halfWidth, n.y - n.halfHeight, n.x + n.halfWidth, n.y + n.halfHeight));
    edges.forEach((e, i) => this.insert(this.edgeCells, i, Math.min(e.x1, e.x2), Math.min(e.y1, e.y2), Math.max(e.x1, e.x2), Math.max(e.y1, e.y2)));
  }

  /** The topmost node whose box holds the point, or null. */
  nodeAt(x: number, y: number, visible: (id: string) => boolean = () => true): string | null {
    const candidates = this.nodeCells.get(this.key(this.column(x), this.row(y))) ?? [];
    for (let i = candidates.length - 1; i >= 0; i--) {
      const n = this.nodes[candidates[i]];
      if (Math.abs(x - n.x) <= n.halfWidth && Math.abs(y - n.y) <= n.halfHeight && visible(n.id)) return n.id;
    }
    return null;
  }

  /** The nearest edge within `tolerance` (model units) of the point, or null. */
  edgeNear(x: number, y: number, tolerance: number, visible: (id: string) => boolean = () => true): string | null {
    let best: string | null = null;
    let bestDistance = tolerance;
    const seen = new Set<number>();
    for (let c = this.column(x - tolerance); c <= this.column(x + tolerance); c++)
      for (let r = this.row(y - tolerance); r <= this.row(y + tolerance); r++)
        for (const i of this.edgeCells.get(this.key(c, r)) ?? []) {
          if (seen.has(i)) continue;
          seen.add(i);
          const d = distanceToSegment(x, y, this.edges[i]);
          if (d <= bestDistance && visible(this.edges[i].id)) [best, bestDistance] = [this.edges[i].id, d];
        }
    return best;
  }

  private column(x: number): number {
    return Math.floor((x - this.originX) / this.cell);
  }

  private row(y: number): number {
    return Math.floor((y - this.originY) / this.cell);
  }

  // Columns and rows stay within a few hundred of the origin, so one number keys a cell.
  private key(column: number, row: number): number {
    return (column + 4096) * 16384 + (row + 4096);
  }

  private insert(cells: Map<number, number[]>, index: number, x1: number, y1: number, x2: number, y2: number): void {
    for (let c = this.column(x1); c <= this.column(x2); c++)
      for (let r = this.row(y1); r <= this.row(y2); r++) {
        const k = this.key(c, r);
        const list = cells.get(k);
        if (list) list.push(index);
        else cells.set(k, [index]);
      }
  }
}
