//! The SVG diagram, in Workflow Studio's look: rounded state boxes tinted by type with
//! the name in bold and a muted caption (`Lambda: Invoke`), Start and End pills, Map and
//! Parallel as titled containers with a panel per branch, arrows with heads, rule and
//! catcher labels on chips, dashed Catch lines, problems in dashed red.
//!
//! Painted in layers so nothing hides what matters: container backgrounds, then lines,
//! then boxes (a line ends on a border, under nothing), then labels on top. No ids, no
//! markers, no scripts and no external resources: the file stands alone, and two of them
//! can share an HTML page.

use super::font::FONT_FAMILY;
use super::theme::Theme;
use super::{num, push_xml, xml};
use crate::layout::{line_height, Layout, LayoutEdge, LayoutNode, LayoutOptions, Point};
use std::fmt::Write;

/// Corner radius of state boxes, of containers, and of line bends.
const BOX_RADIUS: f64 = 6.0;
const CONTAINER_RADIUS: f64 = 10.0;
const BEND_RADIUS: f64 = 6.0;
/// Arrowhead length and half width; the line stops inside the head.
const HEAD_LEN: f64 = 8.0;
const HEAD_HALF: f64 = 4.0;
/// Vertical padding inside a state box above the name (see `sizes::node_box`).
const TOP_PAD: f64 = 8.0;

/// Draws a layout. `opts` must be the options the layout was made with (the font sizes).
pub fn svg(layout: &Layout, opts: &LayoutOptions, theme: &Theme) -> String {
    let mut out = String::with_capacity(1024 + layout.nodes.len() * 400 + layout.edges.len() * 200);
    let (w, h) = (num(layout.width), num(layout.height));
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">"#
    );
    style(&mut out, opts, theme);
    let _ = writeln!(out, r#"<rect width="{w}" height="{h}" fill="{}"/>"#, theme.background.hex());
    for n in layout.nodes.iter().filter(|n| n.container) {
        container(&mut out, n, theme);
    }
    for e in layout.edges.iter().filter(|e| drawn(e)) {
        line(&mut out, e, theme);
    }
    for n in layout.nodes.iter().filter(|n| !n.container) {
        match n.kind {
            "Start" | "End" => pill(&mut out, n, opts, theme),
            _ => state(&mut out, n, opts, theme),
        }
    }
    for e in layout.edges.iter().filter(|e| drawn(e)) {
        label(&mut out, e, opts);
    }
    out.push_str("</svg>\n");
    out
}

/// Container entries (a Map or Parallel to the Start inside) are implied by nesting.
fn drawn(e: &LayoutEdge) -> bool {
    !matches!(e.kind, "BranchStart" | "IterationStart")
}

fn style(out: &mut String, opts: &LayoutOptions, t: &Theme) {
    let (big, small) = (num(opts.font_size), num(opts.small_font_size));
    let _ = writeln!(
        out,
        "<style>\ntext{{font-family:{FONT_FAMILY};}}\n\
         .n{{font-size:{big}px;font-weight:700;fill:{text};text-anchor:middle}}\n\
         .t{{font-size:{big}px;font-weight:700;fill:{text}}}\n\
         .c{{font-size:{small}px;font-weight:400;fill:{muted};text-anchor:middle}}\n\
         .tc{{font-size:{small}px;font-weight:400;fill:{muted}}}\n\
         .p{{font-size:{small}px;font-weight:700;fill:{text};text-anchor:middle}}\n\
         .b{{font-size:{branch}px;font-weight:700;fill:{muted};letter-spacing:0.3px}}\n\
         .l{{font-size:{small}px;fill:{label};text-anchor:middle}}\n\
         .lc{{font-size:{small}px;fill:{catch};text-anchor:middle}}\n\
         .ld{{font-size:{small}px;fill:{muted};font-style:italic;text-anchor:middle}}\n\
         .k{{fill:{chip};stroke:{chip_line};stroke-width:1}}\n\
         .kc{{fill:{chip};stroke:{catch_line};stroke-width:1}}\n\
         .x{{fill:{problem}}}\n</style>",
        text = t.text.hex(),
        muted = t.muted.hex(),
        branch = num(opts.small_font_size - 1.0),
        label = t.label_text.hex(),
        catch = t.catch.hex(),
        problem = t.problem.hex(),
        chip = t.label_fill.hex(),
        chip_line = t.label_stroke.hex(),
        catch_line = t.catch.mix(t.label_fill, 0.45).hex(),
    );
}

/// A tooltip: the full text, where the drawing may have cut it.
fn title(out: &mut String, text: &str) {
    out.push_str("<title>");
    push_xml(out, text);
    out.push_str("</title>");
}

