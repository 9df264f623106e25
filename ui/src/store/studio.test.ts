// @vitest-environment node
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot, SnapshotDelta, StateInfo } from "../ipc/types";

vi.mock("../ipc", () => ({
  documentEdit: vi.fn(),
  documentSetText: vi.fn(),
  documentUndo: vi.fn(),
  documentRedo: vi.fn(),
  documentCurrent: vi.fn(),
}));

const ipc = await import("../ipc");
const { useStudio } = await import("./studio");
const mocked = ipc as unknown as Record<
  "documentEdit" | "documentSetText" | "documentUndo" | "documentRedo" | "documentCurrent",
  ReturnType<typeof vi.fn>
>;

const state = (name: string): StateInfo => ({
  pointer: `/States/${name}`,
  name,
  type: "Pass",
  scope: "",
  json: { Type: "Pass", End: true },
  range: { from: 0, to: 1, line: 1, column: 1 },
  queryLanguage: "JSONPath",
});

const snapshot = (revision: number, names: string[], text = `text ${revision}`): Snapshot => ({
  revision,
  path: "/tmp/a.asl.json",
  title: "a.asl.json",
  format: "json",
  text,
  dirty: revision > 1,
  canUndo: revision > 1,
  canRedo: false,
  parseError: null,
  states: names.map(state),
  scopes: [{ pointer: "", startAt: names[0] ?? null, owner: null, queryLanguage: "JSONPath" }],
  problems: [],
  layout: { width: 0, height: 0, nodes: [], edges: [] },
});

beforeEach(() => {
  vi.resetAllMocks();
  useStudio.setState({ snapshot: snapshot(1, ["A", "B"]), selection: [], error: null, busy: false });
});

describe("studio store", () => {
  it("replaces the snapshot with Rust's answer to an edit", async () => {
    const next = snapshot(2, ["A", "B", "C"]);
    mocked.documentEdit.mockResolvedValue(next);
    const ok = await useStudio.getState().apply({ kind: "add_state", scope: "", name: "C", state: { Type: "Pass" } });
    expect(ok).toBe(true);
    expect(mocked.documentEdit).toHaveBeenCalledWith({ kind: "add_state", scope: "", name: "C", state: { Type: "Pass" } });
    expect(useStudio.getState().snapshot).toBe(next);
    expect(useStudio.getState().busy).toBe(false);
  });

  it("sends typed text and takes the answer", async () => {
    const next = snapshot(2, ["A", "B"], "typed");
    mocked.documentSetText.mockResolvedValue(next);
    await useStudio.getState().setText("typed", true);
    expect(mocked.documentSetText).toHaveBeenCalledWith("typed", true, undefined);
    expect(useStudio.getState().snapshot?.text).toBe("typed");
  });

  /** Rust's delta from revision `base` (text "text 1" to `text`, states kept). */
  const delta = (base: number, text: string): SnapshotDelta => {
    const prev = snapshot(base, ["A", "B"]);
    return {
      ...prev,
      base,
      revision: base + 1,
      splices: [{ from: 0, to: prev.text.length, insert: text }],
      shifts: [{ at: prev.text.length, by: text.length - prev.text.length, lines: 0 }],
      states: [{ old: [0, 2] }],
      problems: [],
      layoutWidth: 0,
      layoutHeight: 0,
      nodes: [],
      edges: [],
    };
  };

  it("merges a delta into the snapshot it was made against", async () => {
    const before = useStudio.getState().snapshot!;
    mocked.documentEdit.mockResolvedValue(delta(1, "edited"));
    await useStudio.getState().apply({ kind: "set_field", pointer: "/States/A/Comment", value: "x" });
    const after = useStudio.getState().snapshot!;
    expect(after.revision).toBe(2);
    expect(after.text).toBe("edited");
    expect(after.states).toBe(before.states);
    expect(mocked.documentCurrent).not.toHaveBeenCalled();
    // The delta's splices are kept with it, for the code view.
    expect(useStudio.getState().textChange).toEqual({ base: 1, revision: 2, splices: [{ from: 0, to: 6, insert: "edited" }] });
  });

  it("asks for the whole snapshot when a delta is against another revision", async () => {
    const whole = snapshot(9, ["A", "B", "C"]);
    mocked.documentEdit.mockResolvedValue(delta(5, "edited"));
    mocked.documentCurrent.mockResolvedValue(whole);
    await useStudio.getState().apply({ kind: "set_field", pointer: "/States/A/Comment", value: "x" });
    expect(useStudio.getState().snapshot).toBe(whole);
  });

  it("undoes and redoes through Rust", async () => {
    const undone = snapshot(3, ["A"]);
    const redone = snapshot(4, ["A", "B"]);
    mocked.documentUndo.mockResolvedValue(undone);
    mocked.documentRedo.mockResolvedValue(redone);
    await useStudio.getState().undo();
    expect(useStudio.getState().snapshot).toBe(undone);
    await useStudio.getState().redo();
    expect(useStudio.getState().snapshot).toBe(redone);
  });

  it("keeps the snapshot and shows the error when Rust refuses", async () => {
    const before = useStudio.getState().snapshot;
    mocked.documentEdit.mockRejectedValue({ code: "edit", message: "A state named B already exists" });
    const ok = await useStudio.getState().apply({ kind: "rename_state", pointer: "/States/A", new_name: "B" });
    expect(ok).toBe(false);
    expect(useStudio.getState().snapshot).toBe(before);
    expect(useStudio.getState().error).toEqual({ code: "edit", message: "A state named B already exists" });
    expect(useStudio.getState().busy).toBe(false);
  });

  it("wraps unexpected failures as internal errors", async () => {
    mocked.documentUndo.mockRejectedValue(new Error("boom"));
    await useStudio.getState().undo();
    expect(useStudio.getState().error).toEqual({ code: "internal", message: "Error: boom" });
  });

  it("clears the error after a command succeeds", async () => {
    useStudio.setState({ error: { code: "io", message: "x" } });
    mocked.documentRedo.mockResolvedValue(snapshot(2, ["A", "B"]));
    await useStudio.getState().redo();
    expect(useStudio.getState().error).toBeNull();
  });

  it("drops selected states that vanish from the new snapshot", async () => {
    useStudio.getState().select(["/States/A", "/States/B"]);
    mocked.documentEdit.mockResolvedValue(snapshot(2, ["A"]));
    await useStudio.getState().apply({ kind: "delete_state", pointer: "/States/B" });
    expect(useStudio.getState().selection).toEqual(["/States/A"]);
  });

  it("clears the selection when the document closes", () => {
    useStudio.getState().select(["/States/A"], "/States/A/Next");
    useStudio.getState().setSnapshot(null);
    expect(useStudio.getState().selection).toEqual([]);
  });

  it("numbers reveal requests so a repeated one fires again", () => {
    useStudio.getState().requestReveal({ pointer: "/States/A" });
    const first = useStudio.getState().reveal!;
    useStudio.getState().requestReveal({ pointer: "/States/A" });
    const second = useStudio.getState().reveal!;
    expect(second.pointer).toBe("/States/A");
    expect(second.nonce).toBe(first.nonce + 1);
  });
});
