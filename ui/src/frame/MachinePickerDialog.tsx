// "Which state machine?" for a SAM, CloudFormation, CDK, Terraform or Serverless file that
// declares several: the app opens the one picked as the document (its definition only).
import { useFrame } from "./frameStore";
import { baseName } from "./title";
import { Modal } from "./Modal";

export function MachinePickerDialog() {
  const prompt = useFrame((s) => s.machinePrompt);
  if (!prompt) return null;
  return (
    <Modal
      title="Open which state machine?"
      testId="machine-picker"
      onCancel={() => prompt.answer(null)}
      actions={
        <button type="button" className="btn" data-testid="cancel" onClick={() => prompt.answer(null)}>
          Cancel
        </button>
      }
    >
      <p>
        <strong>{baseName(prompt.path)}</strong> declares {prompt.machines.length} state machines.
      </p>
      <ul className="machine-list">
        {prompt.machines.map((m, i) => (
          <li key={m.id}>
            <button
              type="button"
              className="btn"
              data-testid={`machine-${m.id}`}
              data-autofocus={i === 0 ? true : undefined}
              title={m.readonly ? `Read-only: ${m.readonly}` : undefined}
              onClick={() => prompt.answer(m.id)}
            >
              {m.id}
            </button>
            <span className="muted">
              {" "}
              {m.kind}, line {m.line}
              {m.definitionFile ? ` (${baseName(m.definitionFile)})` : ""}
              {m.readonly ? " (read-only)" : ""}
            </span>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
