// The processing stages of one state execution (TestState DEBUG's inspection, design
// §2.3), in the order the data flows through them.
import type { Json, RunState } from "../ipc/run";

export interface Stage {
  key: string;
  label: string;
  value: Json;
}

const ORDER: { key: string; label: string }[] = [
  { key: "input", label: "Input" },
  { key: "afterInputPath", label: "After InputPath" },
  { key: "afterParameters", label: "After Parameters" },
  { key: "afterArguments", label: "After Arguments" },
  { key: "result", label: "Result" },
  { key: "afterResultSelector", label: "After ResultSelector" },
  { key: "afterResultPath", label: "After ResultPath" },
  { key: "output", label: "Output" },
  { key: "variables", label: "Variables assigned" },
  { key: "errorDetails", label: "Retry / catch details" },
];

/** The stages this execution has, in flow order; absent stages are left out. */
export function stagesOf(s: RunState): Stage[] {
  const inspection = s.inspection as unknown as Record<string, Json | undefined>;
  const source: Record<string, Json | undefined> = {
    ...inspection,
    input: inspection.input ?? s.input,
    output: inspection.output ?? s.output,
    variables: s.variables && Object.keys(s.variables).length > 0 ? s.variables : undefined,
  };
  return ORDER.flatMap(({ key, label }) => (source[key] === undefined ? [] : [{ key, label, value: source[key]! }]));
}

export const pretty = (v: Json) => JSON.stringify(v, null, 2) ?? "null";
