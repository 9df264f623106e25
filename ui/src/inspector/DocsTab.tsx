// Documentation: the state's Comment.
import { useEffect, useId, useState } from "react";
import type { StateInfo } from "../ipc/types";
import { FieldRow, Section, setOrRemove } from "./fields";

export function DocsTab({ state }: { state: StateInfo }) {
  return (
    <Section title="Documentation">
      <CommentField pointer={`${state.pointer}/Comment`} value={state.json.Comment} />
    </Section>
  );
}

/** A free-text Comment; emptying it removes the field. */
export function CommentField({ pointer, value }: { pointer: string; value: unknown }) {
  const id = useId();
  const text = typeof value === "string" ? value : "";
  const [draft, setDraft] = useState(text);
  useEffect(() => setDraft(text), [text]);
  const commit = () => {
    if (draft === text) return;
    setOrRemove(pointer, draft.trim() === "" ? undefined : draft, value !== undefined);
  };
  return (
    <FieldRow label="Comment" id={id} hint="What this does and why; shown to readers of the file">
      <textarea
        id={id}
        className="insp-input insp-comment"
        data-pointer={pointer}
        rows={5}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) commit();
        }}
      />
    </FieldRow>
  );
}
