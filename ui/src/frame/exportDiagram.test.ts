// @vitest-environment node
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({}));
const { svgSize } = await import("./exportDiagram");

describe("svgSize", () => {
  it("reads width and height", () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" width="595" height="897" viewBox="0 0 595 897">')).toEqual({
      width: 595,
      height: 897,
    });
  });
  it("falls back to the viewBox", () => {
    expect(svgSize('<?xml version="1.0"?><svg viewBox="0 0 300 120" width="100%">')).toEqual({ width: 300, height: 120 });
  });
  it("has a default for unsized drawings", () => {
    expect(svgSize("<svg>")).toEqual({ width: 800, height: 600 });
  });
});
