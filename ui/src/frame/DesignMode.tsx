// Design mode as Workflow Studio lays it out: States browser, canvas, Inspector.
import { useState } from "react";
import { StatesBrowser } from "../browser";
import { Canvas } from "../canvas";
import { Inspector } from "../inspector";
import { useFrame } from "./frameStore";
import { SidePanel } from "./Split";

export function DesignMode() {
  const browserOpen = useFrame((s) => s.browserOpen);
  const inspectorOpen = useFrame((s) => s.inspectorOpen);
  const [browserWidth, setBrowserWidth] = useState(() => (window.innerWidth < 1200 ? 220 : 248));
  const [inspectorWidth, setInspectorWidth] = useState(() => (window.innerWidth < 1200 ? 320 : 420));

  return (
    <div className="design-mode">
      <SidePanel side="left" open={browserOpen} width={browserWidth} onWidth={setBrowserWidth} min={180} max={420}>
        <StatesBrowser />
      </SidePanel>
      <div className="canvas-area">
        <Canvas />
      </div>
      <SidePanel side="right" open={inspectorOpen} width={inspectorWidth} onWidth={setInspectorWidth} min={280} max={640}>
        <Inspector />
      </SidePanel>
    </div>
  );
}
