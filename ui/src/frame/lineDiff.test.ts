// @vitest-environment node
import { describe, expect, it } from "vitest";
import { diffHunks, lineDiff, splitLines } from "./lineDiff";

const kinds = (text: string, other: string) => lineDiff(text, other).map((l) => `${l.kind[0]}:${l.text}`);

describe("lineDiff", () => {
  it("splits lines without a phantom last line", () => {
    expect(splitLines("a\nb\n")).toEqual(["a", "b"]);
    expect(splitLines("a\r\nb")).toEqual(["a", "b"]);
    expect(splitLines("")).toEqual([]);
  });

  it("marks equal texts as all same", () => {
    expect(kinds("a\nb", "a\nb")).toEqual(["s:a", "s:b"]);
  });

  it("finds a changed line with line numbers on both sides", () => {
    const d = lineDiff("a\nb\nc\n", "a\nB\nc\n");
    expect(d.map((l) => l.kind)).toEqual(["same", "del", "add", "same"]);
    expect(d[1]).toEqual({ kind: "del", text: "b", oldLine: 2 });
    expect(d[2]).toEqual({ kind: "add", text: "B", newLine: 2 });
    expect(d[3]).toEqual({ kind: "same", text: "c", oldLine: 3, newLine: 3 });
  });

  it("finds insertions and deletions", () => {
    expect(kinds("a\nc", "a\nb\nc")).toEqual(["s:a", "a:b", "s:c"]);
    expect(kinds("a\nb\nc", "a\nc")).toEqual(["s:a", "d:b", "s:c"]);
    expect(kinds("", "x")).toEqual(["a:x"]);
    expect(kinds("x", "")).toEqual(["d:x"]);
  });

  it("keeps the common lines inside a changed region", () => {
    expect(kinds("1\nx\n2\ny\n3", "1\nX\n2\nY\n3")).toEqual(["s:1", "d:x", "a:X", "s:2", "d:y", "a:Y", "s:3"]);
  });

  it("folds long unchanged runs into skip rows", () => {
    const old = Array.from({ length: 20 }, (_, i) => `l${i}`).join("\n");
    const mine = old.replace("l10", "L10");
    const rows = diffHunks(lineDiff(old, mine), 2);
    expect(rows[0]).toEqual({ kind: "skip", count: 8 });
    expect(rows.filter((r) => r.kind !== "skip")).toHaveLength(6);
    expect(rows[rows.length - 1]).toEqual({ kind: "skip", count: 7 });
  });
});
