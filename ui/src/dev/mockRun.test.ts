// @vitest-environment jsdom
// The mock backend's run commands: run_start picks the recording made on the open machine
// (or refuses as the real backend refuses, with an IpcError) and streams it over the
// run's Channel as the real backend posts: indexed messages, each a batch of events.
import { describe, expect, it } from "vitest";
import humanApproval from "../fixtures/human-approval.snapshot.json";
import orderProcessing from "../fixtures/order-processing.snapshot.json";
import type { Snapshot } from "../ipc/types";
import type { Replay } from "./mockReplay";
import { runCommand } from "./mockRun";

type Message = { index: number; message: { event: string; token?: string }[] };

describe("the mock backend's run commands", () => {
  it("replay the recording of the open machine over the run's Channel", async () => {
    const posted: [number, Message][] = [];
    (window as unknown as { __TAURI_INTERNALS__: unknown }).__TAURI_INTERNALS__ = {
      runCallback: (id: number, data: Message) => posted.push([id, data]),
    };
    const runs = new Map<number, Replay>();
    const snap = humanApproval as unknown as Snapshot;
    const summary = runCommand("run_start", { config: {}, onEvent: { id: 5 } }, snap, runs);
    expect(summary).toMatchObject({ id: 1, status: "RUNNING" });

    for (let i = 0; i < 300 && !posted.some(([, m]) => m.message[0].event === "waitingForCallback"); i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(posted.map(([id, m]) => [id, m.index])).toEqual([[5, 0], [5, 1]]);
    const token = posted[1][1].message[0].token;
    expect(token).not.toBe("TASK_TOKEN");
    expect(runCommand("run_get", { runId: 1 }, snap, runs)).toMatchObject({ callbacks: [{ token }] });

    runCommand("run_stop", { runId: 1 }, snap, runs);
    expect(posted[2][1].message).toEqual([{ event: "finished", status: "ABORTED", output: null, error: null, cause: null }]);
    expect(runCommand("run_list", {}, snap, runs)).toMatchObject([{ id: 1, status: "ABORTED" }]);
  });

  it("refuse a machine with no recording", () => {
    const start = () => runCommand("run_start", { config: {}, onEvent: { id: 6 } }, orderProcessing as unknown as Snapshot, new Map());
    expect(start).toThrow(
      expect.objectContaining({ code: "run-start", message: "the mock backend has no recorded run for this machine" }),
    );
  });
});
