// Choice rule conditions as the builder edits them (JSONPath): a comparison (Variable,
// one operator, its value), or an And/Or group of conditions, or a Not of one. Pure: the
// builder turns each gesture into one of these values and one `set_field`.
export type Condition = Record<string, unknown>;
export type ValueKind = "string" | "number" | "boolean" | "timestamp" | "path" | "test";
export type Group = "And" | "Or" | "Not";

/** Every ASL comparison operator, with the value it takes. The type tests (IsPresent,
 *  IsNull, ...) take a boolean: whether the test should hold. */
export const OPERATORS: { op: string; value: ValueKind; label: string }[] = [
  ...(
    [
      ["StringEquals", "="],
      ["StringLessThan", "<"],
      ["StringGreaterThan", ">"],
      ["StringLessThanEquals", "≤"],
      ["StringGreaterThanEquals", "≥"],
      ["StringMatches", "matches (* wildcards)"],
    ] as const
  ).map(([op, sign]) => ({ op, value: "string" as const, label: `string ${sign}` })),
  ...(
    [
      ["NumericEquals", "="],
      ["NumericLessThan", "<"],
      ["NumericGreaterThan", ">"],
      ["NumericLessThanEquals", "≤"],
      ["NumericGreaterThanEquals", "≥"],
    ] as const
  ).map(([op, sign]) => ({ op, value: "number" as const, label: `number ${sign}` })),
  { op: "BooleanEquals", value: "boolean", label: "boolean =" },
  ...(
    [
      ["TimestampEquals", "="],
      ["TimestampLessThan", "before"],
      ["TimestampGreaterThan", "after"],
      ["TimestampLessThanEquals", "at or before"],
      ["TimestampGreaterThanEquals", "at or after"],
    ] as const
  ).map(([op, sign]) => ({ op, value: "timestamp" as const, label: `timestamp ${sign}` })),
  ...(
    [
      ["IsPresent", "is present"],
      ["IsNull", "is null"],
      ["IsString", "is a string"],
      ["IsNumeric", "is a number"],
      ["IsBoolean", "is a boolean"],
      ["IsTimestamp", "is a timestamp"],
    ] as const
  ).map(([op, label]) => ({ op, value: "test" as const, label })),
];
/** The `...Path` forms: compare with another value of the input. */
const PATH_OPS = OPERATORS.filter((o) => o.value !== "test" && o.op !== "StringMatches").map((o) => ({
  op: `${o.op}Path`,
  value: "path" as const,
  label: `${o.label} path`,
}));
export const ALL_OPS = [...OPERATORS, ...PATH_OPS];

/** The operator of a comparison, or null for a group (or something unknown). */
export function ruleOperator(c: Condition): string | null {
  if (!("Variable" in c)) return null;
  return ALL_OPS.find((o) => o.op in c)?.op ?? null;
}

export function operatorKind(op: string): ValueKind {
  return ALL_OPS.find((o) => o.op === op)?.value ?? "string";
}

/** The group a condition is (its first group key), or null for a comparison. */
export function groupOf(c: Condition): Group | null {
  return (["And", "Or", "Not"] as const).find((g) => g in c) ?? null;
}

/** The keys that make the condition; what else a rule has (Next, Assign, Output,
 *  Comment) stays when its condition is replaced. */
const CONDITION_KEYS = new Set(["Variable", "And", "Or", "Not", ...ALL_OPS.map((o) => o.op)]);

export function conditionOf(rule: Condition): Condition {
  return Object.fromEntries(Object.entries(rule).filter(([k]) => CONDITION_KEYS.has(k)));
}

/** `rule` with its condition replaced: the condition's keys first (as ASL writes them),
 *  then the rule's own (Next, ...). */
export function withCondition(rule: Condition, condition: Condition): Condition {
  const rest = Object.fromEntries(Object.entries(rule).filter(([k]) => !CONDITION_KEYS.has(k)));
  return { ...condition, ...rest };
}

/** A value of the right kind for `op`, keeping `prev` when it fits. */
function valueFor(op: string, prev: unknown): unknown {
  switch (operatorKind(op)) {
    case "number":
      return typeof prev === "number" ? prev : 0;
    case "boolean":
    case "test":
      return typeof prev === "boolean" ? prev : true;
    case "path":
      return typeof prev === "string" && prev.startsWith("$") ? prev : "$.other";
    case "timestamp":
      return typeof prev === "string" && /^\d{4}-/.test(prev) ? prev : "2024-01-01T00:00:00Z";
    default:
      return typeof prev === "string" && !prev.startsWith("$") ? prev : "";
  }
}

/** A comparison with its operator replaced (Variable first, the value converted). */
export function withOperator(c: Condition, op: string): Condition {
  const old = ruleOperator(c);
  const value = valueFor(op, old ? c[old] : undefined);
  const out: Condition = {};
  for (const [k, v] of Object.entries(c)) {
    if (k === old) out[op] = value;
    else out[k] = v;
  }
  if (!old) out[op] = value;
  return out;
}

/** A new comparison: on `variable`, or the first path the machine knows. */
export function comparison(variable = "$.value"): Condition {
  return { Variable: variable, StringEquals: "" };
}

/** The condition turned into `to`: a comparison wrapped into a group (as its first
 *  member), a group's members regrouped, or a group unwrapped to its first comparison. */
export function regroup(c: Condition, to: Group | null): Condition {
  const from = groupOf(c);
  if (from === to) return c;
  const members: Condition[] = from === null ? [c] : from === "Not" ? [c.Not as Condition] : ((c[from] as Condition[]) ?? []);
  if (to === null) return members.find((m) => groupOf(m) === null) ?? comparison();
  if (to === "Not") return { Not: members[0] ?? comparison() };
  // And/Or with one member is legal ASL but says little: a second comparison to fill in.
  const list = members.length >= 2 ? members : [...members, comparison(String(members[0]?.Variable ?? "$.value"))];
  return { [to]: list };
}

/** Members of an And/Or after adding, replacing or removing one. A group keeps at least
 *  one member (ASL refuses an empty one). */
export function withMember(group: Condition, index: number, member: Condition | null): Condition {
  const g = groupOf(group);
  if (g === null || g === "Not") return member ?? group;
  const list = [...((group[g] as Condition[]) ?? [])];
  if (member === null) {
    if (list.length <= 1) return group;
    list.splice(index, 1);
  } else if (index >= list.length) list.push(member);
  else list[index] = member;
  return { ...group, [g]: list };
}

/** A one-line reading of the condition, for a collapsed rule and for tooltips. */
export function describe(c: Condition): string {
  const g = groupOf(c);
  if (g === "Not") return `not (${describe(c.Not as Condition)})`;
  const grouped = (m: Condition) => groupOf(m) === "And" || groupOf(m) === "Or";
  if (g) return ((c[g] as Condition[]) ?? []).map((m) => (grouped(m) ? `(${describe(m)})` : describe(m))).join(g === "And" ? " and " : " or ");
  const op = ruleOperator(c);
  if (!op) return JSON.stringify(c);
  const label = ALL_OPS.find((o) => o.op === op)!;
  if (label.value === "test") return `${String(c.Variable)} ${c[op] === false ? "not " : ""}${label.label}`;
  return `${String(c.Variable)} ${label.label.replace(/^\w+ /, "")} ${JSON.stringify(c[op])}`;
}
