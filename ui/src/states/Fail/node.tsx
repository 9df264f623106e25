// Fail ends the execution: no outgoing handles.
import type { NodeProps } from "@xyflow/react";
import { NodeShell } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

export function FailNode({ data, selected }: NodeProps<StateNode>) {
  return <NodeShell data={data} selected={selected} handles={[]} />;
}
