import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { TypeIcon, glyphOf } from "./icons";

const pathOf = (type: string) => /<path d="([^"]*)"/.exec(renderToStaticMarkup(<TypeIcon type={type} />))?.[1];

describe("state-type glyphs from assets/glyphs", () => {
  it("gives every ASL state type a glyph of its own, and anything else the unknown one", () => {
    const types = ["Task", "Choice", "Parallel", "Map", "Pass", "Wait", "Succeed", "Fail"];
    const paths = types.map(pathOf);
    expect(paths.every(Boolean)).toBe(true);
    expect(new Set(paths).size).toBe(types.length);
    expect(paths).not.toContain(pathOf("Unknown"));
    expect(pathOf("NoSuchType")).toBe(pathOf("Unknown"));
  });

  it("reads a glyph file's path, fill and stroke width", () => {
    const svg = '<svg viewBox="0 0 16 16"><path d="M1 1h4" fill="currentColor" stroke-width="1"/></svg>';
    expect(glyphOf(svg)).toEqual({ d: "M1 1h4", filled: true, strokeWidth: 1 });
    expect(glyphOf('<svg><path fill="none" d="M2 2"/></svg>')).toEqual({ d: "M2 2", filled: false, strokeWidth: 1.6 });
    expect(glyphOf("<svg></svg>")).toBeNull();
  });
});
