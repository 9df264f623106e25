//! Box sizes from text: a state box fits its name (wrapped to two lines at most) and its
//! type caption; a label box fits its wrapped text. Sizes are whole pixels so that the
//! geometry stays on a half-pixel grid.

use super::options::LayoutOptions;
use crate::graph::{Node, NodeKind};

/// A measured box with the lines it shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextBox {
    /// Width in px.
    pub width: f64,
    /// Height in px.
    pub height: f64,
    /// The text lines, wrapped to fit.
    pub lines: Vec<String>,
    /// The small line under a state's name, cut to fit the box (empty for pills).
    pub caption: String,
}

const NAME_LINES: usize = 2;
const LABEL_LINES: usize = 2;
const PILL_HEIGHT: f64 = 28.0;

pub(crate) fn line_height(font: f64) -> f64 {
    (font * 1.3).ceil()
}

/// A non-container node: a state box, a Start/End pill or a missing placeholder.
pub fn node_box(opts: &LayoutOptions, node: &Node) -> TextBox {
    match node.kind {
        NodeKind::Start | NodeKind::End => {
            let w = opts.measure(&node.name, opts.small_font_size) + 2.0 * opts.node_padding + 8.0;
            let lines = vec![node.name.clone()];
            TextBox { width: w.max(56.0).ceil(), height: PILL_HEIGHT, lines, caption: String::new() }
        }
        _ => {
            let inner = opts.node_max_width - 2.0 * opts.node_padding;
            let name = |s: &str| opts.measure_name(s, opts.font_size);
            let lines = wrap_with(&name, &node.name, inner, NAME_LINES);
            // A caption longer than the widest box is cut, never drawn past the border.
            let small = |s: &str| opts.measure(s, opts.small_font_size);
            let caption = truncate(&small, node.caption(), inner);
            let mut text_w = lines.iter().map(|l| name(l)).fold(small(&caption), f64::max);
            if caption != node.caption() {
                // A cut caption gets the widest box, so it is cut as late as it can be.
                text_w = inner;
            }
            let width =
                (text_w + 2.0 * opts.node_padding).clamp(opts.node_min_width, opts.node_max_width).ceil();
            let height =
                16.0 + lines.len() as f64 * line_height(opts.font_size) + line_height(opts.small_font_size);
            TextBox { width, height: height.ceil(), lines, caption }
        }
    }
}

/// Room a container's title bar needs besides its text: the app draws the caption as a
/// chip (6 px padding each side) and a fold button at the right (28 px); without it short
/// titles ("Fan out" + "Map") came out cut in the app.
const TITLE_CONTROLS: f64 = 24.0;

/// The least width of a container: its title (name and caption) must fit.
pub fn title_width(opts: &LayoutOptions, node: &Node) -> f64 {
    let name = opts.measure_name(&node.name, opts.font_size).min(opts.node_max_width * 2.0);
    let caption = opts.measure(node.caption(), opts.small_font_size);
    (name + caption + 3.0 * opts.node_padding + TITLE_CONTROLS).ceil()
}

/// A container's title bar text fitted to its width: (name, caption). The caption goes
/// first when room is short, the name is cut last.
pub fn fit_title(opts: &LayoutOptions, node: &Node, width: f64) -> (String, String) {
    let name_w = |s: &str| opts.measure_name(s, opts.font_size);
    let small = |s: &str| opts.measure(s, opts.small_font_size);
    let room = (width - 3.0 * opts.node_padding - TITLE_CONTROLS).max(0.0);
    let name = truncate(&name_w, &node.name, room);
    let left = room - name_w(&name);
    let caption = node.caption();
    let caption = if small(caption) <= left { caption.to_owned() } else { String::new() };
    (name, caption)
}

/// `text` if it fits `max_width`, else its longest prefix that fits with `…` added.
/// Reads no further than fits, whatever the length of `text`.
pub fn truncate(measure: &dyn Fn(&str) -> f64, text: &str, max_width: f64) -> String {
    let mut out = String::new();
    for c in text.chars() {
        out.push(if c.is_control() { ' ' } else { c });
        if measure(&out) > max_width {
            out.pop();
            while !out.is_empty() && measure(&format!("{out}…")) > max_width {
                out.pop();
            }
            out.push('…');
            return out;
        }
    }
    out
}

/// How much wider than `max_label_width` a label may grow to show its whole text on its
/// two lines: a condition such as `And($.total > 1000, $.tier == "gold", ...)` reads whole
/// instead of ending in `…`; longer ones are still cut (their full text is the tooltip).
const LABEL_STRETCH: f64 = 1.6;

