// DEV ONLY: canned answers of the mock backend for run_sources and tests_run, made from
// the open fixture so the panels and the coverage look like a real machine's.
import type { Coverage, RunSources, TestReport } from "../ipc/run";
import type { Snapshot } from "../ipc/types";

const params = new URLSearchParams(location.search);

export function mockSources(snap: Snapshot | null): RunSources {
  const base = (snap?.title ?? "machine").replace(/\.asl\.(json|ya?ml)$/, "");
  const tasks = snap?.states.filter((s) => s.type === "Task").map((s) => s.name) ?? [];
  return {
    dir: snap?.path ? snap.path.slice(0, snap.path.lastIndexOf("/")) : null,
    mockFiles: [
      { file: `${base}.mocks.json`, kind: "configFile", states: [], stateMachines: [{ name: base, testCases: ["HappyPath", "PaymentDeclined"] }] },
      { file: "mocks.json", kind: "plain", states: tasks, stateMachines: [] },
    ],
    testFiles: [{ file: `${base}.test.json`, cases: ["happy path", "declined card", "out of stock"], error: null }],
    runConfig: params.get("commands") ? `${base}.run.json` : null,
    commands: params.get("commands") ? tasks.slice(0, 2) : [],
    exampleInput: null,
  };
}

export function mockTestReport(snap: Snapshot | null): TestReport {
  const base = (snap?.title ?? "machine").replace(/\.asl\.(json|ya?ml)$/, "");
  const states = snap?.states ?? [];
  // Deterministic "exercised" set: every state but each third Fail and the last Task.
  const lastTask = [...states].reverse().find((s) => s.type === "Task");
  const hit = (i: number, type: string, name: string) => !(type === "Fail" && i % 3 === 0) && name !== lastTask?.name;
  const coverage: Coverage = {
    states: states.map((s, i) => ({ pointer: s.pointer, name: s.name, hits: hit(i, s.type, s.name) ? 1 + (i % 3) : 0 })),
    choiceRules: states
      .filter((s) => s.type === "Choice")
      .flatMap((s) => [
        ...((s.json.Choices as unknown[]) ?? []).map((_, i) => ({ statePointer: s.pointer, stateName: s.name, rule: i, pointer: `${s.pointer}/Choices/${i}`, next: null, hits: i === 0 ? 2 : 0 })),
        { statePointer: s.pointer, stateName: s.name, rule: "Default" as const, pointer: `${s.pointer}/Default`, next: null, hits: 1 },
      ]),
    retriers: states.flatMap((s) => ((s.json.Retry as unknown[]) ?? []).map((_, i) => ({ statePointer: s.pointer, stateName: s.name, index: i, pointer: `${s.pointer}/Retry/${i}`, hits: i === 0 && s.name.includes("Payment") ? 1 : 0 }))),
    catchers: states.flatMap((s, k) => ((s.json.Catch as unknown[]) ?? []).map((_, i) => ({ statePointer: s.pointer, stateName: s.name, index: i, pointer: `${s.pointer}/Catch/${i}`, hits: (k + i) % 2 }))),
    cases: 3,
  };
  return {
    cases: [
      { file: `${base}.test.json`, name: "happy path", passed: true, difference: null, status: "SUCCEEDED", thisMachine: true },
      { file: `${base}.test.json`, name: "declined card", passed: true, difference: null, status: "FAILED", thisMachine: true },
      {
        file: `${base}.test.json`,
        name: "out of stock",
        passed: false,
        difference: 'output.$.status: expected "OUT_OF_STOCK", got "BACKORDERED"',
        status: "SUCCEEDED",
        thisMachine: true,
      },
    ],
    passed: 2,
    failed: 1,
    errors: [],
    coverage,
  };
}
