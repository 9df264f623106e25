import { describe, expect, it } from "vitest";
import { readableDetails } from "./details";

const at = { timestamp: "2026-11-01T00:00:00.000Z", id: 2, previousEventId: 1 };

describe("readableDetails", () => {
  it("shows a state's input as the JSON it holds, without its name or untruncated flag", () => {
    const e = { ...at, type: "PassStateEntered", stateEnteredEventDetails: { name: "Step", input: '{"i":25000}', inputDetails: { truncated: false } } };
    expect(readableDetails(e)).toBe('input {"i":25000}');
  });

  it("keeps plain strings and numbers, and says when a payload was cut", () => {
    const e = {
      ...at,
      type: "TaskFailed",
      taskFailedEventDetails: { resourceType: "lambda", resource: "invoke", error: "PaymentDeclined", cause: '{"errorType":"PaymentDeclined"}' },
    };
    expect(readableDetails(e)).toBe('resourceType lambda · resource invoke · error PaymentDeclined · cause {"errorType":"PaymentDeclined"}');
    const cut = { ...at, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", inputDetails: { truncated: true } } };
    expect(readableDetails(cut)).toBe('input {} · inputDetails {"truncated":true}');
  });

  it("leaves text that only looks like JSON as it is, and is empty without details", () => {
    const e = { ...at, type: "ExecutionFailed", executionFailedEventDetails: { error: "States.Runtime", cause: "{not json" } };
    expect(readableDetails(e)).toBe("error States.Runtime · cause {not json");
    expect(readableDetails({ ...at, type: "MapStateStarted" })).toBe("");
  });
});
