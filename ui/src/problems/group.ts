// The Problems panel's rows, folded from what Rust sends: a problem that follows from
// another (`causedBy`, decided in Rust) sits under it, and the rest are grouped by the
// state they are in or by their code. Nothing here knows ASL.
import type { Problem } from "../ipc/types";

export type GroupBy = "state" | "code";

/** A problem and the problems that follow from it (empty for most). */
export interface Row {
  problem: Problem;
  caused: Problem[];
}

export interface Section {
  /** The state's pointer ("" for the machine itself), or the code. */
  key: string;
  title: string;
  /** The state a click on the section reveals (by state only). */
  statePointer: string | null;
  rows: Row[];
  /** Problems inside, followers included. */
  count: number;
  errors: number;
}

/** Errors first, then by position in the text. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.range.from - b.range.from,
  );
}

/** Folds followers under their roots. A follower whose root is not among the problems
 *  (a stale pair) stands on its own rather than disappearing. */
export function rowsOf(problems: readonly Problem[]): Row[] {
  const sorted = sortProblems(problems);
  const roots = new Set(sorted.filter((p) => !p.causedBy).map((p) => p.pointer));
  const caused = new Map<string, Problem[]>();
  const rows: Row[] = [];
  for (const p of sorted) {
    if (p.causedBy && roots.has(p.causedBy)) {
      const list = caused.get(p.causedBy) ?? [];
      list.push(p);
      caused.set(p.causedBy, list);
    } else rows.push({ problem: p, caused: [] });
  }
  // Listed once, under the first root at that pointer (the one Rust gave the title).
  const byTitle = [...rows].sort((a, b) => Number(!a.problem.groupTitle) - Number(!b.problem.groupTitle));
  for (const row of byTitle) {
    if (row.problem.causedBy) continue;
    row.caused = caused.get(row.problem.pointer) ?? [];
    caused.delete(row.problem.pointer);
  }
  return rows;
}

/** The panel's sections, in the order of their first (most severe, earliest) row. */
export function groupProblems(problems: readonly Problem[], names: ReadonlyMap<string, string>, by: GroupBy): Section[] {
  const sections = new Map<string, Section>();
  for (const row of rowsOf(problems)) {
    const p = row.problem;
    const key = by === "state" ? (p.statePointer ?? "") : p.code;
    let section = sections.get(key);
    if (!section) {
      const title = by === "code" ? p.code : p.statePointer ? (names.get(p.statePointer) ?? p.statePointer) : "State machine";
      section = { key, title, statePointer: by === "state" ? p.statePointer : null, rows: [], count: 0, errors: 0 };
      sections.set(key, section);
    }
    section.rows.push(row);
    for (const q of [p, ...row.caused]) {
      section.count += 1;
      if (q.severity === "error") section.errors += 1;
    }
  }
  return [...sections.values()];
}
