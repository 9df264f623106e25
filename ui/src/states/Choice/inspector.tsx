// Choice configuration: the rules in order, each with its condition and target, and the
// Default. JSONata rules are a `Condition` expression; JSONPath rules are Variable +
// comparison operator + value (compound And/Or/Not rules are edited as JSON).
// Rules are added, removed and reordered with insert_item/remove_item/move_item.
import type { StateInfo } from "../../ipc/types";
import { apply, JsonField, Section, SelectField, TextField } from "../../inspector/fields";
import { ItemActions } from "../../inspector/ItemActions";
import { TargetField, useScopeTargets } from "../../inspector/transitions";

type Rule = Record<string, unknown>;

/** JSONPath comparison operators, grouped by the kind of value they take. */
const OPERATORS: { op: string; value: "string" | "number" | "boolean" | "path" | "timestamp" }[] = [
  ...["StringEquals", "StringLessThan", "StringGreaterThan", "StringLessThanEquals", "StringGreaterThanEquals", "StringMatches"].map((op) => ({ op, value: "string" as const })),
  ...["NumericEquals", "NumericLessThan", "NumericGreaterThan", "NumericLessThanEquals", "NumericGreaterThanEquals"].map((op) => ({ op, value: "number" as const })),
  { op: "BooleanEquals", value: "boolean" },
  ...["TimestampEquals", "TimestampLessThan", "TimestampGreaterThan", "TimestampLessThanEquals", "TimestampGreaterThanEquals"].map((op) => ({ op, value: "timestamp" as const })),
  ...["IsPresent", "IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp"].map((op) => ({ op, value: "boolean" as const })),
];
const PATH_OPS = OPERATORS.filter((o) => o.value !== "boolean" || o.op === "BooleanEquals")
  .filter((o) => o.op !== "StringMatches")
  .map((o) => ({ op: `${o.op}Path`, value: "path" as const }));
const ALL_OPS = [...OPERATORS, ...PATH_OPS];

/** The operator key of a simple JSONPath rule, or null for a compound one. */
export function ruleOperator(rule: Rule): string | null {
  if (!("Variable" in rule)) return null;
  return ALL_OPS.find((o) => o.op in rule)?.op ?? null;
}

/** A rule with its operator replaced, keeping Variable first and the other keys. */
export function withOperator(rule: Rule, op: string): Rule {
  const old = ruleOperator(rule);
  const kind = ALL_OPS.find((o) => o.op === op)?.value ?? "string";
  const prev = old ? rule[old] : undefined;
  const value =
    kind === "number" ? (typeof prev === "number" ? prev : 0)
    : kind === "boolean" ? (typeof prev === "boolean" ? prev : true)
    : kind === "path" ? (typeof prev === "string" && prev.startsWith("$") ? prev : "$.other")
    : typeof prev === "string" && !prev.startsWith("$") ? prev : "";
  const out: Rule = {};
  for (const [k, v] of Object.entries(rule)) {
    if (k === old) out[op] = value;
    else out[k] = v;
  }
  if (!old) out[op] = value;
  return out;
}

export function ChoiceConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const rules = Array.isArray(state.json.Choices) ? (state.json.Choices as Rule[]) : [];
  const targets = useScopeTargets(state);
  const jsonata = state.queryLanguage === "JSONata";
  const addRule = () => {
    const next = (typeof state.json.Default === "string" && state.json.Default) || targets.find((t) => t !== state.name) || state.name;
    const value = jsonata ? { Condition: "{% true %}", Next: next } : { Variable: "$.value", StringEquals: "example", Next: next };
    void apply({ kind: "insert_item", state: p, list: "Choices", index: null, value });
  };
  return (
    <>
      <Section
        title={`Rules (${rules.length})`}
        actions={
          <button type="button" className="insp-btn" onClick={addRule}>
            + Add rule
          </button>
        }
      >
        {rules.length === 0 && <p className="insp-note">No rules yet: every input takes the Default.</p>}
        {rules.map((rule, i) => (
          <div className="insp-card" key={i}>
            <div className="insp-card-head">
              <span className="insp-card-title">Rule {i + 1}</span>
              <ItemActions state={p} list="Choices" index={i} count={rules.length} />
            </div>
            {jsonata ? <JsonataRule pointer={`${p}/Choices/${i}`} rule={rule} /> : <JsonPathRule pointer={`${p}/Choices/${i}`} rule={rule} />}
            <TargetField state={state} transition={{ kind: "choice_rule", index: i }} label="Then go to" pointer={`${p}/Choices/${i}/Next`} value={rule.Next} />
          </div>
        ))}
      </Section>
      <Section title="Default">
        <TargetField
          state={state}
          transition={{ kind: "default" }}
          label="When no rule matches"
          pointer={`${p}/Default`}
          value={state.json.Default}
          none="(none: the execution fails with States.NoChoiceMatched)"
        />
      </Section>
    </>
  );
}

function JsonataRule({ pointer, rule }: { pointer: string; rule: Rule }) {
  return (
    <TextField
      label="Condition"
      pointer={`${pointer}/Condition`}
      value={rule.Condition}
      removable={false}
      mono
      hint="A JSONata expression: {% $states.input.total > 100 %}"
      parse={(t) => (/^\s*\{%[\s\S]*%\}\s*$/.test(t) ? t.trim() : new Error("Write the condition as {% … %}"))}
    />
  );
}

function JsonPathRule({ pointer, rule }: { pointer: string; rule: Rule }) {
  const op = ruleOperator(rule);
  if (!op) {
    // And / Or / Not (or something unusual): the rule without its Next, as JSON.
    const { Next: _n, ...condition } = rule;
    void _n;
    const keys = Object.keys(condition);
    return (
      <>
        {keys.map((k) => (
          <JsonField key={k} label={k} pointer={`${pointer}/${k}`} value={condition[k]} rows={3} />
        ))}
      </>
    );
  }
  const kind = ALL_OPS.find((o) => o.op === op)!.value;
  const value = rule[op];
  return (
    <>
      <TextField label="Variable" pointer={`${pointer}/Variable`} value={rule.Variable} removable={false} mono placeholder="$.value" />
      <SelectField
        label="Operator"
        pointer={`${pointer}/${op}`}
        value={op}
        options={ALL_OPS.map((o) => ({ value: o.op }))}
        onPick={(next) => next && next !== op && void apply({ kind: "set_field", pointer, value: withOperator(rule, next) })}
      />
      {kind === "boolean" ? (
        <SelectField
          label="Value"
          pointer={`${pointer}/${op}`}
          value={String(value)}
          options={[{ value: "true" }, { value: "false" }]}
          onPick={(v) => void apply({ kind: "set_field", pointer: `${pointer}/${op}`, value: v === "true" })}
        />
      ) : (
        <TextField
          label="Value"
          pointer={`${pointer}/${op}`}
          value={value}
          removable={false}
          mono={kind !== "string"}
          parse={kind === "number" ? (t) => (Number.isFinite(Number(t)) && t.trim() ? Number(t) : new Error("Enter a number")) : undefined}
        />
      )}
    </>
  );
}
