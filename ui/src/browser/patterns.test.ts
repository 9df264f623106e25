// Every pattern, in both query languages, dropped before a state or at the end: its
// transitions stay inside it but for its ways out, which go where the drop point led.
import { describe, expect, it } from "vitest";
import { buildPattern, PATTERNS } from "./patterns";
import { nameReserver, type Json } from "./templates";

/** Every transition target in a state (Next, Default, rules, catchers), nested scopes
 *  excluded (they have their own). */
function targets(state: Json): string[] {
  const out: string[] = [];
  if (typeof state.Next === "string") out.push(state.Next);
  if (typeof state.Default === "string") out.push(state.Default);
  for (const list of [state.Choices, state.Catch]) if (Array.isArray(list)) for (const r of list as Json[]) if (typeof r.Next === "string") out.push(r.Next);
  return out;
}

describe("the patterns", () => {
  for (const p of PATTERNS) {
    for (const ql of ["JSONPath", "JSONata"] as const) {
      it(`${p.id} (${ql})`, () => {
        const unique = nameReserver(["Before", "After"]);
        const built = buildPattern(p.id, { ql, unique, next: "After" });
        const names = built.states.map((s) => s.name);
        expect(names[0]).toBe(built.entry);
        expect(new Set(names).size).toBe(names.length);
        const all = built.states.flatMap((s) => targets(s.state));
        for (const t of all) expect([...names, "After"]).toContain(t);
        expect(all).toContain("After"); // a way out
        // Every state but the entry is reached from inside the pattern.
        for (const n of names.slice(1)) expect(all).toContain(n);
        // Dropped at the end, the ways out end the scope instead.
        const last = buildPattern(p.id, { ql, unique: nameReserver(["Before"]), next: null });
        expect(last.states.flatMap((s) => targets(s.state))).not.toContain("After");
        expect(last.states.some((s) => s.state.End === true || (s.state.Type as string) === "Fail")).toBe(true);
        // A Choice rule never ends a scope (ASL refuses End there).
        for (const s of last.states) for (const r of (s.state.Choices as Json[] | undefined) ?? []) expect(r.End).toBeUndefined();
      });
    }
  }
});
