// Generated machines the end-to-end tests open.

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
