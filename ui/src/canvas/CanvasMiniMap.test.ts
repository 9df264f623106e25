// The minimap's drawing: one path per type, every visible node at least a few pixels
// big, containers outlined at their real size, folded-away states left out.
import { describe, expect, it } from "vitest";
import { miniMapPaths, miniMapSize } from "./CanvasMiniMap";
import type { FlowNode } from "./toFlow";

const node = (id: string, type: string, x: number, y: number, width: number, height: number, extra: Partial<FlowNode> = {}) =>
  ({ id, type, position: { x, y }, height, data: { layout: { id, x, y, width, height } }, ...extra }) as unknown as FlowNode;

describe("the minimap", () => {
  it("draws each type as one path, small nodes grown to a visible size, containers as they are", () => {
    const paths = miniMapPaths(
      [
        node("/States/A", "Task", 0, 0, 100, 40),
        node("/States/B", "Task", 0, 100, 100, 40),
        node("/States/P", "Parallel", 0, 200, 400, 300),
        node("/States/P/Branches/0/States/In", "Pass", 20, 240, 100, 40, { hidden: true }),
        node("/States/C", "Choice", 0, 600, 10, 1, { selected: true }),
      ],
      10, // 10 flow units per minimap pixel: at least 280 × 15 units
    );
    const byClass = Object.fromEntries(paths.map((p) => [p.className, p.d]));
    expect(Object.keys(byClass).sort()).toEqual(["asl-mm asl-mm-choice selected", "asl-mm asl-mm-parallel", "asl-mm asl-mm-task"]);
    // Two Tasks in one path, each widened to 280 about its centre.
    expect(byClass["asl-mm asl-mm-task"]).toBe("M-90 0h280v40h-280zM-90 100h280v40h-280z");
    expect(byClass["asl-mm asl-mm-parallel"]).toBe("M0 200h400v300h-400z");
    expect(byClass["asl-mm asl-mm-choice selected"]).toBe("M-135 593h280v15h-280z");
  });

  it("follows a tall machine's shape", () => {
    const { width, height } = miniMapSize(400, 60000, 800);
    expect(height).toBeGreaterThan(width);
  });
});
