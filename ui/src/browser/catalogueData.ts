// The catalogue as the UI asks it: cached per Resource (an action's shapes do not change
// while the app runs, and the Inspector asks again on every selection), as React hooks.
import { useEffect, useState } from "react";
import { catalogueAction, catalogueErrors, catalogueSkeleton, type Action } from "../ipc";

const actions = new Map<string, Promise<Action | null>>();
const errors = new Map<string, Promise<string[]>>();

/** `fetch` once per key; a failed call is forgotten so the next asks again. */
function cached<T>(cache: Map<string, Promise<T>>, key: string, fetch: () => Promise<T>, fallback: T): Promise<T> {
  let p = cache.get(key);
  if (!p) {
    p = fetch().catch(() => {
      cache.delete(key);
      return fallback;
    });
    cache.set(key, p);
  }
  return p;
}

export const loadAction = (resource: string) => cached(actions, resource.trim(), () => catalogueAction(resource.trim()), null);
export const loadErrors = (resource: string) => cached(errors, resource.trim(), () => catalogueErrors(resource.trim()), []);

/** The value of `load(key)` once it arrives; `initial` while it does, or with no key. */
function useLoaded<T>(key: string | null, load: (key: string) => Promise<T>, initial: T): T {
  const [state, setState] = useState<{ key: string | null; value: T }>({ key: null, value: initial });
  useEffect(() => {
    if (!key) return;
    let live = true;
    void load(key).then((value) => live && setState({ key, value }));
    return () => {
      live = false;
    };
  }, [key, load]);
  return state.key === key ? state.value : initial;
}

/** The catalogue's action for a Task's Resource (null: unknown, or not yet loaded). */
export function useAction(resource: unknown): Action | null {
  return useLoaded(typeof resource === "string" && resource.trim() ? resource : null, loadAction, null);
}

const NONE: string[] = [];
/** The error names a Task's Resource can raise, for ErrorEquals suggestions. */
export function useErrors(resource: unknown): string[] {
  return useLoaded(typeof resource === "string" && resource.trim() ? resource : null, loadErrors, NONE);
}

export type Skeletons = { JSONPath: Record<string, unknown>; JSONata: Record<string, unknown> };

/** The Task state a drop of `resource` inserts, in both query languages (the drop's
 *  scope decides which), or null when the catalogue does not know it. */
export async function loadSkeletons(resource: string): Promise<Skeletons | null> {
  const [path, ata] = await Promise.all([catalogueSkeleton(resource, "JSONPath"), catalogueSkeleton(resource, "JSONata")]);
  if (!isObject(path) || !isObject(ata)) return null;
  return { JSONPath: path, JSONata: ata };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
