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
  it("cycles light, dark, system", () => {
    expect(nextThemeSetting("light")).toBe("dark");
    expect(nextThemeSetting("dark")).toBe("system");
    expect(nextThemeSetting("system")).toBe("light");
  });
});
