// Debugger keys (design §4): F5 runs (from any mode, switching to Run) or continues a
// paused run; in Run mode F9 toggles a breakpoint on the selected state, F10 steps over,
// F11 steps into, Shift+F11 steps out. F5 never reloads the webview.
import { useEffect } from "react";
import { useStudio } from "../store/studio";
import { debug, startOrContinue, toggleBreakpoint } from "./runActions";
import { useRun } from "./runStore";

export type RunKey = "run" | "breakpoint" | "step-over" | "step-into" | "step-out";

/** The action of a key press, or null. Pure so it can be tested. */
export function runKeyFor(e: Pick<KeyboardEvent, "key" | "shiftKey" | "ctrlKey" | "metaKey" | "altKey">): RunKey | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case "F5":
      return e.shiftKey ? null : "run";
    case "F9":
      return e.shiftKey ? null : "breakpoint";
    case "F10":
      return e.shiftKey ? null : "step-over";
    case "F11":
      return e.shiftKey ? "step-out" : "step-into";
    default:
      return null;
  }
}

export function useRunKeys() {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = runKeyFor(e);
      const studio = useStudio.getState();
      if (!action || !studio.snapshot) return;
      if (action === "run") {
        e.preventDefault();
        return startOrContinue();
      }
      if (studio.mode !== "run") return;
      e.preventDefault();
      const paused = useRun.getState().view?.status === "PAUSED";
      if (action === "breakpoint") {
        if (studio.selection.length === 1) toggleBreakpoint(studio.selection[0]);
      } else if (paused) debug({ kind: action === "step-over" ? "stepOver" : action === "step-into" ? "stepInto" : "stepOut" });
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
}
