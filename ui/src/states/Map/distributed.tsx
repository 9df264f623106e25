// A Distributed Map's own parts as forms: where its items come from (the input, or S3 —
// an object of JSON, JSON Lines or CSV, a bucket listing, an inventory manifest), how
// they are batched, and where the results are written. Each part is written whole when
// it is switched on or its source changes (a pointer into a missing object could not be
// created), and field by field after that (one line each).
import type { DocumentEdit } from "../../ipc/types";
import { apply, NumberField, Section, SelectField, TextField } from "../../inspector/fields";
import "./map.css";

type Json = Record<string, unknown>;

/** Where a Distributed Map reads its items: each source as the ItemReader it writes. */
export const SOURCES: { value: string; label: string; resource: string | null; input?: string }[] = [
  { value: "input", label: "The state's input (ItemsPath / Items)", resource: null },
  { value: "json", label: "S3 object: a JSON array", resource: "arn:aws:states:::s3:getObject", input: "JSON" },
  { value: "jsonl", label: "S3 object: JSON Lines", resource: "arn:aws:states:::s3:getObject", input: "JSONL" },
  { value: "csv", label: "S3 object: CSV", resource: "arn:aws:states:::s3:getObject", input: "CSV" },
  { value: "listing", label: "S3 bucket listing (objects under a prefix)", resource: "arn:aws:states:::s3:listObjectsV2" },
  { value: "manifest", label: "S3 inventory manifest", resource: "arn:aws:states:::s3:getObject", input: "MANIFEST" },
];

/** The source an ItemReader reads. */
export function sourceOf(reader: unknown): string {
  if (!reader || typeof reader !== "object") return "input";
  const r = reader as Json;
  if (r.Resource === "arn:aws:states:::s3:listObjectsV2") return "listing";
  const input = String(((r.ReaderConfig ?? {}) as Json).InputType ?? "JSON").toUpperCase();
  return SOURCES.find((s) => s.input === input)?.value ?? "json";
}

