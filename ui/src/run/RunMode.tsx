// Run mode: the Run panel, the canvas animating the run, the run Inspector.
import { useState } from "react";
import { Canvas } from "../canvas";
import { SidePanel } from "../frame/Split";
import { ConsentDialog } from "./ConsentDialog";
import { RunInspector } from "./RunInspector";
import { RunPanel } from "./RunPanel";
import "./run.css";
import "./runBottom.css";
import "./runCanvas.css";
import "./runInspector.css";

export function RunMode() {
  const [left, setLeft] = useState(() => (window.innerWidth < 1200 ? 280 : 320));
  const [right, setRight] = useState(() => (window.innerWidth < 1200 ? 320 : 400));
  return (
    <div className="design-mode run-mode" data-testid="run-mode">
      <SidePanel side="left" open width={left} onWidth={setLeft} min={240} max={520}>
        <RunPanel />
      </SidePanel>
      <div className="canvas-area">
        <Canvas />
      </div>
      <SidePanel side="right" open width={right} onWidth={setRight} min={280} max={680}>
        <RunInspector />
      </SidePanel>
      <ConsentDialog />
    </div>
  );
}
