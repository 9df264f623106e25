// @aws-sdk/client-sfn (JavaScript SDK v3) against asl serve, configured as the README says
// (endpoint + disableHostPrefix). ASL_SERVE_URL names a running server, started with
// tests/serve/mock-config.json.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  SFNClient, CreateStateMachineCommand, DeleteStateMachineCommand, StartSyncExecutionCommand,
  StartExecutionCommand, DescribeExecutionCommand, GetExecutionHistoryCommand, SendTaskSuccessCommand,
  DescribeStateMachineCommand, StateMachineDoesNotExist, paginateGetExecutionHistory,
  CreateActivityCommand, GetActivityTaskCommand, DeleteActivityCommand,
} from "@aws-sdk/client-sfn";

const endpoint = process.env.ASL_SERVE_URL;
const sfn = new SFNClient({
  endpoint, region: "us-east-1", disableHostPrefix: true,
  credentials: { accessKeyId: "test", secretAccessKey: "test" },
});
const role = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const arnOf = (name) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;

async function machine(name, definition, type = "STANDARD") {
  await sfn.send(new DeleteStateMachineCommand({ stateMachineArn: arnOf(name) }));
  const r = await sfn.send(new CreateStateMachineCommand({ name, definition: JSON.stringify(definition), roleArn: role, type }));
  return r.stateMachineArn;
}

async function done(executionArn) {
  for (let i = 0; i < 500; i++) {
    const d = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (d.status !== "RUNNING") return d;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${executionArn} still running`);
}

const counter = {
  StartAt: "Init",
  States: {
    Init: { Type: "Pass", Result: 0, ResultPath: "$.i", Next: "Loop" },
    Loop: { Type: "Choice", Choices: [{ Variable: "$.i", NumericLessThan: 4, Next: "Inc" }], Default: "Done" },
    Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Loop" },
    Done: { Type: "Succeed" },
  },
};

test("sync execution with the sync- host prefix disabled", async () => {
  const arn = await machine("JsSync", counter, "EXPRESS");
  const r = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: arn, input: "{}" }));
  assert.equal(r.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(r.output), { i: 4 });
  assert.ok(r.startDate instanceof Date);
});

test("history pages in both orders", async () => {
  const arn = await machine("JsHistory", counter);
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: "{}" }));
  assert.equal((await done(executionArn)).status, "SUCCEEDED");
  for (const reverseOrder of [false, true]) {
    const ids = [];
    for await (const page of paginateGetExecutionHistory({ client: sfn, pageSize: 5 }, { executionArn, reverseOrder })) {
      assert.ok(page.events.length <= 5);
      ids.push(...page.events.map((e) => e.id));
    }
    const n = ids.length;
    assert.ok(n > 10);
    const forward = Array.from({ length: n }, (_, k) => k + 1);
    assert.deepEqual(ids, reverseOrder ? forward.reverse() : forward);
  }
});

test("task token answered", async () => {
  const arn = await machine("JsToken", {
    StartAt: "Ask",
    States: { Ask: { Type: "Task", Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
      Parameters: { QueueUrl: "q", MessageBody: { "token.$": "$$.Task.Token" } }, End: true } },
  });
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn }));
  let token;
  for (let i = 0; i < 200 && !token; i++) {
    const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    const scheduled = events.find((e) => e.type === "TaskScheduled");
    if (scheduled) token = JSON.parse(scheduled.taskScheduledEventDetails.parameters).MessageBody.token;
    else await new Promise((r) => setTimeout(r, 20));
  }
  await sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"ok":true}' }));
  const d = await done(executionArn);
  assert.deepEqual([d.status, JSON.parse(d.output)], ["SUCCEEDED", { ok: true }]);
});

test("errors are the SDK's modeled exceptions", async () => {
  await assert.rejects(
    sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arnOf("JsNope") })),
    (e) => e instanceof StateMachineDoesNotExist && e.name === "StateMachineDoesNotExist",
  );
});

test("an activity worker long-polls and answers", async () => {
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "js-worker" }));
  const arn = await machine("JsActivity", { StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true } } });
  const polled = sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "js" }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"x": 20}' }));
  const task = await polled;
  const x = JSON.parse(task.input).x;
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: JSON.stringify({ x: x + 1 }) }));
  const d = await done(executionArn);
  assert.deepEqual([d.status, JSON.parse(d.output)], ["SUCCEEDED", { x: 21 }]);
  await sfn.send(new DeleteActivityCommand({ activityArn }));
});

test("a MockConfigFile test case picked with #TestCase", async () => {
  const flow = {
    StartAt: "Charge",
    States: {
      Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Parameters: { FunctionName: "charge", "Payload.$": "$" },
        OutputPath: "$.Payload", Catch: [{ ErrorEquals: ["Declined"], Next: "Rejected" }], End: true },
      Rejected: { Type: "Pass", Result: "rejected", End: true },
    },
  };
  const arn = await machine("OrderFlow", flow);
  const happy = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#HappyPath` }));
  assert.deepEqual(JSON.parse((await done(happy.executionArn)).output), { charged: 42 });
  const declined = await sfn.send(new StartExecutionCommand({ stateMachineArn: `${arn}#DeclinedPath` }));
  assert.equal(JSON.parse((await done(declined.executionArn)).output), "rejected");
});
