// This session's runs, newest first; a click re-opens one (its statuses on the canvas,
// its record in the inspector and the history).
import { openRun } from "./runActions";
import { useRun } from "./runStore";

export function RunList() {
  const runs = useRun((s) => s.runs);
  const shown = useRun((s) => s.runId);
  const ordered = [...runs].sort((a, b) => b.id - a.id);
  return (
    <section className="run-section run-list-section">
      <h4>Runs in this session</h4>
      {ordered.length === 0 && <div className="run-hint">No runs yet.</div>}
      <div className="run-list" role="list">
        {ordered.map((r) => (
          <button
            type="button"
            role="listitem"
            key={r.id}
            className={`run-list-item${r.id === shown ? " active" : ""}`}
            data-testid="run-list-item"
            data-run-id={r.id}
            onClick={() => void openRun(r.id)}
            title={`${r.title} — started ${new Date(r.startedAt).toLocaleString()}`}
          >
            <span className={`run-dot ${r.status.toLowerCase()}`} />
            <span className="run-list-id">#{r.id}</span>
            <span className="run-list-title">{r.error ?? r.title}</span>
            <span className="run-list-time">{new Date(r.startedAt).toLocaleTimeString()}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
