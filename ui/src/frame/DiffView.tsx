// Unified line diff of the file on disk ("theirs") against the editor's text ("mine").
import { useMemo } from "react";
import { diffHunks, lineDiff } from "./lineDiff";

export function DiffView({ theirs, mine }: { theirs: string; mine: string }) {
  const rows = useMemo(() => diffHunks(lineDiff(theirs, mine)), [theirs, mine]);
  const changed = rows.some((r) => r.kind === "add" || r.kind === "del");
  return (
    <div className="diff" data-testid="disk-diff">
      <div className="diff-legend">
        <span className="diff-del">− on disk</span>
        <span className="diff-add">+ yours</span>
      </div>
      {!changed ? (
        <p className="muted">The texts are identical.</p>
      ) : (
        <pre className="diff-lines">
          {rows.map((r, i) =>
            r.kind === "skip" ? (
              <div key={i} className="diff-row diff-skip">
                ⋯ {r.count} unchanged {r.count === 1 ? "line" : "lines"}
              </div>
            ) : (
              <div key={i} className={`diff-row diff-${r.kind}`}>
                <span className="diff-num">{r.kind !== "add" ? r.oldLine : ""}</span>
                <span className="diff-num">{r.kind !== "del" ? r.newLine : ""}</span>
                <span className="diff-sign">{r.kind === "add" ? "+" : r.kind === "del" ? "−" : " "}</span>
                <span className="diff-text">{r.text}</span>
              </div>
            ),
          )}
        </pre>
      )}
    </div>
  );
}
