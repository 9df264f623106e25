// The Problems panel: every diagnostic of the snapshot, in sections by state or by code.
// A problem others follow from (Rust decides which: `causedBy`) is one row with its
// group under it ("39 states unreachable because …"), expandable to the states. A click
// selects the state, asks the views to reveal it and, in Code mode, puts the cursor on
// the problem's text. Quick fixes are edits Rust sent with the problem: one round trip,
// one undo step.
import { useMemo, useRef, useState } from "react";
import { clamp, DragHandle } from "../frame/Split";
import type { Problem, StateInfo } from "../ipc/types";
import { useFrame } from "../frame/frameStore";
import { IconChevronDown, IconChevronUp, IconError, IconWarning } from "../frame/icons";
import { useStudio } from "../store/studio";
import { groupProblems, type GroupBy, type Row } from "./group";
import "./problems.css";

export function revealProblem(problem: Problem) {
  const studio = useStudio.getState();
  if (problem.statePointer) studio.select([problem.statePointer], problem.pointer);
  studio.requestReveal({
    pointer: problem.statePointer ?? problem.pointer,
    from: problem.range.from,
    to: problem.range.to,
  });
}

function toggled(set: ReadonlySet<string>, key: string): Set<string> {
  const next = new Set(set);
  if (!next.delete(key)) next.add(key);
  return next;
}

export function ProblemsPanel() {
  const problems = useStudio((s) => s.snapshot?.problems);
  const states = useStudio((s) => s.snapshot?.states);
  const open = useFrame((s) => s.problemsOpen);
  const toggle = useFrame((s) => s.togglePanel);
  const height = useFrame((s) => s.problemsHeight);
  const setHeight = useFrame((s) => s.setProblemsHeight);
  const startHeight = useRef(height);
  const [by, setBy] = useState<GroupBy>("state");
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());

  const names = useMemo(() => new Map((states ?? []).map((s: StateInfo) => [s.pointer, s.name])), [states]);
  const sections = useMemo(() => groupProblems(problems ?? [], names, by), [problems, names, by]);
  const errors = (problems ?? []).filter((p) => p.severity === "error").length;
  const warnings = (problems ?? []).length - errors;
  const stateName = (p: Problem) => (p.statePointer ? (names.get(p.statePointer) ?? "") : "State machine");

  const line = (p: Problem, follower: boolean) => (
    <div
      role="listitem"
      key={`${p.pointer}:${p.code}:${p.range.from}`}
      className={`problem ${p.severity}${follower ? " follower" : ""}`}
      data-testid="problem"
      data-pointer={p.pointer}
      data-code={p.code}
      onClick={() => revealProblem(p)}
    >
      <span className="problem-icon">{p.severity === "error" ? <IconError /> : <IconWarning />}</span>
      <button type="button" className="problem-message" title={p.message} onClick={(e) => (e.stopPropagation(), revealProblem(p))}>
        {p.message}
      </button>
      {p.fix ? (
        <button
          type="button"
          className="problem-fix"
          data-testid="quick-fix"
          title={`Quick fix: ${p.fix.title}`}
          onClick={(e) => {
            e.stopPropagation();
            void useStudio.getState().apply(p.fix!.edit);
          }}
        >
          {p.fix.title}
        </button>
      ) : (
        <span />
      )}
      <span className="problem-code">{p.code}</span>
      <span className="problem-state">{stateName(p)}</span>
      <span className="problem-pos">
        {p.range.line}:{p.range.column}
      </span>
    </div>
  );

  const row = ({ problem: p, caused }: Row) => {
    if (caused.length === 0) return line(p, false);
    const isOpen = expanded.has(p.pointer);
    return (
      <div key={`${p.pointer}:${p.code}`} className="problem-root">
        {line(p, false)}
        <button
          type="button"
          className={`problem-group ${caused[0].severity}`}
          data-testid="problem-group"
          data-root={p.pointer}
          aria-expanded={isOpen}
          onClick={() => {
            setExpanded((e) => toggled(e, p.pointer));
            revealProblem(p);
          }}
        >
          <span className={`problem-chevron${isOpen ? " open" : ""}`}>
            <IconChevronDown />
          </span>
          <span className="problem-group-title">{p.groupTitle ?? `${caused.length} problems follow from this one`}</span>
        </button>
        {isOpen && <div className="problem-followers">{caused.map((q) => line(q, true))}</div>}
      </div>
    );
  };

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
      <div className="problems-header">
        <button type="button" className="problems-toggle" aria-expanded={open} onClick={() => toggle("problemsOpen")}>
          <span className="problems-title">Problems</span>
          <span className={`count${errors ? " error" : ""}`} title={`${errors} errors`} data-testid="problem-errors">
            <IconError /> {errors}
          </span>
          <span className={`count${warnings ? " warning" : ""}`} title={`${warnings} warnings`} data-testid="problem-warnings">
            <IconWarning /> {warnings}
          </span>
          <span className="problems-spacer" />
        </button>
        {open && (
          <div className="problems-by" role="group" aria-label="Group problems by">
            {(["state", "code"] as const).map((b) => (
              <button key={b} type="button" aria-pressed={by === b} data-testid={`problems-by-${b}`} onClick={() => setBy(b)}>
                By {b}
              </button>
            ))}
          </div>
        )}
        <button type="button" className="problems-chevron" aria-label={open ? "Hide problems" : "Show problems"} onClick={() => toggle("problemsOpen")}>
          {open ? <IconChevronDown /> : <IconChevronUp />}
        </button>
      </div>
      {open && (
        <div className="problems-list" role="list" style={{ maxHeight: height }}>
          {sections.length === 0 ? (
            <div className="problems-empty">No problems in this state machine.</div>
          ) : (
            sections.map((s) => {
              const shut = collapsed.has(s.key);
              return (
                <div key={`${by}:${s.key}`} className="problems-section" data-testid="problem-section" data-key={s.key}>
                  <button
                    type="button"
                    className="problems-section-header"
                    aria-expanded={!shut}
                    onClick={() => setCollapsed((c) => toggled(c, s.key))}
                  >
                    <span className={`problem-chevron${shut ? "" : " open"}`}>
                      <IconChevronDown />
                    </span>
                    <span className={`problems-section-title${by === "code" ? " code" : ""}`}>{s.title}</span>
                    <span className={`problems-section-count${s.errors ? " error" : ""}`}>{s.count}</span>
                  </button>
                  {!shut && s.rows.map(row)}
                </div>
              );
            })
          )}
        </div>
      )}
    </section>
  );
}
