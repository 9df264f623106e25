// @vitest-environment node
import { describe, expect, it } from "vitest";
import type { ActionSummary } from "../ipc";
import { actionId, defaultPattern, groupByService, patternOf, resourceWith, withPattern } from "./catalogue";

const action = (resource: string, service: string, serviceId: string, name: string, patterns: ActionSummary["patterns"] = ["requestResponse"]): ActionSummary => ({
  resource,
  service,
  serviceId,
  action: name,
  kind: resource.includes("aws-sdk:") ? "sdk" : "optimised",
  patterns,
  doc: "",
});

const put = action("arn:aws:states:::dynamodb:putItem", "Amazon DynamoDB", "DynamoDB", "PutItem");
const sdkPut = action("arn:aws:states:::aws-sdk:dynamodb:putItem", "Amazon DynamoDB", "DynamoDB", "PutItem");
const run = action("arn:aws:states:::ecs:runTask", "Amazon Elastic Container Service", "ECS", "RunTask", ["requestResponse", "sync", "waitForTaskToken"]);
const invoke = action("arn:aws:states:::lambda:invoke", "AWS Lambda", "Lambda", "Invoke", ["requestResponse", "waitForTaskToken"]);

describe("the Actions catalogue in the browser", () => {
  it("names items by their Resource, so the optimised and SDK twins differ", () => {
    expect(actionId(invoke)).toBe("lambda-invoke");
    expect(actionId(put)).toBe("dynamodb-putitem");
    expect(actionId(sdkPut)).toBe("aws-sdk-dynamodb-putitem");
  });

  it("starts a job-like action waiting for its job, anything else with its plain request", () => {
    expect(defaultPattern(run)).toBe("sync");
    expect(defaultPattern(invoke)).toBe("requestResponse");
    expect(resourceWith(run, "sync")).toBe("arn:aws:states:::ecs:runTask.sync");
    expect(resourceWith(invoke, "waitForTaskToken")).toBe("arn:aws:states:::lambda:invoke.waitForTaskToken");
  });

  it("reads and swaps the pattern suffix of a Resource", () => {
    expect(patternOf("arn:aws:states:::states:startExecution.sync:2")).toBe("sync2");
    expect(patternOf("arn:aws:states:::lambda:invoke")).toBe("requestResponse");
    expect(withPattern("arn:aws:states:::ecs:runTask.sync", "waitForTaskToken")).toBe("arn:aws:states:::ecs:runTask.waitForTaskToken");
    expect(withPattern("arn:aws:states:::ecs:runTask.sync", "requestResponse")).toBe("arn:aws:states:::ecs:runTask");
  });

  it("groups by service in the order of each service's best match, keeping the ranking inside", () => {
    const groups = groupByService([put, invoke, sdkPut, run]);
    expect(groups.map((g) => g.title)).toEqual(["Amazon DynamoDB", "AWS Lambda", "Amazon ECS"]);
    expect(groups[0].actions).toEqual([put, sdkPut]);
  });
});
