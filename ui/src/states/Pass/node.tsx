import type { NodeProps } from "@xyflow/react";
import { NodeShell, type SourceHandle } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

const HANDLES: SourceHandle[] = [{ id: "next", title: "Next: drag onto a state", kind: "next" }];

export function PassNode({ data, selected }: NodeProps<StateNode>) {
  return <NodeShell data={data} selected={selected} handles={HANDLES} />;
}