/// An edge label: wrapped to two lines at `max_label_width`, or, when that cuts it, at
/// the least width up to [`LABEL_STRETCH`] times that which shows it whole.
pub fn label_box(opts: &LayoutOptions, text: &str) -> TextBox {
    let font = opts.small_font_size;
    let cut =
        |lines: &[String]| lines.last().is_some_and(|l| l.ends_with('…')) && !text.trim_end().ends_with('…');
    let mut lines = wrap(opts, text, font, opts.max_label_width, LABEL_LINES);
    if cut(&lines) {
        let widest = opts.max_label_width * LABEL_STRETCH;
        // Half the text's width is the least that could hold it on two lines; word
        // breaks need some more, tried in steps (a long text stops at the first wrap).
        let head: String = text.chars().take(1024).collect();
        let half = (opts.measure(&head, font) / 2.0).ceil();
        let mut width = half.max(opts.max_label_width);
        while width < widest {
            let tried = wrap(opts, text, font, width, LABEL_LINES);
            if !cut(&tried) {
                lines = tried;
                break;
            }
            width += 8.0;
        }
        if cut(&lines) {
            lines = wrap(opts, text, font, widest, LABEL_LINES);
        }
    }
    let w = lines.iter().map(|l| opts.measure(l, opts.small_font_size)).fold(0.0, f64::max);
    let height = lines.len() as f64 * line_height(opts.small_font_size) + 4.0;
    TextBox { width: (w + 8.0).ceil(), height, lines, caption: String::new() }
}

/// [`wrap_with`] measuring with the options' regular text width.
pub fn wrap(opts: &LayoutOptions, text: &str, font: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    wrap_with(&|s: &str| opts.measure(s, font), text, max_width, max_lines)
}

/// Greedy word wrap to `max_width`; words wider than a line break between characters;
/// past `max_lines` the last line ends with `…`. Stops reading once the lines are full,
/// so a 100 kB condition costs no more than a short one. Never empty.
pub fn wrap_with(measure: &dyn Fn(&str) -> f64, text: &str, max_width: f64, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| measure(s) <= max_width;
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut more = false;
    'words: for word in text.split_whitespace() {
        if lines.len() >= max_lines {
            more = true;
            break;
        }
        let candidate = if cur.is_empty() { word.to_owned() } else { format!("{cur} {word}") };
        if fits(&candidate) {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            if lines.len() >= max_lines {
                more = true;
                break;
            }
        }
        for c in word.chars() {
            cur.push(c);
            if !fits(&cur) && cur.chars().nth(1).is_some() {
                cur.pop();
                // Break where the word has a seam (`Glue.|Crawler`, `Crawler|Running`)
                // rather than mid-syllable, carrying the tail to the next line.
                let tail = match seam(&cur) {
                    Some(i) => cur.split_off(i),
                    None => String::new(),
                };
                lines.push(std::mem::replace(&mut cur, tail));
                cur.push(c);
                if lines.len() >= max_lines {
                    more = true;
                    break 'words;
                }
            }
        }
    }
    if !more && !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        more = true;
        lines.truncate(max_lines);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    if more {
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && !fits(&format!("{last}…")) {
                last.pop();
            }
            last.push('…');
        }
    }
    lines
}

/// The last place in `s`, past its first third, where a long word may break: after
/// punctuation, or between a lower-case letter and an upper-case one.
fn seam(s: &str) -> Option<usize> {
    let mut best = None;
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        if let Some(p) = prev {
            let after_punct = matches!(p, '.' | ',' | '_' | '-' | '/' | ':' | ')' | ']');
            let camel = p.is_lowercase() && c.is_uppercase();
            if (after_punct || camel) && i * 3 >= s.len() {
                best = Some(i);
            }
        }
        prev = Some(c);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_and_ellipsizes() {
        let opts = LayoutOptions::default();
        assert_eq!(wrap(&opts, "Charge card", 13.0, 200.0, 2), ["Charge card"]);
        let long = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        let lines = wrap(&opts, long, 13.0, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(lines.iter().all(|l| opts.measure(l, 13.0) <= 100.0), "{lines:?}");
        let w = |s: &str| opts.measure(s, 11.0);
        assert_eq!(truncate(&w, "Bedrock Agents: CreateKnowledgeBase", 150.0), "Bedrock Agents: CreateKno…");
        assert_eq!(truncate(&w, "Lambda: Invoke", 150.0), "Lambda: Invoke");
        let lines = wrap(&opts, "Glue.CrawlerRunningException", 11.0, 140.0, 2);
        assert_eq!(lines, ["Glue.CrawlerRunning", "Exception"]);
        let word = "x".repeat(10_000);
        let lines = wrap(&opts, &word, 13.0, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn a_long_condition_widens_to_show_whole_on_two_lines() {
        let opts = crate::render::layout_options();
        let text = r#"And($.order.total > 1000, $.customer.tier == "gold", $.order.express == true)"#;
        let b = label_box(&opts, text);
        assert_eq!(b.lines.len(), 2, "{:?}", b.lines);
        assert_eq!(b.lines.join(" "), text, "nothing cut");
        assert!(b.width > opts.max_label_width && b.width <= opts.max_label_width * LABEL_STRETCH + 8.0);
        // Short labels keep their size; a very long one is still two lines, cut.
        assert_eq!(label_box(&opts, "$.x > 1").lines, ["$.x > 1"]);
        let huge = label_box(&opts, &"$.a > 1, ".repeat(200));
        assert_eq!(huge.lines.len(), 2);
        assert!(huge.lines[1].ends_with('…'));
        assert!(huge.width <= opts.max_label_width * LABEL_STRETCH + 8.0);
        let wide = label_box(&opts, &"é".repeat(5000));
        assert_eq!(wide.lines.len(), 2);
    }
}
