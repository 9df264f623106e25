// @vitest-environment node
import { describe, expect, it } from "vitest";
import { PageCache, type Page } from "./pageCache";

/** A backend over rows 0..total-1 whose answers the test releases one by one. */
function backend(total: number) {
  const asked: { offset: number; limit: number; answer(): Promise<void>; fail(): Promise<void> }[] = [];
  const fetch = (offset: number, limit: number) =>
    new Promise<Page<number>>((resolve, reject) => {
      const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
      asked.push({
        offset,
        limit,
        answer: () => (resolve({ matched: total, rows }), flush()),
        fail: () => (reject({ code: "no-such-run" }), flush()),
      });
    });
  return { asked, fetch };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

describe("PageCache", () => {
  it("fetches the pages covering the rows shown, once", async () => {
    const b = backend(100_000);
    let changes = 0;
    const cache = new PageCache(b.fetch, () => changes++, { pageSize: 100, maxInFlight: 4 });
    cache.want(150, 260);
    cache.want(150, 260);
    expect(b.asked.map((a) => [a.offset, a.limit])).toEqual([[100, 100], [200, 100]]);
    expect(cache.row(150)).toBeUndefined();
    expect(cache.matched).toBeNull();

    await b.asked[0].answer();
    expect(cache.row(150)).toBe(150);
    expect(cache.row(199)).toBe(199);
    expect(cache.row(200)).toBeUndefined();
    expect(cache.matched).toBe(100_000);
    expect(changes).toBe(1);
    await b.asked[1].answer();
    cache.want(150, 260);
    expect(b.asked).toHaveLength(2);
    expect(cache.row(259)).toBe(259);
  });

  it("skips the pages a fast scroll only passed", async () => {
    const b = backend(100_000);
    const cache = new PageCache(b.fetch, () => {}, { pageSize: 100, maxInFlight: 1 });
    cache.want(0, 30);
    cache.want(50_000, 50_030);
    cache.want(90_000, 90_030);
    expect(b.asked.map((a) => a.offset)).toEqual([0]);
    await b.asked[0].answer();
    expect(b.asked.map((a) => a.offset)).toEqual([0, 90_000]);
  });

  it("asks for the first page of an empty range, and none past the matching rows", async () => {
    const b = backend(250);
    const cache = new PageCache(b.fetch, () => {}, { pageSize: 100, maxInFlight: 4 });
    cache.want(0, 0);
    expect(b.asked.map((a) => a.offset)).toEqual([0]);
    await b.asked[0].answer();
    expect(cache.matched).toBe(250);
    cache.want(200, 400);
    expect(b.asked.map((a) => a.offset)).toEqual([0, 200]);
  });

  it("drops the least recently shown pages, never the ones shown", async () => {
    const b = backend(100_000);
    const cache = new PageCache(b.fetch, () => {}, { pageSize: 10, maxPages: 3, maxInFlight: 8 });
    for (const start of [0, 10, 20]) {
      cache.want(start, start + 10);
      await b.asked[b.asked.length - 1].answer();
    }
    cache.want(0, 10); // page 0 shown again: page 1 is now the oldest, then page 2
    cache.want(30, 50);
    await b.asked[3].answer();
    await b.asked[4].answer();
    expect([0, 10, 20, 30, 40].map((i) => cache.row(i) !== undefined)).toEqual([true, false, false, true, true]);
    cache.want(10, 20);
    expect(b.asked.map((a) => a.offset)).toEqual([0, 10, 20, 30, 40, 10]);
    await b.asked[5].answer();
    expect(cache.row(15)).toBe(15);
    expect(cache.row(5)).toBeUndefined();

    // A range wider than the bound keeps all its pages.
    cache.want(100, 160);
    for (const a of b.asked.slice(6)) await a.answer();
    expect([100, 110, 120, 130, 140, 150].every((i) => cache.row(i) === i)).toBe(true);
  });

  it("ignores answers once closed", async () => {
    const b = backend(1_000);
    let changes = 0;
    const cache = new PageCache(b.fetch, () => changes++, { pageSize: 100 });
    cache.want(0, 50);
    cache.close();
    await b.asked[0].answer();
    expect(changes).toBe(0);
    expect(cache.row(0)).toBeUndefined();
    cache.want(0, 50);
    expect(b.asked).toHaveLength(1);
  });

  it("keeps a failure and asks again when the rows are shown again", async () => {
    const b = backend(1_000);
    let changes = 0;
    const cache = new PageCache(b.fetch, () => changes++, { pageSize: 100 });
    cache.want(0, 50);
    await b.asked[0].fail();
    expect(cache.error).toEqual({ code: "no-such-run" });
    expect(changes).toBe(1);
    cache.want(0, 50);
    await b.asked[1].answer();
    expect(cache.row(7)).toBe(7);
    expect(cache.error).toBeNull();
  });
});
