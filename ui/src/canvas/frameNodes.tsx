// Nodes that only draw: Start/End pills, Parallel branch panels (whose header moves or
// removes the branch), and the placeholder for a transition target that names no state.
import { Handle, Position, type NodeProps } from "@xyflow/react";
import type { DocumentEdit } from "../ipc/types";
import { branchesOf, branchOf, moveBranch, removeBranch } from "../states/Parallel/branches";
import { useStudio } from "../store/studio";
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
  const scope = data.layout.pointer;
  return (
    <div className="asl-branch">
      <EdgeHandles />
      {scope !== null && <DropZone scope={scope} />}
      <span className="asl-branch-label">{data.layout.lines.join(" ")}</span>
      {scope !== null && <BranchActions scope={scope} />}
    </div>
  );
}

/** Move left / move right / remove, in the branch's header (one edit, one undo step). */
function BranchActions({ scope }: { scope: string }) {
  const b = branchOf(scope);
  // A number: the header re-renders only when the branch count changes.
  const count = useStudio((s) => (b && s.snapshot ? branchesOf(s.snapshot, b.parallel).length : 0));
  const editable = useStudio((s) => s.mode !== "run" && !!s.snapshot && !s.snapshot.parseError);
  if (!b || !editable) return null;
  const run = (edit: DocumentEdit | null) => edit && void useStudio.getState().apply(edit);
  const button = (test: string, title: string, label: string, onClick: () => void, disabled = false) => (
    <button
      type="button"
      className="asl-branch-btn nodrag nopan"
      data-testid={test}
      title={title}
      aria-label={title}
      disabled={disabled}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="asl-branch-actions" data-testid="branch-header" data-branch={scope}>
      {button("branch-move-left", "Move this branch left", "←", () => run(moveBranch(scope, b.index - 1)), b.index === 0)}
      {button("branch-move-right", "Move this branch right", "→", () => run(moveBranch(scope, b.index + 1)), b.index >= count - 1)}
      {button("branch-remove", "Remove this branch and its states", "×", () => run(removeBranch(scope)))}
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
