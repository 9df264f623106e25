// Line icons of the frame (16 px, stroke = currentColor), drawn here so nothing is loaded
// from outside the app.
import type { ReactNode } from "react";

function Icon({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <svg
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden={title ? undefined : true}
      role={title ? "img" : undefined}
    >
      {title && <title>{title}</title>}
      {children}
    </svg>
  );
}

export const IconOpen = () => (
  <Icon>
    <path d="M1.75 3.5a1 1 0 0 1 1-1h3l1.5 1.5h5a1 1 0 0 1 1 1v1" />
    <path d="M1.75 3.5v9h10.5l2-6H3.9l-2.15 6" />
  </Icon>
);
export const IconSave = () => (
  <Icon>
    <path d="M2.5 2.5h9l2 2v9h-11z" />
    <path d="M5 2.5v3.5h5V2.5M4.75 13.5V9.5h6.5v4" />
  </Icon>
);
export const IconSaveAs = () => (
  <Icon>
    <path d="M8.5 13.5h-6v-11h9l2 2v3" />
    <path d="M5 2.5v3.5h5V2.5" />
    <path d="M9.5 14l.5-2 3.5-3.5 1.5 1.5-3.5 3.5z" />
  </Icon>
);
export const IconExport = () => (
  <Icon>
    <path d="M8 10V2M5 5l3-3 3 3" />
    <path d="M2.5 9.5v4h11v-4" />
  </Icon>
);
export const IconUndo = () => (
  <Icon>
    <path d="M5.5 3.5 2.5 6.5l3 3" />
    <path d="M2.5 6.5h7a4 4 0 0 1 0 8h-2" />
  </Icon>
);
export const IconRedo = () => (
  <Icon>
    <path d="m10.5 3.5 3 3-3 3" />
    <path d="M13.5 6.5h-7a4 4 0 0 0 0 8h2" />
  </Icon>
);
export const IconSun = () => (
  <Icon>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3.05 3.05l1.06 1.06M11.89 11.89l1.06 1.06M3.05 12.95l1.06-1.06M11.89 4.11l1.06-1.06" />
  </Icon>
);
export const IconMoon = () => (
  <Icon>
    <path d="M13.5 9.5A6 6 0 0 1 6.5 2.5a6 6 0 1 0 7 7z" />
  </Icon>
);
export const IconSystem = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="9" rx="1" />
    <path d="M5.5 14h5M8 11.5V14" />
  </Icon>
);
export const IconChevronDown = () => (
  <Icon>
    <path d="m4 6 4 4 4-4" />
  </Icon>
);
export const IconChevronUp = () => (
  <Icon>
    <path d="m4 10 4-4 4 4" />
  </Icon>
);
export const IconPanelLeft = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d="M6 2.5v11" />
  </Icon>
);
export const IconPanelRight = () => (
  <Icon>
    <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
    <path d="M10 2.5v11" />
  </Icon>
);
export const IconError = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.25" />
    <path d="m5.75 5.75 4.5 4.5M10.25 5.75l-4.5 4.5" />
  </Icon>
);
export const IconWarning = () => (
  <Icon>
    <path d="M8 1.75 14.5 13.5h-13z" />
    <path d="M8 6v3.5M8 11.5v.25" />
  </Icon>
);
export const IconInfo = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.25" />
    <path d="M8 7.25v4M8 4.75V5" />
  </Icon>
);
export const IconCheck = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.25" />
    <path d="m5.25 8.25 2 2 3.5-4" />
  </Icon>
);
export const IconClose = () => (
  <Icon>
    <path d="m4 4 8 8M12 4l-8 8" />
  </Icon>
);
export const IconFile = () => (
  <Icon>
    <path d="M3.5 1.5h6l3 3v10h-9z" />
    <path d="M9.5 1.5v3h3" />
  </Icon>
);
export const IconPlus = () => (
  <Icon>
    <path d="M8 3v10M3 8h10" />
  </Icon>
);
export const IconHome = () => (
  <Icon>
    <path d="M2 7.5 8 2.5l6 5" />
    <path d="M3.5 6.5v7h9v-7" />
  </Icon>
);
export const IconClock = () => (
  <Icon>
    <circle cx="8" cy="8" r="6.25" />
    <path d="M8 4.5V8l2.5 1.5" />
  </Icon>
);
export const IconDesign = () => (
  <Icon>
    <rect x="1.5" y="1.5" width="5" height="4" rx="1" />
    <rect x="9.5" y="10.5" width="5" height="4" rx="1" />
    <path d="M4 5.5v3a2 2 0 0 0 2 2h3.5" />
  </Icon>
);
export const IconCode = () => (
  <Icon>
    <path d="M5.5 4 1.5 8l4 4M10.5 4l4 4-4 4" />
  </Icon>
);
export const IconRun = () => (
  <Icon>
    <path d="M4.5 2.5v11l9-5.5z" />
  </Icon>
);

export const IconCloud = () => (
  <Icon>
    <path d="M4.5 12.5h7.25a2.75 2.75 0 0 0 .3-5.48A3.75 3.75 0 0 0 4.8 8.1 2.25 2.25 0 0 0 4.5 12.5z" />
  </Icon>
);

/** The app mark: a tiny state machine (start, a state, a choice). */
export const AppMark = () => (
  <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
    <rect x="2" y="2" width="20" height="20" rx="5" fill="var(--accent)" />
    <rect x="6" y="5.5" width="12" height="4.5" rx="1.5" fill="#fff" />
    <path d="M12 10v3" stroke="#fff" strokeWidth="1.5" />
    <path d="m12 13 3.5 3.5L12 20l-3.5-3.5z" fill="#fff" />
  </svg>
);
