// What Run mode remembers per machine file, in localStorage keyed by the file's path:
// the last input, the mock choice, the breakpoints and the answer to "allow local
// commands?". Never part of the document (a run must not change it).
import type { BreakpointPlace, MockFileInfo } from "../ipc/run";

const PREFIX = "asl-studio:run:";

/** The key of one remembered item of `path` (a never-saved document shares one slot). */
export function fileKey(kind: "input" | "mocks" | "breakpoints" | "allow-commands", path: string | null): string {
  return `${PREFIX}${kind}:${path ?? "(untitled)"}`;
}

export function load<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function hasSaved(key: string): boolean {
  try {
    return localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}

export function save(key: string, value: unknown): void {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: remembering is a convenience, not a requirement.
  }
}

/** A breakpoint as the user set it: on a state (by pointer, so it survives restarts and
 *  is drawn on its node); the run path is derived when a run starts. */
export interface Breakpoint {
  pointer: string;
  place: BreakpointPlace;
  condition: string | null;
}

/** The mock picker's choice, as the Run panel edits it. */
export interface MockSelection {
  kind: "none" | "file" | "inline";
  file: string | null;
  testCase: string | null;
  stateMachine: string | null;
  inline: string;
}

export const NO_MOCKS: MockSelection = { kind: "none", file: null, testCase: null, stateMachine: null, inline: "{}" };

/** The choice a file starts with when the user has made none for it: `mocks.json`, else
 *  the only mock file beside the machine (a MockConfigFile: its first test case), else no
 *  mocks. A first Start then uses the mocks the folder obviously provides. */
export function defaultMocks(files: readonly MockFileInfo[]): MockSelection {
  const file = files.find((f) => f.file === "mocks.json") ?? (files.length === 1 ? files[0] : undefined);
  if (!file) return NO_MOCKS;
  if (file.kind === "plain") return { ...NO_MOCKS, kind: "file", file: file.file };
  const machine = file.stateMachines.find((m) => m.testCases.length > 0);
  if (!machine) return NO_MOCKS;
  return { ...NO_MOCKS, kind: "file", file: file.file, stateMachine: machine.name, testCase: machine.testCases[0] };
}
