import { useStudio } from "../store/studio";
import { useFrame } from "./frameStore";
import { Modal } from "./Modal";

export function SaveChangesDialog() {
  const prompt = useFrame((s) => s.savePrompt);
  const title = useStudio((s) => s.snapshot?.title ?? "Untitled");
  if (!prompt) return null;
  return (
    <Modal
      title="Save changes?"
      testId="save-changes"
      onCancel={() => prompt.answer("cancel")}
      actions={
        <>
          <button type="button" className="btn danger" data-testid="dont-save" onClick={() => prompt.answer("discard")}>
            Don't save
          </button>
          <span className="modal-spacer" />
          <button type="button" className="btn" data-testid="cancel" onClick={() => prompt.answer("cancel")}>
            Cancel
          </button>
          <button type="button" className="btn primary" data-testid="save-changes-save" data-autofocus onClick={() => prompt.answer("save")}>
            Save
          </button>
        </>
      }
    >
      <p>
        <strong>{title}</strong> has unsaved changes. Save them before you {prompt.reason}?
      </p>
      <p className="muted">Your changes are lost if you don't save them.</p>
    </Modal>
  );
}
