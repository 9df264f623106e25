// The left panel of Run mode: input, mocks, options, Start and the debugger, the status
// and outcome of the run shown, callbacks waiting for an answer, and this session's runs.
import { useEffect } from "react";
import { useStudio } from "../store/studio";
import { Callbacks } from "./Callbacks";
import { DebugToolbar } from "./DebugToolbar";
import { JsonEditor } from "./JsonEditor";
import { MockPicker } from "./MockPicker";
import { RunList } from "./RunList";
import { refreshRuns, refreshSources } from "./runActions";
import { NONE, useRun } from "./runStore";
import { HistorySection } from "./HistorySection";
import { ServeSection } from "./ServeSection";
import "../cloud/cloud.css";
import { SubstitutionsSection } from "./SubstitutionsSection";

export function RunPanel() {
  const path = useStudio((s) => s.snapshot?.path ?? null);
  const inputText = useRun((s) => s.inputText);
  const setInputText = useRun((s) => s.setInputText);
  const clock = useRun((s) => s.clock);
  const setClock = useRun((s) => s.setClock);
  const commands = useRun((s) => s.sources?.commands ?? NONE);
  const allow = useRun((s) => s.allowCommands);
  const executionType = useRun((s) => s.executionType);
  const setExecutionType = useRun((s) => s.setExecutionType);
  const setAllow = useRun((s) => s.setAllowCommands);

  useEffect(() => {
    useRun.getState().loadFile(path);
    void refreshSources();
    void refreshRuns();
  }, [path]);

  return (
    <div className="run-panel" data-testid="run-panel">
      <DebugToolbar />
      <RunStatus />
      <Callbacks />
      <section className="run-section">
        <h4>Input</h4>
        <JsonEditor value={inputText} onChange={setInputText} testId="run-input" label="Run input (JSON)" />
      </section>
      <MockPicker />
      <SubstitutionsSection />
      <section className="run-section">
        <h4>Options</h4>
        <div className="run-options" role="radiogroup" aria-label="Clock">
          <label title="Waits and retry backoffs complete at once; timestamps advance as if they had elapsed">
            <input type="radio" name="run-clock" checked={clock === "virtual"} onChange={() => setClock("virtual")} /> Virtual time
          </label>
          <label title="Waits and backoffs take their real time">
            <input type="radio" name="run-clock" checked={clock === "real"} onChange={() => setClock("real")} /> Real time
          </label>
        </div>
        <div className="run-options" role="radiogroup" aria-label="Execution type">
          <label title="AWS's default: the history is limited to 25,000 events">
            <input type="radio" name="run-type" checked={executionType === "standard"} onChange={() => setExecutionType("standard")} /> Standard
          </label>
          <label title="No history limit (long loops, big inline Maps)">
            <input
              type="radio"
              name="run-type"
              data-testid="run-express"
              checked={executionType === "express"}
              onChange={() => setExecutionType("express")}
            />{" "}
            Express
          </label>
        </div>
        {commands.length > 0 && (
          <label className="run-check" title={`Local commands for: ${commands.join(", ")}`}>
            <input type="checkbox" data-testid="allow-commands" checked={allow === true} onChange={(e) => setAllow(e.target.checked)} /> Allow local commands
            ({commands.length})
          </label>
        )}
      </section>
      <ServeSection />
      <HistorySection />
      <RunList />
    </div>
  );
}

const STATUS_TEXT: Record<string, string> = {
  RUNNING: "Running",
  PAUSED: "Paused",
  SUCCEEDED: "Succeeded",
  FAILED: "Failed",
  TIMED_OUT: "Timed out",
  ABORTED: "Stopped",
};

function RunStatus() {
  const view = useRun((s) => s.view);
  const runId = useRun((s) => s.runId);
  if (!view) return <div className="run-hint">Press F5 or Start to run this machine with the input below.</div>;
  const pending = view.pending;
  return (
    <section className="run-status-box">
      <div className="run-status-line">
        <span className={`run-chip ${view.status.toLowerCase()}`} data-testid="run-status" data-status={view.status}>
          {view.status}
        </span>
        <span className="run-status-text">
          Run #{runId} · {STATUS_TEXT[view.status] ?? view.status}
          {pending && (
            <>
              {" "}
              {pending.place === "afterExit" ? "after" : "before"}{" "}
              <b data-testid="paused-at" data-path={pending.path} data-place={pending.place}>
                {pending.path}
              </b>{" "}
              ({pending.reason})
            </>
          )}
        </span>
      </div>
      {view.outcome && (
        <div className="run-outcome">
          {view.outcome.error ? (
            <div className="run-error" data-testid="run-output">
              <b>{view.outcome.error}</b>
              {view.outcome.cause && <div className="run-cause">{view.outcome.cause}</div>}
            </div>
          ) : (
            <pre className="run-pre" data-testid="run-output">
              {JSON.stringify(view.outcome.output, null, 2)}
            </pre>
          )}
        </div>
      )}
    </section>
  );
}
