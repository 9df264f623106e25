// A form generated from an action's request shape (the Actions catalogue): one typed
// field per member, required ones marked and always shown, the others a click away;
// nested structures as groups, lists with add/remove, the doc sentence as help. Any field
// can instead take a JSONPath path (`Name.$`) or a JSONata `{% %}` expression, and keys
// the model does not know are shown and editable too. Each commit is one edit (see
// shapeEdits.ts), so one undo step.
import { useEffect, useState, type ReactNode } from "react";
import type { Member, Shape } from "../ipc";
import type { DocumentEdit } from "../ipc/types";
import { apply } from "./fields";
import {
  blankValue,
  isObj,
  parseDynamic,
  parseLoose,
  pointerOf,
  readField,
  setAt,
  showValue,
  unknownKeys,
  valueAt,
  writeField,
  type Key,
} from "./shapeEdits";
import { Draft, ValueInput } from "./shapeInputs";
import "./shapeForm.css";

interface Ctx {
  /** Pointer of the request object (`…/Parameters` or `…/Arguments`). */
  root: string;
  rootValue: unknown;
  shapes: Record<string, Shape>;
  jsonata: boolean;
}

/** Past this depth a structure is edited as JSON: models are recursive. */
const MAX_DEPTH = 6;

const send = (edit: DocumentEdit | null) => {
  if (edit) void apply(edit);
};

export interface ShapeFormProps {
  pointer: string;
  value: unknown;
  shapes: Record<string, Shape>;
  /** The request's top shape; null: the action takes no input. */
  input: string | null;
  jsonata: boolean;
}

export function ShapeForm({ pointer, value, shapes, input, jsonata }: ShapeFormProps) {
  const ctx: Ctx = { root: pointer, rootValue: value, shapes, jsonata };
  const top = input ? shapes[input] : undefined;
  if (value !== undefined && !isObj(value))
    return <p className="insp-note">The whole request is {jsonata ? "one expression" : "not an object"}; edit it as JSON.</p>;
  return (
    <div className="shape-form" data-testid="shape-form">
      {top ? <StructFields ctx={ctx} path={[]} shape={top} depth={0} /> : <p className="insp-note">This action takes no arguments.</p>}
      {!top && <Unknown ctx={ctx} path={[]} members={[]} />}
    </div>
  );
}

function StructFields({ ctx, path, shape, depth }: { ctx: Ctx; path: Key[]; shape: Shape; depth: number }) {
  const obj = valueAt(ctx.rootValue, path);
  const isSet = (m: Member) => readField(obj, m.name, ctx.jsonata).key !== null;
  const shown = shape.members.filter((m) => m.required || isSet(m));
  const rest = shape.members.filter((m) => !m.required && !isSet(m));
  return (
    <>
      {shape.union && <p className="insp-note shape-union">Set one of these fields.</p>}
      {shown.map((m) => (
        <MemberField key={m.name} ctx={ctx} path={path} member={m} depth={depth} />
      ))}
      <Unknown ctx={ctx} path={path} members={shape.members} />
      {rest.length > 0 && (
        <Later title={`${shown.length ? "More" : "Optional"} fields (${rest.length})`}>
          {rest.map((m) => (
            <MemberField key={m.name} ctx={ctx} path={path} member={m} depth={depth} />
          ))}
        </Later>
      )}
    </>
  );
}

/** A collapsed group whose content is only built when opened (shapes recurse). */
function Later({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="shape-more">
      <button type="button" className="insp-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? "▾" : "▸"} {title}
      </button>
      {open && <div className="shape-more-body">{children}</div>}
    </div>
  );
}

