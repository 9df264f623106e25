// A list of fixed-height rows that keeps only the visible ones (plus a few) in the DOM:
// the history of a 100,000-transition run scrolls like a short one.
import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { scaledScroll, visibleRange } from "./history";

interface Props {
  count: number;
  rowHeight: number;
  renderRow(index: number): ReactNode;
  className?: string;
  testId?: string;
  /** Changing it scrolls back to the top (a new filter, a new run). */
  resetKey?: unknown;
  /** Told the rows it now shows, `[start, end)` (overscan included): a big run's history
   *  fetches the pages they are on. Called again when the function changes. */
  onRange?(start: number, end: number): void;
}

export function VirtualList({ count, rowHeight, renderRow, className, testId, resetKey, onRange }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(400);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useLayoutEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setScrollTop(0);
  }, [resetKey]);

  // A list taller than a browser's boxes scrolls a shorter spacer; rows sit where the
  // scrolled-to part of the real list would be.
  const { spacer, offset } = scaledScroll(scrollTop, height, rowHeight, count);
  const { start, end } = visibleRange(offset, height, rowHeight, count);
  useEffect(() => onRange?.(start, end), [onRange, start, end]);
  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div key={i} className="vrow" style={{ top: i * rowHeight - offset + scrollTop, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div ref={box} className={`vlist ${className ?? ""}`} data-testid={testId} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <div className="vlist-spacer" style={{ height: spacer }}>
        {rows}
      </div>
    </div>
  );
}
