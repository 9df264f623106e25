import { describe, expect, it } from "vitest";
import type { MockFileInfo } from "../ipc/run";
import { defaultMocks, NO_MOCKS } from "./persist";

const plain = (file: string): MockFileInfo => ({ file, kind: "plain", states: ["A"], stateMachines: [] });
const config = (file: string): MockFileInfo => ({
  file,
  kind: "configFile",
  states: [],
  stateMachines: [{ name: "Orders", testCases: ["HappyPath", "Declined"] }],
});

describe("the mocks a file starts with", () => {
  it("prefers mocks.json among several files", () => {
    expect(defaultMocks([plain("other.json"), plain("mocks.json")])).toMatchObject({ kind: "file", file: "mocks.json" });
  });
  it("takes a lone mock file, a MockConfigFile with its first test case", () => {
    expect(defaultMocks([config("sfn-local.json")])).toMatchObject({ kind: "file", file: "sfn-local.json", stateMachine: "Orders", testCase: "HappyPath" });
  });
  it("has no mocks when the choice is not obvious", () => {
    expect(defaultMocks([plain("a.json"), plain("b.json")])).toEqual(NO_MOCKS);
    expect(defaultMocks([])).toEqual(NO_MOCKS);
  });
});
