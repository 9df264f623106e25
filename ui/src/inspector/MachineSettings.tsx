// With no state selected, the Inspector edits the machine itself: Comment, query
// language, timeout. Read from the text when it is JSON (the snapshot carries states,
// not the machine's own fields); YAML machines are edited in Code mode.
import { useMemo } from "react";
import { useStudio } from "../store/studio";
import { CommentField } from "./DocsTab";
import { Note, NumberField, Section, SelectField } from "./fields";

export function MachineSettings() {
  const text = useStudio((s) => s.snapshot?.text ?? "");
  const format = useStudio((s) => s.snapshot?.format);
  const count = useStudio((s) => s.snapshot?.states.length ?? 0);
  const machine = useMemo(() => {
    try {
      const v = JSON.parse(text) as unknown;
      return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }, [text]);
  return (
    <div className="insp-body">
      <h3 className="insp-title">State machine</h3>
      <Note>
        {count} state{count === 1 ? "" : "s"}. Select a state on the canvas to edit it, or drag one in from the
        browser.
      </Note>
      {machine ? (
        <>
          <Section title="Settings">
            <SelectField
              label="Query language"
              pointer="/QueryLanguage"
              value={typeof machine.QueryLanguage === "string" ? machine.QueryLanguage : undefined}
              none="JSONPath (default)"
              options={[{ value: "JSONPath" }, { value: "JSONata" }]}
            />
            <NumberField label="TimeoutSeconds" pointer="/TimeoutSeconds" value={machine.TimeoutSeconds} integer placeholder="none" />
          </Section>
          <Section title="Documentation">
            <CommentField pointer="/Comment" value={machine.Comment} />
          </Section>
        </>
      ) : format === "yaml" ? (
        <Note>Machine-level fields of a YAML file are edited in Code mode.</Note>
      ) : null}
    </div>
  );
}
