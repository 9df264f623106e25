import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import type { Shape } from "../ipc";
import { suggestErrors } from "./ErrorChips";
import { ShapeForm } from "./ShapeForm";
import { readField, setAt, writeField } from "./shapeEdits";

const P = "/States/Call/Parameters";
const shape = (kind: Shape["kind"], extra: Partial<Shape> = {}): Shape => ({ kind, doc: "", enumValues: [], min: null, max: null, members: [], union: false, item: null, key: null, value: null, ...extra });
/** Lambda Invoke's request, as the catalogue gives it (trimmed). */
const shapes: Record<string, Shape> = {
  InvokeRequest: shape("structure", {
    members: [
      { name: "FunctionName", shape: "Name", required: true, doc: "The name or ARN of the Lambda function." },
      { name: "InvocationType", shape: "Type", required: false, doc: "" },
      { name: "Payload", shape: "Blob", required: false, doc: "The JSON that you want to provide to your Lambda function as input." },
    ],
  }),
  Name: shape("string"),
  Type: shape("string", { enumValues: ["Event", "RequestResponse", "DryRun"] }),
  Blob: shape("json"),
};

describe("the request form's edits", () => {
  it("sets a field at its own pointer, replacing only its value", () => {
    expect(writeField(P, { FunctionName: "" }, [], "FunctionName", false, false, "orders")).toEqual({ kind: "set_field", pointer: `${P}/FunctionName`, value: "orders" });
    expect(writeField(P, { FunctionName: "orders" }, [], "FunctionName", false, false, "orders")).toBeNull();
    expect(writeField(P, { FunctionName: "orders" }, [], "FunctionName", false, false, undefined)).toEqual({ kind: "remove_field", pointer: `${P}/FunctionName` });
  });

  it("writes a JSONPath path under Name.$ in one step, dropping the fixed value", () => {
    expect(writeField(P, { FunctionName: "x" }, [], "FunctionName", false, true, "$.fn")).toEqual({
      kind: "batch",
      edits: [
        { kind: "remove_field", pointer: `${P}/FunctionName` },
        { kind: "set_field", pointer: `${P}/FunctionName.$`, value: "$.fn" },
      ],
    });
    expect(readField({ "FunctionName.$": "$.fn" }, "FunctionName", false)).toEqual({ dynamic: true, key: "FunctionName.$", value: "$.fn" });
  });

  it("keeps a JSONata expression under the plain key", () => {
    expect(writeField("/S/Arguments", { FunctionName: "x" }, [], "FunctionName", true, true, "{% $states.input.fn %}")).toEqual({ kind: "set_field", pointer: "/S/Arguments/FunctionName", value: "{% $states.input.fn %}" });
    expect(readField({ FunctionName: "{% $x %}" }, "FunctionName", true).dynamic).toBe(true);
  });

  it("creates the missing objects above a field as part of one set_field", () => {
    expect(setAt(P, undefined, ["Key", "id", "S"], "1")).toEqual({ kind: "set_field", pointer: P, value: { Key: { id: { S: "1" } } } });
    expect(setAt(P, { TableName: "T" }, ["Key", "id", "S"], "1")).toEqual({ kind: "set_field", pointer: `${P}/Key`, value: { id: { S: "1" } } });
    expect(setAt(P, { Tags: [{}] }, ["Tags", 1], {})).toEqual({ kind: "set_field", pointer: `${P}/Tags/1`, value: {} });
    expect(setAt(P, {}, ["a/b~c"], 1)).toEqual({ kind: "set_field", pointer: `${P}/a~1b~0c`, value: 1 });
  });
});

describe("the request form", () => {
  const html = (value: unknown, jsonata = false) => renderToStaticMarkup(<ShapeForm pointer={P} value={value} shapes={shapes} input="InvokeRequest" jsonata={jsonata} />);

  it("shows a required string as a marked text field with its doc, optional ones behind a click", () => {
    const out = html({ FunctionName: "orders" });
    expect(out).toMatch(/<input[^>]*data-pointer="\/States\/Call\/Parameters\/FunctionName"[^>]*value="orders"/);
    expect(out).toContain('title="Required"');
    expect(out).toContain("The name or ARN of the Lambda function.");
    expect(out).not.toContain("InvocationType");
    expect(out).toContain("More fields (2)");
  });

  it("shows a set enum as a picker, a path as a path, and a field the model lacks", () => {
    const out = html({ FunctionName: "f", InvocationType: "Event", "Payload.$": "$", Extra: 3 });
    expect(out).toMatch(/<select[^>]*data-pointer="\/States\/Call\/Parameters\/InvocationType"/);
    expect(out).toMatch(/<input[^>]*data-pointer="\/States\/Call\/Parameters\/Payload\.\$"[^>]*value="\$"/);
    expect(out).toContain('data-field="Extra"');
    expect(out).toContain("not in the model");
  });
});

describe("ErrorEquals suggestions", () => {
  const lambda = ["Lambda.ServiceException", "Lambda.TooManyRequestsException"];
  it("offers the service's exceptions first, then the States names, leaving out what is listed", () => {
    const all = suggestErrors("", ["States.ALL"], lambda);
    expect(all.slice(0, 2)).toEqual(lambda);
    expect(all).not.toContain("States.ALL");
    expect(all).toContain("States.TaskFailed");
  });

  it("matches what is typed, names starting with it first", () => {
    expect(suggestErrors("timeout", [], lambda)).toEqual(["States.Timeout", "States.HeartbeatTimeout"]);
    expect(suggestErrors("service", [], lambda)).toEqual(["Lambda.ServiceException"]);
  });
});
