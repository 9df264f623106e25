// @vitest-environment node
import { describe, expect, it, vi } from "vitest";

vi.mock("../ipc", () => ({}));
const { nextThemeSetting, resolveTheme } = await import("./themeSync");

describe("theme", () => {
  it("follows the system only when asked to", () => {
    expect(resolveTheme("system", true)).toBe("dark");
    expect(resolveTheme("system", false)).toBe("light");
    expect(resolveTheme("light", true)).toBe("light");
    expect(resolveTheme("dark", false)).toBe("dark");
  });
  it("cycles so that the first click from system changes what is shown", () => {
    for (const systemDark of [false, true]) {
      let setting: "light" | "dark" | "system" = "system";
      const shown = [resolveTheme(setting, systemDark)];
      const settings = [];
      for (let i = 0; i < 3; i++) {
        setting = nextThemeSetting(setting, systemDark);
        settings.push(setting);
        shown.push(resolveTheme(setting, systemDark));
      }
      expect(shown[1]).not.toBe(shown[0]);
      expect(shown[2]).not.toBe(shown[1]);
      expect(settings[2]).toBe("system");
      expect(new Set(settings)).toEqual(new Set(["light", "dark", "system"]));
    }
  });
});
