// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Snapshot } from "../ipc/types";

vi.mock("../ipc", () => ({}));
const { useFrame } = await import("./frameStore");
const { handleDiskChange } = await import("./appEvents");
const { useStudio } = await import("../store/studio");

beforeEach(() => {
  vi.useFakeTimers();
  useFrame.setState({ notices: [], savePrompt: null, conflict: null });
});
afterEach(() => vi.useRealTimers());

describe("save prompt", () => {
  it("resolves with the user's answer and closes", async () => {
    const answer = useFrame.getState().askSave("open another file");
    expect(useFrame.getState().savePrompt?.reason).toBe("open another file");
    useFrame.getState().savePrompt!.answer("discard");
    await expect(answer).resolves.toBe("discard");
    expect(useFrame.getState().savePrompt).toBeNull();
  });

  it("cancels an open prompt when a second one is asked", async () => {
    const first = useFrame.getState().askSave("close it");
    const second = useFrame.getState().askSave("close the window");
    await expect(first).resolves.toBe("cancel");
    useFrame.getState().savePrompt!.answer("save");
    await expect(second).resolves.toBe("save");
  });
});

describe("notices", () => {
  it("disappear after a while unless sticky", () => {
    useFrame.getState().notify("Exported a.svg");
    useFrame.getState().notify("gone", "warning", { sticky: true, testId: "disk-deleted" });
    vi.advanceTimersByTime(60_000);
    expect(useFrame.getState().notices.map((n) => n.testId)).toEqual(["disk-deleted"]);
  });
});

describe("disk changes", () => {
  const snap = { title: "a.asl.json", states: [], text: "{}" } as unknown as Snapshot;

  it("takes a reloaded snapshot and says so", () => {
    handleDiskChange({ kind: "reloaded", snapshot: snap });
    expect(useStudio.getState().snapshot).toBe(snap);
    expect(useFrame.getState().notices[0].testId).toBe("disk-reloaded");
  });

  it("opens the conflict dialog", () => {
    handleDiskChange({ kind: "conflict", path: "/x/a.asl.json" });
    expect(useFrame.getState().conflict).toBe("/x/a.asl.json");
  });

  it("keeps a deleted file's notice until dismissed", () => {
    handleDiskChange({ kind: "deleted", path: "/x/a.asl.json" });
    vi.advanceTimersByTime(60_000);
    const [notice] = useFrame.getState().notices;
    expect(notice.testId).toBe("disk-deleted");
    expect(notice.message).toContain("a.asl.json");
  });
});

describe("askMachine", () => {
  it("resolves with the machine picked, and a second request cancels the first", async () => {
    const machines = [
      { id: "First", kind: "sam", line: 6, column: 3, definitionFile: null, readonly: null },
      { id: "Second", kind: "cloudformation", line: 20, column: 3, definitionFile: null, readonly: null },
    ];
    const first = useFrame.getState().askMachine("/t/template.yaml", machines);
    const second = useFrame.getState().askMachine("/t/template.yaml", machines);
    expect(await first).toBeNull();
    useFrame.getState().machinePrompt?.answer("Second");
    expect(await second).toBe("Second");
    expect(useFrame.getState().machinePrompt).toBeNull();
  });
});
