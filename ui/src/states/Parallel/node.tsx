// A Parallel is a titled container; its branches are Branch panels (canvas/frameNodes),
// each with a header to move or remove it. "+ branch" in the title bar, after the name, adds one.
import type { NodeProps } from "@xyflow/react";
import { FoldedSummary, FoldToggle } from "../../canvas/ContainerParts";
import { NodeShell, taskHandles } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";
import { useStudio } from "../../store/studio";
import { addBranch } from "./branches";
import "./parallel.css";

export function ParallelNode({ id, data, selected }: NodeProps<StateNode>) {
  const editable = useStudio((s) => s.mode !== "run" && !!s.snapshot && !s.snapshot.parseError);
  const addButton = editable && (
    <button
      type="button"
      className="asl-add-branch nodrag nopan"
      data-testid="add-branch"
      title="Add a branch (with a Pass state)"
      onClick={(e) => {
        e.stopPropagation();
        const snapshot = useStudio.getState().snapshot;
        if (snapshot) void useStudio.getState().apply(addBranch(snapshot, id));
      }}
      onDoubleClick={(e) => e.stopPropagation()}
    >
      + branch
    </button>
  );
  return (
    <NodeShell data={data} selected={selected} handles={taskHandles(data.state?.json)} container headActions={addButton}>
      <FoldToggle id={id} collapsed={data.collapsed} />
      <FoldedSummary data={data} />
    </NodeShell>
  );
}
