// The executions of one state of a big run (`record.paged`): a state that ran 50,000
// times is shown one execution at a time — "execution n of N" with first/previous/next/
// last and a number to jump to — each fetched when shown, never the list of them all.
import { useEffect, useState, type ReactNode } from "react";
import type { RunState } from "../ipc/run";
import { runStateExecutions } from "../ipc/runPages";
import { asIpcError } from "../store/studio";

interface Props {
  runId: number;
  pointer: string;
  /** Changes when the run went on (a new record): the count and the execution are read again. */
  refresh: unknown;
  /** Renders the execution shown (none: the state did not run); `offset`: its index
   *  among the state's executions. */
  children(executions: RunState[], offset: number): ReactNode;
  /** The execution shown first (a Map iteration opened on the canvas). */
  initial?: number;
}

type Shown = { total: number; execution: RunState | null } | { error: string };

/** Mount it with `key` the state's pointer and run: another state starts at its first. */
export function PagedExecutions({ runId, pointer, refresh, children, initial }: Props) {
  const [index, setIndex] = useState(initial ?? 0);
  const [shown, setShown] = useState<Shown | null>(null);
  useEffect(() => {
    let current = true;
    runStateExecutions(runId, { pointer, offset: index, limit: 1 }).then(
      (found) => {
        if (!current) return;
        // Past the end (a record with fewer of them): the last one.
        if (found.executions.length === 0 && found.total > 0) setIndex(found.total - 1);
        else setShown({ total: found.total, execution: found.executions[0] ?? null });
      },
      (e) => current && setShown({ error: asIpcError(e).message }),
    );
    return () => {
      current = false;
    };
  }, [runId, pointer, index, refresh]);

  if (!shown) return <div className="run-hint">Reading its executions…</div>;
  if ("error" in shown) return <div className="run-hint run-error-text">{shown.error}</div>;
  const { total, execution } = shown;
  const go = (i: number) => setIndex(Math.max(0, Math.min(total - 1, i)));
  return (
    <>
      {total > 1 && <ExecutionNav index={index} total={total} go={go} path={execution && execution.path !== execution.name ? execution.path : null} />}
      {children(execution ? [execution] : [], index)}
    </>
  );
}

/** First / previous / number / next / newest: for a state run too many times for a list. */
export function ExecutionNav({ index, total, go, path }: { index: number; total: number; go(i: number): void; path: string | null }) {
  return (
    <div className="run-field" data-testid="execution-nav">
      <span className="run-label">Execution</span>
      <div className="run-row">
        <button type="button" className="btn" data-testid="execution-first" disabled={index === 0} onClick={() => go(0)} aria-label="First execution">
          «
        </button>
        <button type="button" className="btn" data-testid="execution-prev" disabled={index === 0} onClick={() => go(index - 1)} aria-label="Previous execution">
          ‹
        </button>
        <IndexInput key={index} value={index + 1} max={total} onGo={(n) => go(n - 1)} />
        <span className="run-muted" data-testid="execution-total">
          of {total}
        </span>
        <button type="button" className="btn" data-testid="execution-next" disabled={index >= total - 1} onClick={() => go(index + 1)} aria-label="Next execution">
          ›
        </button>
        <button type="button" className="btn" data-testid="execution-last" disabled={index >= total - 1} onClick={() => go(total - 1)} aria-label="Newest execution">
          »
        </button>
      </div>
      {path && <span className="run-muted">{path}</span>}
    </div>
  );
}

/** The execution's number, typed: it is read on Enter or when the field is left. */
function IndexInput({ value, max, onGo }: { value: number; max: number; onGo(n: number): void }) {
  const [text, setText] = useState(String(value));
  const commit = () => {
    const n = Number.parseInt(text, 10);
    if (Number.isFinite(n) && n !== value) onGo(n);
    else setText(String(value));
  };
  return (
    <input
      className="run-input mono"
      data-testid="execution-index"
      aria-label={`Execution number, 1 to ${max}`}
      inputMode="numeric"
      style={{ width: `${Math.max(3, String(max).length) + 3}ch`, flex: "none" }}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}
