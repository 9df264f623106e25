// Canvas-only UI state: never part of the document, never in the undo history.
import { create } from "zustand";

export interface CanvasUi {
  /** Container node ids the user folded. */
  collapsed: ReadonlySet<string>;
  /** The state whose title is being edited in place. */
  renaming: string | null;
  /** The edge id or scope pointer a dragged browser item would drop on (highlighted). */
  dropHover: { kind: "edge"; id: string } | { kind: "scope"; scope: string } | null;
  toggleCollapsed(id: string): void;
  setRenaming(id: string | null): void;
  setDropHover(hover: CanvasUi["dropHover"]): void;
}

export const useCanvasUi = create<CanvasUi>()((set, get) => ({
  collapsed: new Set(),
  renaming: null,
  dropHover: null,
  toggleCollapsed(id) {
    const next = new Set(get().collapsed);
    if (!next.delete(id)) next.add(id);
    set({ collapsed: next });
  },
  setRenaming: (renaming) => set({ renaming }),
  setDropHover(dropHover) {
    const cur = get().dropHover;
    if (JSON.stringify(cur) !== JSON.stringify(dropHover)) set({ dropHover });
  },
}));
