// The frame around an open document.
import { CodeMode } from "../code/CodeMode";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { useStudio } from "../store/studio";
import { DesignMode } from "./DesignMode";
import { StatusBar } from "./StatusBar";
import { Toolbar } from "./Toolbar";

export function Workspace() {
  const mode = useStudio((s) => s.mode);
  return (
    <div className="workspace">
      <Toolbar />
      <main className="workspace-main">{mode === "code" ? <CodeMode /> : <DesignMode />}</main>
      <ProblemsPanel />
      <StatusBar />
    </div>
  );
}
