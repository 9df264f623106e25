// Typing in the code view of a big machine (issue 13, item 1), reported, not asserted:
// keystroke -> diagram redrawn (from the key's event to the canvas's paint of the answer,
// the page's own `asl:edit-to-paint` measure) and the worst event-loop stall while typing.
// Runs only with ASL_E2E_BENCH=1: it is a benchmark, and these machines are shared.
import { test } from "node:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, clickLine, start, until, waitNode } from "../lib/app.mjs";
import { bigMachine } from "../lib/machines.mjs";

const bench = process.env.ASL_E2E_BENCH ? test : test.skip;

for (const states of [1000, 5000]) {
  bench(`typing in the code view of a ${states.toLocaleString("en")}-state machine (reported)`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-typing-")), "big.asl.json");
    writeFileSync(file, bigMachine(states));
    const browser = await start(file);
    try {
      await waitNode(browser, "/States/Task0", 60000);
      await byTestId(browser, "mode-code").click();
      // Into the first state's name (the line ends `"Task0": {`): each key renames it,
      // so the text stays valid and the diagram changes.
      await clickLine(browser, '"Task0": {');
      for (let i = 0; i < 4; i++) await browser.keys("ArrowLeft"); // one at a time: an array is a chord
      // Each key's time, and a 10 ms timer chain noting how late its ticks fire.
      await browser.execute(() => {
        window.__keys = [];
        document.addEventListener("keydown", (e) => window.__keys.push(e.timeStamp), { capture: true });
        const lag = (window.__lag = { worst: 0, stop: false });
        let expected = performance.now() + 10;
        const tick = () => {
          const now = performance.now();
          lag.worst = Math.max(lag.worst, now - expected);
          expected = now + 10;
          if (!lag.stop) setTimeout(tick, 10);
        };
        setTimeout(tick, 10);
      });
      const figures = [];
      let firstStall = 0;
      for (let i = 0; i < 8; i++) {
        // A key, then wait for the paint that answers it.
        const before = await browser.execute(() => performance.getEntriesByName("asl:edit-to-paint", "measure").length);
        await browser.keys(String(i % 10));
        const ms = await until(
          () =>
            browser.execute((n) => {
              const paints = performance.getEntriesByName("asl:edit-to-paint", "measure");
              if (paints.length <= n) return null;
              const key = window.__keys[window.__keys.length - 1];
              const p = paints[paints.length - 1];
              return Math.round(p.startTime + p.duration - key);
            }, before),
          "the canvas never painted the typed text",
          30000,
        );
        figures.push(ms);
        // The first key after the code view opens pays for code run the first time (the
        // JIT): its stall is reported apart from the others'.
        if (i === 0) firstStall = await browser.execute(() => Math.round(window.__lag.worst) + ((window.__lag.worst = 0), 0));
      }
      const worst = await browser.execute(() => ((window.__lag.stop = true), Math.round(window.__lag.worst)));
      const sorted = [...figures].sort((a, b) => a - b);
      console.log(
        `${states} states: keystroke -> diagram redrawn ${figures.join(", ")} ms (median ${sorted[sorted.length >> 1]}); ` +
          `worst page stall ${Math.max(firstStall, worst)} ms (first key ${firstStall} ms, the others ${worst} ms)`,
      );
    } finally {
      await browser.deleteSession();
    }
  });
}
