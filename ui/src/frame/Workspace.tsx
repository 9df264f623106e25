// The frame around an open document.
import { CodeMode } from "../code/CodeMode";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { RunBottomPanel } from "../run/RunBottomPanel";
import { RunMode } from "../run/RunMode";
import { useRunKeys } from "../run/useRunKeys";
import { useStudio } from "../store/studio";
import { DesignMode } from "./DesignMode";
import { StatusBar } from "./StatusBar";
import { Toolbar } from "./Toolbar";

export function Workspace() {
  const mode = useStudio((s) => s.mode);
  useRunKeys();
  return (
    <div className="workspace">
      <Toolbar />
      <main className="workspace-main">{mode === "code" ? <CodeMode /> : mode === "run" ? <RunMode /> : <DesignMode />}</main>
      {/* Run mode's bottom panel (History / Timeline / Tests) takes the Problems panel's place. */}
      {mode === "run" ? <RunBottomPanel /> : <ProblemsPanel />}
      <StatusBar />
    </div>
  );
}
