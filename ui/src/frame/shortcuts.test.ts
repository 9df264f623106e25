// @vitest-environment node
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({}));
const { shortcutFor } = await import("./shortcuts");

const key = (k: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean; meta?: boolean } = {}) =>
  shortcutFor({ key: k, ctrlKey: !!mods.ctrl, shiftKey: !!mods.shift, altKey: !!mods.alt, metaKey: !!mods.meta });

describe("shortcutFor", () => {
  it("maps the file shortcuts", () => {
    expect(key("s", { ctrl: true })).toBe("save");
    expect(key("S", { ctrl: true, shift: true })).toBe("save-as");
    expect(key("o", { ctrl: true })).toBe("open");
    expect(key("n", { meta: true })).toBe("new");
  });
  it("maps undo and both redo keys", () => {
    expect(key("z", { ctrl: true })).toBe("undo");
    expect(key("Z", { ctrl: true, shift: true })).toBe("redo");
    expect(key("y", { ctrl: true })).toBe("redo");
  });
  it("ignores plain keys and other chords", () => {
    expect(key("s")).toBeNull();
    expect(key("f", { ctrl: true })).toBeNull();
    expect(key("s", { ctrl: true, alt: true })).toBeNull();
  });
});
