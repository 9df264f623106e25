// Small facts about scopes and pointers the canvas, browser and inspector share.
import type { Snapshot } from "../ipc/types";
import type { QueryLanguage } from "../browser/templates";

/** RFC 6901 escaping of one pointer segment. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

/** The pointer a state named `name` has in `scope` ("" is the machine). */
export function statePointer(scope: string, name: string): string {
  return `${scope}/States/${escapePointer(name)}`;
}

/** The query language a new state in `scope` has (Rust's ScopeInfo says; JSONPath for
 *  a scope it does not know). */
export function scopeQueryLanguage(snapshot: Snapshot, scope: string): QueryLanguage {
  return snapshot.scopes.find((s) => s.pointer === scope)?.queryLanguage ?? "JSONPath";
}

/** The pointer a state has after a rename: same parent, new last segment. */
export function renamedPointer(pointer: string, newName: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/") + 1) + escapePointer(newName);
}
