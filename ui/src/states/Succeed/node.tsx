// Succeed ends its scope: no outgoing handles.
import type { NodeProps } from "@xyflow/react";
import { NodeShell } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

export function SucceedNode({ data, selected }: NodeProps<StateNode>) {
  return <NodeShell data={data} selected={selected} handles={[]} />;
}
