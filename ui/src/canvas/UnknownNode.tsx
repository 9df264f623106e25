// A state whose Type is not one of the eight ASL types (a typo, or mid-edit): drawn
// plainly, with its problems, and no connect handles.
import type { NodeProps } from "@xyflow/react";
import { NodeShell } from "./NodeShell";
import type { StateNode } from "./toFlow";

export function UnknownNode({ data, selected }: NodeProps<StateNode>) {
  return <NodeShell data={data} selected={selected} handles={[]} />;
}
