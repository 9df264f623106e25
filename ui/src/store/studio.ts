// The UI's one store. It holds the last Snapshot from Rust and UI-only state (mode,
// selection, theme, reveal requests). Document changes always go through Rust: the
// actions call ipc and replace the snapshot with the answer.
import { create } from "zustand";
import * as ipc from "../ipc";
import { flushCodeText } from "../code/pending";
import { mark } from "../perf";
import type { DocumentEdit, IpcError, Snapshot, TextSplice, Theme, Update } from "../ipc";
import { isDelta } from "../ipc/types";
import { merge } from "./delta";

export type Mode = "design" | "code" | "run" | "cloud";

/** A request to show something (a state, a problem's range) in the other views. The
 *  nonce makes a repeated request for the same pointer fire again. */
export interface Reveal {
  pointer: string;
  from?: number; // UTF-16 text offsets to select in the code view
  to?: number;
  nonce: number;
}

/** How the snapshot's text was made of the one at revision `base`: the splices of the
 *  delta Rust answered (an edit's own), for the code view to apply as they are. */
export interface TextChange {
  base: number;
  revision: number;
  splices: TextSplice[];
}

export interface StudioState {
  snapshot: Snapshot | null;
  /** Null when the snapshot came whole (open, reload, a delta that did not apply). */
  textChange: TextChange | null;
  mode: Mode;
  /** Selected state pointers (canvas, inspector, problems and code view share it). */
  selection: string[];
  /** The field the inspector should focus (a pointer inside the selected state). */
  focusPointer: string | null;
  reveal: Reveal | null;
  theme: Theme;
  /** The last failed command, shown as a toast until dismissed. */
  error: IpcError | null;
  busy: boolean;

  setSnapshot(snapshot: Snapshot | null, textChange?: TextChange | null): void;
  setMode(mode: Mode): void;
  select(pointers: string[], focusPointer?: string | null): void;
  requestReveal(reveal: Omit<Reveal, "nonce">): void;
  setTheme(theme: Theme): void;
  setError(error: IpcError | null): void;

  /** Applies a DocumentEdit in Rust; on refusal the error is shown and nothing changes. */
  apply(edit: DocumentEdit): Promise<boolean>;
  /** Resolves once answered; a superseded text (see ipc.documentSetText) changes nothing. */
  setText(text: string, typing: boolean, generation?: number): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Runs any command that answers with a snapshot or a delta (open, save, reload, ...);
   *  resolves to the snapshot shown after it. */
  run(command: () => Promise<Update | null>): Promise<Snapshot | null>;
}

export function asIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e && "message" in e) return e as IpcError;
  return { code: "internal", message: String(e) };
}

export const useStudio = create<StudioState>()((set, get) => ({
  snapshot: null,
  textChange: null,
  mode: "design",
  selection: [],
  focusPointer: null,
  reveal: null,
  theme: "light",
  error: null,
  busy: false,

  setSnapshot(snapshot, textChange = null) {
    // Drop selected pointers that no longer name a state.
    const known = new Set(snapshot?.states.map((s) => s.pointer) ?? []);
    set({ snapshot, textChange, selection: get().selection.filter((p) => known.has(p)) });
  },
  setMode: (mode) => set({ mode }),
  select: (selection, focusPointer = null) => set({ selection, focusPointer }),
  requestReveal: (reveal) => set({ reveal: { ...reveal, nonce: (get().reveal?.nonce ?? 0) + 1 } }),
  setTheme: (theme) => set({ theme }),
  setError: (error) => set({ error }),

  async apply(edit) {
    // An edit applies to the latest text: typing not yet sent goes first.
    await flushCodeText();
    const answer = await get().run(() => ipc.documentEdit(edit));
    return answer !== null;
  },
  async setText(text, typing, generation) {
    await get().run(() => ipc.documentSetText(text, typing, generation));
  },
  async undo() {
    await get().run(ipc.documentUndo);
  },
  async redo() {
    await get().run(ipc.documentRedo);
  },
  async run(command) {
    set({ busy: true });
    try {
      // Timing marks: the canvas measures from here to its next paint (the 1,000-state
      // edit figure of issue #6, read by the end-to-end tests).
      mark("asl:command");
      const answer = await command();
      mark("asl:answer");
      // A delta against another revision than the one shown (an event replaced it in
      // between): the whole snapshot instead.
      const merged = answer && merge(get().snapshot, answer);
      const snapshot = answer && (merged ?? (await ipc.documentCurrent()));
      const textChange =
        merged && answer && isDelta(answer) ? { base: answer.base, revision: answer.revision, splices: answer.splices } : null;
      if (snapshot) get().setSnapshot(snapshot, textChange);
      set({ error: null });
      return snapshot;
    } catch (e) {
      set({ error: asIpcError(e) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
}));
