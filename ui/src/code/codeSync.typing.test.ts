// @vitest-environment jsdom
// How typing reaches Rust: after a short quiet, one text at a time, and a key pressed
// while a text is in flight supersedes it (Rust drops its work) and the newest text
// follows as soon as the old one is answered.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot, Update } from "../ipc/types";

vi.mock("../ipc", () => ({ documentCurrent: vi.fn(), documentSetText: vi.fn(), documentSupersede: vi.fn() }));

const ipc = await import("../ipc");
const { useStudio } = await import("../store/studio");
const { CodeSync, DEBOUNCE_MS } = await import("./codeSync");
const setText = vi.mocked(ipc.documentSetText);
const supersede = vi.mocked(ipc.documentSupersede);

const snapshot = (revision: number, text: string): Snapshot => ({
  revision,
  path: null,
  title: "t",
  format: "json",
  text,
  dirty: true,
  canUndo: true,
  canRedo: false,
  parseError: null,
  states: [],
  scopes: [],
  problems: [],
  layout: { width: 0, height: 0, nodes: [], edges: [] },
});

function typing() {
  const sync = new CodeSync();
  const listen = EditorView.updateListener.of((u) => u.transactions.forEach((tr) => sync.onTransaction(tr)));
  const editor = new EditorView({ state: EditorState.create({ doc: "{}", extensions: listen }) });
  useStudio.getState().setSnapshot(snapshot(1, "{}"));
  sync.attach(editor, useStudio.getState().snapshot);
  const type = (text: string) => editor.dispatch({ changes: { from: editor.state.doc.length, insert: text } });
  return { editor, sync, type };
}

/** A request Rust answers when the test says. */
function held() {
  let answer!: (u: Update | null) => void;
  const promise = new Promise<Update | null>((r) => (answer = r));
  return { promise, answer };
}

/** "a" typed and sent (held in flight), then "b" typed, whose timer fires while "{}a" is
 *  in flight: the send of "{}ab" waits for it. Rust answers "{}ab" (revision 3) next. */
async function sendWaitingBehindFirst() {
  const { editor, sync, type } = typing();
  const first = held();
  setText.mockReturnValueOnce(first.promise).mockResolvedValueOnce(snapshot(3, "{}ab"));
  type("a");
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
  type("b");
  await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
  return { editor, sync, first };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetAllMocks();
  supersede.mockResolvedValue(undefined);
});
afterEach(() => {
  vi.useRealTimers();
  useStudio.getState().setSnapshot(null);
});

describe("typing in the code view", () => {
  it("sends a burst of keys once, after a short quiet, named by a generation", async () => {
    const { editor, type } = typing();
    setText.mockResolvedValue(snapshot(2, "{}abc"));
    type("a");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 2);
    type("b");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 2);
    type("c");
    expect(setText).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(setText).toHaveBeenCalledTimes(1);
    expect(setText.mock.calls[0].slice(0, 2)).toEqual(["{}abc", true]);
    expect(typeof setText.mock.calls[0][2]).toBe("number");
    expect(supersede).not.toHaveBeenCalled();
    expect(useStudio.getState().snapshot?.text).toBe("{}abc");
    editor.destroy();
  });

  it("supersedes the text in flight at the next key, then sends the newest once answered", async () => {
    const { editor, sync, type } = typing();
    const first = held();
    setText.mockReturnValueOnce(first.promise).mockResolvedValueOnce(snapshot(2, "{}ab"));
    type("a");
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(setText).toHaveBeenCalledTimes(1);
    const generation = setText.mock.calls[0][2];

    type("b"); // while "{}a" is in flight
    expect(supersede).toHaveBeenCalledWith(generation);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS * 3);
    expect(setText).toHaveBeenCalledTimes(1); // one at a time
    expect(sync.pending).toBe(true);

    first.answer(null); // Rust dropped it: nothing changed
    await vi.advanceTimersByTimeAsync(0);
    expect(setText).toHaveBeenCalledTimes(2);
    expect(setText.mock.calls[1].slice(0, 2)).toEqual(["{}ab", true]);
    expect(setText.mock.calls[1][2]).toBeGreaterThan(generation!);
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.pending).toBe(false);
    expect(useStudio.getState().snapshot?.text).toBe("{}ab");
    expect(editor.state.doc.toString()).toBe("{}ab");
    expect(supersede).toHaveBeenCalledTimes(1); // the answered text is never superseded
    editor.destroy();
  });

  it("keeps typing that came while an older text was in flight when that text is answered", async () => {
    const { editor, sync, first } = await sendWaitingBehindFirst();
    // Rust answers "{}a" anyway (the supersede came too late): the editor keeps "{}ab".
    first.answer(snapshot(2, "{}a"));
    await vi.advanceTimersByTimeAsync(0);
    expect(editor.state.doc.toString()).toBe("{}ab");
    expect(setText).toHaveBeenCalledTimes(2);
    expect(setText.mock.calls[1][0]).toBe("{}ab");
    await vi.advanceTimersByTimeAsync(0);
    expect(sync.pending).toBe(false);
    expect(editor.state.doc.toString()).toBe("{}ab");
    editor.destroy();
  });

  it("flush sends what was typed and waits for the answer, even with a send waiting", async () => {
    const { editor, sync, first } = await sendWaitingBehindFirst();
    let flushed = false;
    const flush = sync.flush().then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    first.answer(snapshot(2, "{}a"));
    await flush;
    expect(setText).toHaveBeenCalledTimes(2);
    expect(useStudio.getState().snapshot?.text).toBe("{}ab");
    expect(sync.pending).toBe(false);
    editor.destroy();
  });
});
