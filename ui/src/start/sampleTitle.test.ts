// @vitest-environment node
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({}));
const { sampleTitle } = await import("./StartPage");

describe("sampleTitle", () => {
  it("turns folder names into titles, keeping acronyms", () => {
    expect(sampleTitle("order-processing")).toBe("Order processing");
    expect(sampleTitle("order-processing-jsonata")).toBe("Order processing JSONata");
    expect(sampleTitle("distributed-map-s3")).toBe("Distributed map S3");
    expect(sampleTitle("etl-glue-chain")).toBe("ETL glue chain");
  });
});
