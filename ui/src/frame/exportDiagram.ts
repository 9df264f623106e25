// Export: the ASL as JSON/YAML and the diagram as SVG/Mermaid are written by Rust; PNG is
// rasterised here from Rust's SVG (the webview has the fonts and a canvas; Rust has
// neither) at twice the size, and Rust writes the bytes.
import * as ipc from "../ipc";
import type { Theme } from "../ipc/types";
import { flushCodeText } from "../code/pending";
import { asIpcError, useStudio } from "../store/studio";
import { reportExport } from "./fileActions";

export type ExportKind = "json" | "yaml" | "svg" | "png" | "mermaid";

export const EXPORTS: { kind: ExportKind; label: string; group: "ASL" | "Diagram" }[] = [
  { kind: "json", label: "ASL as JSON", group: "ASL" },
  { kind: "yaml", label: "ASL as YAML", group: "ASL" },
  { kind: "svg", label: "Diagram as SVG", group: "Diagram" },
  { kind: "png", label: "Diagram as PNG", group: "Diagram" },
  { kind: "mermaid", label: "Diagram as Mermaid", group: "Diagram" },
];

/** Exports the ASL or the diagram. Pictures use `theme`, light unless the user picks dark:
 *  an export goes into documents and slides, which are light whatever the app's theme. */
export async function exportAs(kind: ExportKind, theme: Theme = "light"): Promise<void> {
  await flushCodeText();
  try {
    let path: string | null;
    if (kind === "json" || kind === "yaml") path = await ipc.documentExport(kind, null);
    else if (kind === "png") path = await ipc.diagramExport("png", theme, null, await renderPng(theme));
    else path = await ipc.diagramExport(kind, theme, null, null);
    reportExport(path);
  } catch (e) {
    const error = asIpcError(e);
    if (error.code !== "cancelled") useStudio.getState().setError(error);
  }
}

async function renderPng(theme: Theme): Promise<string> {
  const svg = await ipc.diagramRender("svg", theme);
  return svgToPngBase64(svg, 2);
}

/** The drawing size of an SVG document from its width/height, else its viewBox. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  const attr = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, "i").exec(root)?.[1];
  const num = (v: string | undefined) => (v && /^[\d.]+(px)?$/.test(v.trim()) ? parseFloat(v) : NaN);
  let width = num(attr("width"));
  let height = num(attr("height"));
  if (!(width > 0 && height > 0)) {
    const box = attr("viewBox")?.trim().split(/[\s,]+/).map(Number);
    if (box && box.length === 4 && box[2] > 0 && box[3] > 0) [width, height] = [box[2], box[3]];
    else [width, height] = [800, 600];
  }
  return { width, height };
}

/** Draws the SVG in an offscreen canvas at `scale` and returns the PNG as base64. */
export async function svgToPngBase64(svg: string, scale: number): Promise<string> {
  const { width, height } = svgSize(svg);
  const image = new Image();
  // A data URL, not a blob URL: the app's CSP allows data: images.
  image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw { code: "internal", message: "No 2D canvas to draw the PNG" };
  ctx.scale(scale, scale);
  ctx.drawImage(image, 0, 0, width, height);
  const url = canvas.toDataURL("image/png");
  return url.slice(url.indexOf(",") + 1);
}
