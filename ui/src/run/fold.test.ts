// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { Snapshot } from "../ipc/types";
import orders from "../fixtures/order-processing.snapshot.json";
import parallel from "../fixtures/parallel-risk-analysis.snapshot.json";
import dmap from "../fixtures/distributed-map-s3.snapshot.json";
import { emptyView, foldEvents, itemsCount, type WireEvent } from "./fold";
import { indexStates } from "./paths";

const O = orders as unknown as Snapshot;
const P = parallel as unknown as Snapshot;
const M = dmap as unknown as Snapshot;
const enter = (path: string): WireEvent => ({ event: "stateEntered", path, stateType: "Task", input: {} });
const exit = (path: string): WireEvent => ({ event: "stateExited", path, output: {}, inspection: null });

describe("foldEvents", () => {
  const o = indexStates(O.states, O.scopes);

  it("colours states as they are entered and exited and records the path taken", () => {
    const v = foldEvents(emptyView(), [enter("ValidateOrder"), exit("ValidateOrder"), enter("CheckInventory")], o);
    expect(v.marks.get("/States/ValidateOrder")?.status).toBe("succeeded");
    expect(v.marks.get("/States/CheckInventory")?.status).toBe("running");
    expect(v.current).toBe("/States/CheckInventory");
    expect([...v.taken].sort()).toEqual(["/States/ValidateOrder>/States/CheckInventory", "^/States/ValidateOrder"]);
    expect(v.events).toBe(3);
  });

  it("shows retries with their count and delay, then the catch", () => {
    const v = foldEvents(
      emptyView(),
      [
        enter("ProcessPayment"),
        { event: "failed", path: "ProcessPayment", error: "Lambda.ServiceException", cause: "boom" },
        { event: "retryScheduled", path: "ProcessPayment", error: "Lambda.ServiceException", attempt: 2, delaySeconds: 4 },
      ],
      o,
    );
    expect(v.marks.get("/States/ProcessPayment")).toMatchObject({ status: "retrying", retry: { attempt: 2, delaySeconds: 4 } });
    const w = foldEvents(v, [{ event: "caught", path: "ProcessPayment", error: "PaymentDeclined", next: "NotifyPaymentDeclined" }, exit("ProcessPayment"), enter("NotifyPaymentDeclined")], o);
    expect(w.marks.get("/States/ProcessPayment")).toMatchObject({ status: "caught", error: "PaymentDeclined" });
    expect(w.taken.has("/States/ProcessPayment>/States/NotifyPaymentDeclined")).toBe(true);
  });

  it("keeps the previous view untouched (a new object per batch)", () => {
    const a = foldEvents(emptyView(), [enter("ValidateOrder")], o);
    const b = foldEvents(a, [exit("ValidateOrder")], o);
    expect(a.marks.get("/States/ValidateOrder")?.status).toBe("running");
    expect(b.marks.get("/States/ValidateOrder")?.status).toBe("succeeded");
    expect(foldEvents(b, [], o)).toBe(b);
  });

  it("tracks pauses, resumes, callbacks and the end", () => {
    const paused: WireEvent = { event: "paused", path: "ProcessPayment", place: "beforeEnter", reason: "breakpoint", depth: 0, input: { a: 1 }, output: null, variables: {} };
    let v = foldEvents(emptyView(), [paused], o);
    expect(v.status).toBe("PAUSED");
    expect(v.pendingPointer).toBe("/States/ProcessPayment");
    expect(v.pending?.input).toEqual({ a: 1 });
    v = foldEvents(v, [{ event: "resumed", command: "continue" }, enter("SendConfirmation")], o);
    expect(v.status).toBe("RUNNING");
    expect(v.pending).toBeNull();
    const cb = { path: "SendConfirmation", stateName: "SendConfirmation", token: "t1", payload: {}, activity: false, heartbeatSeconds: null, timeoutSeconds: null };
    v = foldEvents(v, [{ event: "waitingForCallback", ...cb }], o);
    expect(v.callbacks.map((c) => c.token)).toEqual(["t1"]);
    v = foldEvents(v, [{ event: "callbackAnswered", token: "t1", kind: "success" }], o);
    expect(v.callbacks).toHaveLength(0);
    v = foldEvents(v, [{ event: "finished", status: "SUCCEEDED", output: { ok: true }, error: null, cause: null }], o);
    expect(v.status).toBe("SUCCEEDED");
    expect(v.outcome?.output).toEqual({ ok: true });
  });

  it("keeps a paused run paused while other branches go on", () => {
    const p = indexStates(P.states, P.scopes);
    const paused: WireEvent = { event: "paused", path: "RunRiskChecks/1/FraudCheck", place: "beforeEnter", reason: "breakpoint", depth: 1, input: {}, output: null, variables: {} };
    const v = foldEvents(emptyView(), [enter("RunRiskChecks"), paused, enter("RunRiskChecks/0/CreditCheck")], p);
    expect(v.status).toBe("PAUSED");
    expect(v.taken.has("^/States/RunRiskChecks/Branches/0/States/CreditCheck")).toBe(true);
  });

  it("counts Map iterations from live events and from Distributed Map progress", () => {
    const m = indexStates(M.states, M.scopes);
    const map = "/States/ProcessDailyFiles";
    const inner = "ProcessDailyFiles/%/ProcessFileBatch";
    const events: WireEvent[] = [{ event: "stateEntered", path: "ProcessDailyFiles", stateType: "Map", input: {} }];
    for (let i = 0; i < 5; i++) events.push(enter(inner.replace("%", String(i))));
    for (let i = 0; i < 3; i++) events.push(exit(inner.replace("%", String(i))));
    let v = foldEvents(emptyView(), events, m);
    expect(v.maps.get(map)).toMatchObject({ started: 5, succeeded: 3, running: 2, finished: false });
    expect(v.marks.get(`${map}/ItemProcessor/States/ProcessFileBatch`)?.entered).toBe(5);
    v = foldEvents(v, [{ event: "mapRunProgress", path: "ProcessDailyFiles", mapRunArn: "arn", total: 100, succeeded: 90, failed: 2, running: 8, finished: false }], m);
    expect(v.maps.get(map)).toMatchObject({ total: 100, succeeded: 90, failed: 2, running: 8 });
  });
});

describe("itemsCount", () => {
  it("reads the items of plain ItemsPath values and literal Items", () => {
    expect(itemsCount([1, 2, 3], { json: {} })).toBe(3);
    expect(itemsCount({ a: { b: [1, 2] } }, { json: { ItemsPath: "$.a.b" } })).toBe(2);
    expect(itemsCount({}, { json: { Items: [1, 2, 3, 4] } })).toBe(4);
    expect(itemsCount({ a: 1 }, { json: { ItemsPath: "$.a" } })).toBeNull();
    expect(itemsCount({ a: [1] }, { json: { ItemsPath: "$.a[0]" } })).toBeNull();
  });
});
