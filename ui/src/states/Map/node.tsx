// A Map is a titled container holding its item processor's states directly; its body
// is the drop zone of that scope.
import type { NodeProps } from "@xyflow/react";
import { DropZone, FoldedSummary, FoldToggle } from "../../canvas/ContainerParts";
import { NodeShell, taskHandles } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";
import { useStudio } from "../../store/studio";

export function MapNode({ id, data, selected }: NodeProps<StateNode>) {
  const scope = useStudio((s) => s.snapshot?.scopes.find((sc) => sc.owner === id)?.pointer ?? `${id}/ItemProcessor`);
  return (
    <NodeShell data={data} selected={selected} handles={taskHandles(data.state?.json)} container>
      <FoldToggle id={id} collapsed={data.collapsed} />
      <FoldedSummary data={data} />
      {!data.collapsed && <DropZone scope={scope} />}
    </NodeShell>
  );
}
