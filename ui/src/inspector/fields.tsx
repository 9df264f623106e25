// Inspector fields. Each edits one JSON pointer: a commit is one `set_field`, or a
// `remove_field` when a removable field is emptied. Drafts are local until commit (blur
// or Enter; Ctrl+Enter in JSON editors); a new value from Rust replaces the draft.
// Every input carries `data-pointer` so a focus request can find it.
import { useEffect, useId, useState, type ReactNode } from "react";
import type { DocumentEdit } from "../ipc/types";
import { useStudio } from "../store/studio";

export function apply(edit: DocumentEdit): Promise<boolean> {
  return useStudio.getState().apply(edit);
}

/** set_field, or remove_field when `value` is undefined (only if the field exists). */
export function setOrRemove(pointer: string, value: unknown, exists: boolean): void {
  if (value === undefined) {
    if (exists) void apply({ kind: "remove_field", pointer });
  } else void apply({ kind: "set_field", pointer, value });
}

interface Row {
  label: string;
  hint?: string;
  children: ReactNode;
  id?: string;
}

export function FieldRow({ label, hint, children, id }: Row) {
  return (
    <div className="insp-field">
      <label className="insp-label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && <div className="insp-hint">{hint}</div>}
    </div>
  );
}

/** A value shown as text: strings as-is, anything else as compact JSON. */
function show(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

interface TextProps {
  label: string;
  pointer: string;
  value: unknown;
  hint?: string;
  placeholder?: string;
  /** How the text becomes a value; return an Error to refuse it. Default: the string. */
  parse?: (text: string) => unknown | Error;
  /** Emptying removes the field (default true). */
  removable?: boolean;
  list?: string;
  mono?: boolean;
}

export function TextField({ label, pointer, value, hint, placeholder, parse, removable = true, list, mono }: TextProps) {
  const id = useId();
  const [draft, setDraft] = useState(show(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(show(value));
    setError(null);
  }, [value]);
  const commit = () => {
    if (draft === show(value)) return;
    if (draft.trim() === "" && removable) return setOrRemove(pointer, undefined, value !== undefined);
    const parsed = parse ? parse(draft) : draft;
    if (parsed instanceof Error) return setError(parsed.message);
    setError(null);
    setOrRemove(pointer, parsed, value !== undefined);
  };
  return (
    <FieldRow label={label} hint={error ?? hint} id={id}>
      <input
        id={id}
        className={`insp-input${mono ? " insp-mono" : ""}${error ? " insp-invalid" : ""}`}
        data-pointer={pointer}
        value={draft}
        placeholder={placeholder}
        list={list}
        spellCheck={false}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
          if (e.key === "Escape") setDraft(show(value));
        }}
      />
    </FieldRow>
  );
}

export const parseNumber = (text: string): number | Error => {
  const n = Number(text.trim());
  return text.trim() !== "" && Number.isFinite(n) ? n : new Error("Enter a number");
};

export const parseInteger = (text: string): number | Error => {
  const n = parseNumber(text);
  return n instanceof Error || Number.isInteger(n) ? n : new Error("Enter a whole number");
};

/** A number, or a JSONata `{% %}` expression where the state's language allows one. */
export const numberOrExpression = (text: string): number | string | Error =>
  text.trim().startsWith("{%") ? text.trim() : parseNumber(text);

export function NumberField(props: Omit<TextProps, "parse"> & { integer?: boolean; expression?: boolean }) {
  const parse = props.expression ? numberOrExpression : props.integer ? parseInteger : parseNumber;
  return <TextField {...props} parse={parse} mono />;
}

interface JsonProps {
  label: string;
  pointer: string;
  value: unknown;
  hint?: string;
  /** Also accept a bare JSONata expression (`{% ... %}`), kept as a string. */
  expression?: boolean;
  rows?: number;
}

/** A small code input for a JSON value, checked before it is sent. */
export function JsonField({ label, pointer, value, hint, expression, rows }: JsonProps) {
  const id = useId();
  const shown = value === undefined ? "" : typeof value === "string" && expression ? value : JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setDraft(shown);
    setError(null);
  }, [shown]);
  const check = (text: string): unknown | Error => {
    const t = text.trim();
    if (expression && t.startsWith("{%")) return t;
    try {
      return JSON.parse(t);
    } catch (e) {
      return new Error(`Not valid JSON: ${(e as Error).message}`);
    }
  };
  const commit = () => {
    if (draft === shown) return;
    if (draft.trim() === "") return setOrRemove(pointer, undefined, value !== undefined);
    const parsed = check(draft);
    if (parsed instanceof Error) return setError(parsed.message);
    setError(null);
    if (JSON.stringify(parsed) !== JSON.stringify(value)) setOrRemove(pointer, parsed, value !== undefined);
  };
  const lines = Math.min(14, Math.max(rows ?? 2, draft.split("\n").length));
  return (
    <FieldRow label={label} hint={error ?? hint} id={id}>
      <textarea
        id={id}
        className={`insp-input insp-mono insp-json${error ? " insp-invalid" : ""}`}
        data-pointer={pointer}
        rows={lines}
        value={draft}
        spellCheck={false}
        placeholder={expression ? "{% … %} or JSON" : "JSON"}
        onChange={(e) => {
          setDraft(e.target.value);
          const t = e.target.value.trim();
          const r = t === "" ? null : check(t);
          setError(r instanceof Error ? r.message : null);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) commit();
          if (e.key === "Escape") setDraft(shown);
        }}
      />
    </FieldRow>
  );
}

interface SelectProps {
  label: string;
  pointer: string;
  value: string | undefined;
  options: { value: string; label?: string }[];
  hint?: string;
  /** Label of the "not set" choice; absent: the field is always set. */
  none?: string;
  onPick?: (value: string | undefined) => void;
}

export function SelectField({ label, pointer, value, options, hint, none, onPick }: SelectProps) {
  const id = useId();
  const known = options.some((o) => o.value === value);
  return (
    <FieldRow label={label} hint={hint} id={id}>
      <select
        id={id}
        className="insp-input"
        data-pointer={pointer}
        value={value ?? ""}
        onChange={(e) => {
          const v = e.target.value === "" ? undefined : e.target.value;
          if (onPick) onPick(v);
          else setOrRemove(pointer, v, value !== undefined);
        }}
      >
        {none !== undefined && <option value="">{none}</option>}
        {!known && value !== undefined && <option value={value}>{value}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label ?? o.value}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

export function Section({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="insp-section">
      <header className="insp-section-head">
        <h4>{title}</h4>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Note({ children }: { children: ReactNode }) {
  return <p className="insp-note">{children}</p>;
}
