// Where Task results come from: no mocks, a mock file next to the machine (a
// MockConfigFile with one of its test cases, or a plain mock file), or JSON typed here.
import type { MockFileInfo } from "../ipc/run";
import { JsonEditor } from "./JsonEditor";
import { NONE, useRun } from "./runStore";

/** `file` or `file|machine|case` as an option value. */
function optionsOf(f: MockFileInfo): { value: string; label: string }[] {
  if (f.kind === "plain") return [{ value: f.file, label: `${f.file} (${f.states.length} states)` }];
  const several = f.stateMachines.length > 1;
  return f.stateMachines.flatMap((m) =>
    m.testCases.map((c) => ({ value: `${f.file}|${m.name}|${c}`, label: `${f.file} — ${several ? `${m.name} / ` : ""}${c}` })),
  );
}

export function MockPicker() {
  const mocks = useRun((s) => s.mocks);
  const setMocks = useRun((s) => s.setMocks);
  const files = useRun((s) => s.sources?.mockFiles ?? NONE);
  const value =
    mocks.kind === "inline" ? "#inline" : mocks.kind === "file" && mocks.file ? [mocks.file, mocks.stateMachine, mocks.testCase].filter(Boolean).join("|") : "#none";

  const choose = (v: string) => {
    if (v === "#none") return setMocks({ ...mocks, kind: "none" });
    if (v === "#inline") return setMocks({ ...mocks, kind: "inline" });
    const [file, stateMachine = null, testCase = null] = v.split("|");
    setMocks({ ...mocks, kind: "file", file, stateMachine, testCase });
  };

  return (
    <section className="run-section">
      <h4>Mocks</h4>
      <select className="run-select" data-testid="mock-picker" value={value} onChange={(e) => choose(e.target.value)} aria-label="Mocks">
        <option value="#none">No mocks</option>
        {files.map((f) => (
          <optgroup key={f.file} label={f.kind === "plain" ? "Mock file" : "MockConfigFile test cases"}>
            {optionsOf(f).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
        <option value="#inline">Inline JSON…</option>
      </select>
      {mocks.kind === "inline" && (
        <JsonEditor value={mocks.inline} onChange={(inline) => setMocks({ ...mocks, inline })} testId="mock-inline" label="Inline mocks (JSON)" />
      )}
      {files.length === 0 && mocks.kind !== "inline" && <div className="run-hint">No mock files next to this machine.</div>}
    </section>
  );
}