fn container(out: &mut String, n: &LayoutNode, t: &Theme) {
    let (x, y, w, h) = (n.x, n.y, n.width, n.height);
    if n.kind == "Branch" {
        // A branch is a plain panel with its name just above it, in the container's padding.
        let accent = t.accent("Parallel");
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="1"/>"#,
            num(x),
            num(y),
            num(w),
            num(h),
            num(BOX_RADIUS),
            t.background.hex(),
            accent.mix(t.background, 0.35).hex(),
        );
        let name = n.lines.first().map_or("", String::as_str);
        let _ = writeln!(
            out,
            r#"<text class="b" x="{}" y="{}">{}</text>"#,
            num(x + 2.0),
            num(y - 4.0),
            xml(name)
        );
        return;
    }
    let accent = t.accent(n.kind);
    let problem = n.unreachable;
    let stroke = if problem { t.problem } else { accent };
    let th = n.title_height.min(h);
    let r = CONTAINER_RADIUS;
    let _ = write!(out, "<g>");
    title(out, &format!("{} ({})", n.state.as_deref().unwrap_or_default(), n.kind));
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{r}" fill="{}"/>"#,
        num(x),
        num(y),
        num(w),
        num(h),
        t.container_fill(n.kind).hex()
    );
    // The title bar: the top of the box, rounded like it, tinted like a state box.
    let _ = write!(
        out,
        r#"<path d="M{x0},{yb}V{yr}A{r},{r} 0 0 1 {xr},{y0}H{xw}A{r},{r} 0 0 1 {x1},{yr}V{yb}Z" fill="{}"/>"#,
        t.fill(n.kind).hex(),
        x0 = num(x),
        x1 = num(x + w),
        y0 = num(y),
        yr = num(y + r),
        yb = num(y + th),
        xr = num(x + r),
        xw = num(x + w - r),
    );
    let _ = write!(
        out,
        r#"<path d="M{},{}H{}" stroke="{}" stroke-width="1"/>"#,
        num(x),
        num(y + th),
        num(x + w),
        accent.mix(t.background, 0.35).hex()
    );
    let dash = if problem { r#" stroke-dasharray="6 4""# } else { "" };
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{r}" fill="none" stroke="{}" stroke-width="1.5"{dash}/>"#,
        num(x),
        num(y),
        num(w),
        num(h),
        stroke.hex()
    );
    let name = n.lines.first().map_or("", String::as_str);
    let _ =
        write!(out, r#"<text class="t" x="{}" y="{}">{}"#, num(x + 12.0), num(y + th / 2.0 + 4.5), xml(name));
    if !n.caption.is_empty() {
        let _ = write!(out, r#"<tspan class="tc" dx="8">{}</tspan>"#, xml(&n.caption));
    }
    out.push_str("</text></g>\n");
}

fn pill(out: &mut String, n: &LayoutNode, opts: &LayoutOptions, t: &Theme) {
    let label = n.lines.first().map_or("", String::as_str);
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="1.5"/><text class="p" x="{}" y="{}">{}</text>"#,
        num(n.x),
        num(n.y),
        num(n.width),
        num(n.height),
        num(n.height / 2.0),
        t.fill(n.kind).hex(),
        t.accent(n.kind).hex(),
        num(n.x + n.width / 2.0),
        num(n.y + n.height / 2.0 + opts.small_font_size * 0.35),
        xml(label),
    );
}

