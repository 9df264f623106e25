// The code view sends typed text to Rust after a short pause. Anything that must see the
// latest text first (save, undo, mode switch, export, close) awaits `flushCodeText()`,
// which sends pending text at once; it is a no-op when the code view is not mounted.
let flusher: (() => Promise<void>) | null = null;

export function registerCodeFlush(flush: () => Promise<void>): () => void {
  flusher = flush;
  return () => {
    if (flusher === flush) flusher = null;
  };
}

export async function flushCodeText(): Promise<void> {
  if (flusher) await flusher();
}
