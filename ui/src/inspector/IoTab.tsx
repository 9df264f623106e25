// Input/Output: the data-flow fields that apply to the state's type and query language.
// JSONPath: InputPath -> Parameters -> ResultSelector -> ResultPath -> OutputPath.
// JSONata: Arguments -> Output. Both: Assign (variables).
import type { StateInfo } from "../ipc/types";
import { JsonField, Note, Section, TextField } from "./fields";

type Field = "InputPath" | "Parameters" | "ResultSelector" | "ResultPath" | "OutputPath" | "Arguments" | "Output" | "Assign";

/** The fields a state of `type` has in `ql` (states-language.net, both variants). */
export function ioFields(type: string, ql: "JSONPath" | "JSONata"): Field[] {
  if (type === "Fail") return [];
  if (ql === "JSONata") {
    const args: Field[] = type === "Task" || type === "Parallel" ? ["Arguments"] : [];
    return [...args, "Output", ...(type === "Succeed" ? [] : (["Assign"] as Field[]))];
  }
  switch (type) {
    case "Succeed":
      return ["InputPath", "OutputPath"];
    case "Choice":
    case "Wait":
      return ["InputPath", "OutputPath", "Assign"];
    case "Pass":
      return ["InputPath", "Parameters", "ResultPath", "OutputPath", "Assign"];
    case "Map":
      return ["InputPath", "ResultSelector", "ResultPath", "OutputPath", "Assign"];
    default:
      return ["InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "Assign"];
  }
}

const HINTS: Record<Field, string> = {
  InputPath: "Selects the part of the input the state works on ($ = all)",
  Parameters: 'Builds the task input; "key.$" takes a path',
  ResultSelector: "Shapes the raw result before ResultPath",
  ResultPath: "Where the result goes in the input ($ replaces it)",
  OutputPath: "Selects what is passed on",
  Arguments: "The task input, JSON with {% %} expressions",
  Output: "The state output: JSON with {% %} expressions",
  Assign: "Variables to set: {\"name\": value}",
};

const PATHS: Field[] = ["InputPath", "ResultPath", "OutputPath"];

export function IoTab({ state }: { state: StateInfo }) {
  const fields = ioFields(state.type, state.queryLanguage);
  if (fields.length === 0) return <Note>A Fail state has no input or output processing.</Note>;
  const p = state.pointer;
  return (
    <Section title={`Input and output (${state.queryLanguage})`}>
      {fields.map((f) =>
        PATHS.includes(f) ? (
          <TextField key={f} label={f} pointer={`${p}/${f}`} value={state.json[f]} mono placeholder="$" hint={HINTS[f]} parse={(t) => (t.trim() === "null" ? null : t.trim())} />
        ) : (
          <JsonField key={f} label={f} pointer={`${p}/${f}`} value={state.json[f]} expression={state.queryLanguage === "JSONata"} rows={3} hint={HINTS[f]} />
        ),
      )}
    </Section>
  );
}
