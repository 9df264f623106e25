// Map configuration: where the items come from, how each is shaped, how many run at
// once, and the processor mode (inline, or distributed child executions).
import type { StateInfo } from "../../ipc/types";
import { apply, JsonField, NumberField, Section, SelectField, TextField } from "../../inspector/fields";
import { NextField } from "../../inspector/transitions";

type Json = Record<string, unknown>;

export function MapConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  const processorKey = "ItemProcessor" in j ? "ItemProcessor" : "Iterator" in j ? "Iterator" : "ItemProcessor";
  const processor = (j[processorKey] ?? {}) as Json;
  const config = (processor.ProcessorConfig ?? {}) as Json;
  const mode = typeof config.Mode === "string" ? config.Mode : "INLINE";
  // ProcessorConfig is set whole: a pointer into a missing object could not be created.
  const setConfig = (patch: Json) =>
    void apply({ kind: "set_field", pointer: `${p}/${processorKey}/ProcessorConfig`, value: { ...config, ...patch } });
  return (
    <>
      <Section title="Items">
        {jsonata ? (
          <JsonField label="Items" pointer={`${p}/Items`} value={j.Items} expression hint="A JSON array or a {% %} expression; default: the input" />
        ) : (
          <TextField label="ItemsPath" pointer={`${p}/ItemsPath`} value={j.ItemsPath} mono placeholder="$ (default)" hint="Path to the array in the input" />
        )}
        <JsonField label="ItemSelector" pointer={`${p}/ItemSelector`} value={j.ItemSelector} rows={3} hint="Shapes each item before it is processed" />
        <JsonField label="ItemReader" pointer={`${p}/ItemReader`} value={j.ItemReader} hint="Distributed mode: read items from S3" />
        <JsonField label="ItemBatcher" pointer={`${p}/ItemBatcher`} value={j.ItemBatcher} />
      </Section>
      <Section title="Processing">
        <SelectField
          label="Processing mode"
          pointer={`${p}/${processorKey}/ProcessorConfig/Mode`}
          value={mode}
          options={[
            { value: "INLINE", label: "Inline (in this execution)" },
            { value: "DISTRIBUTED", label: "Distributed (child executions)" },
          ]}
          onPick={(m) => m && m !== mode && setConfig(m === "DISTRIBUTED" ? { Mode: m, ExecutionType: config.ExecutionType ?? "STANDARD" } : { Mode: m })}
        />
        {mode === "DISTRIBUTED" && (
          <SelectField
            label="Child execution type"
            pointer={`${p}/${processorKey}/ProcessorConfig/ExecutionType`}
            value={typeof config.ExecutionType === "string" ? config.ExecutionType : "STANDARD"}
            options={[{ value: "STANDARD" }, { value: "EXPRESS" }]}
            onPick={(t) => t && setConfig({ ExecutionType: t })}
          />
        )}
        <NumberField label="MaxConcurrency" pointer={`${p}/MaxConcurrency`} value={j.MaxConcurrency} integer expression={jsonata} placeholder="0 (no limit)" />
        <NumberField label="ToleratedFailurePercentage" pointer={`${p}/ToleratedFailurePercentage`} value={j.ToleratedFailurePercentage} expression={jsonata} />
        <NumberField label="ToleratedFailureCount" pointer={`${p}/ToleratedFailureCount`} value={j.ToleratedFailureCount} integer expression={jsonata} />
        {mode === "DISTRIBUTED" && <JsonField label="ResultWriter" pointer={`${p}/ResultWriter`} value={j.ResultWriter} />}
      </Section>
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}
