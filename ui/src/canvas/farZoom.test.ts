import { describe, expect, it, vi } from "vitest";
import { bestSplit, farName } from "./farZoom";

// jsdom has no canvas: the module falls back to its estimate (and jsdom would log an error).
vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);

describe("far-zoom names", () => {
  it("splits a name at the word, camelCase or digit boundary that balances the halves", () => {
    expect(bestSplit("QueueForManualReview")).toEqual(["QueueFor", "ManualReview"]);
    expect(bestSplit("Check178")).toEqual(["Check", "178"]);
    expect(bestSplit("Send the order")).toEqual(["Send the", "order"]);
    expect(bestSplit("Done")).toBeNull();
  });

  it("grows a name to fill its box, in two lines when one line cannot grow", () => {
    // A 96 × 48 box (the narrowest): a short name grows on one line.
    const short = farName(["Big0"], 96, 48, false);
    expect(short.lines).toEqual(["Big0"]);
    expect(short.font).toBeGreaterThan(25);
    // A box sized for its name at 13 px: two lines let it grow.
    const long = farName(["QueueForManualReview"], 170, 48, false);
    expect(long.lines).toEqual(["QueueFor", "ManualReview"]);
    expect(long.font).toBeGreaterThan(16);
    // A container's title stays on its one line, inside the 30 px title bar.
    const title = farName(["RunRiskChecks"], 400, 30, true);
    expect(title.lines).toEqual(["RunRiskChecks"]);
    expect(title.font * 1.1).toBeLessThanOrEqual(30);
  });
});
