// Run paths <-> document pointers. A run names where a state ran by its path (`Name`,
// `Parallel/1/Name` for branch 1, `Map/3/Name` for iteration 3, nested); the canvas and
// the inspector name states by their JSON pointer. Mirrors
// crates/asl-session/src/run/paths.rs (state_at), on the snapshot's states and scopes.
import type { ScopeInfo, StateInfo } from "../ipc/types";

/** Finds states by (scope, name) and scopes by owner, built once per snapshot. */
export interface StateIndex {
  byScopeName: Map<string, StateInfo>;
  byPointer: Map<string, StateInfo>;
  /** A Map's single scope (ItemProcessor or Iterator), by the Map's pointer. */
  mapScope: Map<string, string>;
}

export function indexStates(states: readonly StateInfo[], scopes: readonly ScopeInfo[]): StateIndex {
  const byScopeName = new Map<string, StateInfo>();
  const byPointer = new Map<string, StateInfo>();
  for (const s of states) {
    byScopeName.set(`${s.scope}\u0000${s.name}`, s);
    byPointer.set(s.pointer, s);
  }
  const mapScope = new Map<string, string>();
  for (const sc of scopes) {
    if (sc.owner && byPointer.get(sc.owner)?.type === "Map") mapScope.set(sc.owner, sc.pointer);
  }
  return { byScopeName, byPointer, mapScope };
}

/** The pointer of the state a run path names, or null when the document has no such
 *  state (the run executed text that has changed since, or a malformed path). */
export function pathToPointer(index: StateIndex, path: string): string | null {
  const segments = path.split("/");
  let scope = "";
  for (let i = 0; i < segments.length; i += 2) {
    const state = index.byScopeName.get(`${scope}\u0000${segments[i]}`);
    if (!state) return null;
    if (i + 1 >= segments.length) return state.pointer;
    const lane = segments[i + 1];
    if (state.type === "Parallel") {
      if (!/^\d+$/.test(lane)) return null;
      scope = `${state.pointer}/Branches/${lane}`;
    } else if (state.type === "Map") {
      if (!/^(\d+|\*)$/.test(lane)) return null;
      scope = index.mapScope.get(state.pointer) ?? `${state.pointer}/ItemProcessor`;
    } else return null;
  }
  return null;
}

/** The breakpoint path for a state pointer: its name, prefixed by each enclosing
 *  container's path and lane — the branch index for Parallel, `*` (every iteration) for
 *  Map. Null when the pointer names no state. */
export function breakpointPath(index: StateIndex, pointer: string): string | null {
  const parts: string[] = [];
  let state = index.byPointer.get(pointer);
  if (!state) return null;
  for (;;) {
    parts.unshift(state.name);
    if (state.scope === "") return parts.join("/");
    const owner = ownerOf(index, state.scope);
    if (!owner) return null;
    const branch = /\/Branches\/(\d+)$/.exec(state.scope);
    parts.unshift(owner.type === "Parallel" && branch ? branch[1] : "*");
    state = owner;
  }
}

/** A scope pointer is its owner's pointer plus `/Branches/<i>`, `/ItemProcessor` or
 *  `/Iterator`. */
function ownerOf(index: StateIndex, scope: string): StateInfo | undefined {
  const m = /^(.*)\/(Branches\/\d+|ItemProcessor|Iterator)$/.exec(scope);
  return m ? index.byPointer.get(m[1]) : undefined;
}

/** The lane of a path: everything up to the last `/` (`P/1/` for `P/1/Name`, `` at the
 *  top). Transitions happen between consecutive states of one lane. */
export function laneOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i + 1);
}

/** The iteration index a path runs in directly under `mapPath`, or null. */
export function iterationOf(path: string, mapPath: string): number | null {
  if (!path.startsWith(mapPath + "/")) return null;
  const rest = path.slice(mapPath.length + 1);
  const m = /^(\d+)\//.exec(rest);
  return m ? Number(m[1]) : null;
}
