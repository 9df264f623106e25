// Fail configuration: the error name and cause (or, in JSONPath, paths to them).
import type { StateInfo } from "../../ipc/types";
import { Section, TextField } from "../../inspector/fields";

export function FailConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  const hint = jsonata ? "Text, or a {% %} expression" : undefined;
  return (
    <Section title="Error">
      <TextField label="Error" pointer={`${p}/Error`} value={j.Error} placeholder="e.g. OrderRejected" hint={hint} />
      <TextField label="Cause" pointer={`${p}/Cause`} value={j.Cause} placeholder="A human-readable message" hint={hint} />
      {!jsonata && (
        <>
          <TextField label="ErrorPath" pointer={`${p}/ErrorPath`} value={j.ErrorPath} mono placeholder="$.error" hint="Instead of Error: a path or intrinsic" />
          <TextField label="CausePath" pointer={`${p}/CausePath`} value={j.CausePath} mono placeholder="$.cause" />
        </>
      )}
    </Section>
  );
}
