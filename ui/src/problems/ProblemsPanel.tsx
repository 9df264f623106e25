// The Problems panel: every diagnostic of the snapshot; a click selects the state, asks
// the views to reveal it and, in Code mode, puts the cursor on the problem's text.
import { useMemo, useRef } from "react";
import { clamp, DragHandle } from "../frame/Split";
import type { Problem, StateInfo } from "../ipc/types";
import { useFrame } from "../frame/frameStore";
import { IconChevronDown, IconChevronUp, IconError, IconWarning } from "../frame/icons";
import { useStudio } from "../store/studio";
import "./problems.css";

/** Errors first, then by position in the text. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.range.from - b.range.from,
  );
}

export function revealProblem(problem: Problem) {
  const studio = useStudio.getState();
  if (problem.statePointer) studio.select([problem.statePointer], problem.pointer);
  studio.requestReveal({
    pointer: problem.statePointer ?? problem.pointer,
    from: problem.range.from,
    to: problem.range.to,
  });
}

export function ProblemsPanel() {
  const problems = useStudio((s) => s.snapshot?.problems);
  const states = useStudio((s) => s.snapshot?.states);
  const open = useFrame((s) => s.problemsOpen);
  const toggle = useFrame((s) => s.togglePanel);
  const height = useFrame((s) => s.problemsHeight);
  const setHeight = useFrame((s) => s.setProblemsHeight);
  const startHeight = useRef(height);

  const sorted = useMemo(() => sortProblems(problems ?? []), [problems]);
  const names = useMemo(() => new Map((states ?? []).map((s: StateInfo) => [s.pointer, s.name])), [states]);
  const errors = sorted.filter((p) => p.severity === "error").length;
  const warnings = sorted.length - errors;

  return (
    <section className={`problems${open ? " open" : ""}`} data-testid="problems" aria-label="Problems">
      {open && (
        <DragHandle
          vertical
          label="Resize the Problems panel"
          onStart={() => (startHeight.current = height)}
          onDrag={(d) => setHeight(clamp(startHeight.current - d, 60, window.innerHeight * 0.6))}
        />
      )}
      <button type="button" className="problems-header" aria-expanded={open} onClick={() => toggle("problemsOpen")}>
        <span className="problems-title">Problems</span>
        <span className={`count${errors ? " error" : ""}`} title={`${errors} errors`} data-testid="problem-errors">
          <IconError /> {errors}
        </span>
        <span className={`count${warnings ? " warning" : ""}`} title={`${warnings} warnings`} data-testid="problem-warnings">
          <IconWarning /> {warnings}
        </span>
        <span className="problems-spacer" />
        {open ? <IconChevronDown /> : <IconChevronUp />}
      </button>
      {open && (
        <div className="problems-list" role="list" style={{ maxHeight: height }}>
          {sorted.length === 0 ? (
            <div className="problems-empty">No problems in this state machine.</div>
          ) : (
            sorted.map((p, i) => (
              <button
                type="button"
                role="listitem"
                key={`${p.pointer}:${p.code}:${i}`}
                className={`problem ${p.severity}`}
                data-testid="problem"
                data-pointer={p.pointer}
                data-code={p.code}
                onClick={() => revealProblem(p)}
              >
                <span className="problem-icon">{p.severity === "error" ? <IconError /> : <IconWarning />}</span>
                <span className="problem-message">{p.message}</span>
                <span className="problem-code">{p.code}</span>
                <span className="problem-state">{p.statePointer ? names.get(p.statePointer) ?? "" : "State machine"}</span>
                <span className="problem-pos">
                  {p.range.line}:{p.range.column}
                </span>
              </button>
            ))
          )}
        </div>
      )}
    </section>
  );
}
