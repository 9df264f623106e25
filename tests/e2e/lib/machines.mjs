// Generated machines the end-to-end tests open.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A chain of blocks: Task (with a catcher) -> Choice -> two Pass -> Wait, ~`states` states. */
export function bigMachine(states) {
  const s = {};
  const blocks = Math.ceil(states / 5);
  for (let i = 0; i < blocks; i++) {
    const next = i + 1 < blocks ? `Task${i + 1}` : "Done";
    s[`Task${i}`] = { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { "Payload.$": "$" }, Catch: [{ ErrorEquals: ["States.ALL"], Next: "Done" }], Next: `Check${i}` };
    s[`Check${i}`] = { Type: "Choice", Choices: [{ Variable: "$.n", NumericGreaterThan: i, Next: `Big${i}` }], Default: `Small${i}` };
    s[`Big${i}`] = { Type: "Pass", Next: `Wait${i}` };
    s[`Small${i}`] = { Type: "Pass", Next: `Wait${i}` };
    s[`Wait${i}`] = { Type: "Wait", Seconds: 1, Next: next };
  }
  s.Done = { Type: "Succeed" };
  return JSON.stringify({ StartAt: "Task0", States: s }, null, 2) + "\n";
}

/** Writes `name` (a machine object) into a fresh temporary folder; answers its path. */
export function machineFile(name, machine) {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-machine-")), name);
  writeFileSync(file, JSON.stringify(machine, null, 2));
  return file;
}

/** A Map over [1, 2, 3, 4, 5] whose third iteration fails (Error "Three"). `map` adds
 *  fields to the Map state (tolerated failures, MaxConcurrency), `processor` to its
 *  ItemProcessor (ProcessorConfig), and `good` is where the other items end. */
export function failingMap({ map = {}, processor = {}, good = { Type: "Succeed" } } = {}) {
  return {
    StartAt: "Items",
    States: {
      Items: { Type: "Pass", Result: [1, 2, 3, 4, 5], Next: "Each" },
      Each: {
        Type: "Map",
        ...map,
        End: true,
        ItemProcessor: {
          ...processor,
          StartAt: "Check",
          States: {
            Check: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 3, Next: "Bad" }], Default: "Good" },
            Bad: { Type: "Fail", Error: "Three", Cause: "item 3 fails" },
            Good: good,
          },
        },
      },
    },
  };
}
