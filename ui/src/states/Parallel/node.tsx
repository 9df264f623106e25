// A Parallel is a titled container; its branches are Branch panels (canvas/frameNodes).
import type { NodeProps } from "@xyflow/react";
import { FoldedSummary, FoldToggle } from "../../canvas/ContainerParts";
import { NodeShell, taskHandles } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

export function ParallelNode({ id, data, selected }: NodeProps<StateNode>) {
  return (
    <NodeShell data={data} selected={selected} handles={taskHandles(data.state?.json)} container>
      <FoldToggle id={id} collapsed={data.collapsed} />
      <FoldedSummary data={data} />
    </NodeShell>
  );
}
