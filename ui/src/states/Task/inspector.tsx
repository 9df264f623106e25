// Task configuration: the resource it calls (the catalogue's action, with its integration
// pattern), its arguments (JSONata `Arguments` or JSONPath `Parameters`) as a form built
// from the action's request model or as raw JSON, timeouts, and where it goes next.
import { useState } from "react";
import { loadAction, useAction } from "../../browser/catalogueData";
import { PATTERN_LABEL, patternOf, withPattern } from "../../browser/catalogue";
import type { Action, Pattern } from "../../ipc";
import type { StateInfo } from "../../ipc/types";
import { apply, JsonField, NumberField, Section, SelectField, TextField } from "../../inspector/fields";
import { ShapeForm } from "../../inspector/ShapeForm";
import { NextField } from "../../inspector/transitions";

const RESOURCES = [
  "arn:aws:states:::lambda:invoke",
  "arn:aws:states:::sns:publish",
  "arn:aws:states:::sqs:sendMessage",
  "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
  "arn:aws:states:::dynamodb:getItem",
  "arn:aws:states:::dynamodb:putItem",
  "arn:aws:states:::dynamodb:updateItem",
  "arn:aws:states:::dynamodb:deleteItem",
  "arn:aws:states:::ecs:runTask.sync",
  "arn:aws:states:::glue:startJobRun.sync",
  "arn:aws:states:::states:startExecution.sync:2",
  "arn:aws:states:::events:putEvents",
  "arn:aws:states:::http:invoke",
];

// Warm the catalogue's answer for the common integrations before a Task is selected.
void loadAction(RESOURCES[0]);

export function TaskConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  const action = useAction(j.Resource);
  const [view, setView] = useState<"form" | "json">("form");
  const field = jsonata ? "Arguments" : "Parameters";
  const form = action !== null && view === "form";
  return (
    <>
      <Section title="API">
        {action && <ActionHead action={action} />}
        <TextField label="Resource" pointer={`${p}/Resource`} value={j.Resource} removable={false} list="asl-task-resources" mono hint={action ? undefined : "An ARN: a service integration or an activity"} />
        {action && <PatternPicker action={action} pointer={`${p}/Resource`} resource={String(j.Resource)} />}
        <datalist id="asl-task-resources">
          {RESOURCES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
      </Section>
      <Section
        title={field}
        actions={
          action && (
            <span className="shape-view" role="group" aria-label={`${field} view`}>
              <button type="button" aria-pressed={form} data-testid="task-args-form" onClick={() => setView("form")}>
                Form
              </button>
              <button type="button" aria-pressed={!form} data-testid="task-args-json" onClick={() => setView("json")}>
                JSON
              </button>
            </span>
          )
        }
      >
        {form ? (
          <ShapeForm pointer={`${p}/${field}`} value={j[field]} shapes={action.shapes} input={action.input} jsonata={jsonata} />
        ) : jsonata ? (
          <JsonField label="Arguments" pointer={`${p}/Arguments`} value={j.Arguments} expression rows={4} hint="JSON with {% %} JSONata expressions" />
        ) : (
          <JsonField label="Parameters" pointer={`${p}/Parameters`} value={j.Parameters} rows={4} hint='Keys ending in ".$" take a path: "Payload.$": "$"' />
        )}
      </Section>
      <Section title="Timeouts">
        <NumberField label="TimeoutSeconds" pointer={`${p}/TimeoutSeconds`} value={j.TimeoutSeconds} integer expression={jsonata} placeholder="99999999 (default)" />
        <NumberField label="HeartbeatSeconds" pointer={`${p}/HeartbeatSeconds`} value={j.HeartbeatSeconds} integer expression={jsonata} />
      </Section>
      <Section title="Transition">
        <NextField state={state} />
      </Section>
    </>
  );
}

/** The action the Resource names, as the catalogue describes it. */
function ActionHead({ action }: { action: Action }) {
  const s = action.summary;
  return (
    <div className="task-action" data-testid="task-action">
      <strong>
        {s.serviceId}: {s.action}
      </strong>
      {s.kind === "sdk" && <span className="insp-muted"> · AWS SDK integration</span>}
      {s.doc && <p>{s.doc}</p>}
    </div>
  );
}

/** The integration pattern, where the action offers several: a change of the Resource's
 *  suffix (one set_field). */
function PatternPicker({ action, pointer, resource }: { action: Action; pointer: string; resource: string }) {
  const patterns = action.summary.patterns;
  if (patterns.length < 2) return null;
  return (
    <SelectField
      label="Integration pattern"
      pointer={pointer}
      value={patternOf(resource)}
      options={patterns.map((p) => ({ value: p, label: PATTERN_LABEL[p] }))}
      onPick={(p) => {
        if (p) void apply({ kind: "set_field", pointer, value: withPattern(resource, p as Pattern) });
      }}
    />
  );
}
