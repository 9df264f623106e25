// @vitest-environment node
import { describe, expect, it } from "vitest";
import { buildItem, ITEMS, nameReserver, uniqueName } from "./templates";
import { PATTERNS } from "./patterns";
import { matches } from "./StatesBrowser";

describe("templates", () => {
  it("offers every flow state and the patterns; Tasks come from the Actions catalogue", () => {
    const ids = ITEMS.map((i) => i.id);
    for (const t of ["Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", ...PATTERNS.map((p) => p.id)]) expect(ids).toContain(t);
    expect(PATTERNS.length).toBeGreaterThanOrEqual(8);
    expect(ids).not.toContain("lambda-invoke");
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("drops a catalogue action as its state in the scope's query language, under a unique name", () => {
    const states = {
      JSONPath: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Parameters: { TopicArn: "" } },
      JSONata: { Type: "Task", Resource: "arn:aws:states:::sns:publish", Arguments: { TopicArn: "" } },
    };
    const [one] = buildItem({ baseName: "SNS Publish", states }, { ql: "JSONata", unique: nameReserver(["SNS Publish"]) });
    expect(one).toEqual({ name: "SNS Publish 2", state: states.JSONata });
    // Its own copy: the drop's state is not the prepared one, which a later drop reuses.
    expect(one.state).not.toBe(states.JSONata);
  });

  it("gives the states of one drop distinct names", () => {
    const [par] = buildItem("Parallel", { ql: "JSONPath", unique: nameReserver(["Parallel", "Branch 1 Pass"]) });
    expect(par.name).toBe("Parallel 2");
    const branches = par.state.Branches as { StartAt: string; States: Record<string, unknown> }[];
    expect(branches.map((b) => b.StartAt)).toEqual(["Branch 1 Pass 2", "Branch 2 Pass"]);
    const [map] = buildItem("Map", { ql: "JSONata", unique: nameReserver([]) });
    expect(map.state.Items).toBe("{% $states.input.items %}");
  });

  it("gives a Choice one rule to the state it is inserted before", () => {
    const [c] = buildItem("Choice", { ql: "JSONata", unique: nameReserver([]), next: "B" });
    expect(c.state.Choices).toEqual([{ Condition: "{% $states.input.value = 'example' %}", Next: "B" }]);
    const [d] = buildItem("Choice", { ql: "JSONPath", unique: nameReserver([]), next: "B" });
    expect(d.state.Choices).toEqual([{ Variable: "$.value", StringEquals: "example", Next: "B" }]);
    expect(d.state.Default).toBe("B");
  });

  it("sends a Choice dropped where the flow ends to a new Succeed, rule and Default both", () => {
    const states = buildItem("Choice", { ql: "JSONPath", unique: nameReserver(["Success"]), next: null });
    expect(states).toEqual([
      { name: "Choice", state: { Type: "Choice", Choices: [{ Variable: "$.value", StringEquals: "example", Next: "Success 2" }], Default: "Success 2" } },
      { name: "Success 2", state: { Type: "Succeed" } },
    ]);
  });

  it("makes unique names", () => {
    expect(uniqueName("Pass", new Set())).toBe("Pass");
    expect(uniqueName("Pass", new Set(["Pass", "Pass 2"]))).toBe("Pass 3");
  });

  it("filters by search text", () => {
    const wait = ITEMS.find((i) => i.id === "Wait")!;
    expect(matches(wait, "seconds")).toBe(true);
    expect(matches(wait, "glue")).toBe(false);
    expect(matches(wait, "")).toBe(true);
  });
});
