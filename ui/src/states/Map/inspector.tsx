// Map configuration: where the items come from, how each is shaped, how many run at
// once, and the processor mode (inline, or distributed child executions, whose item
// source, batching and result writing are forms of their own: ./distributed.tsx).
import type { DocumentEdit, StateInfo } from "../../ipc/types";
import { apply, JsonField, NumberField, Section, SelectField, TextField } from "../../inspector/fields";
import { NextField } from "../../inspector/transitions";
import { BatchAndResults, ItemSourceForm, sourceOf } from "./distributed";

type Json = Record<string, unknown>;

/** The fields only a Distributed Map may have: dropped when it becomes inline. */
const DISTRIBUTED_ONLY = ["ItemReader", "ItemBatcher", "ResultWriter", "Label"];

/** The edit switching a Map's processor to `mode`, as one undo step. */
export function switchMode(p: string, processorKey: string, config: Json, j: Json, mode: string): DocumentEdit {
  const pointer = `${p}/${processorKey}/ProcessorConfig`;
  if (mode === "DISTRIBUTED") {
    return { kind: "set_field", pointer, value: { ...config, Mode: mode, ExecutionType: config.ExecutionType ?? "STANDARD" } };
  }
  const { ExecutionType: _dropped, ...inline } = config;
  void _dropped;
  const edits: DocumentEdit[] = [
    { kind: "set_field", pointer, value: { ...inline, Mode: mode } },
    ...DISTRIBUTED_ONLY.filter((k) => k in j).map((k): DocumentEdit => ({ kind: "remove_field", pointer: `${p}/${k}` })),
  ];
  return edits.length === 1 ? edits[0] : { kind: "batch", edits };
}

export function MapConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  const processorKey = "ItemProcessor" in j ? "ItemProcessor" : "Iterator" in j ? "Iterator" : "ItemProcessor";
  const processor = (j[processorKey] ?? {}) as Json;
  const config = (processor.ProcessorConfig ?? {}) as Json;
  const mode = typeof config.Mode === "string" ? config.Mode : "INLINE";
  const distributed = mode === "DISTRIBUTED";
  // ProcessorConfig is set whole: a pointer into a missing object could not be created.
  const setConfig = (patch: Json) =>
    void apply({ kind: "set_field", pointer: `${p}/${processorKey}/ProcessorConfig`, value: { ...config, ...patch } });
  const fromInput = !distributed || sourceOf(j.ItemReader) === "input";
  return (
    <>
      <Section title="Processing">
        <SelectField
          label="Processing mode"
          pointer={`${p}/${processorKey}/ProcessorConfig/Mode`}
          value={mode}
          options={[
            { value: "INLINE", label: "Inline (in this execution)" },
            { value: "DISTRIBUTED", label: "Distributed (child executions)" },
          ]}
          onPick={(m) => m && m !== mode && void apply(switchMode(p, processorKey, config, j, m))}
        />
        {distributed && (
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
      </Section>
      <Section title="Items">
        {distributed && <ItemSourceForm p={p} j={j} jsonata={jsonata} />}
        {fromInput &&
          (jsonata ? (
            <JsonField label="Items" pointer={`${p}/Items`} value={j.Items} expression hint="A JSON array or a {% %} expression; default: the input" />
          ) : (
            <TextField label="ItemsPath" pointer={`${p}/ItemsPath`} value={j.ItemsPath} mono placeholder="$ (default)" hint="Path to the array in the input" />
          ))}
        <JsonField label="ItemSelector" pointer={`${p}/ItemSelector`} value={j.ItemSelector} rows={3} hint="Shapes each item before it is processed" />
      </Section>
      {distributed && <BatchAndResults p={p} j={j} jsonata={jsonata} />}
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}
