// The mock backend's replayer over the streams recorded from the real backend: it holds
// where the real run held (a pause, a callback), goes on when told, ends as recorded.
import { describe, expect, it } from "vitest";
import callbackJson from "../fixtures/run-callback.events.json";
import debuggedJson from "../fixtures/run-debugged.events.json";
import humanApproval from "../fixtures/human-approval.snapshot.json";
import parallelRisk from "../fixtures/parallel-risk-analysis.snapshot.json";
import orderProcessing from "../fixtures/order-processing.snapshot.json";
import type { Json, RunEvent } from "../ipc/run";
import { fits, Replay } from "./mockReplay";

const debugged = debuggedJson as unknown as RunEvent[];
const callback = callbackJson as unknown as RunEvent[];

/** A replay over a fake channel: `sent` is every event, in order. */
function replay(events: RunEvent[], token = "token-1") {
  const sent: RunEvent[] = [];
  const r = new Replay({ id: 1, events, send: (batch) => sent.push(...batch), stepMs: 0, token, title: "t", machinePath: null });
  const done = r.play();
  return { r, sent, done };
}

/** Lets the replay run until `sent` has `n` events (or fails after a while). */
async function until(sent: RunEvent[], n: number) {
  for (let i = 0; i < 500 && sent.length < n; i++) await new Promise((r) => setTimeout(r, 0));
  expect(sent.length).toBe(n);
}

/** Gives a held replay the time it would need to go on, were it not held. */
const settle = () => new Promise((r) => setTimeout(r, 20));

const pauses = debugged.flatMap((e, i) => (e.event === "paused" ? [i] : []));

describe("the mock backend's replay", () => {
  it("pauses where the recorded run paused, goes on at a command and ends as it ended", async () => {
    expect(pauses).toHaveLength(2);
    const { r, sent, done } = replay(debugged);

    await until(sent, pauses[0] + 1);
    await settle();
    expect(sent).toEqual(debugged.slice(0, pauses[0] + 1));
    expect(r.summary.status).toBe("PAUSED");
    expect(r.record().pending).toMatchObject({ path: "RunRiskChecks/1/FraudCheck", place: "beforeEnter" });

    r.command("stepOver");
    await until(sent, pauses[1] + 1);
    await settle();
    expect(sent[pauses[0] + 1]).toMatchObject({ event: "resumed" });
    expect(r.summary.status).toBe("PAUSED");

    // An edit at the pause is answered with the edit applied; the replay is not changed.
    const edited: Json = { edited: true };
    expect(r.edit(edited, null)).toMatchObject({ place: "afterExit", output: edited });
    expect(r.record().pending?.output).toEqual(edited);

    r.command("continue");
    await done;
    expect(sent).toEqual(debugged);
    expect(sent[sent.length - 1]).toEqual(debugged[debugged.length - 1]);
    expect(r.finished).toBe(true);
    expect(() => r.command("continue")).toThrow(expect.objectContaining({ code: "run-finished" }));

    const record = r.record();
    expect(record).toMatchObject({ status: "FAILED", error: "LoanRejected", pending: null, transitions: record.states.length });
    const last = record.states[record.states.length - 1];
    expect(last).toMatchObject({ name: "LoanRejected", type: "Fail", error: "LoanRejected", pointer: "/States/LoanRejected" });
    const fraud = record.states.find((s) => s.path === "RunRiskChecks/1/FraudCheck");
    // The channel carries no values (src-tauri/src/run_events.rs: the real record has them).
    expect(fraud).toMatchObject({ name: "FraudCheck", from: null, pointer: "/States/RunRiskChecks/Branches/1/States/FraudCheck" });
    expect(record.history.events[0].type).toBe("ExecutionStarted");
    expect(record.history.events[record.history.events.length - 1].type).toBe("ExecutionFailed");
  });

  it("stops at a pause with an ABORTED finish and sends nothing after it", async () => {
    const { r, sent, done } = replay(debugged);
    await until(sent, pauses[0] + 1);
    r.stop();
    await done;
    await settle();
    expect(sent.slice(pauses[0] + 1)).toEqual([{ event: "finished", status: "ABORTED", output: null, error: null, cause: null }]);
    expect(r.record()).toMatchObject({ status: "ABORTED", pending: null });
  });

  it("waits for a callback under the run's own token until it is answered", async () => {
    const waiting = callback.findIndex((e) => e.event === "waitingForCallback");
    const { r, sent, done } = replay(callback, "run-1-token");
    await until(sent, waiting + 1);
    await settle();
    expect(sent).toHaveLength(waiting + 1);
    expect(sent[waiting]).toMatchObject({ token: "run-1-token", pointer: "/States/RequestApproval" });
    expect(() => r.answer("TASK_TOKEN", { kind: "success", output: {} })).toThrow(expect.objectContaining({ code: "task-does-not-exist" }));

    r.answer("run-1-token", { kind: "heartbeat" });
    await settle();
    expect(sent).toHaveLength(waiting + 1);

    r.answer("run-1-token", { kind: "success", output: { decision: "APPROVED" } });
    await done;
    expect(sent).toHaveLength(callback.length);
    expect(sent.find((e) => e.event === "callbackAnswered")).toMatchObject({ token: "run-1-token" });
    expect(r.record()).toMatchObject({ status: "SUCCEEDED", callbacks: [] });
  });

  it("fits a recording to the machine whose states it names", () => {
    const pointers = (snap: { states: { pointer: string }[] }) => new Set(snap.states.map((s) => s.pointer));
    expect(fits(debugged, pointers(parallelRisk))).toBe(true);
    expect(fits(callback, pointers(humanApproval))).toBe(true);
    expect(fits(debugged, pointers(humanApproval))).toBe(false);
    expect(fits(callback, pointers(orderProcessing))).toBe(false);
  });
});
