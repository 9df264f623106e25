// Choice configuration: the rules in order, each a condition and a target, and the
// Default. JSONPath conditions are built (comparisons, And/Or/Not groups, nested);
// JSONata ones are an expression with completion. Above the rules: what the Choice does
// with the input the last run gave it, decided by the engine (choice_preview), and on
// each rule whether it matches that input. Rules are added, removed and reordered with
// insert_item/remove_item/move_item.
import { lazy, Suspense, useEffect, useId, useMemo, useState } from "react";
import type { ChoicePreview } from "../../ipc/generated";
import type { StateInfo } from "../../ipc/types";
import { choicePreview } from "../../ipc/run";
import { apply, Section } from "../../inspector/fields";
import { ItemActions } from "../../inspector/ItemActions";
import { TargetField, useScopeTargets } from "../../inspector/transitions";
import { useRun } from "../../run/runStore";
import { useStudio } from "../../store/studio";
import { ConditionBuilder } from "./ConditionBuilder";
import { comparison, conditionOf, describe, withCondition, type Condition } from "./conditions";
import { jsonataCompletions, variableSuggestions } from "./knownPaths";
import "./choice.css";

const JsonataCondition = lazy(() => import("./JsonataCondition"));

type Rule = Condition;

export { ruleOperator, withOperator } from "./conditions";

/** Where a new rule goes: the Default's target, else the state after the Choice in its
 *  scope, never the Choice itself (nor back to the scope's start, which loops). */
export function newRuleTarget(state: StateInfo, targets: string[]): string {
  if (typeof state.json.Default === "string" && state.json.Default) return state.json.Default;
  const after = targets.slice(targets.indexOf(state.name) + 1).find((t) => t !== state.name);
  return after ?? targets.find((t) => t !== state.name) ?? state.name;
}

export function ChoiceConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const rules = Array.isArray(state.json.Choices) ? (state.json.Choices as Rule[]) : [];
  const targets = useScopeTargets(state);
  const jsonata = state.queryLanguage === "JSONata";
  const preview = usePreview(state);
  const states = useStudio((s) => s.snapshot?.states);
  const input = preview?.input ?? null;
  const suggestions = useMemo(() => variableSuggestions(states ?? [], input), [states, input]);
  const completions = useMemo(() => jsonataCompletions(states ?? [], input), [states, input]);
  const list = useId();
  const addRule = () => {
    const next = newRuleTarget(state, targets);
    const value = jsonata ? { Condition: "{% $states.input.value = 'example' %}", Next: next } : { ...comparison(suggestions[0]), Next: next };
    void apply({ kind: "insert_item", state: p, list: "Choices", index: null, value });
  };
  return (
    <>
      <datalist id={list}>
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <PreviewNote preview={preview} />
      <Section
        title={`Rules (${rules.length})`}
        actions={
          <button type="button" className="insp-btn" onClick={addRule} data-testid="choice-add-rule">
            + Add rule
          </button>
        }
      >
        {rules.length === 0 && <p className="insp-note">No rules yet: every input takes the Default.</p>}
        {rules.map((rule, i) => {
          const pointer = `${p}/Choices/${i}`;
          const answer = preview?.rules[i];
          return (
            <div className={`insp-card${preview?.rule === i ? " cond-taken" : ""}`} key={i} data-testid={`choice-rule-${i}`}>
              <div className="insp-card-head">
                <span className="insp-card-title" title={jsonata ? String(rule.Condition ?? "") : describe(conditionOf(rule))}>
                  Rule {i + 1}
                </span>
                {answer && <RuleBadge answer={answer} />}
                <ItemActions state={p} list="Choices" index={i} count={rules.length} />
              </div>
              {jsonata ? (
                <Suspense fallback={<div className="insp-note">Loading the editor…</div>}>
                  <JsonataCondition pointer={`${pointer}/Condition`} value={rule.Condition} completions={completions} />
                </Suspense>
              ) : (
                <ConditionBuilder
                  pointer={pointer}
                  condition={conditionOf(rule)}
                  replace={(next) => void apply({ kind: "set_field", pointer, value: withCondition(rule, next) })}
                  list={list}
                />
              )}
              <TargetField state={state} transition={{ kind: "choice_rule", index: i }} label="Then go to" pointer={`${pointer}/Next`} value={rule.Next} />
            </div>
          );
        })}
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

/** The engine's answer for this Choice, asked again when its rules or the runs change. */
function usePreview(state: StateInfo): ChoicePreview | null {
  const runs = useRun((s) => s.runs.map((r) => `${r.id}:${r.status}`).join(","));
  const [preview, setPreview] = useState<ChoicePreview | null>(null);
  const rules = JSON.stringify([state.json.Choices, state.json.Default]);
  useEffect(() => {
    let live = true;
    const id = setTimeout(() => {
      choicePreview(state.pointer)
        .then((p) => live && setPreview(p))
        .catch(() => live && setPreview(null));
    }, 150);
    return () => {
      live = false;
      clearTimeout(id);
    };
  }, [state.pointer, rules, runs]);
  return preview;
}

function PreviewNote({ preview }: { preview: ChoicePreview | null }) {
  if (!preview) return null;
  if (preview.inputFrom === null) {
    return <p className="insp-note cond-preview">Run the machine once to see here which rule its input takes.</p>;
  }
  const whose = preview.inputFrom === "state" ? "With the input the last run gave this state" : "With the last run's input";
  const outcome = preview.error
    ? `it fails: ${preview.error}${preview.cause ? ` — ${preview.cause}` : ""}`
    : preview.default
      ? `no rule matches: Default → ${preview.next}`
      : `rule ${(preview.rule ?? 0) + 1} matches → ${preview.next}`;
  return (
    <details className={`insp-note cond-preview${preview.error ? " cond-preview-error" : ""}`} data-testid="choice-preview">
      <summary>
        {whose}, {outcome}.
      </summary>
      <pre className="insp-mono">{JSON.stringify(preview.input, null, 2)}</pre>
    </details>
  );
}

function RuleBadge({ answer }: { answer: ChoicePreview["rules"][number] }) {
  if (answer.error) {
    return (
      <span className="cond-badge cond-badge-error" title={answer.cause ?? ""}>
        {answer.error}
      </span>
    );
  }
  return <span className={`cond-badge${answer.matches ? " cond-badge-yes" : ""}`}>{answer.matches ? "matches" : "no match"}</span>;
}
