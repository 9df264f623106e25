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

export function mark(name: string): void {
  performance.clearMarks(name);
  performance.mark(name);
}