function MemberField({ ctx, path, member, depth }: { ctx: Ctx; path: Key[]; member: Member; depth: number }) {
  const shape = ctx.shapes[member.shape];
  const field = readField(valueAt(ctx.rootValue, path), member.name, ctx.jsonata);
  // The toggle is the user's until the field's key changes under it (a commit, an undo).
  const [mode, setMode] = useState<boolean | null>(null);
  useEffect(() => setMode(null), [field.key, field.dynamic]);
  const dynamic = mode ?? field.dynamic;
  const pointer = pointerOf(ctx.root, [...path, field.key ?? (dynamic && !ctx.jsonata ? `${member.name}.$` : member.name)]);
  const write = (dyn: boolean, value: unknown) => send(writeField(ctx.root, ctx.rootValue, path, member.name, ctx.jsonata, dyn, value));
  const doc = member.doc || shape?.doc || "";
  const group = !dynamic && (shape?.kind === "structure" || shape?.kind === "list") && depth < MAX_DEPTH;
  return (
    <div className={`insp-field shape-field${group ? " shape-group" : ""}`} data-field={member.name}>
      <div className="shape-label">
        <span className="insp-label">
          {member.name}
          {member.required && (
            <span className="shape-required" title="Required">
              *
            </span>
          )}
        </span>
        <button
          type="button"
          className={`shape-toggle${dynamic ? " shape-toggle-on" : ""}`}
          aria-pressed={dynamic}
          title={dynamic ? "Use a fixed value" : ctx.jsonata ? "Use a JSONata expression" : "Use a JSONPath path (Name.$)"}
          onClick={() => setMode(!dynamic)}
        >
          {ctx.jsonata ? "{%}" : "$"}
        </button>
      </div>
      {/* A group's help goes above its fields, which may run long; a value's below it. */}
      {group && doc && <div className="insp-hint shape-group-doc">{doc}</div>}
      {dynamic ? (
        <Draft
          pointer={pointer}
          label={member.name}
          mono
          shown={field.dynamic ? showValue(field.value) : ""}
          placeholder={ctx.jsonata ? `{% $states.input.${lowerFirst(member.name)} %}` : `$.${lowerFirst(member.name)}`}
          commit={(text) => {
            const v = text.trim() === "" ? undefined : parseDynamic(text, ctx.jsonata);
            if (v instanceof Error) return v.message;
            write(true, v);
            return null;
          }}
        />
      ) : group && shape?.kind === "structure" ? (
        <div className="shape-children">
          <StructFields ctx={ctx} path={[...path, member.name]} shape={shape} depth={depth + 1} />
        </div>
      ) : group && shape?.kind === "list" ? (
        <ListItems ctx={ctx} path={[...path, member.name]} shape={shape} depth={depth + 1} />
      ) : (
        <ValueInput shape={shape?.kind === "structure" || shape?.kind === "list" ? undefined : shape} pointer={pointer} value={field.value} label={member.name} required={member.required} onValue={(v) => write(false, v)} />
      )}
      {!group && doc && <div className="insp-hint">{doc}</div>}
    </div>
  );
}

function ListItems({ ctx, path, shape, depth }: { ctx: Ctx; path: Key[]; shape: Shape; depth: number }) {
  const list = valueAt(ctx.rootValue, path);
  const items = Array.isArray(list) ? list : [];
  const itemShape = shape.item ? ctx.shapes[shape.item] : undefined;
  const structured = itemShape?.kind === "structure" && depth < MAX_DEPTH;
  const full = shape.max !== null && items.length >= shape.max;
  return (
    <div className="shape-list">
      {items.map((v, i) => {
        const p = [...path, i];
        const remove = (
          <button type="button" className="insp-icon-btn insp-danger" title="Remove this item" aria-label={`Remove item ${i + 1}`} onClick={() => send({ kind: "remove_field", pointer: pointerOf(ctx.root, p) })}>
            ×
          </button>
        );
        return structured ? (
          <div key={i} className="shape-item-card">
            <div className="shape-item-head">
              <span>Item {i + 1}</span>
              {remove}
            </div>
            <StructFields ctx={ctx} path={p} shape={itemShape!} depth={depth + 1} />
          </div>
        ) : (
          <div key={i} className="shape-item-row">
            <ValueInput shape={itemShape?.kind === "structure" || itemShape?.kind === "list" ? undefined : itemShape} pointer={pointerOf(ctx.root, p)} value={v} label={`Item ${i + 1}`} onValue={(nv) => send(nv === undefined ? { kind: "remove_field", pointer: pointerOf(ctx.root, p) } : setAt(ctx.root, ctx.rootValue, p, nv))} />
            {remove}
          </div>
        );
      })}
      {list !== undefined && !Array.isArray(list) && <p className="insp-note">Not a list: {showValue(list)}</p>}
      <button type="button" className="insp-btn shape-add" disabled={full || (list !== undefined && !Array.isArray(list))} onClick={() => send(setAt(ctx.root, ctx.rootValue, [...path, items.length], blankValue(itemShape)))}>
        + Add item
      </button>
    </div>
  );
}

/** The keys of the object at `path` that the model has no member for: kept, shown and
 *  editable as JSON (or text), since the model may be older than the service. */
function Unknown({ ctx, path, members }: { ctx: Ctx; path: Key[]; members: readonly Member[] }) {
  const obj = valueAt(ctx.rootValue, path);
  return (
    <>
      {unknownKeys(obj, members).map((key) => {
        const p = [...path, key];
        const value = (obj as Record<string, unknown>)[key];
        const pointer = pointerOf(ctx.root, p);
        return (
          <div key={key} className="insp-field shape-field shape-unknown" data-field={key}>
            <div className="shape-label">
              <span className="insp-label">{key}</span>
              <span className="shape-tag" title="The action's model has no such field">
                not in the model
              </span>
              <button type="button" className="insp-icon-btn insp-danger" title="Remove this field" aria-label={`Remove ${key}`} onClick={() => send({ kind: "remove_field", pointer })}>
                ×
              </button>
            </div>
            <Draft
              pointer={pointer}
              label={key}
              mono
              multiline={value !== null && typeof value === "object"}
              shown={value !== null && typeof value === "object" ? JSON.stringify(value, null, 2) : showValue(value)}
              commit={(text) => {
                send(text.trim() === "" ? { kind: "remove_field", pointer } : setAt(ctx.root, ctx.rootValue, p, typeof value === "string" ? text : parseLoose(text)));
                return null;
              }}
            />
          </div>
        );
      })}
    </>
  );
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}
