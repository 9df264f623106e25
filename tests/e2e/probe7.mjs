import { start, waitNode } from "./lib/app.mjs";
for (const file of ["/work/main/samples/order-processing/order-processing.asl.json", "/tmp/big1000.asl.json"]) {
  const browser = await start(file);
  await waitNode(browser, file.includes("big") ? "/States/Check1" : "/States/ValidateOrder", 30000);
  await browser.pause(500);
  const r = await browser.execute(() => {
    const m = (n) => { const e = performance.getEntriesByName(n, "mark")[0]; return e ? Math.round(e.startTime) : null; };
    return { boot: m("asl:boot"), document: m("asl:document"), canvas: m("asl:canvas"), firstPaint: m("asl:first-paint") };
  });
  console.log(file.split("/").pop(), JSON.stringify(r));
  await browser.deleteSession();
}
