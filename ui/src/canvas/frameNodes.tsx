// Nodes that only draw: Start/End pills, Parallel branch panels, and the placeholder
// for a transition target that names no state.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import { DropZone } from "./ContainerParts";
import type { FrameNode } from "./toFlow";

function EdgeHandles() {
  return (
    <>
      <Handle type="target" id="in" position={Position.Top} className="asl-handle-hidden" isConnectable={false} />
      <Handle type="source" id="out" position={Position.Bottom} className="asl-handle-hidden" isConnectable={false} />
    </>
  );
}

export function PillNode({ data }: NodeProps<FrameNode>) {
  const kind = data.layout.type === "Start" ? "start" : "end";
  return (
    <div className={`asl-pill asl-pill-${kind}`}>
      <EdgeHandles />
      {data.layout.lines.join(" ")}
    </div>
  );
}

export function BranchNode({ data }: NodeProps<FrameNode>) {
  return (
    <div className="asl-branch">
      <EdgeHandles />
      {data.layout.pointer !== null && <DropZone scope={data.layout.pointer} />}
      <span className="asl-branch-label">{data.layout.lines.join(" ")}</span>
    </div>
  );
}

export function MissingNode({ data }: NodeProps<FrameNode>) {
  return (
    <div className="asl-missing" title="No state has this name">
      <EdgeHandles />
      {data.layout.lines.join(" ")}
    </div>
  );
}
