// A retrier's or catcher's ErrorEquals as chips: × removes one (remove_field at its
// index), the input adds one (set_field appending at the end), with suggestions of the
// names Step Functions defines and the Task's service exceptions from the catalogue.
import { useEffect, useId, useRef, useState } from "react";
import "./errorChips.css";
import { apply } from "./fields";

/** The error names the States language defines that a retrier or catcher can match
 *  (States.DataLimitExceeded and States.Runtime are terminal: nothing catches them). */
export const STATES_ERRORS = [
  "States.ALL",
  "States.TaskFailed",
  "States.Timeout",
  "States.HeartbeatTimeout",
  "States.Permissions",
  "States.ResultPathMatchFailure",
  "States.ParameterPathFailure",
  "States.QueryEvaluationError",
  "States.BranchFailed",
  "States.NoChoiceMatched",
  "States.IntrinsicFailure",
  "States.ExceedToleratedFailureThreshold",
  "States.ItemReaderFailed",
  "States.ResultWriterFailed",
];

const MAX_SUGGESTIONS = 8;

/** What to offer for `typed`: names not in the list yet, containing the typed text
 *  (case-insensitive), those starting with it first; the service's own before States.*. */
export function suggestErrors(typed: string, present: readonly string[], service: readonly string[]): string[] {
  const q = typed.trim().toLowerCase();
  const all = [...new Set([...service, ...STATES_ERRORS])].filter((n) => !present.includes(n));
  const hits = q ? all.filter((n) => n.toLowerCase().includes(q)) : all;
  const starts = (n: string) => n.toLowerCase().startsWith(q) || n.toLowerCase().split(".").pop()!.startsWith(q);
  return [...hits.filter(starts), ...hits.filter((n) => !starts(n))].slice(0, MAX_SUGGESTIONS);
}

interface Props {
  pointer: string;
  value: unknown;
  /** The Task's service exceptions (Lambda.ServiceException, ...). */
  service: readonly string[];
}

export function ErrorChips({ pointer, value, service }: Props) {
  const id = useId();
  const list = Array.isArray(value) ? value.map(String) : [];
  const [typed, setTyped] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const suggestions = open ? suggestErrors(typed, list, service) : [];
  // The list opens under the input, which may sit at the bottom of the panel.
  const listRef = useRef<HTMLUListElement>(null);
  const shown = suggestions.length > 0;
  useEffect(() => {
    if (shown) listRef.current?.scrollIntoView({ block: "nearest" });
  }, [shown]);
  const add = (name: string) => {
    const n = name.trim();
    setTyped("");
    setActive(0);
    if (!n || list.includes(n)) return;
    void apply(Array.isArray(value) ? { kind: "set_field", pointer: `${pointer}/${list.length}`, value: n } : { kind: "set_field", pointer, value: [n] });
  };
  const alone = list.includes("States.ALL") && list.length > 1;
  return (
    <div className="insp-field err-field">
      <label className="insp-label" htmlFor={id}>
        Errors
      </label>
      <div className="err-chips" data-testid="error-chips" data-pointer-list={pointer}>
        {list.map((name, i) => (
          <span key={`${i}-${name}`} className={`err-chip${name.startsWith("States.") ? " err-chip-states" : ""}`} data-testid="error-chip" data-name={name}>
            {name}
            <button
              type="button"
              className="err-chip-x"
              aria-label={`Remove ${name}`}
              // A retrier or catcher must name at least one error.
              disabled={list.length === 1}
              title={list.length === 1 ? "A retrier or catcher names at least one error" : `Remove ${name}`}
              onClick={() => void apply({ kind: "remove_field", pointer: `${pointer}/${i}` })}
            >
              ×
            </button>
          </span>
        ))}
        <input
          id={id}
          className="err-chip-input"
          data-pointer={pointer}
          value={typed}
          placeholder={list.length ? "Add an error" : "Error name, e.g. States.ALL"}
          spellCheck={false}
          autoComplete="off"
          role="combobox"
          aria-expanded={suggestions.length > 0}
          aria-controls={`${id}-list`}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onChange={(e) => {
            setTyped(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" || e.key === "ArrowUp") {
              e.preventDefault();
              const n = suggestions.length;
              if (n) setActive((a) => (a + (e.key === "ArrowDown" ? 1 : n - 1)) % n);
            } else if (e.key === "Enter") {
              e.preventDefault();
              // The highlighted suggestion (Escape first to add exactly what was typed).
              if (typed.trim()) add(suggestions[active] ?? typed);
            } else if (e.key === "Escape") {
              setOpen(false);
            }
          }}
        />
      </div>
      {suggestions.length > 0 && (
        <ul ref={listRef} className="err-suggest" id={`${id}-list`} role="listbox" data-testid="error-suggestions">
          {suggestions.map((s, i) => (
            <li
              key={s}
              role="option"
              aria-selected={i === active}
              className={i === active ? "err-suggest-active" : undefined}
              data-testid="error-suggestion"
              data-name={s}
              // Keep the input's focus: a blur first would close the list before the click.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => add(s)}
            >
              {s}
              {service.includes(s) && <span className="err-suggest-tag">this service</span>}
            </li>
          ))}
        </ul>
      )}
      <div className="insp-hint">
        {alone ? <span className="err-warn">States.ALL must be the only error in its list.</span> : "Enter a name, or pick one; the first retrier or catcher that matches wins."}
      </div>
    </div>
  );
}
