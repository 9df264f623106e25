// Unified line diff of one text ("theirs": the file on disk, the deployed definition)
// against another ("mine": the editor's text).
import { useMemo } from "react";
import { diffHunks, lineDiff } from "./lineDiff";

interface Props {
  theirs: string;
  mine: string;
  /** What each side is called in the legend. */
  labels?: { theirs: string; mine: string };
  testId?: string;
}

export function DiffView({ theirs, mine, labels = { theirs: "on disk", mine: "yours" }, testId = "disk-diff" }: Props) {
  const rows = useMemo(() => diffHunks(lineDiff(theirs, mine)), [theirs, mine]);
  const changed = rows.some((r) => r.kind === "add" || r.kind === "del");
  return (
    <div className="diff" data-testid={testId}>
      <div className="diff-legend">
        <span className="diff-del">− {labels.theirs}</span>
        <span className="diff-add">+ {labels.mine}</span>
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
