// A Choice: one handle per rule (`rule-<i>`, in rule order) and one for Default, so a
// drag from a handle onto a state points that rule at it.
import type { NodeProps } from "@xyflow/react";
import { NodeShell, type SourceHandle } from "../../canvas/NodeShell";
import type { StateNode } from "../../canvas/toFlow";

export function ChoiceNode({ data, selected }: NodeProps<StateNode>) {
  const choices = Array.isArray(data.state?.json.Choices) ? (data.state?.json.Choices as unknown[]) : [];
  const handles: SourceHandle[] = [
    ...choices.map((_, i) => ({ id: `rule-${i}`, title: `Rule ${i + 1}: drag onto a state`, kind: "rule" as const })),
    { id: "default", title: "Default: drag onto a state", kind: "default" },
  ];
  return <NodeShell data={data} selected={selected} handles={handles} />;
}
