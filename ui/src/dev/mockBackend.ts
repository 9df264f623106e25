// DEV ONLY: a fake Rust backend so the UI runs in a plain browser (VITE_MOCK_IPC=1). It
// serves the fixture snapshots; text edits keep the last layout (no real parser), undo is
// a stack of texts. URL parameters: ?open=<sample>, ?theme=dark|light, ?drafts=1,
// ?problems=1, and for Run mode ?speed=<ms per event>, ?commands=1, ?inline=N (see mockRun.ts,
// mockRunPages.ts).
// `window.__mockEmit(event, payload)` fires backend events (disk-change).
import { emit } from "@tauri-apps/api/event";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import type { Problem, Snapshot } from "../ipc/types";
import type { Replay } from "./mockReplay";
import { runCommand } from "./mockRun";

const fixtures = import.meta.glob<Snapshot>("../fixtures/*.snapshot.json", { eager: true, import: "default" });
const byName = new Map(
  Object.entries(fixtures).map(([file, snap]) => [file.replace(/^.*\//, "").replace(".snapshot.json", ""), snap]),
);
const params = new URLSearchParams(location.search);
const ROOT = "/home/user/asl-studio/samples";

let current: Snapshot | null = null;
let undoStack: string[] = [];
let redoStack: string[] = [];
let saved = "";
const runs = new Map<number, Replay>();

function withProblems(s: Snapshot): Snapshot {
  if (!params.get("problems") || s.states.length < 3) return s;
  const [a, b] = [s.states[1], s.states[2]];
  const problems: Problem[] = [
    {
      code: "dangling-next",
      severity: "error",
      message: `"Next" names "Shipit", which is not a state in this scope`,
      pointer: a.pointer + "/Next",
      statePointer: a.pointer,
      range: a.range,
    },
    {
      code: "retry-without-backoff",
      severity: "warning",
      message: "Retrier has no BackoffRate; AWS uses 2.0",
      pointer: b.pointer + "/Retry/0",
      statePointer: b.pointer,
      range: b.range,
    },
  ];
  return { ...s, problems };
}

function open(name: string): Snapshot {
  const fixture = byName.get(name) ?? [...byName.values()][0];
  const path = `${ROOT}/${name}/${fixture.title}`;
  undoStack = [];
  redoStack = [];
  saved = fixture.text;
  current = withProblems({ ...fixture, path, revision: 1, dirty: false, canUndo: false, canRedo: false });
  return current;
}

function parseError(text: string, format: string): Problem | null {
  if (format !== "json") return null;
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const from = m ? Number(m[1]) : text.length;
    const before = text.slice(0, from).split("\n");
    return {
      code: "parse-error",
      severity: "error",
      message: String((e as Error).message),
      pointer: "",
      statePointer: null,
      range: { from, to: from, line: before.length, column: before[before.length - 1].length + 1 },
    };
  }
}

function withText(text: string, pushUndo: boolean): Snapshot {
  const cur = current!;
  if (pushUndo) {
    undoStack.push(cur.text);
    redoStack = [];
  }
  const error = parseError(text, cur.format);
  current = {
    ...cur,
    text,
    revision: cur.revision + 1,
    dirty: text !== saved,
    canUndo: undoStack.length > 0,
    canRedo: redoStack.length > 0,
    parseError: error,
    problems: error ? [error] : withProblems({ ...cur, problems: [] }).problems,
  };
  return current;
}

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect width="200" height="100" fill="#eee"/><text x="20" y="55" font-family="DejaVu Sans">ASL Studio</text></svg>`;

mockWindows("main");
mockIPC(
  async (cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 15)); // IPC is never synchronous
    switch (cmd) {
      case "document_current":
        return params.get("open") ? open(params.get("open")!) : null;
      case "document_new":
        return (current = {
          ...open("order-processing"),
          path: null,
          title: "Untitled",
          format: a.format as Snapshot["format"],
        });
      case "document_open": {
        const path = (a.path as string | null) ?? `${ROOT}/order-processing/order-processing.asl.json`;
        if (path.includes("refund-flow")) throw { code: "io", message: `Cannot read ${path}: No such file or directory` };
        const name = path.split("/").slice(-2)[0];
        return open(byName.has(name) ? name : "order-processing");
      }
      case "document_edit":
        return withText(current!.text, true);
      case "document_supersede":
        return null;
      case "document_set_text": {
        return withText(a.text as string, true);
      }
      case "document_undo":
        if (undoStack.length) {
          redoStack.push(current!.text);
          return withText(undoStack.pop()!, false);
        }
        return current;
      case "document_redo":
        if (redoStack.length) {
          undoStack.push(current!.text);
          return withText(redoStack.pop()!, false);
        }
        return current;
      case "document_save":
      case "document_save_as":
        saved = current!.text;
        return (current = { ...current!, dirty: false, path: current!.path ?? `${ROOT}/untitled.asl.json` });
      case "document_reload":
      case "document_keep_mine":
        return current;
      case "document_disk_diff":
        return { mine: current!.text, theirs: current!.text.replace(/"Comment": "[^"]*"/, '"Comment": "Changed elsewhere"') };
      case "document_close":
        current = null;
        return null;
      case "document_export":
        return `/home/user/export.asl.${a.format}`;
      case "diagram_render":
        return SVG;
      case "diagram_export":
        (window as unknown as { __lastExport: unknown }).__lastExport = a;
        return `/home/user/diagram.${a.format === "mermaid" ? "mmd" : a.format}`;
      case "recent_files":
        return [`${ROOT}/order-processing/order-processing.asl.json`, "/home/user/work/payments/refund-flow.asl.yaml"];
      case "samples_list":
        return [...byName.entries()].map(([name, s]) => ({
          name,
          path: `${ROOT}/${name}/${s.title}`,
          description: DESCRIPTIONS[name] ?? "A sample state machine.",
        }));
      case "drafts_list":
        return params.get("drafts")
          ? [{ id: "d1", path: `${ROOT}/video-pipeline/video-pipeline.asl.json`, title: "video-pipeline.asl.json", savedAt: Math.floor(Date.now() / 1000) }]
          : [];
      case "draft_restore":
        return open("video-pipeline");
      case "draft_discard":
      case "settings_set":
        return null;
      case "settings_get":
        return { theme: params.get("theme") ?? "system" };
      case "plugin:window|set_title":
      case "plugin:window|destroy":
        return null;
      default: {
        const answer = runCommand(cmd, a, current, runs);
        if (answer !== undefined) return answer;
        console.warn("mock: unhandled command", cmd, args);
        return null;
      }
    }
  },
  { shouldMockEvents: true },
);

const DESCRIPTIONS: Record<string, string> = {
  "distributed-map-s3": "A large-scale daily ingest with a Distributed Map over objects in S3, with batching and a failure tolerance.",
  "human-approval": "An expense-approval workflow with a human in the loop (the callback pattern).",
  "order-processing": "An e-commerce order workflow in JSONPath: validate, reserve stock, charge, ship, with retries and catchers.",
  "order-processing-jsonata": "The order workflow rewritten with JSONata as the query language.",
  "parallel-risk-analysis": "A loan-origination workflow whose risk checks run as three parallel branches.",
  "video-pipeline": "A media-publishing workflow: probe the upload, transcode and thumbnail in parallel, publish.",
};

(window as unknown as { __mockEmit: typeof emit }).__mockEmit = emit;
