// Small glyphs per state type, drawn inline so they take the text colour (no remote or
// bundled icon fonts: strict CSP). The glyphs are the SVG files of assets/glyphs/ at the
// top of the repository, one per state type, bundled at build time.
const FILES = import.meta.glob<string>("../../../assets/glyphs/*.svg", {
  query: "?raw",
  import: "default",
  eager: true,
});

interface Glyph {
  d: string;
  filled: boolean;
  strokeWidth: number;
}

/** The one path of a glyph file: its outline and whether it is filled. */
export function glyphOf(svg: string): Glyph | null {
  const path = /<path\b([^>]*)\/?>/.exec(svg)?.[1];
  const attr = (name: string) => (path ? new RegExp(`\\b${name}="([^"]*)"`).exec(path)?.[1] : undefined);
  const d = attr("d");
  if (!d) return null;
  return { d, filled: (attr("fill") ?? "none") !== "none", strokeWidth: Number(attr("stroke-width") ?? 1.6) };
}

const GLYPHS: Record<string, Glyph> = {};
for (const [file, svg] of Object.entries(FILES)) {
  const type = /([^/]+)\.svg$/.exec(file)?.[1];
  const glyph = glyphOf(svg);
  if (type && glyph) GLYPHS[type] = glyph;
}

/** The type's glyph, 16x16, in currentColor. */
export function TypeIcon({ type, size = 16 }: { type: string; size?: number }) {
  const glyph = GLYPHS[type] ?? GLYPHS.Unknown;
  return (
    <svg className="asl-type-icon" width={size} height={size} viewBox="0 0 16 16" aria-hidden="true">
      <path
        d={glyph.d}
        fill={glyph.filled ? "currentColor" : "none"}
        stroke="currentColor"
        strokeWidth={glyph.strokeWidth}
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
