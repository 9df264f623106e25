// The frame around an open document. Code and Run mode load on first use: they bring
// CodeMirror and the run views, which Design mode (what opens first) does not need, so
// the first diagram paints sooner.
import { lazy, Suspense } from "react";
import { ProblemsPanel } from "../problems/ProblemsPanel";
import { useRunKeys } from "../run/useRunKeys";
import { useStudio } from "../store/studio";
import { DesignMode } from "./DesignMode";
import { StatusBar } from "./StatusBar";
import { Toolbar } from "./Toolbar";

const CodeMode = lazy(() => import("../code/CodeMode").then((m) => ({ default: m.CodeMode })));
const RunMode = lazy(() => import("../run/RunMode").then((m) => ({ default: m.RunMode })));
const CloudMode = lazy(() => import("../cloud/CloudMode").then((m) => ({ default: m.CloudMode })));
const RunBottomPanel = lazy(() => import("../run/RunBottomPanel").then((m) => ({ default: m.RunBottomPanel })));

export function Workspace() {
  const mode = useStudio((s) => s.mode);
  useRunKeys();
  return (
    <div className="workspace">
      <Toolbar />
      <main className="workspace-main">
        <Suspense fallback={<div className="app-loading">Loading…</div>}>
          {mode === "code" ? <CodeMode /> : mode === "run" ? <RunMode /> : mode === "cloud" ? <CloudMode /> : <DesignMode />}
        </Suspense>
      </main>
      {/* Run mode's bottom panel (History / Timeline / Tests) takes the Problems panel's place. */}
      <Suspense fallback={null}>{mode === "run" ? <RunBottomPanel /> : <ProblemsPanel />}</Suspense>
      <StatusBar />
    </div>
  );
}
