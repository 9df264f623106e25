// @vitest-environment node
import { describe, expect, it } from "vitest";
import { panToShow } from "./follow";

const view = { x: 0, y: 0, zoom: 1 };

describe("panToShow", () => {
  it("does not move for a state already in view", () => {
    expect(panToShow({ x: 100, y: 100, width: 200, height: 50 }, view, 800, 600)).toEqual({ dx: 0, dy: 0 });
  });

  it("moves just enough to show a state below the view, at the zoom shown", () => {
    // At zoom 0.5 the box ends at (1000 + 40) * 0.5 = 520 screen px; the pane keeps 500 - 48 = 452.
    expect(panToShow({ x: 100, y: 1000, width: 200, height: 40 }, { x: 0, y: 0, zoom: 0.5 }, 800, 500)).toEqual({ dx: 0, dy: 500 - 48 - 520 });
    expect(panToShow({ x: -300, y: 10, width: 100, height: 40 }, view, 800, 600)).toEqual({ dx: 348, dy: 38 });
  });

  it("shows the top-left corner of a box bigger than the view", () => {
    expect(panToShow({ x: 0, y: 900, width: 2000, height: 2000 }, view, 800, 600)).toEqual({ dx: 48, dy: 48 - 900 });
  });
});
