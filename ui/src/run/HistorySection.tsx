// Runs from elsewhere: a history file imported (the console's Export, or `aws
// stepfunctions get-execution-history` output) becomes a run of the open machine, shown
// as a local run is; and any finished run can be compared with a local run of the open
// document on the same input, with the recorded task results as mocks.
import { useEffect, useState } from "react";
import { Modal } from "../frame/Modal";
import { useFrame } from "../frame/frameStore";
import { awsImportExecution, historyImport, runDiffLocal, type RunDiff } from "../ipc/cloud";
import { openRun, refreshRuns } from "./runActions";
import { useRun } from "./runStore";
import { scrubView } from "./scrub";

const message = (e: unknown) => (e as { message?: string })?.message ?? String(e);

export function HistorySection() {
  const runId = useRun((s) => s.runId);
  // The record's status, not the view's: a replay shows the view mid-run.
  const status = useRun((s) => s.record?.status);
  const [diff, setDiff] = useState<RunDiff | null>(null);
  const [arn, setArn] = useState("");
  const finished = status !== undefined && status !== "RUNNING" && status !== "PAUSED";

  const importFile = async () => {
    try {
      const summary = await historyImport(null);
      if (!summary) return;
      await refreshRuns();
      await openRun(summary.id);
    } catch (e) {
      useFrame.getState().notify(message(e), "warning");
    }
  };
  const importArn = async () => {
    try {
      const summary = await awsImportExecution(arn.trim());
      setArn("");
      await refreshRuns();
      await openRun(summary.id);
    } catch (e) {
      useFrame.getState().notify(message(e), "warning");
    }
  };
  const compare = async () => {
    if (runId === null) return;
    try {
      setDiff(await runDiffLocal(runId));
    } catch (e) {
      useFrame.getState().notify(message(e), "warning");
    }
  };

  return (
    <section className="run-section">
      <h4>History</h4>
      <div className="cloud-row">
        <button type="button" className="btn" data-testid="history-import" onClick={() => void importFile()}>
          Import history…
        </button>
        <button
          type="button"
          className="btn"
          data-testid="run-diff"
          disabled={runId === null || !finished}
          title="Run this document locally on the same input, with the recorded task results as mocks, and compare state by state"
          onClick={() => void compare()}
        >
          Compare with local
        </button>
      </div>
      <div className="cloud-row">
        <input
          className="run-input mono"
          placeholder="or an execution ARN (AWS mode connects)"
          aria-label="Execution ARN to import"
          value={arn}
          onChange={(e) => setArn(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && arn.trim() && void importArn()}
        />
        <button type="button" className="btn" disabled={!arn.trim()} onClick={() => void importArn()}>
          Import
        </button>
      </div>
      {finished && <Replay />}
      {diff && <RunDiffDialog diff={diff} onClose={() => setDiff(null)} />}
    </section>
  );
}

/** A slider over the shown run's history: the canvas as it stood after each event. */
function Replay() {
  const record = useRun((s) => s.record);
  const [at, setAt] = useState<number | null>(null);
  useEffect(() => setAt(null), [record]);
  if (!record || record.paged || record.history.events.length < 2) return null;
  const n = record.history.events.length;
  const shown = at ?? n;
  const move = (i: number) => {
    setAt(i);
    useRun.setState({ view: scrubView(record, i) });
  };
  return (
    <div className="run-replay">
      <label className="cloud-field">
        <span>Replay</span>
        <input type="range" min={1} max={n} value={shown} data-testid="run-scrub" aria-label="Replay the run, event by event" onChange={(e) => move(Number(e.target.value))} />
      </label>
      <div className="run-hint cloud-note" data-testid="run-scrub-at">
        Event {shown} of {n}: {record.history.events[shown - 1].type}
        {record.historyStates[shown - 1] ? ` · ${record.historyStates[shown - 1]}` : ""}
      </div>
    </div>
  );
}

function RunDiffDialog({ diff, onClose }: { diff: RunDiff; onClose(): void }) {
  const same = diff.first_difference === null && diff.outcome.length === 0;
  const text = (v: unknown) => (v === undefined || v === null ? "—" : JSON.stringify(v));
  return (
    <Modal
      title="This run beside a local run"
      testId="run-diff-dialog"
      wide
      onCancel={onClose}
      actions={
        <button type="button" className="btn" data-autofocus onClick={onClose}>
          Close
        </button>
      }
    >
      <p data-testid="run-diff-summary">
        {same
          ? `No difference: both ${diff.recorded.status}, every state with the same input and output.`
          : diff.first_difference !== null
            ? `First difference: ${diff.rows[diff.first_difference].key} (${diff.rows[diff.first_difference].differences.join(", ")}).`
            : `The states agree; the outcome differs (${diff.outcome.join(", ")}).`}
      </p>
      <table className="run-diff-table">
        <thead>
          <tr>
            <th>State</th>
            <th>Recorded</th>
            <th>Local</th>
          </tr>
        </thead>
        <tbody>
          {diff.rows.map((r, i) => (
            <tr key={r.key} className={i === diff.first_difference ? "run-diff-first" : r.differences.length ? "run-diff-other" : undefined}>
              <td className="mono">{r.key}</td>
              <td className="mono">{r.recorded ? `${r.recorded.status} ${text(r.recorded.output)}` : "—"}</td>
              <td className="mono">{r.local ? `${r.local.status} ${text(r.local.output)}` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Modal>
  );
}
