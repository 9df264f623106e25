// Copy, paste, duplicate and delete as document edits. Pure.
//
// Pasted states get names no state has ("Name 2"); so do the states nested in a pasted
// Parallel or Map, because names are unique across the whole machine. Transitions among
// the pasted states follow their new names; a Next leaving the pasted set for a state the
// target scope does not have becomes End (other dangling targets are left for the checker).
import type { DocumentEdit, Snapshot, StateInfo } from "../ipc/types";
import { nameReserver, type Json } from "../browser/templates";

export interface ClipState {
  name: string;
  json: Json;
  scope: string;
}

/** The selected states worth copying or deleting: those not inside another selected
 *  state (deleting the container takes them anyway), in document order. */
export function topSelected(snapshot: Snapshot, selection: readonly string[]): StateInfo[] {
  const sel = new Set(selection);
  return snapshot.states.filter(
    (s) => sel.has(s.pointer) && !selection.some((p) => p !== s.pointer && s.pointer.startsWith(p + "/")),
  );
}

export function copyStates(snapshot: Snapshot, selection: readonly string[]): ClipState[] {
  return topSelected(snapshot, selection).map((s) => ({ name: s.name, json: structuredClone(s.json) as Json, scope: s.scope }));
}

export function deleteEdits(snapshot: Snapshot, selection: readonly string[]): DocumentEdit[] {
  return topSelected(snapshot, selection).map((s) => ({ kind: "delete_state", pointer: s.pointer }));
}

/** Edits adding `clip` to `scope`, and the names the pasted states got. */
export function pasteEdits(clip: ClipState[], scope: string, snapshot: Snapshot): { edits: DocumentEdit[]; names: string[] } {
  const unique = nameReserver(snapshot.states.map((s) => s.name));
  const renamed = new Map(clip.map((c) => [c.name, unique(c.name)]));
  const inScope = new Set(snapshot.states.filter((s) => s.scope === scope).map((s) => s.name));
  const edits: DocumentEdit[] = clip.map((c) => {
    let json = retarget(c.json, renamed);
    json = renameNested(json, unique);
    const next = json.Next;
    if (typeof next === "string" && !inScope.has(next) && ![...renamed.values()].includes(next)) {
      const { Next: _drop, ...rest } = json;
      void _drop;
      json = { ...rest, End: true };
    }
    return { kind: "add_state", scope, name: renamed.get(c.name)!, state: json };
  });
  return { edits, names: clip.map((c) => renamed.get(c.name)!) };
}

/** Rewrites the transition targets of one state (Next, Default, rule and catcher Next)
 *  through `names`. */
function retarget(state: Json, names: ReadonlyMap<string, string>): Json {
  const map = (v: unknown) => (typeof v === "string" && names.has(v) ? names.get(v)! : v);
  const out: Json = { ...state };
  if ("Next" in out) out.Next = map(out.Next);
  if ("Default" in out) out.Default = map(out.Default);
  for (const list of ["Choices", "Catch"] as const) {
    if (Array.isArray(out[list]))
      out[list] = (out[list] as unknown[]).map((item) =>
        item && typeof item === "object" && "Next" in item ? { ...(item as Json), Next: map((item as Json).Next) } : item,
      );
  }
  return out;
}

/** Gives every state nested in a Parallel's branches or a Map's processor a fresh name,
 *  rewriting StartAt and transitions inside that scope to match. */
function renameNested(state: Json, unique: (base: string) => string): Json {
  const scopeOf = (sub: unknown): unknown => {
    if (!sub || typeof sub !== "object" || Array.isArray(sub)) return sub;
    const machine = sub as Json;
    const states = machine.States;
    if (!states || typeof states !== "object" || Array.isArray(states)) return sub;
    const names = new Map(Object.keys(states).map((n) => [n, unique(n)]));
    const newStates: Json = {};
    for (const [n, s] of Object.entries(states as Json)) {
      const inner = s && typeof s === "object" && !Array.isArray(s) ? renameNested(retarget(s as Json, names), unique) : s;
      newStates[names.get(n)!] = inner;
    }
    const startAt = typeof machine.StartAt === "string" ? (names.get(machine.StartAt) ?? machine.StartAt) : machine.StartAt;
    return { ...machine, StartAt: startAt, States: newStates };
  };
  const out: Json = { ...state };
  if (Array.isArray(out.Branches)) out.Branches = out.Branches.map(scopeOf);
  if (out.ItemProcessor) out.ItemProcessor = scopeOf(out.ItemProcessor);
  if (out.Iterator) out.Iterator = scopeOf(out.Iterator);
  return out;
}
