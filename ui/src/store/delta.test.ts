// @vitest-environment node
// The UI's merge against Rust's: delta.fixture.json holds (previous, delta, full) triples
// written by crates/asl-session/tests/delta.rs.
import { describe, expect, it } from "vitest";
import type { Snapshot, SnapshotDelta } from "../ipc/types";
import { applyDelta, merge, shiftRange } from "./delta";
import cases from "./delta.fixture.json";

const fixture = cases as unknown as { name: string; previous: Snapshot; delta: SnapshotDelta; full: Snapshot }[];

describe("applyDelta", () => {
  for (const c of fixture) {
    it(`merges Rust's delta into the previous snapshot: ${c.name}`, () => {
      expect(applyDelta(c.previous, c.delta)).toEqual(c.full);
    });
  }

  it("keeps what did not change as the same objects", () => {
    const c = fixture.find((x) => x.name === "comment")!;
    const next = applyDelta(c.previous, c.delta);
    expect(next.layout).toBe(c.previous.layout);
    expect(next.scopes).toBe(c.previous.scopes);
    expect(next.problems).toBe(c.previous.problems);
    const invalid = fixture.find((x) => x.name === "invalid")!;
    expect(applyDelta(invalid.previous, invalid.delta).states.map((s) => s.json)).toEqual(invalid.previous.states.map((s) => s.json));
  });

  it("keeps a state's json object when only its range moved", () => {
    // "undo-again" renames the first state back: the second one only moves in the text.
    const c = fixture.find((x) => x.name === "undo-again")!;
    const next = applyDelta(c.previous, c.delta);
    expect(next.states[1].range).not.toEqual(c.previous.states[1].range);
    expect(next.states[1].json).toBe(c.previous.states[1].json);
  });
});

describe("merge", () => {
  const c = fixture[0];
  it("takes a whole snapshot as it is", () => {
    expect(merge(c.previous, c.full)).toBe(c.full);
  });
  it("refuses a delta against another revision", () => {
    expect(merge({ ...c.previous, revision: c.delta.base + 7 }, c.delta)).toBeNull();
    expect(merge(null, c.delta)).toBeNull();
  });
});

describe("shiftRange", () => {
  const r = (from: number, to: number, line: number) => ({ from, to, line, column: 1 });
  const shift = [{ at: 10, by: -4, lines: -1 }];
  it("moves ranges after the splice, grows ranges around it, keeps ranges before it", () => {
    const before = r(2, 8, 1);
    expect(shiftRange(before, shift)).toBe(before);
    expect(shiftRange(r(12, 20, 4), shift)).toEqual(r(8, 16, 3));
    expect(shiftRange(r(2, 20, 1), shift)).toEqual(r(2, 16, 1));
  });
  it("moves each range by the splices before it", () => {
    // Rust's splices_count_utf16_units_and_lines: two splices, the second undoing a line.
    const shifts = [{ at: 2, by: 2, lines: 1 }, { at: 10, by: 1, lines: 0 }];
    expect(shiftRange(r(5, 8, 2), shifts)).toEqual(r(7, 10, 3));
    expect(shiftRange(r(10, 11, 3), shifts)).toEqual(r(11, 12, 3));
    expect(shiftRange(r(5, 11, 2), shifts)).toEqual(r(7, 12, 3));
  });
});
