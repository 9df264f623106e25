// Dragging a browser item with pointer events (WebKitWebDriver cannot drive HTML5
// drag-and-drop): pointerdown on the item, a ghost follows pointermove over the window,
// and on pointerup the target under the pointer is asked of the canvas, which registered
// a resolver (it alone knows edges, zoom and drop zones). A catalogue action's state comes
// from Rust: its fetch starts on pointerdown, and the drop waits for it.
import { useCanvasUi, type CanvasUi } from "../canvas/canvasStore";
import { useStudio } from "../store/studio";
import { planDrop, type DropTarget } from "./dropEdits";
import type { PointerEvent as ReactPointerEvent } from "react";
import type { ItemRef } from "./templates";

/** What is dragged: its ghost's label and type, and what the drop inserts (a template id,
 *  or a catalogue action's states, still on their way). */
export interface DragItem {
  label: string;
  type: string;
  ref: ItemRef | Promise<ItemRef | null>;
}

export interface ResolvedDrop {
  target: DropTarget;
  hover: NonNullable<CanvasUi["dropHover"]>;
}
export type DropResolver = (clientX: number, clientY: number) => ResolvedDrop | null;

let resolver: DropResolver | null = null;

/** The canvas registers how to find a drop target at a window point; returns the
 *  unregister function. */
export function registerDropResolver(r: DropResolver): () => void {
  resolver = r;
  return () => {
    if (resolver === r) resolver = null;
  };
}

const THRESHOLD = 4; // px before a press becomes a drag (a click stays a click)

/** Starts tracking a possible drag from `item`; `onClick` runs when it was a click. */
export function beginItemDrag(item: DragItem, down: PointerEvent | ReactPointerEvent, onClick: () => void): void {
  if (down.button !== 0) return;
  const startX = down.clientX;
  const startY = down.clientY;
  let ghost: HTMLDivElement | null = null;

  const move = (e: PointerEvent) => {
    if (!ghost && Math.hypot(e.clientX - startX, e.clientY - startY) < THRESHOLD) return;
    if (!ghost) ghost = makeGhost(item);
    ghost.style.transform = `translate(${e.clientX + 12}px, ${e.clientY + 8}px)`;
    const found = resolver?.(e.clientX, e.clientY) ?? null;
    useCanvasUi.getState().setDropHover(found?.hover ?? null);
    ghost.classList.toggle("asl-ghost-nodrop", !found);
    e.preventDefault();
  };
  const finish = (e: PointerEvent | null) => {
    window.removeEventListener("pointermove", move, true);
    window.removeEventListener("pointerup", up, true);
    window.removeEventListener("pointercancel", cancel, true);
    window.removeEventListener("keydown", key, true);
    document.body.classList.remove("asl-dragging");
    useCanvasUi.getState().setDropHover(null);
    const dragged = ghost !== null || (e !== null && Math.hypot(e.clientX - startX, e.clientY - startY) >= THRESHOLD);
    ghost?.remove();
    ghost = null;
    if (!e) return;
    if (!dragged) return onClick();
    const found = resolver?.(e.clientX, e.clientY);
    if (found) void dropItem(item.ref, found.target);
  };
  const up = (e: PointerEvent) => finish(e);
  const cancel = () => finish(null);
  const key = (e: KeyboardEvent) => {
    if (e.key === "Escape") finish(null);
  };
  window.addEventListener("pointermove", move, true);
  window.addEventListener("pointerup", up, true);
  window.addEventListener("pointercancel", cancel, true);
  window.addEventListener("keydown", key, true);
  document.body.classList.add("asl-dragging");
}

/** Applies the drop's one edit (all of it or, refused, none) and selects the new state. */
export async function dropItem(item: ItemRef | Promise<ItemRef | null>, target: DropTarget): Promise<boolean> {
  const ref = await item;
  const studio = useStudio.getState();
  const snapshot = studio.snapshot; // read after the wait: the document may have changed
  if (ref === null || !snapshot || snapshot.parseError) return false;
  const plan = planDrop(ref, target, snapshot);
  if (!plan || !(await studio.apply(plan.edit))) return false;
  const added = useStudio.getState().snapshot?.states.find((s) => s.name === plan.select);
  if (added) useStudio.getState().select([added.pointer]);
  return true;
}

function makeGhost(item: DragItem): HTMLDivElement {
  const el = document.createElement("div");
  el.className = `asl-drag-ghost asl-type-${item.type.toLowerCase()}`;
  el.textContent = item.label;
  document.body.appendChild(el);
  return el;
}
