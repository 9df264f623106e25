// The theme setting (light, dark, or system) and the theme in effect. "system" follows
// prefers-color-scheme live; the setting is persisted by Rust (settingsGet/settingsSet).
import { useEffect } from "react";
import * as ipc from "../ipc";
import type { Theme } from "../ipc/types";
import { useFrame, type ThemeSetting } from "../frame/frameStore";
import { asIpcError, useStudio } from "../store/studio";

export function resolveTheme(setting: ThemeSetting, systemDark: boolean): Theme {
  if (setting === "system") return systemDark ? "dark" : "light";
  return setting;
}

/** The setting after `setting`: from "system" to the theme the page is *not* showing, then
 *  to the other one, then back to "system". A fixed light → dark → system order made the
 *  first click (system → light on a light system) change nothing the user could see. */
export function nextThemeSetting(setting: ThemeSetting, systemDark: boolean): ThemeSetting {
  const system = resolveTheme("system", systemDark);
  const other: Theme = system === "dark" ? "light" : "dark";
  if (setting === "system") return other;
  return setting === other ? system : "system";
}

/** Loads the saved setting once and keeps <html data-theme> and the store in step. */
export function useThemeSync() {
  const setting = useFrame((s) => s.themeSetting);

  useEffect(() => {
    ipc
      .settingsGet()
      .then((s) => useFrame.getState().setThemeSetting(s.theme))
      .catch(() => {
        // No saved settings (first start, or no backend): keep following the system.
      });
  }, []);

  useEffect(() => {
    const query = window.matchMedia?.("(prefers-color-scheme: dark)");
    const apply = () => {
      const theme = resolveTheme(setting, query?.matches ?? false);
      document.documentElement.dataset.theme = theme;
      useStudio.getState().setTheme(theme);
    };
    apply();
    query?.addEventListener("change", apply);
    return () => query?.removeEventListener("change", apply);
  }, [setting]);
}

export async function cycleTheme() {
  const systemDark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const next = nextThemeSetting(useFrame.getState().themeSetting, systemDark);
  useFrame.getState().setThemeSetting(next);
  try {
    await ipc.settingsSet({ theme: next });
  } catch (e) {
    useStudio.getState().setError(asIpcError(e));
  }
}
