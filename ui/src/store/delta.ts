// Merges Rust's answer to a command into the snapshot the store holds (mirror of
// crates/asl-session/src/delta.rs, checked against it by delta.fixture.json). Kept items
// stay the same objects, and a list or layout with nothing changed stays the same array,
// so what depends on them (canvas nodes, panels) sees at once that nothing changed.
import { isDelta, type Part, type Shift, type Snapshot, type SnapshotDelta, type TextRange, type TextSplice, type Update } from "../ipc/types";

/** The last shift at or before `offset` (they are in order), if any. */
function shiftAt(shifts: readonly Shift[], offset: number): Shift | null {
  let found: Shift | null = null;
  for (const s of shifts) {
    if (s.at > offset) break;
    found = s;
  }
  return found;
}

/** A range of the previous text in the new one (Shifts::apply in Rust). */
export function shiftRange(r: TextRange, shifts: readonly Shift[]): TextRange {
  const atFrom = shiftAt(shifts, r.from);
  const atTo = shiftAt(shifts, r.to);
  const from = r.from + (atFrom?.by ?? 0);
  const to = r.to + (atTo?.by ?? 0);
  const line = r.line + (atFrom?.lines ?? 0);
  if (from === r.from && to === r.to && line === r.line) return r;
  return { from, to, line, column: r.column };
}

/** The text the splices make of `text` (they are in order, all on `text`). */
export function applySplices(text: string, splices: readonly TextSplice[]): string {
  if (splices.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const s of splices) {
    out += text.slice(pos, s.from) + s.insert;
    pos = s.to;
  }
  return out + text.slice(pos);
}

function mergeList<T>(old: readonly T[], parts: readonly Part<T>[], move: (item: T) => T): T[] {
  const out: T[] = [];
  for (const part of parts) {
    if ("new" in part) out.push(...part.new);
    else for (let i = part.old[0]; i < part.old[0] + part.old[1]; i++) out.push(move(old[i]));
  }
  return out.length === old.length && out.every((x, i) => x === old[i]) ? (old as T[]) : out;
}

function withRange<T extends { range: TextRange }>(s: readonly Shift[]): (item: T) => T {
  return (item) => {
    const range = shiftRange(item.range, s);
    return range === item.range ? item : { ...item, range };
  };
}

const same = <T>(x: T) => x;

/** The snapshot `delta` makes of `prev` (which must be the snapshot of `delta.base`). */
export function applyDelta(prev: Snapshot, delta: SnapshotDelta): Snapshot {
  const text = applySplices(prev.text, delta.splices);
  const nodes = mergeList(prev.layout.nodes, delta.nodes, same);
  const edges = mergeList(prev.layout.edges, delta.edges, same);
  const layoutSame =
    nodes === prev.layout.nodes && edges === prev.layout.edges && delta.layoutWidth === prev.layout.width && delta.layoutHeight === prev.layout.height;
  const scopesSame =
    delta.scopes.length === prev.scopes.length &&
    delta.scopes.every((s, i) => {
      const p = prev.scopes[i];
      return s.pointer === p.pointer && s.startAt === p.startAt && s.owner === p.owner && s.queryLanguage === p.queryLanguage;
    });
  return {
    revision: delta.revision,
    path: delta.path,
    title: delta.title,
    format: delta.format,
    text,
    dirty: delta.dirty,
    canUndo: delta.canUndo,
    canRedo: delta.canRedo,
    parseError: delta.parseError,
    states: mergeList(prev.states, delta.states, withRange(delta.shifts)),
    scopes: scopesSame ? prev.scopes : delta.scopes,
    problems: mergeList(prev.problems, delta.problems, withRange(delta.shifts)),
    layout: layoutSame ? prev.layout : { width: delta.layoutWidth, height: delta.layoutHeight, nodes, edges },
  };
}

/** The snapshot an answer makes: itself when whole; merged when it is a delta against
 *  `prev`; null when it is a delta against another revision (the caller then asks for the
 *  whole snapshot). */
export function merge(prev: Snapshot | null, update: Update): Snapshot | null {
  if (!isDelta(update)) return update;
  if (!prev || prev.revision !== update.base) return null;
  return applyDelta(prev, update);
}
