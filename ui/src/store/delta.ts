// Merges Rust's answer to a command into the snapshot the store holds (mirror of
// crates/asl-session/src/delta.rs, checked against it by delta.fixture.json). Kept items
// stay the same objects, and a list or layout with nothing changed stays the same array,
// so what depends on them (canvas nodes, panels) sees at once that nothing changed.
import { isDelta, type Part, type Snapshot, type SnapshotDelta, type TextRange, type Update } from "../ipc/types";

type Shift = SnapshotDelta["shift"];

/** A range of the previous text in the new one (Shift::apply in Rust). */
export function shiftRange(r: TextRange, s: Shift): TextRange {
  if (s.by === 0 && s.lines === 0) return r;
  const from = r.from >= s.at ? r.from + s.by : r.from;
  const to = r.to >= s.at ? r.to + s.by : r.to;
  if (from === r.from && to === r.to) return r;
  return { from, to, line: r.from >= s.at ? r.line + s.lines : r.line, column: r.column };
}

function mergeList<T>(old: readonly T[], parts: readonly Part<T>[], move: (item: T) => T): T[] {
  const out: T[] = [];
  for (const part of parts) {
    if ("new" in part) out.push(...part.new);
    else for (let i = part.old[0]; i < part.old[0] + part.old[1]; i++) out.push(move(old[i]));
  }
  return out.length === old.length && out.every((x, i) => x === old[i]) ? (old as T[]) : out;
}

function withRange<T extends { range: TextRange }>(s: Shift): (item: T) => T {
  return (item) => {
    const range = shiftRange(item.range, s);
    return range === item.range ? item : { ...item, range };
  };
}

const same = <T>(x: T) => x;

/** The snapshot `delta` makes of `prev` (which must be the snapshot of `delta.base`). */
export function applyDelta(prev: Snapshot, delta: SnapshotDelta): Snapshot {
  const { from, to, insert } = delta.text;
  const text = from === to && insert === "" ? prev.text : prev.text.slice(0, from) + insert + prev.text.slice(to);
  const nodes = mergeList(prev.layout.nodes, delta.nodes, same);
  const edges = mergeList(prev.layout.edges, delta.edges, same);
  const layoutSame =
    nodes === prev.layout.nodes && edges === prev.layout.edges && delta.layoutWidth === prev.layout.width && delta.layoutHeight === prev.layout.height;
  const scopesSame =
    delta.scopes.length === prev.scopes.length &&
    delta.scopes.every((s, i) => s.pointer === prev.scopes[i].pointer && s.startAt === prev.scopes[i].startAt && s.owner === prev.scopes[i].owner);
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
    states: mergeList(prev.states, delta.states, withRange(delta.shift)),
    scopes: scopesSame ? prev.scopes : delta.scopes,
    problems: mergeList(prev.problems, delta.problems, withRange(delta.shift)),
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
