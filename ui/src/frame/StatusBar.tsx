import { useStudio } from "../store/studio";
import { useFrame } from "./frameStore";
import { IconCheck, IconError, IconWarning } from "./icons";

export function StatusBar() {
  const snapshot = useStudio((s) => s.snapshot);
  const mode = useStudio((s) => s.mode);
  const cursor = useFrame((s) => s.cursor);
  const togglePanel = useFrame((s) => s.togglePanel);
  if (!snapshot) return null;
  const errors = snapshot.problems.filter((p) => p.severity === "error").length;
  const warnings = snapshot.problems.length - errors;
  const states = snapshot.states.length;

  return (
    <footer className="status-bar">
      <button
        type="button"
        className="status-item status-problems"
        title="Show or hide the Problems panel"
        onClick={() => togglePanel("problemsOpen")}
      >
        {errors + warnings === 0 ? (
          <span className="status-ok">
            <IconCheck /> No problems
          </span>
        ) : (
          <>
            <span className={errors ? "status-error" : undefined}>
              <IconError /> {errors}
            </span>
            <span className={warnings ? "status-warning" : undefined}>
              <IconWarning /> {warnings}
            </span>
          </>
        )}
      </button>
      {snapshot.parseError && <span className="status-item status-error">Text does not parse — diagram is stale</span>}
      <span className="status-item muted">
        {states} {states === 1 ? "state" : "states"}
      </span>
      <span className="status-spacer" />
      {mode === "code" && cursor && (
        <span className="status-item" data-testid="cursor-position">
          Ln {cursor.line}, Col {cursor.column}
        </span>
      )}
      <span className="status-item">{snapshot.format === "yaml" ? "YAML" : "JSON"}</span>
      <span className="status-item muted status-path" title={snapshot.path ?? undefined}>
        <bdi>{snapshot.path ?? "Not saved yet"}</bdi>
      </span>
    </footer>
  );
}
