// Cloud mode: the account's state machines on the left, the document's diagram with the
// states that differ from the deployed machine coloured, and the link, diff, deploy and
// cloud execution on the right.
import { useState } from "react";
import { Canvas } from "../canvas";
import { SidePanel } from "../frame/Split";
import { CloudBrowser } from "./CloudBrowser";
import { LinkPanel } from "./LinkPanel";
import "../run/run.css";
import "./cloud.css";

export function CloudMode() {
  const [left, setLeft] = useState(() => (window.innerWidth < 1200 ? 260 : 300));
  const [right, setRight] = useState(() => (window.innerWidth < 1200 ? 340 : 420));
  return (
    <div className="design-mode cloud-mode" data-testid="cloud-mode">
      <SidePanel side="left" open width={left} onWidth={setLeft} min={220} max={520}>
        <div className="run-panel">
          <CloudBrowser />
        </div>
      </SidePanel>
      <div className="canvas-area">
        <Canvas />
      </div>
      <SidePanel side="right" open width={right} onWidth={setRight} min={280} max={760}>
        <div className="run-panel">
          <LinkPanel />
        </div>
      </SidePanel>
    </div>
  );
}
