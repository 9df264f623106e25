import { useEffect, useRef, useState } from "react";
import type { Theme } from "../ipc/types";
import { EXPORTS, exportAs } from "./exportDiagram";
import { IconChevronDown, IconExport } from "./icons";

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  // The pictures' theme: light unless picked here (kept while the app runs, never the
  // app's own theme, which is about the screen and not the document).
  const [theme, setTheme] = useState<Theme>("light");
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener("pointerdown", close);
    window.addEventListener("keydown", close);
    return () => {
      window.removeEventListener("pointerdown", close);
      window.removeEventListener("keydown", close);
    };
  }, [open]);

  return (
    <div className="menu-anchor" ref={root}>
      <button
        type="button"
        className="btn"
        data-testid="export"
        aria-haspopup="menu"
        aria-expanded={open}
        title="Export the ASL or the diagram"
        onClick={() => setOpen(!open)}
      >
        <IconExport />
        Export
        <IconChevronDown />
      </button>
      {open && (
        <div className="menu" role="menu">
          {(["ASL", "Diagram"] as const).map((group) => (
            <div key={group} className="menu-group">
              <div className="menu-heading">{group === "ASL" ? "State machine" : "Diagram"}</div>
              {group === "Diagram" && (
                <div className="menu-choice" role="radiogroup" aria-label="Picture theme" title="Theme of SVG and PNG pictures">
                  <span>Theme</span>
                  {(["light", "dark"] as const).map((t) => (
                    <label key={t}>
                      <input type="radio" name="export-theme" data-testid={`export-theme-${t}`} checked={theme === t} onChange={() => setTheme(t)} />
                      {t === "light" ? "Light" : "Dark"}
                    </label>
                  ))}
                </div>
              )}
              {EXPORTS.filter((e) => e.group === group).map((e) => (
                <button
                  key={e.kind}
                  type="button"
                  role="menuitem"
                  className="menu-item"
                  data-testid={`export-${e.kind}`}
                  onClick={() => {
                    setOpen(false);
                    void exportAs(e.kind, theme);
                  }}
                >
                  {e.label}
                </button>
              ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
