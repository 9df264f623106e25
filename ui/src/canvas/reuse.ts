// Keeps the objects of nodes and edges that did not change between two snapshots, so
// React Flow (which compares node objects by identity) re-renders only what an edit
// touched. On a 1,000-state machine this is the difference between re-rendering every
// visible node after each keystroke and re-rendering one.
import type { Flow } from "./toFlow";

/** Fields the canvas never draws: a state's text range moves with every edit above it. */
const IGNORED = new Set(["range"]);

export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (IGNORED.has(k)) continue;
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** `next`, with every node and edge equal to one in `prev` replaced by that object. The
 *  arrays themselves are new whenever anything changed (order included). */
export function reuseUnchanged(prev: Flow | null, next: Flow): Flow {
  if (!prev) return next;
  const oldNodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(prev.edges.map((e) => [e.id, e]));
  const nodes = next.nodes.map((n) => {
    const old = oldNodes.get(n.id);
    return old && same(old, n) ? old : n;
  });
  const edges = next.edges.map((e) => {
    const old = oldEdges.get(e.id);
    return old && same(old, e) ? old : e;
  });
  const unchanged =
    next.stale === prev.stale &&
    nodes.length === prev.nodes.length &&
    edges.length === prev.edges.length &&
    nodes.every((n, i) => n === prev.nodes[i]) &&
    edges.every((e, i) => e === prev.edges[i]);
  return unchanged ? prev : { nodes, edges, stale: next.stale };
}
