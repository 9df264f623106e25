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

/** The query language a new state in `scope` inherits: that of a state there which does
 *  not set its own, else the machine's (read from the text when it is JSON), else
 *  JSONPath. */
export function scopeQueryLanguage(snapshot: Snapshot, scope: string): QueryLanguage {
  const inherits = (s: Snapshot["states"][number]) => !("QueryLanguage" in s.json);
  const here = snapshot.states.find((s) => s.scope === scope && inherits(s));
  if (here) return here.queryLanguage;
  const anywhere = snapshot.states.find((s) => s.scope === "" && inherits(s));
  if (anywhere) return anywhere.queryLanguage;
  try {
    const doc = JSON.parse(snapshot.text) as { QueryLanguage?: unknown };
    if (doc.QueryLanguage === "JSONata") return "JSONata";
  } catch {
    // YAML or mid-edit text: fall back below.
    if (/^QueryLanguage:\s*["']?JSONata/m.test(snapshot.text)) return "JSONata";
  }
  return "JSONPath";
}

/** The pointer a state has after a rename: same parent, new last segment. */
export function renamedPointer(pointer: string, newName: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/") + 1) + escapePointer(newName);
}
