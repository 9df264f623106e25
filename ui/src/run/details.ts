// An event's `*EventDetails` as a person reads it in a table cell: AWS carries payloads
// (input, output, parameters, cause) as JSON *text*, which JSON.stringify shows with every
// quote escaped ({"input":"{\"orderId\":...}"}). Here payloads are shown as the JSON they
// hold, the state name (already in its own column) and `*Details {truncated:false}` left out.

import type { HistoryEvent } from "../ipc/run";

/** Fields that only repeat what the row shows, or say nothing. */
const QUIET = new Set(["name"]);

function payload(text: string): string {
  const t = text.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return text;
  try {
    return JSON.stringify(JSON.parse(t));
  } catch {
    return text;
  }
}

function shown(value: unknown): string {
  if (typeof value === "string") return payload(value);
  return JSON.stringify(value);
}

/** `key value · key value`, payloads unescaped; "" for an event without details. */
export function readableDetails(e: HistoryEvent): string {
  const entry = Object.entries(e).find(([k]) => k.endsWith("EventDetails"));
  if (!entry || entry[1] === null || typeof entry[1] !== "object") return entry ? shown(entry[1]) : "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(entry[1] as Record<string, unknown>)) {
    if (QUIET.has(key)) continue;
    // inputDetails/outputDetails: only worth a word when the payload was cut.
    if (key.endsWith("Details") && value && typeof value === "object" && (value as { truncated?: unknown }).truncated === false) continue;
    parts.push(`${key} ${shown(value)}`);
  }
  return parts.join(" · ");
}
