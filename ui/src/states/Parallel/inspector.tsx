// Parallel configuration: its branches (drawn as panels on the canvas; drop states into
// them), added, moved and removed here as on the canvas, and where it goes next. Arguments/Parameters and ResultSelector are on the
// Input/Output tab; retriers and catchers on Error handling.
import type { StateInfo } from "../../ipc/types";
import { useStudio } from "../../store/studio";
import { apply, Note, Section } from "../../inspector/fields";
import { ItemActions } from "../../inspector/ItemActions";
import { NextField } from "../../inspector/transitions";
import { addBranch } from "./branches";

export function ParallelConfig({ state }: { state: StateInfo }) {
  const scopes = useStudio((s) => s.snapshot?.scopes);
  const states = useStudio((s) => s.snapshot?.states);
  const branches = (scopes ?? []).filter((sc) => sc.owner === state.pointer);
  const select = useStudio((s) => s.select);
  return (
    <>
      <Section
        title={`Branches (${branches.length})`}
        actions={
          <button
            type="button"
            className="insp-btn"
            onClick={() => {
              const snapshot = useStudio.getState().snapshot;
              if (snapshot) void apply(addBranch(snapshot, state.pointer));
            }}
          >
            + Add branch
          </button>
        }
      >
        {branches.length === 0 && <Note>No branches. A Parallel state needs at least one.</Note>}
        <ul className="insp-branches">
          {branches.map((b, i) => {
            const inside = (states ?? []).filter((s) => s.scope === b.pointer);
            return (
              <li key={b.pointer}>
                <span className="insp-card-title">Branch {i + 1}</span>
                <span className="insp-muted">
                  {inside.length} state{inside.length === 1 ? "" : "s"}
                  {b.startAt ? `, starts at ` : ""}
                </span>
                {b.startAt && (
                  <button
                    type="button"
                    className="insp-link"
                    onClick={() => {
                      const first = inside.find((s) => s.name === b.startAt);
                      if (first) select([first.pointer]);
                    }}
                  >
                    {b.startAt}
                  </button>
                )}
                <ItemActions state={state.pointer} list="Branches" index={i} count={branches.length} />
              </li>
            );
          })}
        </ul>
        <Note>Drag states from the browser into a branch panel on the canvas.</Note>
      </Section>
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}
