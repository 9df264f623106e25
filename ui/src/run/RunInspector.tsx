// The right panel of Run mode, for the selected state: its breakpoint, the pause point
// when the run waits there (editable input/output and variables), its executions and each
// one's processing stages with a diff between two of them.
import { useEffect, useMemo, useState } from "react";
import type { RunState } from "../ipc/run";
import { useFrame } from "../frame/frameStore";
import { useStudio } from "../store/studio";
import { BreakpointEditor } from "./BreakpointEditor";
import { ExecutionNav, PagedExecutions } from "./PagedExecutions";
import { PendingEditor } from "./PendingEditor";
import { isLive, loadRecord, rerunFrom, runToHere } from "./runActions";
import { canRerun, rerunTitle } from "./rerun";
import { useRun } from "./runStore";
import { StageDiff } from "./StageDiff";
import { pretty, stagesOf } from "./stages";

export function RunInspector() {
  const selection = useStudio((s) => s.selection);
  const state = useStudio((s) => s.snapshot?.states.find((st) => st.pointer === s.selection[0]) ?? null);
  const view = useRun((s) => s.view);
  const record = useRun((s) => s.record);
  const runId = useRun((s) => s.runId);
  const status = view?.status;
  const pointer = selection[0] ?? null;

  // Selecting a Map of a run lists its iterations below (the tab keeps the Map while one
  // of them is opened on the canvas).
  const isMap = state?.type === "Map";
  useEffect(() => {
    if (runId === null || !isMap || !pointer) return;
    const frame = useFrame.getState();
    useRun.getState().set({ mapPointer: pointer, bottomTab: "iterations" });
    if (!frame.problemsOpen) frame.togglePanel("problemsOpen", true);
  }, [runId, isMap, pointer]);
  // An iteration opened from the Map run viewer: its execution of this state.
  const focus = useRun((s) => (s.focus && s.focus.pointer === pointer ? s.focus : null));

  // While a run goes, the record is fetched at pauses and at the end; selecting a state in
  // between asks for the states so far.
  useEffect(() => {
    if (runId === null || status !== "RUNNING" || !pointer) return;
    const t = setTimeout(() => void loadRecord(runId), 200);
    return () => clearTimeout(t);
  }, [runId, status, pointer]);

  if (!state) {
    return (
      <div className="run-insp" data-testid="run-inspector">
        <div className="run-insp-empty">Select a state to see its input, output and processing stages, and to set a breakpoint on it.</div>
      </div>
    );
  }
  const mark = view?.marks.get(state.pointer);
  const pausedHere = !!view?.pending && view.pending.pointer === state.pointer;
  return (
    <div className="run-insp" data-testid="run-inspector">
      <header className="run-insp-head">
        <div className="run-insp-name">{state.name}</div>
        <div className="run-muted">
          {state.type}
          {mark && (
            <>
              {" · "}
              <span className={`run-state-status ${mark.status}`} data-testid="state-run-status">
                {mark.status}
              </span>
              {mark.entered > 1 && ` · entered ${mark.entered}×`}
            </>
          )}
        </div>
      </header>
      <div className="run-insp-body">
        <BreakpointEditor pointer={state.pointer} />
        {pausedHere && view?.pending && <PendingEditor pending={view.pending} />}
        {status === "PAUSED" && !pausedHere && (
          <button type="button" className="btn" data-testid="run-to-here" onClick={() => void runToHere(state.pointer)}>
            Run to here
          </button>
        )}
        {record?.paged && runId !== null ? (
          <PagedExecutions key={`${runId}|${state.pointer}|${focus?.nonce}`} runId={runId} pointer={state.pointer} refresh={record} initial={focus?.execution}>
            {(one, offset) => <Executions executions={one} live={isLive(status)} hasRun rerun={{ pointer: state.pointer, enabled: canRerun(status), offset }} />}
          </PagedExecutions>
        ) : (
          <Executions
            key={`${runId}|${state.pointer}|${focus?.nonce}`}
            initial={focus?.execution}
            executions={record?.states.filter((s) => s.pointer === state.pointer) ?? []}
            live={isLive(status)}
            hasRun={runId !== null}
            rerun={{ pointer: state.pointer, enabled: canRerun(status) }}
          />
        )}
      </div>
    </div>
  );
}

/** `rerun`: offer "Re-run from here" for the execution shown (null where its index among the
 *  state's executions is not known here). */
interface ExecutionsProps {
  executions: RunState[];
  live: boolean;
  hasRun: boolean;
  /** `offset`: the index of `executions[0]` among the state's executions (a big run's
   *  inspector holds only the one shown). */
  rerun?: { pointer: string; enabled: boolean; offset?: number } | null;
  /** The execution shown first (a Map iteration opened on the canvas). */
  initial?: number;
}

/** Past this many executions a list is no help (and thousands of options stalled the page
 *  at every record fetch): the inspector steps through them instead. */
const PICKER_LIMIT = 50;

function Executions({ executions, live, hasRun, rerun, initial }: ExecutionsProps) {
  const [chosen, setChosen] = useState(initial ?? 0);
  const snapshot = useStudio((s) => s.snapshot);
  const index = Math.min(chosen, Math.max(0, executions.length - 1));
  const execution = executions[index];
  const stages = useMemo(() => (execution ? stagesOf(execution) : []), [execution]);
  if (!hasRun) return null;
  if (!execution) return <div className="run-hint">{live ? "Not run yet (or its data comes at the next pause)." : "This state did not run."}</div>;
  return (
    <>
      {executions.length > PICKER_LIMIT && (
        <ExecutionNav
          index={index}
          total={executions.length}
          go={(i) => setChosen(Math.max(0, Math.min(executions.length - 1, i)))}
          path={execution.path !== execution.name ? execution.path : null}
        />
      )}
      {executions.length > 1 && executions.length <= PICKER_LIMIT && (
        <label className="run-field">
          <span className="run-label">Execution ({executions.length})</span>
          <select className="run-select" data-testid="execution-picker" value={index} onChange={(e) => setChosen(Number(e.target.value))}>
            {executions.map((s, i) => (
              <option key={i} value={i}>
                {i + 1}. {s.path}
              </option>
            ))}
          </select>
        </label>
      )}
      {rerun && (
        <button
          type="button"
          className="btn"
          data-testid="rerun-from-here"
          disabled={!rerun.enabled}
          title={rerun.enabled && snapshot ? rerunTitle(execution, snapshot) : "Pause or stop the run to re-run from here"}
          onClick={() => void rerunFrom(rerun.pointer, (rerun.offset ?? 0) + index)}
        >
          Re-run from here
        </button>
      )}
      {stages.map((s) => (
        <details key={s.key} className="run-stage" open={s.key === "input" || s.key === "output" || s.key === "errorDetails"} data-testid="stage" data-stage={s.key}>
          <summary>
            <span>{s.label}</span>
            <CopyButton text={pretty(s.value)} />
          </summary>
          <pre className="run-pre">{pretty(s.value)}</pre>
        </details>
      ))}
      {stages.length > 1 && <StageDiff stages={stages} />}
    </>
  );
}

export function CopyButton({ text }: { text: string }) {
  const [done, setDone] = useState(false);
  return (
    <button
      type="button"
      className="run-copy"
      title="Copy as JSON"
      onClick={(e) => {
        e.preventDefault();
        void navigator.clipboard?.writeText(text).then(() => {
          setDone(true);
          setTimeout(() => setDone(false), 1200);
        });
      }}
    >
      {done ? "Copied" : "Copy"}
    </button>
  );
}
