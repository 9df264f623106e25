// `.waitForTaskToken` tasks waiting for an answer: the token and the message carrying it,
// with Approve (success with an editable output), Reject (error and cause) and Heartbeat.
import { useState } from "react";
import type { WaitingCallback } from "../ipc/run";
import { answerCallback, parseInput } from "./runActions";
import { NONE, useRun } from "./runStore";

/** The output last approved per task state (by pointer) in this app session: a state
 *  waited on again (the next run, a loop) most likely wants the same kind of answer. */
const lastApproved = new Map<string, string>();

/** What the Approve box starts from: the last answer approved for this state, else the
 *  run's mocked result for it (Rust finds it in the run's mocks), else the shape the next
 *  state expects (Rust reads it from the definition), else an empty object. */
export function initialOutput(callback: WaitingCallback): string {
  const last = lastApproved.get(callback.pointer);
  if (last !== undefined) return last;
  const start = callback.mockedOutput ?? callback.outputSkeleton;
  if (start !== null && start !== undefined) return JSON.stringify(start, null, 2);
  return "{}";
}

export function Callbacks() {
  const callbacks = useRun((s) => s.view?.callbacks ?? NONE);
  if (callbacks.length === 0) return null;
  return (
    <section className="run-section">
      <h4>Waiting for a callback</h4>
      {callbacks.map((c) => (
        <CallbackCard key={c.token} callback={c} />
      ))}
    </section>
  );
}

function CallbackCard({ callback }: { callback: WaitingCallback }) {
  const [output, setOutput] = useState(() => initialOutput(callback));
  const [error, setError] = useState("Rejected");
  const [cause, setCause] = useState("");
  const parsed = parseInput(output);
  return (
    <div className="run-card" data-testid="callback">
      <div className="run-card-head">
        <b>{callback.stateName}</b>
        {callback.path !== callback.stateName && <span className="run-muted">{callback.path}</span>}
      </div>
      <div className="run-field">
        <span className="run-label">Task token</span>
        <code className="run-token" title={callback.token}>
          {callback.token}
        </code>
      </div>
      <details className="run-field">
        <summary className="run-label">Payload</summary>
        <pre className="run-pre">{JSON.stringify(callback.payload, null, 2)}</pre>
      </details>
      <label className="run-field">
        <span className="run-label">Output (on Approve)</span>
        <textarea className={`run-textarea${parsed.ok ? "" : " invalid"}`} data-testid="callback-output" rows={Math.min(10, Math.max(3, output.split("\n").length))} value={output} onChange={(e) => setOutput(e.target.value)} spellCheck={false} />
      </label>
      <div className="run-row">
        <input className="run-input" aria-label="Error" placeholder="Error" data-testid="callback-error" value={error} onChange={(e) => setError(e.target.value)} />
        <input className="run-input" aria-label="Cause" placeholder="Cause" data-testid="callback-cause" value={cause} onChange={(e) => setCause(e.target.value)} />
      </div>
      <div className="run-row">
        <button
          type="button"
          className="btn primary"
          data-testid="callback-approve"
          disabled={!parsed.ok}
          onClick={() => {
            if (!parsed.ok) return;
            lastApproved.set(callback.pointer, output);
            void answerCallback(callback, { kind: "success", output: parsed.value });
          }}
        >
          Approve
        </button>
        <button type="button" className="btn danger" data-testid="callback-reject" onClick={() => void answerCallback(callback, { kind: "failure", error, cause })}>
          Reject
        </button>
        <button type="button" className="btn" data-testid="callback-heartbeat" onClick={() => void answerCallback(callback, { kind: "heartbeat" })}>
          Heartbeat
        </button>
      </div>
    </div>
  );
}