/** The ItemReader of a source, keeping the bucket (and key or prefix) already set. */
export function readerFor(source: string, old: unknown, jsonata: boolean): Json | null {
  const s = SOURCES.find((x) => x.value === source);
  if (!s || !s.resource) return null;
  const argsKey = jsonata ? "Arguments" : "Parameters";
  const prev = ((old as Json | null)?.[argsKey] ?? {}) as Json;
  const bucket = prev.Bucket ?? "my-bucket";
  const args: Json = source === "listing" ? { Bucket: bucket, Prefix: prev.Prefix ?? "" } : { Bucket: bucket, Key: prev.Key ?? defaultKey(source) };
  const reader: Json = { Resource: s.resource };
  if (s.input) reader.ReaderConfig = s.input === "CSV" ? { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" } : { InputType: s.input };
  reader[argsKey] = args;
  return reader;
}

function defaultKey(source: string): string {
  return source === "csv" ? "items.csv" : source === "jsonl" ? "items.jsonl" : source === "manifest" ? "inventory/manifest.json" : "items.json";
}

/** The ResultWriter a switched-on toggle writes. */
export function defaultWriter(jsonata: boolean): Json {
  return {
    Resource: "arn:aws:states:::s3:putObject",
    [jsonata ? "Arguments" : "Parameters"]: { Bucket: "my-bucket", Prefix: "results" },
  };
}

interface Props {
  p: string;
  j: Json;
  jsonata: boolean;
}

export function ItemSourceForm({ p, j, jsonata }: Props) {
  const source = sourceOf(j.ItemReader);
  const reader = (j.ItemReader ?? {}) as Json;
  const argsKey = jsonata ? "Arguments" : "Parameters";
  const args = (reader[argsKey] ?? {}) as Json;
  const config = (reader.ReaderConfig ?? {}) as Json;
  const pick = (next: string | undefined) => {
    if (!next || next === source) return;
    const value = readerFor(next, j.ItemReader, jsonata);
    if (!value) return void apply({ kind: "remove_field", pointer: `${p}/ItemReader` });
    // Items read from S3 are not picked from the input: its ItemsPath / Items (hidden
    // then) would only mislead a reader of the file. One step with the ItemReader.
    const fromInput = jsonata ? "Items" : "ItemsPath";
    const set: DocumentEdit = { kind: "set_field", pointer: `${p}/ItemReader`, value };
    void apply(fromInput in j ? { kind: "batch", edits: [set, { kind: "remove_field", pointer: `${p}/${fromInput}` }] } : set);
  };
  return (
    <>
      <SelectField label="Items come from" pointer={`${p}/ItemReader#source`} value={source} options={SOURCES} onPick={pick} />
      {source !== "input" && (
        <>
          <TextField label="Bucket" pointer={`${p}/ItemReader/${argsKey}/Bucket`} value={args.Bucket} removable={false} mono />
          {source === "listing" ? (
            <TextField label="Prefix" pointer={`${p}/ItemReader/${argsKey}/Prefix`} value={args.Prefix} mono hint="Objects whose key starts with this" />
          ) : (
            <TextField label="Key" pointer={`${p}/ItemReader/${argsKey}/Key`} value={args.Key} removable={false} mono />
          )}
          {source === "csv" && <CsvFields p={`${p}/ItemReader/ReaderConfig`} config={config} />}
          {"ReaderConfig" in reader && (
            <NumberField label="MaxItems" pointer={`${p}/ItemReader/ReaderConfig/MaxItems`} value={config.MaxItems} integer expression={jsonata} placeholder="all" />
          )}
        </>
      )}
    </>
  );
}

function CsvFields({ p, config }: { p: string; config: Json }) {
  const location = typeof config.CSVHeaderLocation === "string" ? config.CSVHeaderLocation : "FIRST_ROW";
  return (
    <>
      <SelectField
        label="CSV header"
        pointer={`${p}/CSVHeaderLocation`}
        value={location}
        options={[
          { value: "FIRST_ROW", label: "The file's first row" },
          { value: "GIVEN", label: "Given here (CSVHeaders)" },
        ]}
        onPick={(v) => {
          if (!v || v === location) return;
          const next: Json = { ...config, CSVHeaderLocation: v };
          if (v === "GIVEN") next.CSVHeaders = Array.isArray(config.CSVHeaders) ? config.CSVHeaders : ["id"];
          else delete next.CSVHeaders;
          void apply({ kind: "set_field", pointer: p, value: next });
        }}
      />
      {location === "GIVEN" && (
        <TextField
          label="CSVHeaders"
          pointer={`${p}/CSVHeaders`}
          value={Array.isArray(config.CSVHeaders) ? config.CSVHeaders.join(", ") : ""}
          removable={false}
          mono
          hint="Column names, comma-separated"
          parse={(t) => {
            const names = t.split(",").map((s) => s.trim()).filter(Boolean);
            return names.length ? names : new Error("Name at least one column");
          }}
        />
      )}
      <SelectField
        label="CSV delimiter"
        pointer={`${p}/CSVDelimiter`}
        value={typeof config.CSVDelimiter === "string" ? config.CSVDelimiter : undefined}
        none="Comma (default)"
        options={["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"].map((value) => ({ value }))}
      />
    </>
  );
}

/** ItemBatcher and ResultWriter, each behind a switch. */
export function BatchAndResults({ p, j, jsonata }: Props) {
  const batcher = j.ItemBatcher as Json | undefined;
  const writer = j.ResultWriter as Json | undefined;
  const argsKey = jsonata ? "Arguments" : "Parameters";
  const wargs = ((writer ?? {})[argsKey] ?? {}) as Json;
  return (
    <>
      <Section title="Batching">
        <Toggle
          label="Send items to each child execution in batches"
          on={!!batcher}
          set={(on) =>
            void apply(
              on
                ? { kind: "set_field", pointer: `${p}/ItemBatcher`, value: { MaxItemsPerBatch: 10 } }
                : { kind: "remove_field", pointer: `${p}/ItemBatcher` },
            )
          }
        />
        {batcher && (
          <>
            <NumberField label="MaxItemsPerBatch" pointer={`${p}/ItemBatcher/MaxItemsPerBatch`} value={batcher.MaxItemsPerBatch} integer expression={jsonata} />
            <NumberField label="MaxInputBytesPerBatch" pointer={`${p}/ItemBatcher/MaxInputBytesPerBatch`} value={batcher.MaxInputBytesPerBatch} integer expression={jsonata} placeholder="256 KiB at most" />
          </>
        )}
      </Section>
      <Section title="Results">
        <Toggle
          label="Write the results to S3 (ResultWriter)"
          on={!!writer}
          set={(on) =>
            void apply(
              on
                ? { kind: "set_field", pointer: `${p}/ResultWriter`, value: defaultWriter(jsonata) }
                : { kind: "remove_field", pointer: `${p}/ResultWriter` },
            )
          }
        />
        {writer && (
          <>
            <TextField label="Bucket" pointer={`${p}/ResultWriter/${argsKey}/Bucket`} value={wargs.Bucket} removable={false} mono />
            <TextField label="Prefix" pointer={`${p}/ResultWriter/${argsKey}/Prefix`} value={wargs.Prefix} mono />
          </>
        )}
      </Section>
    </>
  );
}

function Toggle({ label, on, set }: { label: string; on: boolean; set: (on: boolean) => void }) {
  return (
    <label className="insp-toggle">
      <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} />
      {label}
    </label>
  );
}
