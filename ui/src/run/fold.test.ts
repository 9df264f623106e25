// @vitest-environment node
// The fold replays event streams recorded from the real backend (src-tauri/tests/run.rs
// writes them), so what it is tested on is what Rust sends.
import { describe, expect, it } from "vitest";
import type { RunEvent } from "../ipc/run";
import debugged from "../fixtures/run-debugged.events.json";
import callback from "../fixtures/run-callback.events.json";
import { emptyView, foldEvents, type RunView } from "./fold";

const D = debugged as unknown as RunEvent[];
const C = callback as unknown as RunEvent[];
/** The view after each event, folded one batch per event. */
const views = (events: RunEvent[]): RunView[] => {
  const out: RunView[] = [];
  events.reduce((v, e) => (out.push(foldEvents(v, [e])), out[out.length - 1]), emptyView());
  return out;
};
const RISK = "/States/RunRiskChecks";
const FRAUD = `${RISK}/Branches/1/States/FraudCheck`;

describe("foldEvents on a recorded debugged run", () => {
  const all = views(D);
  const at = (event: string, n = 0) => D.map((e, i) => [e, i] as const).filter(([e]) => e.event === event)[n][1];

  it("is PAUSED at each pause and RUNNING from the resume that follows it", () => {
    const first = at("paused");
    expect(all[first].status).toBe("PAUSED");
    expect(all[first].pending?.pointer).toBe(FRAUD);
    expect(all[first].pending?.place).toBe("beforeEnter");
    const resumed = at("resumed");
    expect(resumed).toBe(first + 1);
    expect(all[resumed].status).toBe("RUNNING");
    expect(all[resumed].pending).toBeNull();
    const second = at("paused", 1);
    expect(all[second]).toMatchObject({ status: "PAUSED", pending: { pointer: RISK, place: "afterExit" } });
    expect(all[at("resumed", 1)].status).toBe("RUNNING");
  });

  it("colours states by pointer and records the transitions taken, the run's end last", () => {
    const end = all[all.length - 1];
    expect(end.status).toBe("FAILED");
    expect(end.outcome?.error).toBe("LoanRejected");
    expect(end.marks.get(RISK)?.status).toBe("succeeded");
    expect(end.marks.get(FRAUD)?.status).toBe("succeeded");
    expect(end.marks.get("/States/LoanRejected")).toMatchObject({ status: "failed", error: "LoanRejected" });
    expect([...end.taken]).toEqual(
      expect.arrayContaining([
        `^${RISK}`,
        `^${FRAUD}`,
        `${FRAUD}>$`,
        `${RISK}>/States/EvaluateRisk`,
        "/States/EvaluateRisk>/States/LoanRejected",
      ]),
    );
    expect(end.events).toBe(D.length);
  });

  it("folds a batch as it folds its events one by one, and leaves the old view untouched", () => {
    const once = foldEvents(emptyView(), D);
    const last = all[all.length - 1];
    expect([...once.marks]).toEqual([...last.marks]);
    expect([...once.taken]).toEqual([...last.taken]);
    expect(all[0].marks.get(RISK)?.status).toBe("running");
    expect(foldEvents(once, [])).toBe(once);
  });
});

describe("foldEvents on a recorded callback", () => {
  it("shows the callback waiting until it is answered", () => {
    const all = views(C);
    const waiting = C.findIndex((e) => e.event === "waitingForCallback");
    expect(all[waiting].callbacks.map((c) => c.pointer)).toEqual(["/States/RequestApproval"]);
    const answered = C.findIndex((e) => e.event === "callbackAnswered");
    expect(answered).toBe(waiting + 1);
    expect(all[answered].callbacks).toHaveLength(0);
    expect(all[all.length - 1].status).toBe("SUCCEEDED");
  });

  it("keeps a callback waiting after a heartbeat", () => {
    const w = C.find((e) => e.event === "waitingForCallback")!;
    const token = (w as { token: string }).token;
    const v = foldEvents(emptyView(), [w, { event: "callbackAnswered", token, kind: "heartbeat" }]);
    expect(v.callbacks).toHaveLength(1);
  });
});

describe("foldEvents on Map progress", () => {
  it("takes a Map's counts from its progress events as they are", () => {
    const progress = (succeeded: number, failed: number, running: number, finished: boolean): RunEvent => ({
      event: "mapRunProgress", path: "M", pointer: "/States/M", mapRunArn: null, total: 5, succeeded, failed, running, finished,
    });
    const v = foldEvents(emptyView(), [progress(0, 0, 0, false), progress(2, 1, 2, false), progress(4, 1, 0, true)]);
    expect(v.maps.get("/States/M")).toEqual({ total: 5, started: 5, succeeded: 4, failed: 1, running: 0, finished: true });
  });
});
