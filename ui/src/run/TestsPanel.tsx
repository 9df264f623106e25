// The tests next to the machine: pass/fail per case with the first difference, and the
// path coverage the passing and failing cases give, drawn on the canvas.
import { runTests } from "./runActions";
import { NONE, useRun } from "./runStore";

export function TestsPanel() {
  const report = useRun((s) => s.report);
  const busy = useRun((s) => s.testsBusy);
  const showCoverage = useRun((s) => s.showCoverage);
  const files = useRun((s) => s.sources?.testFiles ?? NONE);
  const set = useRun((s) => s.set);
  const cov = report?.coverage;
  const pct = (items: { hits: number }[]) => (items.length ? `${items.filter((i) => i.hits > 0).length}/${items.length}` : "—");
  return (
    <div className="run-tests" data-testid="tests">
      <div className="run-history-bar">
        <button type="button" className="btn primary" data-testid="tests-run" disabled={busy} onClick={() => void runTests()}>
          {busy ? "Running…" : "Run tests"}
        </button>
        {report && (
          <span className="run-muted" data-testid="tests-summary">
            <b className="ok">{report.passed} passed</b> · <b className={report.failed ? "bad" : ""}>{report.failed} failed</b>
            {cov && ` · states ${pct(cov.states)} · Choice rules ${pct(cov.choiceRules)} · retriers ${pct(cov.retriers)} · catchers ${pct(cov.catchers)}`}
          </span>
        )}
        {!report && <span className="run-muted">{files.length ? `${files.length} test file(s) next to this machine` : "No test files next to this machine."}</span>}
        <span className="run-spacer" />
        {report && (
          <label className="run-check">
            <input type="checkbox" data-testid="show-coverage" checked={showCoverage} onChange={(e) => set({ showCoverage: e.target.checked })} /> Coverage on the canvas
          </label>
        )}
      </div>
      <div className="run-tests-list">
        {report?.errors.map((e) => (
          <div key={e.file} className="test-row failed">
            <span className="test-mark">!</span>
            <span className="test-name">{e.file}</span>
            <span className="test-diff">{e.error}</span>
          </div>
        ))}
        {report?.cases.map((c, i) => (
          <div key={i} className={`test-row ${c.passed ? "passed" : "failed"}`} data-testid="test-case" data-passed={c.passed}>
            <span className="test-mark">{c.passed ? "✓" : "✗"}</span>
            <span className="test-name">
              {c.name} <span className="run-muted">{c.file}</span>
            </span>
            <span className="test-diff">{c.difference ?? c.status ?? ""}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
