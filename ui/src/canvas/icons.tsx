// Small glyphs per state type, drawn inline (no remote or bundled icon fonts: strict CSP).
const PATHS: Record<string, string> = {
  Task: "M9 2 4 9h4l-1 5 5-7H8l1-5z",
  Choice: "M8 2 14 8 8 14 2 8z",
  Parallel: "M4 3v10M8 3v10M12 3v10",
  Map: "M3 3h4v4H3zM9 3h4v4H9zM3 9h4v4H3zM9 9h4v4H9z",
  Pass: "M3 8h9M9 5l3 3-3 3",
  Wait: "M8 2.5a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11zM8 5v3.5l2.5 1.5",
  Succeed: "M3 8.5 6.5 12 13 4.5",
  Fail: "M4 4l8 8M12 4l-8 8",
  Unknown: "M6 6a2 2 0 1 1 2.8 1.8c-.5.3-.8.7-.8 1.2V10M8 12.5v.1",
};

/** The type's glyph, 16x16, stroked in currentColor. */
export function TypeIcon({ type, size = 16 }: { type: string; size?: number }) {
  const d = PATHS[type] ?? PATHS.Unknown;
  const filled = type === "Task" || type === "Choice";
  return (
    <svg className="asl-type-icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={d}
        fill={filled ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth={filled ? 1 : 1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
