// Resizable panes. A drag handle moves with pointer capture, so it keeps working when the
// pointer leaves the handle (and under WebDriver pointer actions).
import { useRef, useState, type PointerEvent, type ReactNode } from "react";

interface DragHandleProps {
  /** Called with the pointer's travel (px) since the drag began. */
  onDrag(delta: number): void;
  onStart(): void;
  vertical?: boolean;
  label: string;
}

export function DragHandle({ onDrag, onStart, vertical, label }: DragHandleProps) {
  const start = useRef<number | null>(null);
  const pos = (e: PointerEvent) => (vertical ? e.clientY : e.clientX);
  return (
    <div
      className={`drag-handle${vertical ? " vertical" : ""}`}
      role="separator"
      aria-orientation={vertical ? "horizontal" : "vertical"}
      aria-label={label}
      onPointerDown={(e) => {
        if (e.button !== 0) return;
        start.current = pos(e);
        e.currentTarget.setPointerCapture(e.pointerId);
        onStart();
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (start.current !== null) onDrag(pos(e) - start.current);
      }}
      onPointerUp={(e) => {
        start.current = null;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
    />
  );
}

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Two panes side by side; the left pane's share of the width is resizable. */
export function Split({ left, right, initial = 0.5 }: { left: ReactNode; right: ReactNode; initial?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [ratio, setRatio] = useState(initial);
  const startRatio = useRef(ratio);
  return (
    <div className="split" ref={box}>
      <div className="split-pane" style={{ flexBasis: `${ratio * 100}%` }}>
        {left}
      </div>
      <DragHandle
        label="Resize"
        onStart={() => (startRatio.current = ratio)}
        onDrag={(d) => {
          const width = box.current?.clientWidth ?? 1;
          setRatio(clamp(startRatio.current + d / width, 0.2, 0.8));
        }}
      />
      <div className="split-pane grow">{right}</div>
    </div>
  );
}

/** A side panel of resizable width that can be collapsed to nothing. */
export function SidePanel({
  side,
  open,
  width,
  onWidth,
  min = 200,
  max = 560,
  children,
}: {
  side: "left" | "right";
  open: boolean;
  width: number;
  onWidth(width: number): void;
  min?: number;
  max?: number;
  children: ReactNode;
}) {
  const startWidth = useRef(width);
  if (!open) return null;
  const handle = (
    <DragHandle
      label={`Resize the ${side} panel`}
      onStart={() => (startWidth.current = width)}
      onDrag={(d) => onWidth(clamp(startWidth.current + (side === "left" ? d : -d), min, max))}
    />
  );
  return (
    <>
      {side === "right" && handle}
      <aside className={`side-panel ${side}`} style={{ width }}>
        {children}
      </aside>
      {side === "left" && handle}
    </>
  );
}
