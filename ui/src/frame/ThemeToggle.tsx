import { cycleTheme } from "../theme/themeSync";
import { useFrame } from "./frameStore";
import { IconMoon, IconSun, IconSystem } from "./icons";

const LABEL = { light: "Light theme", dark: "Dark theme", system: "Theme follows the system" } as const;

export function ThemeToggle() {
  const setting = useFrame((s) => s.themeSetting);
  return (
    <button
      type="button"
      className="icon-btn"
      data-testid="theme-toggle"
      data-theme-setting={setting}
      title={`${LABEL[setting]} (click to change)`}
      aria-label={LABEL[setting]}
      onClick={() => void cycleTheme()}
    >
      {setting === "light" ? <IconSun /> : setting === "dark" ? <IconMoon /> : <IconSystem />}
    </button>
  );
}
