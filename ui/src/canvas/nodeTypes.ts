// Module-scope node and edge type maps (React Flow re-mounts everything if these change).
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { ChoiceNode } from "../states/Choice/node";
import { FailNode } from "../states/Fail/node";
import { MapNode } from "../states/Map/node";
import { ParallelNode } from "../states/Parallel/node";
import { PassNode } from "../states/Pass/node";
import { SucceedNode } from "../states/Succeed/node";
import { TaskNode } from "../states/Task/node";
import { WaitNode } from "../states/Wait/node";
import { BranchNode, MissingNode, PillNode } from "./frameNodes";
import { PolylineEdge } from "./PolylineEdge";
import { UnknownNode } from "./UnknownNode";

export const nodeTypes: NodeTypes = {
  Task: TaskNode,
  Pass: PassNode,
  Choice: ChoiceNode,
  Wait: WaitNode,
  Succeed: SucceedNode,
  Fail: FailNode,
  Parallel: ParallelNode,
  Map: MapNode,
  Unknown: UnknownNode,
  Pill: PillNode,
  Branch: BranchNode,
  Missing: MissingNode,
};

export const edgeTypes: EdgeTypes = { poly: PolylineEdge };
