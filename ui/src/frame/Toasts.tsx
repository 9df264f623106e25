// The error toast (the store's last failed command) and short notices (reloads, exports).
import { useStudio } from "../store/studio";
import { useFrame } from "./frameStore";
import { IconClose, IconError, IconInfo, IconWarning } from "./icons";

export function Toasts() {
  const error = useStudio((s) => s.error);
  const setError = useStudio((s) => s.setError);
  const notices = useFrame((s) => s.notices);
  const dismiss = useFrame((s) => s.dismiss);
  // A cancelled native dialog is the user's choice, not an error.
  const shownError = error && error.code !== "cancelled" ? error : null;
  if (!shownError && notices.length === 0) return null;

  return (
    <div className="toasts" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`toast ${n.tone}`} data-testid={n.testId ?? "notice"}>
          {n.tone === "warning" ? <IconWarning /> : <IconInfo />}
          <span className="toast-text">{n.message}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            <IconClose />
          </button>
        </div>
      ))}
      {shownError && (
        <div className="toast error" role="alert" data-testid="error-toast" data-code={shownError.code}>
          <IconError />
          <span className="toast-text">{shownError.message}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => setError(null)}>
            <IconClose />
          </button>
        </div>
      )}
    </div>
  );
}
