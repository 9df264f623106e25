// A Task: the service it calls is the caption ("Lambda: Invoke"); handles for Next and
// each catcher.
import type { NodeProps } from "@xyflow/react";
import { NodeShell, taskHandles } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

export function TaskNode({ data, selected }: NodeProps<StateNode>) {
  return <NodeShell data={data} selected={selected} handles={taskHandles(data.state?.json)} />;
}
