// Pass configuration: a fixed Result (JSONPath; JSONata states use Output instead).
import type { StateInfo } from "../../ipc/types";
import { JsonField, Note, Section } from "../../inspector/fields";
import { NextField } from "../../inspector/transitions";

export function PassConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  return (
    <>
      <Section title="Result">
        {state.queryLanguage === "JSONata" ? (
          <Note>In JSONata a Pass state shapes its output with Output (Input/Output tab).</Note>
        ) : (
          <JsonField label="Result" pointer={`${p}/Result`} value={state.json.Result} rows={3} hint="Any JSON; placed at ResultPath" />
        )}
      </Section>
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}
