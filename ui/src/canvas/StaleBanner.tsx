// While the text does not parse, the canvas says so where the user is looking: a banner
// over the (greyed) last good diagram, or, when the text never parsed, a message in
// place of the diagram. Either offers the way to fix it: the code view at the error.
import { useStudio } from "../store/studio";

export function StaleBanner() {
  const snapshot = useStudio((s) => s.snapshot);
  const mode = useStudio((s) => s.mode);
  const error = snapshot?.parseError;
  if (!snapshot || !error) return null;
  const fix = () => {
    const store = useStudio.getState();
    store.setMode("code");
    // After the code view has mounted and subscribed to reveal requests.
    setTimeout(() => useStudio.getState().requestReveal({ pointer: "", from: error.range.from, to: error.range.to }), 50);
  };
  const where = `line ${error.range.line}, column ${error.range.column}`;
  const empty = snapshot.states.length === 0;
  return (
    <div className={empty ? "asl-stale-empty" : "asl-stale-banner"} data-testid="canvas-parse-error" role="status">
      <div>
        <strong>{empty ? "This file does not parse yet" : "The text does not parse"}</strong> — {error.message} ({where}).
        {!empty && " The diagram shows the last version that did."}
      </div>
      {mode !== "code" && (
        <button type="button" onClick={fix}>
          Fix in code
        </button>
      )}
    </div>
  );
}
