import { PATTERNS } from "./patterns";

// What the States browser offers, as pure functions: each item builds the state JSON it
// inserts, written in the query language of the scope it lands in (JSONata `Arguments`
// with `{% %}` expressions, or JSONPath `Parameters` with `.$` keys).
export type QueryLanguage = "JSONPath" | "JSONata";
export type Json = Record<string, unknown>;

export interface BrowserItem {
  id: string; // test id suffix: browser-item-<id>
  label: string;
  group: "flow" | "pattern";
  /** The state type it makes (the glyph and colour in the list). */
  type: string;
  description: string;
  /** The new state's name before it is made unique ("Lambda Invoke", "Lambda Invoke 2"). */
  baseName: string;
}

/** One state an item inserts. The first is the one placed on the edge or drop zone;
 *  the others (a pattern's Fail state) are added to the same scope. */
export interface NewState {
  name: string;
  state: Json;
}

/** Builds the states for a drop. `unique` turns a wanted name into one no state has
 *  (and reserves it); `next` is the state the new one will lead to, when known. */
export interface BuildContext {
  ql: QueryLanguage;
  unique(base: string): string;
  next?: string | null;
}

export const ITEMS: BrowserItem[] = [
  { id: "Pass", label: "Pass", group: "flow", type: "Pass", baseName: "Pass", description: "Passes its input on, optionally transformed" },
  { id: "Choice", label: "Choice", group: "flow", type: "Choice", baseName: "Choice", description: "Branches on rules over the input" },
  { id: "Wait", label: "Wait", group: "flow", type: "Wait", baseName: "Wait", description: "Waits some seconds or until a time" },
  { id: "Succeed", label: "Succeed", group: "flow", type: "Succeed", baseName: "Success", description: "Stops successfully" },
  { id: "Fail", label: "Fail", group: "flow", type: "Fail", baseName: "Fail", description: "Stops with an error" },
  { id: "Parallel", label: "Parallel", group: "flow", type: "Parallel", baseName: "Parallel", description: "Runs branches at the same time" },
  { id: "Map", label: "Map", group: "flow", type: "Map", baseName: "Map", description: "Runs steps for each item of an array" },
  // The Patterns tab (./patterns.ts): several states each, dropped by planDrop as one step.
  ...PATTERNS.map((p): BrowserItem => ({ id: p.id, label: p.label, group: "pattern", type: "Task", baseName: p.label, description: p.description })),
];

/** A catalogue action ready to drop (Tasks come from the Actions catalogue, whose
 *  skeleton is fetched when the drag starts): its state in either query language. */
export interface PreparedItem {
  baseName: string;
  states: Record<QueryLanguage, Json>;
}

/** What a drop inserts: a browser item by id, or a prepared catalogue action. */
export type ItemRef = string | PreparedItem;

export function itemById(id: string): BrowserItem | undefined {
  return ITEMS.find((i) => i.id === id);
}

/** The states an item inserts (first: the main one). */
export function buildItem(ref: ItemRef, ctx: BuildContext): NewState[] {
  if (typeof ref !== "string") return [{ name: ctx.unique(ref.baseName), state: structuredClone(ref.states[ctx.ql]) }];
  const id = ref;
  const item = itemById(id);
  if (!item) throw new Error(`no browser item ${id}`);
  if (item.group === "pattern") throw new Error(`${id} is a pattern: planDrop builds it (buildPattern)`);
  const name = ctx.unique(item.baseName);
  if (id === "Choice") return choiceStates(name, ctx);
  return [{ name, state: flowState(id, ctx) }];
}

/** The placeholder condition of a new rule: one that validates, for the user to edit. */
export function placeholderRule(ql: QueryLanguage): Json {
  return ql === "JSONata" ? { Condition: "{% $states.input.value = 'example' %}" } : { Variable: "$.value", StringEquals: "example" };
}

/** A new Choice has one rule, and both it and the Default go where the flow went: a
 *  Choice without them would cut the flow there (two errors). Dropped where the flow
 *  ends (no `next`), both go to a new Succeed, which is what ending meant. */
function choiceStates(name: string, ctx: BuildContext): NewState[] {
  const target = ctx.next ?? ctx.unique("Success");
  const choice: NewState = { name, state: { Type: "Choice", Choices: [{ ...placeholderRule(ctx.ql), Next: target }], Default: target } };
  return ctx.next ? [choice] : [choice, { name: target, state: { Type: "Succeed" } }];
}

function flowState(type: string, ctx: BuildContext): Json {
  switch (type) {
    case "Wait":
      return { Type: "Wait", Seconds: 5 };
    case "Parallel":
      return {
        Type: "Parallel",
        Branches: [1, 2].map((i) => {
          const n = ctx.unique(`Branch ${i} Pass`);
          return { StartAt: n, States: { [n]: { Type: "Pass", End: true } } };
        }),
      };
    case "Map": {
      const n = ctx.unique("Process Item");
      const processor = { ProcessorConfig: { Mode: "INLINE" }, StartAt: n, States: { [n]: { Type: "Pass", End: true } } };
      return ctx.ql === "JSONata"
        ? { Type: "Map", Items: "{% $states.input.items %}", ItemProcessor: processor }
        : { Type: "Map", ItemsPath: "$.items", ItemProcessor: processor };
    }
    default:
      return { Type: type };
  }
}

/** `base`, else `base 2`, `base 3`, ... — the first no state of the machine has
 *  (names are unique across the whole machine, nested scopes included). */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} ${i}`)) return `${base} ${i}`;
}

/** A BuildContext's `unique` that also reserves what it hands out, so the states of one
 *  drop (a pattern's Task and Fail, a Parallel's branch states) never collide. */
export function nameReserver(taken: Iterable<string>): (base: string) => string {
  const used = new Set(taken);
  return (base) => {
    const name = uniqueName(base, used);
    used.add(name);
    return name;
  };
}
