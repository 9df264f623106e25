// Start and the debugger's buttons; the keys (F5, F10, F11, Shift+F11) are in useRunKeys.
import type { ReactNode } from "react";
import type { DebugCommand } from "../ipc/run";
import { debug, isLive, startRun } from "./runActions";
import { useRun } from "./runStore";

export function DebugToolbar() {
  const status = useRun((s) => s.view?.status);
  const paused = status === "PAUSED";
  const running = status === "RUNNING";
  const button = (testId: string, title: string, command: DebugCommand, enabled: boolean, icon: ReactNode) => (
    <button type="button" className="run-tool" data-testid={testId} title={title} aria-label={title} disabled={!enabled} onClick={() => debug(command)}>
      {icon}
    </button>
  );
  return (
    <div className="run-toolbar" role="toolbar" aria-label="Debugger">
      <button type="button" className="btn primary run-start" data-testid="run-start" title="Start a run (F5)" onClick={() => void startRun()}>
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <path d="M4 2.5v11l9-5.5z" fill="currentColor" />
        </svg>
        {isLive(status) ? "Restart" : "Start"}
      </button>
      <span className="run-tools">
        {button("debug-continue", "Continue (F5)", { kind: "continue" }, paused, <Icon d="M3 3v10M6 3v10l7-5z" />)}
        {button("debug-pause", "Pause", { kind: "pause" }, running, <Icon d="M5 3v10M11 3v10" stroke />)}
        {button("debug-step-over", "Step over (F10)", { kind: "stepOver" }, paused, <Icon d="M2.5 9a5.5 5.5 0 0 1 10.5-2M13 3.5V7H9.5M8 12.5v.5" stroke />)}
        {button("debug-step-into", "Step into a branch or iteration (F11)", { kind: "stepInto" }, paused, <Icon d="M8 2v8M4.5 6.5 8 10l3.5-3.5M8 13.5v.5" stroke />)}
        {button("debug-step-out", "Step out (Shift+F11)", { kind: "stepOut" }, paused, <Icon d="M8 11V3M4.5 6.5 8 3l3.5 3.5M8 13.5v.5" stroke />)}
        {button("debug-stop", "Stop", { kind: "stop" }, isLive(status), <Icon d="M4 4h8v8H4z" />)}
      </span>
    </div>
  );
}

function Icon({ d, stroke }: { d: string; stroke?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        d={d}
        fill={stroke ? "none" : "currentColor"}
        stroke="currentColor"
        strokeWidth={stroke ? 1.8 : 1.2}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