fn state(out: &mut String, n: &LayoutNode, opts: &LayoutOptions, t: &Theme) {
    let missing = n.kind == "Missing";
    let problem = missing || n.unreachable;
    let stroke = if problem { t.problem } else { t.accent(n.kind) };
    let name = n.state.as_deref().unwrap_or_default();
    let note = if missing {
        format!("{name}\nmissing: no state of this name")
    } else if n.unreachable {
        format!("{name}\n{}\nunreachable: no path leads here", n.caption)
    } else {
        format!("{name}\n{}", n.caption)
    };
    out.push_str("<g>");
    title(out, &note);
    let dash = if problem { r#" stroke-dasharray="5 3""# } else { "" };
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="{}" stroke-width="1.5"{dash}/>"#,
        num(n.x),
        num(n.y),
        num(n.width),
        num(n.height),
        num(BOX_RADIUS),
        t.fill(n.kind).hex(),
        stroke.hex(),
    );
    let cx = num(n.x + n.width / 2.0);
    let (lh, slh) = (line_height(opts.font_size), line_height(opts.small_font_size));
    // Baselines sit a third of the font size below each line's middle.
    let mut top = n.y + TOP_PAD;
    for line in &n.lines {
        let base = top + lh / 2.0 + opts.font_size * 0.35;
        let _ = write!(out, r#"<text class="n" x="{cx}" y="{}">{}</text>"#, num(base), xml(line));
        top += lh;
    }
    if !n.caption.is_empty() {
        let class = if missing { "c x" } else { "c" };
        let base = top + slh / 2.0 + opts.small_font_size * 0.35;
        let _ = write!(out, r#"<text class="{class}" x="{cx}" y="{}">{}</text>"#, num(base), xml(&n.caption));
    }
    out.push_str("</g>\n");
}

fn line(out: &mut String, e: &LayoutEdge, t: &Theme) {
    let Some(&tip) = e.points.last() else { return };
    if e.points.len() < 2 {
        return;
    }
    let catch = e.kind == "Catch";
    let color = if catch { t.catch } else { t.edge }.hex();
    let mut pts = e.points.clone();
    let prev = pts[pts.len() - 2];
    let dir = unit(prev, tip);
    // The line stops inside the head so its square end never shows beside the tip.
    let last_len = dist(prev, tip);
    if last_len > HEAD_LEN {
        let k = pts.len() - 1;
        pts[k] = [tip[0] - dir[0] * (HEAD_LEN - 2.0), tip[1] - dir[1] * (HEAD_LEN - 2.0)];
    }
    let dash = if catch { r#" stroke-dasharray="6 4""# } else { "" };
    // Dashed lines are drawn from the tip back to the source, so the dashes are in phase
    // from the target: catchers sharing a trunk overlap exactly, one dashed line, not a
    // blur of dashes out of step.
    if catch {
        pts.reverse();
    }
    let _ = write!(
        out,
        r#"<path d="{}" fill="none" stroke="{color}" stroke-width="1.5" stroke-linejoin="round"{dash}/>"#,
        rounded(&pts)
    );
    let base = [tip[0] - dir[0] * HEAD_LEN, tip[1] - dir[1] * HEAD_LEN];
    let (nx, ny) = (-dir[1] * HEAD_HALF, dir[0] * HEAD_HALF);
    let _ = writeln!(
        out,
        r#"<path d="M{},{}L{},{}L{},{}Z" fill="{color}"/>"#,
        num(tip[0]),
        num(tip[1]),
        num(base[0] + nx),
        num(base[1] + ny),
        num(base[0] - nx),
        num(base[1] - ny),
    );
}

/// A polyline with its bends rounded (a quadratic curve through each corner, its
/// radius at most half of either segment so neighbouring bends never overlap).
fn rounded(pts: &[Point]) -> String {
    let mut d = format!("M{},{}", num(pts[0][0]), num(pts[0][1]));
    for i in 1..pts.len() {
        let p = pts[i];
        if i + 1 == pts.len() {
            let _ = write!(d, "L{},{}", num(p[0]), num(p[1]));
            break;
        }
        let (a, b) = (pts[i - 1], pts[i + 1]);
        let r = BEND_RADIUS.min(dist(a, p) / 2.0).min(dist(p, b) / 2.0);
        let (u, v) = (unit(p, a), unit(p, b));
        let _ = write!(
            d,
            "L{},{}Q{},{} {},{}",
            num(p[0] + u[0] * r),
            num(p[1] + u[1] * r),
            num(p[0]),
            num(p[1]),
            num(p[0] + v[0] * r),
            num(p[1] + v[1] * r),
        );
    }
    d
}

fn dist(a: Point, b: Point) -> f64 {
    ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt()
}

/// The unit vector from `a` towards `b` (zero when they coincide).
fn unit(a: Point, b: Point) -> Point {
    let d = dist(a, b);
    if d < 1e-9 {
        [0.0, 0.0]
    } else {
        [(b[0] - a[0]) / d, (b[1] - a[1]) / d]
    }
}

fn label(out: &mut String, e: &LayoutEdge, opts: &LayoutOptions) {
    let (Some(r), Some(full)) = (&e.label_box, &e.label) else { return };
    if e.label_lines.is_empty() {
        return;
    }
    let (class, chip) = match e.kind {
        "Catch" => ("lc", "kc"),
        "Default" => ("ld", "k"),
        _ => ("l", "k"),
    };
    out.push_str("<g>");
    title(out, full);
    let _ = write!(
        out,
        r#"<rect class="{chip}" x="{}" y="{}" width="{}" height="{}" rx="4"/>"#,
        num(r.x),
        num(r.y),
        num(r.width),
        num(r.height)
    );
    let lh = line_height(opts.small_font_size);
    let cx = num(r.x + r.width / 2.0);
    for (i, text) in e.label_lines.iter().enumerate() {
        let base = r.y + 2.0 + i as f64 * lh + lh / 2.0 + opts.small_font_size * 0.35;
        let _ = write!(out, r#"<text class="{class}" x="{cx}" y="{}">{}</text>"#, num(base), xml(text));
    }
    out.push_str("</g>\n");
}
