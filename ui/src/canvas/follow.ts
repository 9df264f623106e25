// Keeping a new state in view. A drop (or paste, or a click in the browser) re-lays the
// machine out and selects the new state, which may land off-screen (a Map appended below
// a tall machine); the view then pans, animated, just far enough to show it whole.
import { useReactFlow } from "@xyflow/react";
import { useEffect, useRef, type RefObject } from "react";
import { useFrame } from "../frame/frameStore";
import { useStudio } from "../store/studio";
import type { Flow } from "./toFlow";

/** Screen px kept between the state and the canvas's border. */
const MARGIN = 48;
const PAN_MS = 300;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The smallest move (screen px) that shows `box` (flow coordinates) whole inside a
 *  `width` × `height` pane with a margin, under the viewport `view`; a box bigger than
 *  the pane shows its top-left corner. Pure. */
export function panToShow(box: Box, view: { x: number; y: number; zoom: number }, width: number, height: number): { dx: number; dy: number } {
  const axis = (start: number, size: number, offset: number, pane: number) => {
    const lo = start * view.zoom + offset;
    const hi = (start + size) * view.zoom + offset;
    let d = 0;
    if (hi > pane - MARGIN) d = pane - MARGIN - hi;
    if (lo + d < MARGIN) d = MARGIN - lo;
    return d;
  };
  return { dx: axis(box.x, box.width, view.x, width), dy: axis(box.y, box.height, view.y, height) };
}

/** Follows a state that is selected alone and is new in this revision of the document
 *  (not a state the user clicked: that one is on screen already). */
export function useFollowNewSelection(flow: Flow, root: RefObject<HTMLDivElement | null>, autoFit: RefObject<boolean>): void {
  const rf = useReactFlow();
  const selection = useStudio((s) => s.selection);
  const snapshot = useStudio((s) => s.snapshot);
  // The node ids of the last revision, and those it added to the one before.
  const known = useRef<{ revision: number; ids: Set<string>; added: Set<string> } | null>(null);
  const followed = useRef<string | null>(null);

  useEffect(() => {
    if (!snapshot) return;
    const ids = new Set(flow.nodes.map((n) => n.id));
    const k = known.current;
    if (!k || k.revision !== snapshot.revision) {
      // A different document is not an addition (its states are all "new").
      const sameDoc = k !== null && flow.nodes.some((n) => k.ids.has(n.id));
      known.current = { revision: snapshot.revision, ids, added: sameDoc ? new Set([...ids].filter((id) => !k.ids.has(id))) : new Set() };
    }
    if (selection.length !== 1) return;
    const pointer = selection[0];
    const key = `${snapshot.revision}|${pointer}`;
    if (!known.current!.added.has(pointer) || followed.current === key) return;
    followed.current = key;
    // Its Inspector is what the user edits next: open it if the user had closed it.
    if (!useFrame.getState().inspectorOpen) useFrame.getState().togglePanel("inspectorOpen", true);
    const box = snapshot.layout.nodes.find((n) => n.id === pointer);
    if (!box) return;
    // After the frame that lays the panels out (the Inspector may just have opened).
    const id = requestAnimationFrame(() => {
      const pane = root.current?.getBoundingClientRect();
      if (!pane || pane.width === 0) return;
      const view = rf.getViewport();
      const { dx, dy } = panToShow(box, view, pane.width, pane.height);
      if (dx === 0 && dy === 0) return;
      autoFit.current = false;
      void rf.setViewport({ x: view.x + dx, y: view.y + dy, zoom: view.zoom }, { duration: PAN_MS });
    });
    return () => cancelAnimationFrame(id);
  }, [flow, selection, snapshot, rf, root, autoFit]);
}
