// The history of a big run (`record.paged`) as the list needs it: a page cache per run,
// filter and history length, whose pages come from run_history_page.
import { useCallback, useEffect, useState } from "react";
import { runHistoryPage, type HistoryPage } from "../ipc/runPages";
import type { HistoryRow } from "./history";
import { PageCache } from "./pageCache";

/** Rows per request: some ten screens of the history view. */
export const PAGE_ROWS = 250;

/** A page's rows as the view's rows, on the execution clock its first event starts. */
export function pageRows(page: HistoryPage): HistoryRow[] {
  const t0 = page.startedAt ? Date.parse(page.startedAt) : 0;
  return page.rows.map((r) => ({ event: r.event, state: r.state, elapsed: Date.parse(r.event.timestamp) - t0 }));
}

/** `events`: the history's length when the record was fetched; a longer one (the run went
 *  on to its next pause or its end) starts a fresh cache. The cache is made in an effect,
 *  which closes it on cleanup: answers for an old run or filter never land in a new one. */
export function useHistoryPages(runId: number | null, filter: string, events: number) {
  const [, changed] = useState(0);
  const key = `${runId}|${events}|${filter}`;
  const [held, setHeld] = useState<{ key: string; cache: PageCache<HistoryRow> } | null>(null);
  useEffect(() => {
    if (runId === null) return;
    const fetch = (offset: number, limit: number) =>
      runHistoryPage(runId, { offset, limit, filter: filter || null }).then((p) => ({ matched: p.matched, rows: pageRows(p) }));
    const cache = new PageCache<HistoryRow>(fetch, () => changed((n) => n + 1), { pageSize: PAGE_ROWS });
    setHeld({ key, cache });
    return () => cache.close();
    // `key` stands for runId, events and filter.
  }, [key]);
  const cache = held?.key === key ? held.cache : null;
  const want = useCallback((start: number, end: number) => cache?.want(start, end), [cache]);
  return { cache, want };
}

/** `value`, once it has stopped changing for `ms`: a filter typed into the box goes to the
 *  backend (a scan of the whole history) when the user pauses, not at every key. */
export function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
