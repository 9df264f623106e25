// What the condition builder suggests for a variable: the paths the machine itself uses
// (InputPath, Variable, `.$` fields, ItemsPath, ...), the variables it assigns, and the
// fields of the input the last run gave the Choice. Pure.
import type { StateInfo } from "../../ipc/types";

const PATH = /^\$\.[\w$@'"[\]\-.*]+$/;

/** `$.a`, `$.a.b`, ... for the object fields of `value`, `depth` levels deep. */
export function pathsOf(value: unknown, prefix = "$", depth = 3, out: string[] = []): string[] {
  if (depth === 0 || value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const path = /^[A-Za-z_]\w*$/.test(k) ? `${prefix}.${k}` : `${prefix}['${k}']`;
    out.push(path);
    pathsOf(v, path, depth - 1, out);
  }
  return out;
}

/** JSONPath strings the machine's states use, and `$name` for each variable assigned. */
export function machinePaths(states: StateInfo[]): { paths: string[]; variables: string[] } {
  const paths = new Set<string>();
  const variables = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") {
      if (PATH.test(v)) paths.add(v);
      return;
    }
    if (v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach(walk);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === "Assign" && x && typeof x === "object") for (const name of Object.keys(x)) variables.add(`$${name.replace(/\.\$$/, "")}`);
      walk(x);
    }
  };
  for (const s of states) walk(s.json);
  return { paths: [...paths].sort(), variables: [...variables].sort() };
}

/** Suggestions for a JSONPath Variable: the run's input first (what the data has), then
 *  the machine's paths and variables, each once. */
export function variableSuggestions(states: StateInfo[], input: unknown): string[] {
  const { paths, variables } = machinePaths(states);
  return [...new Set([...pathsOf(input), ...paths, ...variables])];
}

/** Words a JSONata condition completes: `$states.input...` paths from the run's input,
 *  the context, the machine's variables and JSONata's common functions. */
export function jsonataCompletions(states: StateInfo[], input: unknown): { label: string; detail: string }[] {
  const fromInput = pathsOf(input).map((p) => ({ label: `$states.input${p.slice(1)}`, detail: "input" }));
  const { variables } = machinePaths(states);
  const context = ["$states.input", "$states.context.Execution.Input", "$states.context.Execution.Name", "$states.context.State.Name"].map(
    (label) => ({ label, detail: "state" }),
  );
  const functions = ["$exists", "$count", "$sum", "$contains", "$string", "$number", "$boolean", "$not", "$length", "$lowercase", "$uppercase", "$match", "$now", "$millis", "$type"].map(
    (f) => ({ label: `${f}()`, detail: "function" }),
  );
  return [...fromInput, ...context, ...variables.map((label) => ({ label, detail: "variable" })), ...functions];
}
