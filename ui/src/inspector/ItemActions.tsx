// Move up / move down / remove for an item of Choices, Retry or Catch.
import type { ItemList } from "../ipc/types";
import { apply } from "./fields";

export function ItemActions({ state, list, index, count }: { state: string; list: ItemList; index: number; count: number }) {
  const move = (to: number) => void apply({ kind: "move_item", state, list, from: index, to });
  return (
    <span className="insp-item-actions">
      <button type="button" className="insp-icon-btn" title="Move up" aria-label="Move up" disabled={index === 0} onClick={() => move(index - 1)}>
        ↑
      </button>
      <button type="button" className="insp-icon-btn" title="Move down" aria-label="Move down" disabled={index >= count - 1} onClick={() => move(index + 1)}>
        ↓
      </button>
      <button
        type="button"
        className="insp-icon-btn insp-danger"
        title="Remove"
        aria-label="Remove"
        onClick={() => void apply({ kind: "remove_item", state, list, index })}
      >
        ×
      </button>
    </span>
  );
}
