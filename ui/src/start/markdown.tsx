// The inline Markdown of sample descriptions (the first paragraph of a README): `code`,
// **strong**, *emphasis* / _emphasis_, and [links](url) shown as their text. Rendered as
// React elements, never as HTML: a README cannot inject markup or scripts into the page.
import type { ReactNode } from "react";

export type Span =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string };

// One alternative per construct, tried left to right; the first match wins.
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?![\w_])|\[([^\]]+)\]\([^)\s]*\)/g;

/** Splits a paragraph into spans; unmatched markers stay as text. */
export function inlineMarkdown(source: string): Span[] {
  const spans: Span[] = [];
  const push = (span: Span) => {
    const last = spans[spans.length - 1];
    if (span.kind === "text" && last?.kind === "text") last.text += span.text;
    else if (span.text) spans.push(span);
  };
  let at = 0;
  for (const m of source.matchAll(INLINE)) {
    push({ kind: "text", text: source.slice(at, m.index) });
    const [, code, strong1, strong2, em1, em2, link] = m;
    if (code !== undefined) push({ kind: "code", text: code });
    else if (strong1 !== undefined || strong2 !== undefined) push({ kind: "strong", text: strong1 ?? strong2 });
    else if (em1 !== undefined || em2 !== undefined) push({ kind: "em", text: em1 ?? em2 });
    else push({ kind: "text", text: link });
    at = m.index + m[0].length;
  }
  push({ kind: "text", text: source.slice(at) });
  return spans;
}

export function InlineMarkdown({ source }: { source: string }): ReactNode {
  return inlineMarkdown(source).map((s, i) =>
    s.kind === "code" ? <code key={i}>{s.text}</code> : s.kind === "strong" ? <strong key={i}>{s.text}</strong> : s.kind === "em" ? <em key={i}>{s.text}</em> : s.text,
  );
}
