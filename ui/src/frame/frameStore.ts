// UI state of the app frame only (dialogs, notices, panels, the code view's cursor). The
// document and the selection live in the studio store; nothing here enters Rust's history.
import { create } from "zustand";
import type { MachineEntry, Theme } from "../ipc/types";

export type ThemeSetting = Theme | "system";
export type SaveChoice = "save" | "discard" | "cancel";

export interface Notice {
  id: number;
  message: string;
  tone: "info" | "warning";
  /** data-testid of the toast, for tests ("disk-deleted", "disk-reloaded", ...). */
  testId?: string;
  /** Stays until dismissed (the user must not miss it). */
  sticky?: boolean;
}

interface FrameState {
  themeSetting: ThemeSetting;
  notices: Notice[];
  /** The open "save changes?" prompt: its question and the function answering it. */
  savePrompt: { reason: string; answer: (choice: SaveChoice) => void } | null;
  /** The open "which state machine?" prompt of an IaC file: its machines and the answer
   *  (an id, or null for cancel). */
  machinePrompt: { path: string; machines: MachineEntry[]; answer: (id: string | null) => void } | null;
  /** Set while the disk-conflict dialog is open (the path that changed). */
  conflict: string | null;
  cursor: { line: number; column: number } | null;
  problemsOpen: boolean;
  /** Height (px) the Problems list may grow to; the panel shrinks to fit fewer rows. */
  problemsHeight: number;
  browserOpen: boolean;
  inspectorOpen: boolean;

  setThemeSetting(theme: ThemeSetting): void;
  notify(message: string, tone?: Notice["tone"], options?: Pick<Notice, "testId" | "sticky">): void;
  dismiss(id: number): void;
  /** Asks "save changes?" and resolves with the user's choice. */
  askSave(reason: string): Promise<SaveChoice>;
  /** Asks which state machine of an IaC file to open; resolves with its id, or null. */
  askMachine(path: string, machines: MachineEntry[]): Promise<string | null>;
  setConflict(path: string | null): void;
  setCursor(cursor: { line: number; column: number } | null): void;
  setProblemsHeight(height: number): void;
  togglePanel(panel: "problemsOpen" | "browserOpen" | "inspectorOpen", open?: boolean): void;
}

let nextNotice = 1;
const NOTICE_MS = 5000;

export const useFrame = create<FrameState>()((set, get) => ({
  themeSetting: "system",
  notices: [],
  savePrompt: null,
  machinePrompt: null,
  conflict: null,
  cursor: null,
  problemsOpen: true,
  problemsHeight: 160,
  browserOpen: true,
  inspectorOpen: true,

  setThemeSetting: (themeSetting) => set({ themeSetting }),
  notify(message, tone = "info", options = {}) {
    const id = nextNotice++;
    set({ notices: [...get().notices, { id, message, tone, ...options }].slice(-3) });
    if (!options.sticky) setTimeout(() => get().dismiss(id), tone === "warning" ? NOTICE_MS * 2 : NOTICE_MS);
  },
  dismiss: (id) => set({ notices: get().notices.filter((n) => n.id !== id) }),
  askSave(reason) {
    // A second request while one is open answers the first with "cancel".
    get().savePrompt?.answer("cancel");
    return new Promise<SaveChoice>((resolve) => {
      set({
        savePrompt: {
          reason,
          answer: (choice) => {
            set({ savePrompt: null });
            resolve(choice);
          },
        },
      });
    });
  },
  askMachine(path, machines) {
    get().machinePrompt?.answer(null);
    return new Promise<string | null>((resolve) => {
      set({
        machinePrompt: {
          path,
          machines,
          answer: (id) => {
            set({ machinePrompt: null });
            resolve(id);
          },
        },
      });
    });
  },
  setConflict: (conflict) => set({ conflict }),
  setCursor: (cursor) => set({ cursor }),
  setProblemsHeight: (problemsHeight) => set({ problemsHeight }),
  togglePanel: (panel, open) => set({ [panel]: open ?? !get()[panel] } as Pick<FrameState, typeof panel>),
}));
