// A template's `${...}` placeholders and CloudFormation intrinsics, with the value a run
// fills in for each and where it comes from: the template's own literal, a parameter's
// default, the user's value (remembered per file) or a generated stand-in. Editing a
// value changes runs only; the template is never written.
import { useEffect, useState } from "react";
import { documentSetSubstitution, documentSubstitutions, type Substitution } from "../ipc";
import { useStudio } from "../store/studio";
import "./substitutions.css";

const ORIGIN: Record<Substitution["origin"], { label: string; title: string }> = {
  user: { label: "yours", title: "Your value, remembered for this file" },
  template: { label: "template", title: "The template's own value (DefinitionSubstitutions, Fn::Sub or templatefile variables)" },
  parameter: { label: "default", title: "The Default of the template parameter (or Terraform variable) it refers to" },
  generated: { label: "stand-in", title: "Generated in the shape of the deployed value (account 123456789012, us-east-1)" },
  unresolved: { label: "as written", title: "Nothing gives it a value: AWS receives it as written" },
};

/** `${Name}` for a placeholder; an intrinsic's short form as it is. */
const shown = (name: string) => (name.startsWith("!") ? name : `\${${name}}`);

export function SubstitutionsSection() {
  const revision = useStudio((s) => s.snapshot?.revision ?? 0);
  const path = useStudio((s) => s.snapshot?.path ?? null);
  const [rows, setRows] = useState<Substitution[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    documentSubstitutions()
      .then((r) => live && setRows(r))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [revision, path]);

  if (rows.length === 0) return null;
  const set = (name: string, value: string | null) =>
    documentSetSubstitution(name, value).then(
      (r) => {
        setRows(r);
        setError(null);
      },
      (e: { message?: string }) => setError(e?.message ?? String(e)),
    );
  return (
    <section className="run-section" data-testid="run-substitutions">
      <h4>Substitutions</h4>
      <div className="run-hint sub-hint">Filled in for runs only: the template is not changed.</div>
      <table className="sub-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="substitution" data-name={r.name} data-origin={r.origin}>
              <th className="mono" title={shown(r.name)}>
                {shown(r.name)}
              </th>
              <td>
                <SubstitutionValue row={r} onCommit={(v) => void set(r.name, v)} />
              </td>
              <td>
                <span className={`sub-origin sub-${r.origin}`} title={ORIGIN[r.origin].title}>
                  {ORIGIN[r.origin].label}
                </span>
                {r.origin === "user" && (
                  <button className="sub-reset" title="Forget your value" aria-label={`Reset ${shown(r.name)}`} onClick={() => void set(r.name, null)}>
                    ×
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error && <div className="run-error">{error}</div>}
    </section>
  );
}

/** The value, edited in place; committed on Enter or when the field loses focus. */
function SubstitutionValue({ row, onCommit }: { row: Substitution; onCommit: (value: string) => void }) {
  const [draft, setDraft] = useState(row.value ?? "");
  useEffect(() => setDraft(row.value ?? ""), [row.value]);
  const commit = () => {
    if (draft !== (row.value ?? "")) onCommit(draft);
  };
  return (
    <input
      className="run-input mono"
      aria-label={`Value of ${shown(row.name)}`}
      value={draft}
      placeholder={row.origin === "unresolved" ? "as written" : undefined}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") commit();
        if (e.key === "Escape") setDraft(row.value ?? "");
      }}
    />
  );
}
