// @vitest-environment node
import { describe, expect, it } from "vitest";
import { ruleOperator, withOperator } from "../states/Choice/inspector";
import { tabFor } from "./Inspector";
import { ioFields } from "./IoTab";

describe("inspector", () => {
  it("opens the tab holding a field", () => {
    expect(tabFor("/States/A", "/States/A/Retry/0/IntervalSeconds", "Task")).toBe("errors");
    expect(tabFor("/States/A", "/States/A/Catch", "Task")).toBe("errors");
    expect(tabFor("/States/A", "/States/A/Comment", "Task")).toBe("docs");
    expect(tabFor("/States/A", "/States/A/ResultPath", "Task")).toBe("io");
    expect(tabFor("/States/A", "/States/A/Parameters/x", "Task")).toBe("config");
    expect(tabFor("/States/A", "/States/A/Parameters/x", "Pass")).toBe("io");
    expect(tabFor("/States/A", "/States/A/Choices/1/Next", "Choice")).toBe("config");
    expect(tabFor("/States/A", "/States/AB/Next", "Choice")).toBeNull();
  });

  it("shows the data-flow fields of the state's language", () => {
    expect(ioFields("Task", "JSONPath")).toEqual(["InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "Assign"]);
    expect(ioFields("Task", "JSONata")).toEqual(["Arguments", "Output", "Assign"]);
    expect(ioFields("Fail", "JSONPath")).toEqual([]);
    expect(ioFields("Succeed", "JSONata")).toEqual(["Output"]);
    expect(ioFields("Map", "JSONata")).not.toContain("Arguments");
  });

  it("changes a JSONPath rule's operator, keeping its place and value kind", () => {
    const rule = { Variable: "$.n", NumericEquals: 3, Next: "B" };
    expect(ruleOperator(rule)).toBe("NumericEquals");
    const r = withOperator(rule, "NumericGreaterThan");
    expect(Object.keys(r)).toEqual(["Variable", "NumericGreaterThan", "Next"]);
    expect(r.NumericGreaterThan).toBe(3);
    expect(withOperator(rule, "IsPresent").IsPresent).toBe(true);
    expect(withOperator(rule, "StringEqualsPath").StringEqualsPath).toBe("$.other");
    expect(ruleOperator({ And: [], Next: "B" })).toBeNull();
  });
});

describe("typed form fields", () => {
  it("keep an IaC substitution such as ${Timeout} as written, in a number field too", async () => {
    const { parseStatic } = await import("./shapeEdits");
    const integer = { kind: "integer" } as Parameters<typeof parseStatic>[1];
    expect(parseStatic("${QueueTimeout}", integer)).toBe("${QueueTimeout}");
    expect(parseStatic("42", integer)).toBe(42);
    expect(parseStatic("4x", integer)).toBeInstanceOf(Error);
    expect(parseStatic("${Flag}", { kind: "boolean" } as Parameters<typeof parseStatic>[1])).toBe("${Flag}");
  });
});
