// Error handling: retriers (tried in order) and catchers (first match wins), added,
// removed and reordered with insert_item/remove_item/move_item; their ErrorEquals as chips
// with suggestions (the States.* names and the Task's service exceptions).
import { useErrors } from "../browser/catalogueData";
import type { StateInfo } from "../ipc/types";
import { useStudio } from "../store/studio";
import { ErrorChips } from "./ErrorChips";
import { apply, Note, NumberField, Section, SelectField, TextField } from "./fields";
import { ItemActions } from "./ItemActions";
import { TargetField } from "./transitions";

type Item = Record<string, unknown>;

export function ErrorsTab({ state }: { state: StateInfo }) {
  if (!["Task", "Parallel", "Map"].includes(state.type))
    return <Note>Only Task, Parallel and Map states retry and catch errors.</Note>;
  return (
    <>
      <Retriers state={state} />
      <Catchers state={state} />
    </>
  );
}

/** The service exceptions a Task's Resource can raise (none for Parallel and Map). */
function useServiceErrors(state: StateInfo): string[] {
  return useErrors(state.type === "Task" ? state.json.Resource : undefined);
}

function Retriers({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const service = useServiceErrors(state);
  const list = Array.isArray(state.json.Retry) ? (state.json.Retry as Item[]) : [];
  const add = () =>
    void apply({
      kind: "insert_item",
      state: p,
      list: "Retry",
      index: null,
      value: { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 },
    });
  return (
    <Section title={`Retry (${list.length})`} actions={<button type="button" className="insp-btn" onClick={add}>+ Add retrier</button>}>
      {list.length === 0 && <Note>No retriers: an error goes straight to the catchers.</Note>}
      {list.map((r, i) => {
        const ip = `${p}/Retry/${i}`;
        return (
          <div className="insp-card" key={i}>
            <div className="insp-card-head">
              <span className="insp-card-title">Retrier {i + 1}</span>
              <ItemActions state={p} list="Retry" index={i} count={list.length} />
            </div>
            <ErrorChips pointer={`${ip}/ErrorEquals`} value={r.ErrorEquals} service={service} />
            <div className="insp-grid">
              <NumberField label="Interval (s)" pointer={`${ip}/IntervalSeconds`} value={r.IntervalSeconds} integer placeholder="1" />
              <NumberField label="Max attempts" pointer={`${ip}/MaxAttempts`} value={r.MaxAttempts} integer placeholder="3" />
              <NumberField label="Backoff rate" pointer={`${ip}/BackoffRate`} value={r.BackoffRate} placeholder="2.0" />
              <NumberField label="Max delay (s)" pointer={`${ip}/MaxDelaySeconds`} value={r.MaxDelaySeconds} integer />
            </div>
            <SelectField
              label="Jitter"
              pointer={`${ip}/JitterStrategy`}
              value={typeof r.JitterStrategy === "string" ? r.JitterStrategy : undefined}
              none="NONE (default)"
              options={[{ value: "FULL" }, { value: "NONE" }]}
            />
          </div>
        );
      })}
    </Section>
  );
}

function Catchers({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const list = Array.isArray(state.json.Catch) ? (state.json.Catch as Item[]) : [];
  const jsonata = state.queryLanguage === "JSONata";
  const service = useServiceErrors(state);
  const fallback = useStudio((s) => {
    const scope = (s.snapshot?.states ?? []).filter((o) => o.scope === state.scope && o.pointer !== state.pointer);
    return (scope.find((o) => o.type === "Fail") ?? scope[0])?.name ?? state.name;
  });
  const add = () =>
    void apply({
      kind: "insert_item",
      state: p,
      list: "Catch",
      index: null,
      value: jsonata ? { ErrorEquals: ["States.ALL"], Next: fallback } : { ErrorEquals: ["States.ALL"], ResultPath: "$.error", Next: fallback },
    });
  return (
    <Section title={`Catch (${list.length})`} actions={<button type="button" className="insp-btn" onClick={add}>+ Add catcher</button>}>
      {list.length === 0 && <Note>No catchers: an error that is not retried fails the {state.scope ? "branch" : "execution"}.</Note>}
      {list.map((c, i) => {
        const ip = `${p}/Catch/${i}`;
        return (
          <div className="insp-card" key={i}>
            <div className="insp-card-head">
              <span className="insp-card-title">Catcher {i + 1}</span>
              <ItemActions state={p} list="Catch" index={i} count={list.length} />
            </div>
            <ErrorChips pointer={`${ip}/ErrorEquals`} value={c.ErrorEquals} service={service} />
            <TargetField state={state} transition={{ kind: "catch", index: i }} label="Go to" pointer={`${ip}/Next`} value={c.Next} />
            {jsonata ? (
              <TextField label="Output" pointer={`${ip}/Output`} value={c.Output} mono placeholder="{% $states.errorOutput %}" />
            ) : (
              <TextField label="ResultPath" pointer={`${ip}/ResultPath`} value={c.ResultPath} mono placeholder="$ (replaces the input)" hint="Where the error goes in the input" />
            )}
          </div>
        );
      })}
    </Section>
  );
}
