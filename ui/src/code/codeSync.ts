// Keeps one CodeMirror view and Rust's document in step.
//
// Outgoing: typing is sent as `setText(text, typing = true)` after DEBOUNCE_MS of quiet.
// Incoming: a snapshot the editor has not seen yet (undo, a canvas edit, a reload) is
// applied as the splices Rust's edit made (the delta's), or, when the editor does not
// show the text they apply to, as one minimal change; either way the cursor and scroll
// survive. Invariant: while the
// user has text Rust has not answered yet (a timer pending or a request in flight), no
// incoming snapshot is applied — the newer typed text wins and is sent next, so a
// keystroke is never overwritten. A failed send leaves the editor as it is (the snapshot
// object did not change, so there is nothing new to apply).
import { Annotation, EditorSelection, type Transaction } from "@codemirror/state";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import type { Snapshot } from "../ipc/types";
import { useStudio } from "../store/studio";
import { minimalChange } from "./minimalChange";
import { stateAt } from "./stateAt";
import { setStateRange } from "./stateHighlight";

export const DEBOUNCE_MS = 250;

/** Marks transactions that come from Rust or from a reveal, not from the user. */
export const remote = Annotation.define<boolean>();

export class CodeSync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private seen: Snapshot | null = null;
  /** The state the editor itself selected last, so the store echo does not move the cursor. */
  private selectedByEditor: string | null = null;
  private view: EditorView | null = null;

  attach(view: EditorView, snapshot: Snapshot | null) {
    this.view = view;
    this.seen = snapshot;
    this.updateDiagnostics();
  }

  detach() {
    this.view = null;
  }

  /** Called from the editor's update listener for every transaction. */
  onTransaction(tr: Transaction) {
    if (tr.annotation(remote)) return;
    if (tr.docChanged) this.schedule();
    // Deferred: this runs inside CodeMirror's update listener, where dispatching (which the
    // selection echo and the state band need) is not allowed.
    else if (tr.selection) queueMicrotask(() => this.selectStateAtCursor());
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.send();
    }, DEBOUNCE_MS);
  }

  private async send() {
    const view = this.view;
    if (!view) return;
    // One request at a time keeps the answers in the order of the texts sent.
    if (this.inFlight) await this.inFlight;
    // More typing came meanwhile: its own timer sends it. (The view may be destroyed by
    // now — its last state is still readable, so the text is sent anyway.)
    if (this.timer) return;
    const text = view.state.doc.toString();
    const request = useStudio
      .getState()
      .setText(text, true)
      .finally(() => {
        if (this.inFlight === request) this.inFlight = null;
      });
    this.inFlight = request;
    await request;
    this.reconcile();
  }

  /** Sends pending typed text now and waits for Rust's answer. */
  flush = async () => {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.send();
    } else if (this.inFlight) {
      await this.inFlight;
    }
  };

  get pending(): boolean {
    return this.timer !== null || this.inFlight !== null;
  }

  /** Applies the store's snapshot to the editor if it is new and nothing typed is pending. */
  reconcile() {
    const view = this.view;
    const snapshot = useStudio.getState().snapshot;
    if (!view || !snapshot || this.pending || snapshot === this.seen) return;
    const seen = this.seen;
    this.seen = snapshot;
    const doc = view.state.doc.toString();
    const edit = useStudio.getState().textChange;
    // The edit's own splices, when they turn what the editor shows into the snapshot's
    // text: a rename changes its two places, not everything between them.
    const exact = !!edit && !!seen && edit.base === seen.revision && edit.revision === snapshot.revision && doc === seen.text;
    const changes = exact ? edit.splices : [minimalChange(doc, snapshot.text)].filter((c) => c !== null);
    if (changes.length > 0) view.dispatch({ changes, annotations: remote.of(true) });
    this.updateDiagnostics();
  }

  /** Problems become inline diagnostics when the editor shows exactly the snapshot's text. */
  updateDiagnostics() {
    const view = this.view;
    const snapshot = useStudio.getState().snapshot;
    if (!view || !snapshot || view.state.doc.length !== snapshot.text.length) return;
    const len = view.state.doc.length;
    const clamp = (n: number) => Math.max(0, Math.min(len, n));
    // A problem about a whole state or block is underlined on its first line only: a
    // squiggle under forty lines says less than one under the key.
    const firstLineEnd = (from: number) => view.state.doc.lineAt(from).to;
    const diagnostics: Diagnostic[] = snapshot.problems.map((p) => ({
      from: clamp(p.range.from),
      to: Math.min(clamp(Math.max(p.range.from, p.range.to)), firstLineEnd(clamp(p.range.from))),
      severity: p.severity,
      message: p.message,
      source: p.code,
    }));
    view.dispatch({ ...setDiagnostics(view.state, diagnostics), annotations: remote.of(true) });
  }

  /** Cursor moved by the user: select the innermost state holding it. */
  private selectStateAtCursor() {
    const view = this.view;
    const store = useStudio.getState();
    const snapshot = store.snapshot;
    // State ranges describe the snapshot's text; while typing they may be off.
    if (!view || !snapshot || this.pending || view.state.doc.length !== snapshot.text.length) return;
    const state = stateAt(snapshot.states, view.state.selection.main.head);
    const pointer = state?.pointer ?? null;
    if (pointer === this.selectedByEditor) return;
    this.selectedByEditor = pointer;
    view.dispatch({ effects: setStateRange.of(state ? state.range : null), annotations: remote.of(true) });
    const current = store.selection;
    if (pointer && !(current.length === 1 && current[0] === pointer)) store.select([pointer]);
    else if (!pointer && current.length > 0) store.select([]);
  }

  /** The store's selection changed (canvas, problems): show the state's text. */
  revealSelection(selection: string[]) {
    const pointer = selection[0] ?? null;
    const state = pointer ? useStudio.getState().snapshot?.states.find((s) => s.pointer === pointer) : undefined;
    if (!state) {
      this.selectedByEditor = null;
      this.view?.dispatch({ effects: setStateRange.of(null), annotations: remote.of(true) });
      return;
    }
    if (pointer === this.selectedByEditor) return;
    this.selectedByEditor = pointer;
    // The cursor goes to the state's key (its first line, scrolled to the centre); its
    // lines get a band rather than a selection that typing would replace.
    this.view?.dispatch({ effects: setStateRange.of(state.range), annotations: remote.of(true) });
    this.select(state.range.from, state.range.from, false);
  }

  /** Selects a text range (a reveal request) and, if asked, focuses the editor. */
  select(anchor: number, head: number, focus: boolean) {
    const view = this.view;
    if (!view || this.pending) return;
    const len = view.state.doc.length;
    const a = Math.max(0, Math.min(len, anchor));
    const h = Math.max(0, Math.min(len, head));
    view.dispatch({
      selection: EditorSelection.range(a, h),
      effects: EditorView.scrollIntoView(h, { y: "center" }),
      annotations: remote.of(true),
    });
    if (focus) view.focus();
  }
}
