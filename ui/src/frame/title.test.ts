// @vitest-environment node
import { describe, expect, it } from "vitest";
import { baseName, dirName, windowTitle } from "./title";

describe("windowTitle", () => {
  it("names the app alone without a document", () => {
    expect(windowTitle(null)).toBe("ASL Studio");
  });
  it("names the file", () => {
    expect(windowTitle({ title: "order.asl.json", dirty: false })).toBe("ASL Studio — order.asl.json");
  });
  it("marks unsaved edits", () => {
    expect(windowTitle({ title: "Untitled", dirty: true })).toBe("ASL Studio — Untitled •");
  });
});

describe("paths", () => {
  it("splits a path", () => {
    expect(baseName("/home/u/flows/a.asl.yaml")).toBe("a.asl.yaml");
    expect(baseName("C:\\flows\\b.json")).toBe("b.json");
    expect(dirName("/home/u/flows/a.asl.yaml")).toBe("/home/u/flows");
    expect(dirName("/home/u/flows/a.asl.yaml", "/home/u")).toBe("~/flows");
    expect(dirName("/a.json")).toBe("/");
  });
});
