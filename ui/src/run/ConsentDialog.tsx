// "Allow local commands?": asked once per file before the first run that would execute
// the commands of NAME.run.json (design §2.3: never without explicit consent).
import { Modal } from "../frame/Modal";
import { useRun } from "./runStore";

export function ConsentDialog() {
  const consent = useRun((s) => s.consent);
  if (!consent) return null;
  return (
    <Modal
      title="Allow local commands?"
      testId="consent-dialog"
      onCancel={() => consent.answer(false)}
      actions={
        <>
          <button type="button" className="btn" data-testid="consent-deny" onClick={() => consent.answer(false)}>
            Run without them
          </button>
          <button type="button" className="btn primary" data-testid="consent-allow" onClick={() => consent.answer(true)}>
            Allow for this file
          </button>
        </>
      }
    >
      <p>This machine's run configuration maps these states to commands on your computer:</p>
      <ul className="run-consent-list">
        {consent.commands.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ul>
      <p className="run-muted">Your answer is remembered for this file; change it under Options.</p>
    </Modal>
  );
}
