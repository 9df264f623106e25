// Ctrl+F: find a state by name. Typing selects and centres the first match; Enter moves
// to the next (Shift+Enter the previous); Escape closes.
import { useEffect, useMemo, useRef, useState } from "react";
import { useStudio } from "../store/studio";

export function FindBox({ onClose, centre }: { onClose: () => void; centre: (pointer: string) => void }) {
  const [query, setQuery] = useState("");
  const [at, setAt] = useState(0);
  const ref = useRef<HTMLInputElement>(null);
  const states = useStudio((s) => s.snapshot?.states);
  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? (states ?? []).filter((s) => s.name.toLowerCase().includes(q)) : [];
  }, [query, states]);

  useEffect(() => ref.current?.focus(), []);

  const show = (i: number) => {
    if (matches.length === 0) return;
    const k = ((i % matches.length) + matches.length) % matches.length;
    setAt(k);
    useStudio.getState().select([matches[k].pointer]);
    centre(matches[k].pointer);
  };

  return (
    <div className="asl-find" role="search" data-testid="find-state">
      <input
        ref={ref}
        className="nodrag nopan"
        placeholder="Find a state"
        aria-label="Find a state"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setAt(0);
          const q = e.target.value.trim().toLowerCase();
          const first = q ? (states ?? []).find((s) => s.name.toLowerCase().includes(q)) : undefined;
          if (first) {
            useStudio.getState().select([first.pointer]);
            centre(first.pointer);
          }
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === "Enter") show(e.shiftKey ? at - 1 : at + 1);
          if (e.key === "Escape") onClose();
        }}
      />
      <span className="asl-find-count">{query.trim() ? (matches.length ? `${at + 1}/${matches.length}` : "0/0") : ""}</span>
      <button type="button" className="asl-find-close" aria-label="Close find" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
