// Code mode: the editor on the left, the live diagram on the right.
import { Canvas } from "../canvas";
import { Split } from "../frame/Split";
import { CodeView } from "./CodeView";

export function CodeMode() {
  return (
    <div className="code-mode">
      <Split left={<CodeView />} right={<Canvas />} initial={0.48} />
    </div>
  );
}
