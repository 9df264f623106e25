// Far out (zoom under 0.45, `.asl-zoom-far` on the canvas) a state's name draws as large
// as its box allows, so it stays readable where 13 px would be 4 px on screen. The size
// is worked out once per node from its text, not per zoom step: zooming re-renders
// nothing, CSS switches to this size when the canvas crosses the threshold.

/** The names' normal size (nodes.css .asl-node-title; Rust sizes boxes for it). */
const NAME_FONT = 13;
const MAX_FONT = 44;
/** Room a container's title keeps from its box: side padding and the fold button. */
const CONTAINER_CHROME = 44;

let ctx: CanvasRenderingContext2D | null | undefined;
/** Each character's width, measured once. A name's width is their sum: kerning changes
 *  it by a pixel or two, which the fit's margin absorbs, and a canvas measure of every
 *  name and of every split of it tried cost ~20 ms on a 1,000-state machine's redraw. */
const charWidths = new Map<string, number>();

/** Width of `text` in the names' font at 13 px (a canvas measure; an estimate without one). */
function nameWidth(text: string): number {
  if (ctx === undefined) {
    ctx = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
    const family = typeof document === "undefined" ? "" : getComputedStyle(document.documentElement).getPropertyValue("--font-ui").trim();
    if (ctx) ctx.font = `600 ${NAME_FONT}px ${family || "sans-serif"}`;
  }
  let width = 0;
  for (const c of text) {
    let w = charWidths.get(c);
    if (w === undefined) {
      w = ctx ? ctx.measureText(c).width : NAME_FONT * 0.62;
      charWidths.set(c, w);
    }
    width += w;
  }
  return width;
}

export interface FarName {
  /** px, in flow units. */
  font: number;
  lines: string[];
}

/** How a name draws far out: as the layout's lines, or, for a one-line state name, split
 *  in two where that lets it grow (a box is sized for its name at 13 px, so one line can
 *  hardly grow; its height has room for two). For a container the box is its title bar:
 *  a Parallel's branch panels start right under it, and a folded one's summary too. */
export function farName(lines: string[], width: number, height: number, container: boolean): FarName {
  const asIs = { font: farNameFont(lines, width, height, container), lines };
  if (container || lines.length !== 1) return asIs;
  const split = bestSplit(lines[0]);
  if (!split) return asIs;
  const font = farNameFont(split, width, height, false);
  return font > asIs.font * 1.1 ? { font, lines: split } : asIs;
}

/** The two halves of `name`, cut at a word, camelCase or digit boundary, whose wider
 *  half is narrowest; null when it has no such boundary. */
export function bestSplit(name: string): [string, string] | null {
  let best: [string, string] | null = null;
  let bestW = Infinity;
  for (let i = 1; i < name.length; i++) {
    const a = name[i - 1];
    const b = name[i];
    const boundary =
      /[\s_\-.:]/.test(a) || (/[a-z]/.test(a) && /[A-Z]/.test(b)) || (/[A-Za-z]/.test(a) && /\d/.test(b)) || (/\d/.test(a) && /[A-Za-z]/.test(b));
    if (!boundary) continue;
    const parts: [string, string] = [name.slice(0, i).trim(), name.slice(i).trim()];
    if (!parts[0] || !parts[1]) continue;
    const w = Math.max(nameWidth(parts[0]), nameWidth(parts[1]));
    if (w < bestW) [best, bestW] = [parts, w];
  }
  return best;
}

/** The font size (px, flow units) the lines fit the box at, never below normal. */
function farNameFont(lines: string[], width: number, height: number, container: boolean): number {
  const widest = Math.max(1, ...lines.map(nameWidth));
  // A state's box: the 4 px type stripe and 4 px each side; 1.1 line height.
  const roomW = container ? width - CONTAINER_CHROME : width - 12;
  const roomH = container ? height - 2 : height - 6;
  // 0.94: the canvas measure runs a little narrower than WebKit's text layout.
  const byWidth = (0.94 * NAME_FONT * roomW) / widest;
  const byHeight = roomH / (1.1 * Math.max(1, lines.length));
  return Math.round(Math.max(NAME_FONT, Math.min(MAX_FONT, byWidth, byHeight)));
}
