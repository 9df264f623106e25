// Timing marks read by the end-to-end tests (the figures of issue #6). Measures are kept
// to the last hundred so a long editing session does not accumulate them.

const KEEP = 100;

export function measure(name: string, start: string | number, end?: string | number): void {
  try {
    if (performance.getEntriesByName(name, "measure").length >= KEEP) performance.clearMeasures(name);
    performance.measure(name, { start, end: end ?? performance.now() });
  } catch {
    // A missing mark (cleared by a newer command) only loses one figure.
  }
}

/** A mark; `keep` adds it to the last hundred of its name instead of replacing it (a
 *  count of events, e.g. superseded typing). */
export function mark(name: string, keep = false): void {
  if (!keep || performance.getEntriesByName(name, "mark").length >= KEEP) performance.clearMarks(name);
  performance.mark(name);
}
