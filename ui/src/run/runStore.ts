// Run mode's store: the run shown (its folded view and, once fetched, its record), this
// session's runs, the breakpoints and run configuration of the open file, the tests
// report. Events arrive over the run's channel and are folded once per animation frame
// (see fold.ts), so a fast run never re-renders the canvas more often than it paints.
import { create } from "zustand";
import type { ExecutionTypeChoice, RunEvent, RunRecord, RunSources, RunSummary, TestReport } from "../ipc/run";
import { emptyView, foldEvents, type RunView } from "./fold";
import { fileKey, load, NO_MOCKS, save, type Breakpoint, type MockSelection } from "./persist";

/** A stable empty list for selectors (a fresh `[]` would re-render forever). */
export const NONE: readonly never[] = [];

export type BottomTab = "history" | "timeline" | "tests" | "iterations";

/** An execution of a state to show in the inspector (a Map iteration opened on the
 *  canvas); `nonce` makes opening the same one again show it again. */
export interface ExecutionFocus {
  pointer: string;
  execution: number;
  nonce: number;
}

export interface RunStore {
  /** The run shown on the canvas and in the panels (null: none yet). */
  runId: number | null;
  view: RunView | null;
  /** The full record of the shown run (fetched at pauses and at the end). */
  record: RunRecord | null;
  runs: RunSummary[];
  sources: RunSources | null;

  /** The open file the remembered settings below belong to. */
  file: string | null;
  inputText: string;
  mocks: MockSelection;
  clock: "virtual" | "real";
  executionType: ExecutionTypeChoice;
  /** null: not asked yet for this file. */
  allowCommands: boolean | null;
  breakpoints: Breakpoint[];
  /** The "allow local commands?" question waiting for an answer. */
  consent: { commands: string[]; answer(allow: boolean): void } | null;

  /** The user moved the view during this run: stop following the current state. */
  follow: boolean;
  /** The execution of the selected state shown in the inspector (index in its list). */
  execution: number;
  /** The Map whose iterations the Iterations tab lists (the last Map selected). */
  mapPointer: string | null;
  /** The execution the inspector opens at when its state is selected. */
  focus: ExecutionFocus | null;
  bottomTab: BottomTab;
  report: TestReport | null;
  testsBusy: boolean;
  showCoverage: boolean;

  loadFile(path: string | null): void;
  setInputText(text: string): void;
  setMocks(mocks: MockSelection): void;
  setClock(clock: "virtual" | "real"): void;
  setExecutionType(executionType: ExecutionTypeChoice): void;
  setAllowCommands(allow: boolean): void;
  setBreakpoints(breakpoints: Breakpoint[]): void;
  askConsent(commands: string[]): Promise<boolean>;
  set(patch: Partial<Pick<RunStore, "follow" | "execution" | "mapPointer" | "focus" | "bottomTab" | "report" | "testsBusy" | "showCoverage" | "sources" | "runs" | "record">>): void;
}

export const useRun = create<RunStore>()((set, get) => ({
  runId: null,
  view: null,
  record: null,
  runs: [],
  sources: null,
  file: null,
  inputText: "{}",
  mocks: NO_MOCKS,
  clock: "virtual",
  executionType: "standard",
  allowCommands: null,
  breakpoints: [],
  consent: null,
  follow: true,
  execution: 0,
  mapPointer: null,
  focus: null,
  bottomTab: "history",
  report: null,
  testsBusy: false,
  showCoverage: false,

  loadFile(path) {
    if (get().file === path && get().file !== null) return;
    set({
      file: path,
      inputText: load(fileKey("input", path), "{\n  \n}"),
      mocks: { ...NO_MOCKS, ...load<Partial<MockSelection>>(fileKey("mocks", path), {}) },
      allowCommands: load<boolean | null>(fileKey("allow-commands", path), null),
      breakpoints: load<Breakpoint[]>(fileKey("breakpoints", path), []),
      report: null,
      showCoverage: false,
    });
  },
  setInputText(inputText) {
    set({ inputText });
    save(fileKey("input", get().file), inputText);
  },
  setMocks(mocks) {
    set({ mocks });
    save(fileKey("mocks", get().file), mocks);
  },
  setClock: (clock) => set({ clock }),
  setExecutionType: (executionType) => set({ executionType }),
  setAllowCommands(allowCommands) {
    set({ allowCommands });
    save(fileKey("allow-commands", get().file), allowCommands);
  },
  setBreakpoints(breakpoints) {
    set({ breakpoints });
    save(fileKey("breakpoints", get().file), breakpoints);
  },
  askConsent(commands) {
    get().consent?.answer(false);
    return new Promise<boolean>((resolve) =>
      set({
        consent: {
          commands,
          answer: (allow) => {
            set({ consent: null });
            resolve(allow);
          },
        },
      }),
    );
  },
  set: (patch) => set(patch),
}));

// ---- live runs ----

/** One run's event stream: its own view, folded whatever run is shown, so switching back
 *  to a run still going shows it up to date. */
export class LiveRun {
  id: number | null = null;
  view: RunView = emptyView();
  private queue: RunEvent[] = [];
  private scheduled = false;

  constructor(private readonly onFlush: (run: LiveRun, batch: readonly RunEvent[]) => void) {}

  push = (event: RunEvent) => {
    this.queue.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    const flush = () => {
      this.scheduled = false;
      const batch = this.queue;
      this.queue = [];
      this.view = foldEvents(this.view, batch);
      this.onFlush(this, batch);
    };
    // A frame when there is one to wait for; a hidden or headless page still progresses.
    if (typeof requestAnimationFrame === "function" && document.visibilityState === "visible") requestAnimationFrame(flush);
    else setTimeout(flush, 16);
  };
}

/** Runs of this session by id: live ones keep folding; finished ones keep their view so
 *  re-opening them shows the exact statuses the animation ended with. */
export const liveRuns = new Map<number, LiveRun>();
