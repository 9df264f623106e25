// The window title: "ASL Studio — <file>", with a bullet while there are unsaved edits.
import type { Snapshot } from "../ipc/types";

export const APP_NAME = "ASL Studio";

export function windowTitle(snapshot: Pick<Snapshot, "title" | "dirty"> | null): string {
  if (!snapshot) return APP_NAME;
  return `${APP_NAME} — ${snapshot.title}${snapshot.dirty ? " •" : ""}`;
}

/** The last path segment, for recent files and notices. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}

/** The folder of a path, shortened with ~ for the home folder when it is known. */
export function dirName(path: string, home?: string): string {
  const i = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = i > 0 ? path.slice(0, i) : i === 0 ? "/" : "";
  if (home && (dir === home || dir.startsWith(home + "/"))) return "~" + dir.slice(home.length);
  return dir;
}
