// At a pause on the selected state: the data about to go on — the input before it enters,
// the output after it exits — and the variables, editable; Apply sends them (debug_edit)
// and Continue/Step use them.
import { useEffect, useState } from "react";
import type { PendingPoint } from "../ipc/run";
import { applyPendingEdit, parseInput } from "./runActions";
import { pretty } from "./stages";

export function PendingEditor({ pending }: { pending: PendingPoint }) {
  const after = pending.place === "afterExit";
  const original = pretty((after ? pending.output : pending.input) ?? null);
  const originalVars = pretty(pending.variables);
  const [text, setText] = useState(original);
  const [vars, setVars] = useState(originalVars);
  useEffect(() => setText(original), [original]);
  useEffect(() => setVars(originalVars), [originalVars]);
  const parsed = parseInput(text);
  const parsedVars = parseInput(vars);
  const changed = text !== original || vars !== originalVars;
  const varsOk = parsedVars.ok && typeof parsedVars.value === "object" && !Array.isArray(parsedVars.value) && parsedVars.value !== null;

  const apply = () => {
    if (!parsed.ok || !parsedVars.ok || !varsOk) return;
    void applyPendingEdit(text !== original ? parsed.value : null, vars !== originalVars ? (parsedVars.value as Record<string, never>) : null);
  };

  return (
    <section className="run-section run-pending" data-testid="pending">
      <h4>
        Paused {after ? "after exit" : "before enter"} <span className="run-muted">({pending.reason})</span>
      </h4>
      <label className="run-field">
        <span className="run-label">{after ? "Pending output" : "Pending input"}</span>
        <textarea
          className={`run-textarea mono${parsed.ok ? "" : " invalid"}`}
          data-testid="pending-input"
          rows={Math.min(14, Math.max(4, text.split("\n").length))}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
        {!parsed.ok && <span className="run-invalid">{parsed.message}</span>}
      </label>
      <label className="run-field">
        <span className="run-label">Variables</span>
        <textarea
          className={`run-textarea mono${varsOk ? "" : " invalid"}`}
          data-testid="pending-variables"
          rows={Math.min(8, Math.max(2, vars.split("\n").length))}
          value={vars}
          spellCheck={false}
          onChange={(e) => setVars(e.target.value)}
        />
      </label>
      <div className="run-row">
        <button type="button" className="btn primary" data-testid="pending-apply" disabled={!changed || !parsed.ok || !varsOk} onClick={apply}>
          Apply
        </button>
        <button type="button" className="btn" disabled={!changed} onClick={() => (setText(original), setVars(originalVars))}>
          Reset
        </button>
      </div>
    </section>
  );
}
