// Transition pickers: choose the target of a Next, Default, rule or catcher among the
// states of the same scope (a transition never leaves its scope). Picking is a
// `connect`; "End" / "none" is a `disconnect` (or removing Default).
import type { StateInfo, Transition } from "../ipc/types";
import { useStudio } from "../store/studio";
import { apply, SelectField } from "./fields";

/** Names of the states a transition of `state` may target. */
export function useScopeTargets(state: StateInfo): string[] {
  return useStudio((s) =>
    (s.snapshot?.states ?? [])
      .filter((o) => o.scope === state.scope)
      .map((o) => o.name)
      .join("\u0000"),
  )
    .split("\u0000")
    .filter(Boolean);
}

interface Props {
  state: StateInfo;
  transition: Transition;
  label: string;
  pointer: string;
  value: unknown;
  /** Label of the "no target" choice, e.g. "End (stop here)"; absent: always targeted. */
  none?: string;
  hint?: string;
}

export function TargetField({ state, transition, label, pointer, value, none, hint }: Props) {
  const targets = useScopeTargets(state);
  return (
    <SelectField
      label={label}
      pointer={pointer}
      hint={hint}
      value={typeof value === "string" ? value : undefined}
      none={none}
      options={targets.map((t) => ({ value: t, label: t === state.name ? `${t} (itself)` : t }))}
      onPick={(target) => {
        if (target) void apply({ kind: "connect", from: state.pointer, transition, target });
        else void apply({ kind: "disconnect", from: state.pointer, transition });
      }}
    />
  );
}

/** The Next/End picker of a state that continues (Task, Pass, Wait, Parallel, Map). */
export function NextField({ state }: { state: StateInfo }) {
  return (
    <TargetField
      state={state}
      transition={{ kind: "next" }}
      label="Next state"
      pointer={`${state.pointer}/Next`}
      value={state.json.Next}
      none="End (this scope stops here)"
    />
  );
}
