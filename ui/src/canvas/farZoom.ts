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
let family = "";

/** Width of `text` in the names' font at 13 px (a canvas measure; an estimate without one). */
function nameWidth(text: string): number {
  if (ctx === undefined) {
    ctx = typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
    family = typeof document === "undefined" ? "" : getComputedStyle(document.documentElement).getPropertyValue("--font-ui").trim();
  }
  if (!ctx) return text.length * NAME_FONT * 0.62;
  ctx.font = `600 ${NAME_FONT}px ${family || "sans-serif"}`;
  return ctx.measureText(text).width;
}

/** The font size (px, flow units) the name's lines fit the box at, never below normal.
 *  For a container the box is its title bar: a Parallel's branch panels start right
 *  under it, and a folded one's summary too. */
export function farNameFont(lines: string[], width: number, height: number, container: boolean): number {
  const widest = Math.max(1, ...lines.map(nameWidth));
  // A state's box: the 4 px type stripe and 4 px each side; 1.1 line height.
  const roomW = container ? width - CONTAINER_CHROME : width - 12;
  const roomH = container ? height - 2 : height - 6;
  // 0.94: the canvas measure runs a little narrower than WebKit's text layout.
  const byWidth = (0.94 * NAME_FONT * roomW) / widest;
  const byHeight = roomH / (1.1 * Math.max(1, lines.length));
  return Math.round(Math.max(NAME_FONT, Math.min(MAX_FONT, byWidth, byHeight)));
}
