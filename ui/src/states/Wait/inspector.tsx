// Wait configuration: one of Seconds, Timestamp, SecondsPath, TimestampPath. Switching
// the kind sets the new field and removes the old one in one batch: one undo step.
import type { StateInfo } from "../../ipc/types";
import { apply, NumberField, Section, SelectField, TextField } from "../../inspector/fields";
import { NextField } from "../../inspector/transitions";

const KINDS = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"] as const;
const DEFAULTS: Record<(typeof KINDS)[number], unknown> = {
  Seconds: 10,
  Timestamp: "2030-01-01T00:00:00Z",
  SecondsPath: "$.waitSeconds",
  TimestampPath: "$.waitUntil",
};

export function WaitConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  const kinds = jsonata ? KINDS.slice(0, 2) : KINDS;
  const current = kinds.find((k) => k in j);
  return (
    <>
      <Section title="Wait">
        <SelectField
          label="Wait for"
          pointer={`${p}/${current ?? "Seconds"}`}
          value={current}
          none={current ? undefined : "(not set)"}
          options={kinds.map((k) => ({ value: k, label: label(k) }))}
          onPick={async (k) => {
            if (!k || k === current) return;
            const set = { kind: "set_field" as const, pointer: `${p}/${k}`, value: DEFAULTS[k as keyof typeof DEFAULTS] };
            await apply(current ? { kind: "batch", edits: [set, { kind: "remove_field", pointer: `${p}/${current}` }] } : set);
          }}
        />
        {current === "Seconds" && <NumberField label="Seconds" pointer={`${p}/Seconds`} value={j.Seconds} integer expression={jsonata} removable={false} />}
        {current === "Timestamp" && (
          <TextField label="Timestamp" pointer={`${p}/Timestamp`} value={j.Timestamp} removable={false} mono hint="RFC 3339, e.g. 2030-01-01T00:00:00Z" />
        )}
        {current === "SecondsPath" && <TextField label="SecondsPath" pointer={`${p}/SecondsPath`} value={j.SecondsPath} removable={false} mono />}
        {current === "TimestampPath" && <TextField label="TimestampPath" pointer={`${p}/TimestampPath`} value={j.TimestampPath} removable={false} mono />}
      </Section>
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}

function label(k: string): string {
  return { Seconds: "A number of seconds", Timestamp: "A fixed time", SecondsPath: "Seconds from the input", TimestampPath: "A time from the input" }[k] ?? k;
}
