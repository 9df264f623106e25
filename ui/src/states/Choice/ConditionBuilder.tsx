// The JSONPath condition builder: a comparison (variable, operator, value) or an
// And/Or/Not group of conditions, nested as deep as the rule is. Every gesture is one
// `set_field`: a value at its own pointer (one line changes), a structural change (a
// member added, a group regrouped) on the group it changes.
import { useId } from "react";
import { apply, FieldRow, SelectField, TextField } from "../../inspector/fields";
import { ALL_OPS, comparison, groupOf, operatorKind, regroup, ruleOperator, withMember, withOperator, type Condition, type Group } from "./conditions";

interface Props {
  /** The condition's pointer (a rule's, or a member's: `…/And/1`). */
  pointer: string;
  condition: Condition;
  /** Writes a new condition in this one's place (a rule keeps its Next). */
  replace: (next: Condition) => void;
  /** Variable suggestions (a datalist's id). */
  list: string;
  /** Removes this member from its group; absent at the top or when it is the last. */
  remove?: () => void;
  depth?: number;
}

const GROUPS: { value: string; label: string }[] = [
  { value: "", label: "A comparison" },
  { value: "And", label: "All of (And)" },
  { value: "Or", label: "Any of (Or)" },
  { value: "Not", label: "Not" },
];

export function ConditionBuilder({ pointer, condition, replace, list, remove, depth = 0 }: Props) {
  const group = groupOf(condition);
  const kindSelect = (
    <SelectField
      label={depth === 0 ? "Match" : "Condition"}
      pointer={`${pointer}#kind`}
      value={group ?? ""}
      options={GROUPS}
      onPick={(g) => replace(regroup(condition, (g || null) as Group | null))}
    />
  );
  if (group === "Not") {
    return (
      <div className="cond-group" data-depth={depth}>
        <div className="cond-group-head">
          {kindSelect}
          {remove && <RemoveButton onClick={remove} />}
        </div>
        <ConditionBuilder
          pointer={`${pointer}/Not`}
          condition={condition.Not as Condition}
          replace={(inner) => replace({ ...condition, Not: inner })}
          list={list}
          depth={depth + 1}
        />
      </div>
    );
  }
  if (group) {
    const members = (condition[group] as Condition[]) ?? [];
    return (
      <div className="cond-group" data-depth={depth}>
        <div className="cond-group-head">
          {kindSelect}
          {remove && <RemoveButton onClick={remove} />}
        </div>
        {members.map((m, i) => (
          <ConditionBuilder
            key={i}
            pointer={`${pointer}/${group}/${i}`}
            condition={m}
            replace={(next) => replace(withMember(condition, i, next))}
            remove={members.length > 1 ? () => replace(withMember(condition, i, null)) : undefined}
            list={list}
            depth={depth + 1}
          />
        ))}
        <div className="cond-actions">
          <button type="button" className="insp-btn" onClick={() => replace(withMember(condition, members.length, comparison(lastVariable(members))))}>
            + Comparison
          </button>
          <button
            type="button"
            className="insp-btn"
            onClick={() => replace(withMember(condition, members.length, regroup(comparison(lastVariable(members)), group === "And" ? "Or" : "And")))}
          >
            + Group
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className={depth === 0 ? "cond-top" : "cond-member"} data-depth={depth}>
      {depth === 0 ? kindSelect : null}
      <Comparison pointer={pointer} condition={condition} replace={replace} list={list} remove={remove} nested={depth > 0} />
    </div>
  );
}

function lastVariable(members: Condition[]): string | undefined {
  const last = [...members].reverse().find((m) => typeof m.Variable === "string");
  return last?.Variable as string | undefined;
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="insp-btn insp-danger cond-remove" title="Remove this condition" aria-label="Remove this condition" onClick={onClick}>
      ×
    </button>
  );
}

/** Variable, operator and value of one comparison. */
function Comparison({ pointer, condition, replace, list, remove, nested }: Omit<Props, "depth"> & { nested: boolean }) {
  const id = useId();
  const op = ruleOperator(condition);
  if (!op) {
    return (
      <FieldRow label="Condition" hint="Not a comparison the builder knows: edit it in the code view." id={id}>
        <code className="insp-mono">{JSON.stringify(condition)}</code>
      </FieldRow>
    );
  }
  const kind = operatorKind(op);
  const value = condition[op];
  return (
    <div className={nested ? "cond-compare cond-nested" : "cond-compare"}>
      {nested && remove && <RemoveButton onClick={remove} />}
      <TextField label="Variable" pointer={`${pointer}/Variable`} value={condition.Variable} removable={false} mono placeholder="$.value" list={list} />
      <SelectField
        label="Operator"
        pointer={`${pointer}/${op}#op`}
        value={op}
        options={ALL_OPS.map((o) => ({ value: o.op, label: `${o.label}  (${o.op})` }))}
        onPick={(next) => next && next !== op && replace(withOperator(condition, next))}
      />
      {kind === "boolean" || kind === "test" ? (
        <SelectField
          label={kind === "test" ? "Holds" : "Value"}
          pointer={`${pointer}/${op}`}
          value={String(value)}
          options={[{ value: "true" }, { value: "false" }]}
          onPick={(v) => void apply({ kind: "set_field", pointer: `${pointer}/${op}`, value: v === "true" })}
        />
      ) : (
        <TextField
          label={kind === "path" ? "Compared with (path)" : "Value"}
          pointer={`${pointer}/${op}`}
          value={value}
          removable={false}
          mono={kind !== "string"}
          list={kind === "path" ? list : undefined}
          placeholder={kind === "timestamp" ? "2024-01-01T00:00:00Z" : undefined}
          parse={kind === "number" ? (t) => (Number.isFinite(Number(t)) && t.trim() ? Number(t) : new Error("Enter a number")) : undefined}
        />
      )}
    </div>
  );
}
