// A line diff between two processing stages of one execution (what InputPath,
// Parameters, ResultSelector... changed), reusing the disk-conflict dialog's diff.
import { useMemo, useState } from "react";
import { diffHunks, lineDiff } from "../frame/lineDiff";
import { pretty, type Stage } from "./stages";

export function StageDiff({ stages }: { stages: Stage[] }) {
  const [from, setFrom] = useState(stages[0].key);
  const [to, setTo] = useState(stages.find((s) => s.key === "output")?.key ?? stages[stages.length - 1].key);
  const a = stages.find((s) => s.key === from) ?? stages[0];
  const b = stages.find((s) => s.key === to) ?? stages[stages.length - 1];
  const rows = useMemo(() => diffHunks(lineDiff(pretty(a.value), pretty(b.value)), 2), [a, b]);
  const pick = (value: string, set: (v: string) => void, label: string) => (
    <select className="run-select" aria-label={label} value={value} onChange={(e) => set(e.target.value)}>
      {stages.map((s) => (
        <option key={s.key} value={s.key}>
          {s.label}
        </option>
      ))}
    </select>
  );
  return (
    <section className="run-section run-diff" data-testid="stage-diff">
      <h4>Diff</h4>
      <div className="run-row">
        {pick(from, setFrom, "From stage")}
        <span className="run-muted">→</span>
        {pick(to, setTo, "To stage")}
      </div>
      <pre className="run-pre run-diff-body">
        {rows.every((r) => r.kind === "same" || r.kind === "skip") ? (
          <span className="run-muted">No difference.</span>
        ) : (
          rows.map((r, i) =>
            r.kind === "skip" ? (
              <div key={i} className="diff-skip">
                ⋯ {r.count} unchanged
              </div>
            ) : (
              <div key={i} className={`diff-${r.kind}`}>
                {r.kind === "add" ? "+ " : r.kind === "del" ? "- " : "  "}
                {r.text}
              </div>
            ),
          )
        )}
      </pre>
    </section>
  );
}
