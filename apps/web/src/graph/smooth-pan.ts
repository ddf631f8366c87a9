import type { Core } from 'cytoscape';

/**
 * Pans a large graph by moving the drawn picture, and draws it again once, on release: the canvas
 * renderer's `textureOnViewport`, which the WebGL renderer lacks. Redrawing 2,000 nodes every frame
 * of a drag is tens of milliseconds with a GPU and hundreds without one (software WebGL, busy
 * machines), so the drag stutters; a CSS transform is moved by the compositor at the display's rate.
 * While dragging, what lies beyond the old picture's edge is blank until release.
 * A press on a node is left to cytoscape, which drags the node. `release` pans by the drag; the
 * returned function removes the listeners.
 */
export function panByMovingThePicture(instance: Core, container: HTMLElement, release: (by: { x: number; y: number }) => void): () => void {
  instance.userPanningEnabled(false);
  const picture = () => container.firstElementChild as HTMLElement | null;
  let drag: { pointerId: number; x: number; y: number; dx: number; dy: number } | null = null;
  let frame = 0;

  const onDown = (e: PointerEvent) => {
    if (e.button !== 0 || drag) return;
    const box = container.getBoundingClientRect();
    const pan = instance.pan();
    const zoom = instance.zoom();
    const model = { x: (e.clientX - box.left - pan.x) / zoom, y: (e.clientY - box.top - pan.y) / zoom };
    const renderer = (instance as unknown as { renderer(): { findNearestElements(x: number, y: number): { isNode(): boolean }[] } }).renderer();
    if (renderer.findNearestElements(model.x, model.y).some((el) => el.isNode())) return;
    drag = { pointerId: e.pointerId, x: e.clientX, y: e.clientY, dx: 0, dy: 0 };
    container.setPointerCapture?.(e.pointerId);
    // Its own compositor layer for the drag, so each move is composited, not painted.
    const el = picture();
    if (el) el.style.willChange = 'transform';
  };
  const onMove = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    drag.dx = e.clientX - drag.x;
    drag.dy = e.clientY - drag.y;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const el = picture();
      if (drag && el) el.style.transform = `translate3d(${drag.dx}px, ${drag.dy}px, 0)`;
    });
  };
  const onUp = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const { dx, dy } = drag;
    drag = null;
    if (frame) cancelAnimationFrame(frame);
    frame = 0;
    const el = picture();
    if (el) {
      el.style.transform = '';
      el.style.willChange = '';
    }
    if (dx || dy) release({ x: dx, y: dy });
  };
  container.addEventListener('pointerdown', onDown);
  container.addEventListener('pointermove', onMove);
  container.addEventListener('pointerup', onUp);
  container.addEventListener('pointercancel', onUp);
  return () => {
    container.removeEventListener('pointerdown', onDown);
    container.removeEventListener('pointermove', onMove);
    container.removeEventListener('pointerup', onUp);
    container.removeEventListener('pointercancel', onUp);
  };
}
