import { describe, expect, it } from "vitest";
import type { Flow } from "../canvas/toFlow";
import { diffMarks } from "./diffMarks";

const node = (id: string) => ({ id, selectable: true }) as unknown as Flow["nodes"][number];

describe("diffMarks", () => {
  it("colours added and changed states and nothing else", () => {
    const flow = { nodes: [node("/States/A"), node("/States/B"), node("/States/C")], edges: [] } as unknown as Flow;
    const marks = diffMarks(flow, { added: ["/States/A"], changed: ["/States/B"], removed: ["Gone"], machineChanged: false });
    expect([...marks.nodes]).toEqual([
      ["/States/A", "diff-added"],
      ["/States/B", "diff-changed"],
    ]);
    expect(marks.edges.size).toBe(0);
  });
});
