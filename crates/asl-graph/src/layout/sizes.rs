//! Box sizes from text: a state box fits its name (wrapped to two lines at most) and its
//! type caption; a label box fits its wrapped text. Sizes are whole pixels so that the
//! geometry stays on a half-pixel grid.

use super::options::LayoutOptions;
use crate::graph::{Node, NodeKind};

/// A measured box with the lines it shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextBox {
    pub width: f64,
    pub height: f64,
    pub lines: Vec<String>,
}

const NAME_LINES: usize = 2;
const LABEL_LINES: usize = 2;
const PILL_HEIGHT: f64 = 28.0;

fn line_height(font: f64) -> f64 {
    (font * 1.3).ceil()
}

/// A non-container node: a state box, a Start/End pill or a missing placeholder.
pub fn node_box(opts: &LayoutOptions, node: &Node) -> TextBox {
    match node.kind {
        NodeKind::Start | NodeKind::End => {
            let w = opts.measure(&node.name, opts.small_font_size) + 2.0 * opts.node_padding + 8.0;
            TextBox { width: w.max(56.0).ceil(), height: PILL_HEIGHT, lines: vec![node.name.clone()] }
        }
        _ => {
            let inner = opts.node_max_width - 2.0 * opts.node_padding;
            let lines = wrap(opts, &node.name, opts.font_size, inner, NAME_LINES);
            let caption = caption(node);
            let text_w = lines
                .iter()
                .map(|l| opts.measure(l, opts.font_size))
                .fold(opts.measure(caption, opts.small_font_size), f64::max);
            let width =
                (text_w + 2.0 * opts.node_padding).clamp(opts.node_min_width, opts.node_max_width).ceil();
            let height =
                16.0 + lines.len() as f64 * line_height(opts.font_size) + line_height(opts.small_font_size);
            TextBox { width, height: height.ceil(), lines }
        }
    }
}

/// The small text under a state's name.
pub fn caption(node: &Node) -> &'static str {
    match node.kind {
        NodeKind::Missing => "missing",
        kind => kind.type_name(),
    }
}

/// The least width of a container: its title (name and type) must fit.
pub fn title_width(opts: &LayoutOptions, node: &Node) -> f64 {
    let name = opts.measure(&node.name, opts.font_size).min(opts.node_max_width * 2.0);
    let caption = opts.measure(caption(node), opts.small_font_size);
    (name + caption + 3.0 * opts.node_padding).ceil()
}

/// An edge label.
pub fn label_box(opts: &LayoutOptions, text: &str) -> TextBox {
    let lines = wrap(opts, text, opts.small_font_size, opts.max_label_width, LABEL_LINES);
    let w = lines.iter().map(|l| opts.measure(l, opts.small_font_size)).fold(0.0, f64::max);
    let height = lines.len() as f64 * line_height(opts.small_font_size) + 4.0;
    TextBox { width: (w + 8.0).ceil(), height, lines }
}

/// Greedy word wrap to `max_width`; words wider than a line break between characters;
/// past `max_lines` the last line ends with `…`. Stops reading once the lines are full,
/// so a 100 kB condition costs no more than a short one.
pub fn wrap(opts: &LayoutOptions, text: &str, font: f64, max_width: f64, max_lines: usize) -> Vec<String> {
    let fits = |s: &str| opts.measure(s, font) <= max_width;
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
                lines.push(std::mem::take(&mut cur));
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
        let word = "x".repeat(10_000);
        let lines = wrap(&opts, &word, 13.0, 100.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
    }
}
