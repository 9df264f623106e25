// What a shape-driven form reads from and writes to a request object (a Task's
// Parameters or Arguments), as pure functions. A field is static (`"Name": value`) or
// dynamic: in JSONPath a path under `"Name.$"`, in JSONata a `{% %}` string under
// `"Name"`. Every write is one minimal edit at the field's own pointer — or, when the
// objects above it are missing, at the first missing one (Rust's set_field needs a
// parent) — and a batch only when the key itself changes (`Name` <-> `Name.$`).
import type { Shape } from "../ipc";
import type { DocumentEdit } from "../ipc/types";

export type Key = string | number;
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
export const isExpr = (v: unknown): boolean => typeof v === "string" && v.trim().startsWith("{%");

/** RFC 6901: `~` and `/` in a key are escaped. */
export function pointerOf(root: string, path: readonly Key[]): string {
  return root + path.map((k) => "/" + String(k).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

function child(v: unknown, k: Key): unknown {
  if (Array.isArray(v)) return typeof k === "number" ? v[k] : undefined;
  return isObj(v) ? v[String(k)] : undefined;
}

export function valueAt(v: unknown, path: readonly Key[]): unknown {
  return path.reduce<unknown>((cur, k) => child(cur, k), v);
}

/** `value` wrapped in the containers `path` names (numbers make arrays). */
function nest(path: readonly Key[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, k) => (typeof k === "number" ? [inner] : { [k]: inner }), value);
}

/** The set_field writing `value` at `path` under the request `root` (whose value is
 *  `rootValue`), creating what is missing on the way as part of the value written. */
export function setAt(root: string, rootValue: unknown, path: readonly Key[], value: unknown): DocumentEdit {
  if (rootValue === undefined) return { kind: "set_field", pointer: root, value: nest(path, value) };
  let cur: unknown = rootValue;
  let k = 0;
  while (k < path.length && child(cur, path[k]) !== undefined) cur = child(cur, path[k++]);
  if (k === path.length) return { kind: "set_field", pointer: pointerOf(root, path), value };
  // A container takes the missing key (an array only at its end); a scalar in the way is
  // replaced by the containers the path needs.
  const appendable = isObj(cur) || (Array.isArray(cur) && path[k] === cur.length);
  const at = appendable ? k + 1 : k;
  return { kind: "set_field", pointer: pointerOf(root, path.slice(0, at)), value: nest(path.slice(at), value) };
}

export interface FieldState {
  /** A path (JSONPath) or an expression (JSONata) rather than a value. */
  dynamic: boolean;
  /** The key present in the object (`Name` or `Name.$`), null when the field is unset. */
  key: string | null;
  value: unknown;
}

export function readField(obj: unknown, name: string, jsonata: boolean): FieldState {
  const o = isObj(obj) ? obj : {};
  if (!jsonata && `${name}.$` in o) return { dynamic: true, key: `${name}.$`, value: o[`${name}.$`] };
  if (name in o) return { dynamic: jsonata && isExpr(o[name]), key: name, value: o[name] };
  return { dynamic: false, key: null, value: undefined };
}

/** The edit that gives field `name` of the object at `path` the `value` (undefined clears
 *  it), dynamic or not; null when nothing changes. */
export function writeField(
  root: string,
  rootValue: unknown,
  path: readonly Key[],
  name: string,
  jsonata: boolean,
  dynamic: boolean,
  value: unknown,
): DocumentEdit | null {
  const cur = readField(valueAt(rootValue, path), name, jsonata);
  const key = dynamic && !jsonata ? `${name}.$` : name;
  const edits: DocumentEdit[] = [];
  if (cur.key !== null && (cur.key !== key || value === undefined)) edits.push({ kind: "remove_field", pointer: pointerOf(root, [...path, cur.key]) });
  if (value !== undefined && !(cur.key === key && JSON.stringify(cur.value) === JSON.stringify(value))) edits.push(setAt(root, rootValue, [...path, key], value));
  if (edits.length === 0) return null;
  return edits.length === 1 ? edits[0] : { kind: "batch", edits };
}

/** Keys of `obj` that no member of the structure names (with or without `.$`). */
export function unknownKeys(obj: unknown, members: readonly { name: string }[]): string[] {
  if (!isObj(obj)) return [];
  const known = new Set(members.flatMap((m) => [m.name, `${m.name}.$`]));
  return Object.keys(obj).filter((k) => !known.has(k));
}

/** The value a new list item (or a newly set field) starts as. */
export function blankValue(shape: Shape | undefined): unknown {
  switch (shape?.kind) {
    case "structure":
    case "map":
    case "json":
      return {};
    case "list":
      return [];
    case "boolean":
      return false;
    case "integer":
    case "long":
    case "double":
    case "float":
      return shape.min !== null && shape.min > 0 ? shape.min : 0;
    default:
      return shape?.enumValues[0] ?? "";
  }
}

/** A dynamic field's text as written: a JSONPath path must start with `$`; a JSONata
 *  expression gets its `{% %}` when typed without. */
export function parseDynamic(text: string, jsonata: boolean): string | Error {
  const t = text.trim();
  if (jsonata) return t.startsWith("{%") ? t : `{% ${t} %}`;
  return t.startsWith("$") ? t : new Error("A path starts with $ (the input) or $$ (the context)");
}

/** A static value typed as text, by its shape's kind. */
const SUBSTITUTION = /^\$\{[^{}]+\}$/;

export function parseStatic(text: string, shape: Shape | undefined): unknown | Error {
  const t = text.trim();
  // A whole-value substitution of the file the machine lives in (SAM/CloudFormation
  // DefinitionSubstitutions, a CDK token, Terraform templatefile): kept as written in any
  // field, a number's or a boolean's too — the deployed machine gets the real value.
  if (SUBSTITUTION.test(t)) return t;
  switch (shape?.kind) {
    case "integer":
    case "long": {
      const n = Number(t);
      return t !== "" && Number.isInteger(n) ? n : new Error("Enter a whole number");
    }
    case "double":
    case "float": {
      const n = Number(t);
      return t !== "" && Number.isFinite(n) ? n : new Error("Enter a number");
    }
    case "boolean":
      return t === "true" ? true : t === "false" ? false : new Error("true or false");
    case "json":
    case "map":
    case "structure":
    case "list":
    case undefined:
      return parseLoose(text);
    default:
      return text;
  }
}

/** JSON when it reads as JSON, else the text itself (fields the model does not know). */
export function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** How a value shows in a one-line input: strings as they are, the rest as JSON. */
export function showValue(v: unknown): string {
  if (v === undefined) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}
