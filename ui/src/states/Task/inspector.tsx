// Task configuration: the resource it calls, its arguments (JSONata `Arguments` or
// JSONPath `Parameters`), timeouts, and where it goes next.
import type { StateInfo } from "../../ipc/types";
import { JsonField, NumberField, Section, TextField } from "../../inspector/fields";
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

export function TaskConfig({ state }: { state: StateInfo }) {
  const p = state.pointer;
  const j = state.json;
  const jsonata = state.queryLanguage === "JSONata";
  return (
    <>
      <Section title="API">
        <TextField label="Resource" pointer={`${p}/Resource`} value={j.Resource} removable={false} list="asl-task-resources" mono hint="An ARN: a service integration or an activity" />
        <datalist id="asl-task-resources">
          {RESOURCES.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        {jsonata ? (
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
