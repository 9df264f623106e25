// @vitest-environment node
import { describe, expect, it } from "vitest";
import { applyChange, minimalChange } from "./minimalChange";

describe("minimalChange", () => {
  it("is null for equal texts", () => {
    expect(minimalChange("abc", "abc")).toBeNull();
  });

  it("finds an insertion", () => {
    expect(minimalChange('{"A": 1}', '{"A": 12}')).toEqual({ from: 7, to: 7, insert: "2" });
  });

  it("finds a deletion", () => {
    expect(minimalChange("hello world", "hello")).toEqual({ from: 5, to: 11, insert: "" });
  });

  it("finds a replacement in the middle", () => {
    const change = minimalChange('"Next": "Old",\n"End": true', '"Next": "New",\n"End": true');
    expect(change).toEqual({ from: 9, to: 12, insert: "New" });
  });

  it("does not let prefix and suffix overlap on repeated text", () => {
    const a = "aaaa";
    const b = "aaaaaa";
    const change = minimalChange(a, b)!;
    expect(applyChange(a, change)).toBe(b);
    expect(change.to - change.from).toBe(0);
    expect(change.insert).toBe("aa");
  });

  it("keeps surrogate pairs whole", () => {
    const a = "x😀y";
    const b = "x😃y"; // same high surrogate, different low one
    const change = minimalChange(a, b)!;
    expect(applyChange(a, change)).toBe(b);
    expect(change.insert).toBe("😃");
  });

  it("round-trips on many random edits", () => {
    const alphabet = 'ab{}":\n ';
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (n: number) => Array.from({ length: n }, () => alphabet[rand(alphabet.length)]).join("");
    for (let i = 0; i < 500; i++) {
      const a = word(rand(30));
      const cut = rand(a.length + 1);
      const end = cut + rand(a.length - cut + 1);
      const b = a.slice(0, cut) + word(rand(5)) + a.slice(end);
      expect(applyChange(a, minimalChange(a, b))).toBe(b);
    }
  });
});
