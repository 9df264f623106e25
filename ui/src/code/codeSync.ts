// Keeps one CodeMirror view and Rust's document in step.
//
// Outgoing: typing is sent as `setText(text, typing = true)` after DEBOUNCE_MS of quiet —
// short, because the work is off the UI path: Rust does it off its main thread, and a key
// pressed while a text is in flight supersedes it (Rust drops that work at its next
// phase and answers nothing; the newest text is sent as soon as it has). So a keystroke
// never waits behind the one before, on a machine of any size.
// Incoming: a snapshot the editor has not seen yet (undo, a canvas edit, a reload) is
// applied as the splices Rust's edit made (the delta's), or, when the editor does not
// show the text they apply to, as one minimal change; either way the cursor and scroll
// survive. Invariant: while the
// user has text Rust has not answered yet (typed but not yet taken for sending, or a
// request in flight), no
// incoming snapshot is applied — the newer typed text wins and is sent next, so a
// keystroke is never overwritten. A failed send leaves the editor as it is (the snapshot
// object did not change, so there is nothing new to apply).
import { Annotation, EditorSelection, type Transaction } from "@codemirror/state";
import { setDiagnostics, type Diagnostic } from "@codemirror/lint";
import { EditorView } from "@codemirror/view";
import { documentSupersede } from "../ipc";
import { mark, measure } from "../perf";
import type { Snapshot } from "../ipc/types";
import { useStudio } from "../store/studio";
import { minimalChange } from "./minimalChange";
import { stateAt } from "./stateAt";
import { setStateRange } from "./stateHighlight";

/** Keys closer together than this go as one text (a fast typist's burst, key repeat). */
export const DEBOUNCE_MS = 30;

/** Marks transactions that come from Rust or from a reveal, not from the user. */
export const remote = Annotation.define<boolean>();

/** Names each text sent, for superseding it. Unique across reloads of the page, since
 *  Rust remembers the last one superseded. */
let lastGeneration = Date.now() * 1000;

export class CodeSync {
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The editor has typing not yet taken for sending. Not the timer alone: between the
   *  timer firing and the send taking the text (it waits for the text in flight first),
   *  the answer to the older text must not overwrite the newer typing. */
  private unsent = false;
  private inFlight: Promise<void> | null = null;
  /** The generation of the text in flight, until it is answered or superseded. */
  private inFlightGeneration: number | null = null;
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
    if (tr.docChanged) {
      this.unsent = true;
      this.schedule();
      this.supersede();
    }
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

  /** The text in flight is outdated now: Rust stops working on it. */
  private supersede() {
    const generation = this.inFlightGeneration;
    if (generation === null) return;
    this.inFlightGeneration = null;
    mark("asl:typing-superseded", true);
    // Lost, it only costs the time the old text takes to finish.
    documentSupersede(generation).catch(() => undefined);
  }

  private async send() {
    const view = this.view;
    if (!view) {
      this.unsent = false; // detached: no editor, nothing to send
      return;
    }
    // One request at a time keeps the answers in the order of the texts sent.
    while (this.inFlight) await this.inFlight;
    // More typing came meanwhile (its own timer sends it), or another send took the text.
    // (The view may be destroyed by now — its last state is still readable, so the text
    // is sent anyway.)
    if (this.timer || !this.unsent) return;
    const text = view.state.doc.toString();
    this.unsent = false;
    const generation = ++lastGeneration;
    this.inFlightGeneration = generation;
    const sent = performance.now();
    const request = useStudio
      .getState()
      .setText(text, true, generation)
      .finally(() => {
        // Each typed text's round trip through Rust (read by the typing benchmarks).
        measure("asl:typing-round-trip", sent);
        if (this.inFlight === request) this.inFlight = null;
        if (this.inFlightGeneration === generation) this.inFlightGeneration = null;
      });
    this.inFlight = request;
    await request;
    this.reconcile();
  }

  /** Sends pending typed text now and waits for Rust's answer. */
  flush = async () => {
    // Each turn waits for a request or makes one, so typing during the flush cannot spin.
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = null;
      }
      if (this.inFlight) await this.inFlight;
      else if (this.unsent) await this.send();
      else return;
    }
  };

  get pending(): boolean {
    return this.unsent || this.timer !== null || this.inFlight !== null;
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
