// Messages between the explorer and its layout worker.
export interface LayoutRequest {
  /** Answers to an older request are dropped. */
  id: number;
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

export interface LayoutResult {
  id: number;
  positions: Record<string, { x: number; y: number }>;
  /** dagre for small graphs, the linear layered layout for large ones. */
  method: 'dagre' | 'layered';
  millis: number;
}

let worker: Worker | null = null;
let lastId = 0;

/** Lays a graph out in the shared worker; resolves null when a newer request overtook this one. */
export function layOut(nodes: LayoutRequest['nodes'], edges: LayoutRequest['edges']): Promise<LayoutResult | null> {
  worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const id = ++lastId;
  const running = worker;
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<LayoutResult>) => {
      if (event.data.id < id) return;
      running.removeEventListener('message', onMessage);
      if (event.data.id > id) return resolve(null);
      resolve(event.data);
    };
    running.addEventListener('message', onMessage);
    running.addEventListener('error', (e) => reject(new Error(`The layout failed: ${e.message}`)), { once: true });
    running.postMessage({ id, nodes, edges } satisfies LayoutRequest);
  });
}
