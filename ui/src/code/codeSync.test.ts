// @vitest-environment jsdom
// The code view applies the splices Rust's edit made, not a re-diff of the texts:
// splices.fixture.json (written by crates/asl-session/tests/delta.rs) holds edits whose
// own splices differ from what diffing finds (a rename's two places, a pattern dropped on
// the Start edge), each as (previous, delta, full) as Rust answered it.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Snapshot, SnapshotDelta, TextSplice } from "../ipc/types";
import cases from "./splices.fixture.json";

vi.mock("../ipc", () => ({ documentCurrent: vi.fn(), documentSupersede: vi.fn() }));

const { useStudio } = await import("../store/studio");
const { CodeSync } = await import("./codeSync");
const { minimalChange } = await import("./minimalChange");

const fixture = cases as unknown as { name: string; previous: Snapshot; delta: SnapshotDelta; full: Snapshot }[];

/** An editor showing `snapshot`, in step with the store, recording what it is sent. */
function editor(snapshot: Snapshot) {
  const applied: TextSplice[][] = [];
  const view = new EditorView({
    state: EditorState.create({
      doc: snapshot.text,
      extensions: EditorView.updateListener.of((u) => {
        if (!u.docChanged) return;
        const changes: TextSplice[] = [];
        u.changes.iterChanges((from, to, _fromB, _toB, inserted) => changes.push({ from, to, insert: inserted.toString() }), true);
        applied.push(changes);
      }),
    }),
  });
  useStudio.getState().setSnapshot(snapshot);
  const sync = new CodeSync();
  sync.attach(view, snapshot);
  return { view, sync, applied };
}

afterEach(() => useStudio.getState().setSnapshot(null));

describe("the code view and Rust's delta", () => {
  for (const c of fixture) {
    it(`applies the edit's own splices: ${c.name}`, async () => {
      const { view, sync, applied } = editor(c.previous);
      await useStudio.getState().run(async () => c.delta);
      sync.reconcile();
      expect(view.state.doc.toString()).toBe(c.full.text);
      expect(applied).toEqual([c.delta.splices]);
      // What a re-diff would have sent instead: one change over everything between.
      expect(applied[0]).not.toEqual([minimalChange(c.previous.text, c.full.text)]);
      view.destroy();
    });
  }

  it("re-diffs when the editor does not show the text the splices apply to", async () => {
    const c = fixture[0];
    const { view, sync, applied } = editor(c.previous);
    // Something else changed the editor (not the user's typing, which would be pending).
    view.dispatch({ changes: { from: 0, insert: " " } });
    applied.length = 0;
    await useStudio.getState().run(async () => c.delta);
    sync.reconcile();
    expect(view.state.doc.toString()).toBe(c.full.text);
    expect(applied).toEqual([[minimalChange(" " + c.previous.text, c.full.text)]]);
    view.destroy();
  });
});
