// The selected state's breakpoint: on/off (also F9 and the gutter), before enter or after
// exit, and an optional condition over the state input.
import { useEffect, useState } from "react";
import type { BreakpointPlace } from "../ipc/run";
import { toggleBreakpoint, updateBreakpoint } from "./runActions";
import { useRun } from "./runStore";

export function BreakpointEditor({ pointer }: { pointer: string }) {
  const bp = useRun((s) => s.breakpoints.find((b) => b.pointer === pointer) ?? null);
  const [condition, setCondition] = useState(bp?.condition ?? "");
  useEffect(() => setCondition(bp?.condition ?? ""), [bp?.condition, pointer]);
  return (
    <section className="run-section run-bp">
      <label className="run-check">
        <input type="checkbox" data-testid="breakpoint-toggle" checked={bp !== null} onChange={() => toggleBreakpoint(pointer)} />
        Breakpoint <span className="run-muted">(F9)</span>
      </label>
      {bp && (
        <div className="run-row">
          <select
            className="run-select"
            aria-label="Where to stop"
            data-testid="breakpoint-place"
            value={bp.place}
            onChange={(e) => updateBreakpoint(pointer, { place: e.target.value as BreakpointPlace })}
          >
            <option value="beforeEnter">Before enter</option>
            <option value="afterExit">After exit</option>
          </select>
          <input
            className="run-input mono"
            data-testid="breakpoint-condition"
            placeholder="Condition, e.g. $.amount > 1000"
            title="A JSONPath ($.urgent) or JSONata expression over the state input; empty: always"
            value={condition}
            onChange={(e) => setCondition(e.target.value)}
            onBlur={() => condition !== (bp.condition ?? "") && updateBreakpoint(pointer, { condition: condition.trim() || null })}
            onKeyDown={(e) => e.key === "Enter" && e.currentTarget.blur()}
          />
        </div>
      )}
    </section>
  );
}
