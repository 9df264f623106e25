// The rows of a big run's history, fetched a page at a time as the list scrolls (issue
// #7: 200,000 events are 44 MB of JSON, too much for one answer). The list says which
// rows it shows; the pages covering them are fetched once, a few at a time, and the
// least recently shown are dropped past a bound so a long scroll does not keep them all.

export interface Page<Row> {
  /** rows matching the query in the whole history */
  matched: number;
  rows: Row[];
}

export type FetchPage<Row> = (offset: number, limit: number) => Promise<Page<Row>>;

export interface PageCacheOptions {
  /** rows per page: a few screens of them */
  pageSize?: number;
  /** pages kept; the least recently shown go first */
  maxPages?: number;
  /** requests on their way at once: a fast scroll skips the pages it only passed */
  maxInFlight?: number;
}

export class PageCache<Row> {
  readonly pageSize: number;
  private readonly maxPages: number;
  private readonly maxInFlight: number;
  /** page number -> rows, in the order last shown (a Map keeps insertion order) */
  private pages = new Map<number, Row[]>();
  private inFlight = new Set<number>();
  /** pages of the latest range not yet asked for, nearest first */
  private queue: number[] = [];
  private visible = { first: 0, last: -1 };
  private closed = false;
  /** null until the first page answered */
  matched: number | null = null;
  /** the last failure (a page that failed is asked again when shown again) */
  error: unknown = null;

  constructor(
    private readonly fetch: FetchPage<Row>,
    private readonly onChange: () => void,
    options: PageCacheOptions = {},
  ) {
    this.pageSize = options.pageSize ?? 200;
    this.maxPages = Math.max(1, options.maxPages ?? 40);
    this.maxInFlight = Math.max(1, options.maxInFlight ?? 2);
  }

  /** Row `i` when its page is here. */
  row(i: number): Row | undefined {
    return this.pages.get(Math.floor(i / this.pageSize))?.[i % this.pageSize];
  }

  /** The list shows rows `[start, end)`: fetch the pages covering them that are neither
   *  here nor on their way; pages queued for an earlier range and not started are
   *  forgotten. An empty range still asks for its first page: that answer tells `matched`. */
  want(start: number, end: number): void {
    if (this.closed) return;
    const first = Math.floor(Math.max(0, start) / this.pageSize);
    const last = Math.max(first, Math.floor((Math.max(start, end) - 1) / this.pageSize));
    this.visible = { first, last };
    this.queue = [];
    for (let p = first; p <= last; p++) {
      const rows = this.pages.get(p);
      if (rows) {
        // Shown again: now the most recent.
        this.pages.delete(p);
        this.pages.set(p, rows);
      } else if (!this.inFlight.has(p) && (this.matched === null || p * this.pageSize < this.matched || p === 0)) {
        this.queue.push(p);
      }
    }
    this.pump();
  }

  /** No more requests; answers still on their way are dropped (a new run or filter). */
  close(): void {
    this.closed = true;
    this.queue = [];
  }

  private pump(): void {
    while (this.inFlight.size < this.maxInFlight && this.queue.length > 0) {
      const p = this.queue.shift()!;
      this.inFlight.add(p);
      this.fetch(p * this.pageSize, this.pageSize).then(
        (page) => this.loaded(p, page),
        (e) => this.failed(p, e),
      );
    }
  }

  private loaded(p: number, page: Page<Row>): void {
    this.inFlight.delete(p);
    if (this.closed) return;
    this.matched = page.matched;
    this.error = null;
    this.pages.set(p, page.rows);
    this.evict();
    this.pump();
    this.onChange();
  }

  private failed(p: number, e: unknown): void {
    this.inFlight.delete(p);
    if (this.closed) return;
    this.error = e;
    this.pump();
    this.onChange();
  }

  private evict(): void {
    for (const p of this.pages.keys()) {
      if (this.pages.size <= this.maxPages) return;
      if (p < this.visible.first || p > this.visible.last) this.pages.delete(p);
    }
  }
}
