// A Distributed Map's forms: the ItemReader each source writes, and switching modes.
import { describe, expect, it } from "vitest";
import { defaultWriter, readerFor, sourceOf } from "./distributed";
import { switchMode } from "./inspector";

describe("a Distributed Map's item source", () => {
  it("writes the ItemReader AWS reads for each source, keeping the bucket", () => {
    const csv = readerFor("csv", null, false);
    expect(csv).toEqual({
      Resource: "arn:aws:states:::s3:getObject",
      ReaderConfig: { InputType: "CSV", CSVHeaderLocation: "FIRST_ROW" },
      Parameters: { Bucket: "my-bucket", Key: "items.csv" },
    });
    expect(sourceOf(csv)).toBe("csv");
    const listing = readerFor("listing", { Arguments: { Bucket: "data", Key: "x.json" } }, true);
    expect(listing).toEqual({ Resource: "arn:aws:states:::s3:listObjectsV2", Arguments: { Bucket: "data", Prefix: "" } });
    expect(sourceOf(listing)).toBe("listing");
    expect(sourceOf(readerFor("jsonl", null, false))).toBe("jsonl");
    expect(sourceOf(readerFor("manifest", null, false))).toBe("manifest");
    expect(readerFor("input", csv, false)).toBeNull();
    expect(sourceOf(undefined)).toBe("input");
    expect(defaultWriter(true)).toEqual({ Resource: "arn:aws:states:::s3:putObject", Arguments: { Bucket: "my-bucket", Prefix: "results" } });
  });

  it("switches to inline as one step that drops what only a distributed Map may have", () => {
    const j = { Type: "Map", ItemReader: {}, ResultWriter: {}, ItemProcessor: {} };
    const edit = switchMode("/States/M", "ItemProcessor", { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" }, j, "INLINE");
    expect(edit).toEqual({
      kind: "batch",
      edits: [
        { kind: "set_field", pointer: "/States/M/ItemProcessor/ProcessorConfig", value: { Mode: "INLINE" } },
        { kind: "remove_field", pointer: "/States/M/ItemReader" },
        { kind: "remove_field", pointer: "/States/M/ResultWriter" },
      ],
    });
    expect(switchMode("/States/M", "ItemProcessor", { Mode: "INLINE" }, j, "DISTRIBUTED")).toEqual({
      kind: "set_field",
      pointer: "/States/M/ItemProcessor/ProcessorConfig",
      value: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" },
    });
  });
});
