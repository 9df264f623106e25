// The inputs of the shape-driven form: a text draft committed on blur or Enter (Escape
// restores), and the typed input of one static value (enums and booleans as pickers,
// JSON bodies in a textarea). Committing answers an error message or null.
import { useEffect, useState } from "react";
import type { Shape } from "../ipc";
import { parseStatic, showValue } from "./shapeEdits";

interface DraftProps {
  pointer: string;
  shown: string;
  placeholder?: string;
  mono?: boolean;
  multiline?: boolean;
  /** Called with the text when it differs from `shown`; answers an error or null. */
  commit: (text: string) => string | null;
  label: string;
}

export function Draft({ pointer, shown, placeholder, mono, multiline, commit, label }: DraftProps) {
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(shown);
    setError(null);
  }, [shown]);
  const done = () => {
    if (draft !== shown) setError(commit(draft));
  };
  const common = {
    className: `insp-input${mono || multiline ? " insp-mono" : ""}${multiline ? " insp-json" : ""}${error ? " insp-invalid" : ""}`,
    "data-pointer": pointer,
    "aria-label": label,
    value: draft,
    placeholder,
    spellCheck: false,
    onBlur: done,
  };
  return (
    <>
      {multiline ? (
        <textarea
          {...common}
          rows={Math.min(10, Math.max(2, draft.split("\n").length))}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) done();
            if (e.key === "Escape") setDraft(shown);
          }}
        />
      ) : (
        <input
          {...common}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") done();
            if (e.key === "Escape") setDraft(shown);
          }}
        />
      )}
      {error && <div className="insp-hint shape-error">{error}</div>}
    </>
  );
}

const NUMERIC = new Set(["integer", "long", "double", "float"]);

/** What a value of the shape looks like, as an empty input's placeholder (plain text
 *  needs no description; a required one says so). */
function placeholderOf(shape: Shape | undefined, required: boolean): string {
  if (!shape) return "JSON value or text";
  if (NUMERIC.has(shape.kind)) {
    const range = shape.min !== null || shape.max !== null ? ` ${shape.min ?? "…"}–${shape.max ?? "…"}` : "";
    return `${shape.kind === "integer" || shape.kind === "long" ? "whole number" : "number"}${range}`;
  }
  if (shape.kind === "timestamp") return "2024-01-01T00:00:00Z";
  if (shape.kind === "blob") return "base64 data";
  if (shape.kind === "json" || shape.kind === "map") return "JSON";
  return required ? "Required" : "";
}

interface ValueProps {
  shape: Shape | undefined;
  pointer: string;
  value: unknown;
  label: string;
  required?: boolean;
  /** The new value (undefined: cleared). */
  onValue: (value: unknown) => void;
}

/** One static value, typed by its shape. */
export function ValueInput({ shape, pointer, value, label, required = false, onValue }: ValueProps) {
  if (shape && (shape.enumValues.length > 0 || shape.kind === "boolean")) {
    const options = shape.kind === "boolean" ? ["true", "false"] : shape.enumValues;
    const current = value === undefined ? "" : String(value);
    return (
      <select
        className="insp-input"
        data-pointer={pointer}
        aria-label={label}
        value={current}
        onChange={(e) => {
          const v = e.target.value;
          onValue(v === "" ? undefined : shape.kind === "boolean" ? v === "true" : v);
        }}
      >
        <option value="">—</option>
        {current !== "" && !options.includes(current) && <option value={current}>{current}</option>}
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  const multiline = shape?.kind === "json" || shape?.kind === "map" || (value !== null && typeof value === "object");
  const shown = multiline && value !== undefined ? JSON.stringify(value, null, 2) : showValue(value);
  return (
    <Draft
      pointer={pointer}
      label={label}
      shown={shown}
      multiline={multiline}
      mono={!shape || NUMERIC.has(shape.kind) || shape.kind === "timestamp"}
      placeholder={placeholderOf(shape, required)}
      commit={(text) => {
        if (text.trim() === "") {
          onValue(undefined);
          return null;
        }
        const parsed = multiline ? parseJson(text) : parseStatic(text, shape);
        if (parsed instanceof Error) return parsed.message;
        onValue(parsed);
        return null;
      }}
    />
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return new Error(`Not valid JSON: ${(e as Error).message}`);
  }
}
