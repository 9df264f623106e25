//! Diagrams of a machine, for people: [`svg()`] draws a [`Layout`] the way Workflow
//! Studio shows a machine (light or dark [`Theme`]); [`mermaid()`] and [`dot()`] write
//! the [`Graph`]'s structure for GitHub markdown and Graphviz, which lay it out
//! themselves. Every output is deterministic and escapes all text from the document.
//!
//! ```
//! use asl_graph::{layout, render, Graph};
//! use asl_model::{Document, Format};
//!
//! let text = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "End": true}}}"#;
//! let graph = Graph::from(&Document::parse(text, Format::Json).unwrap());
//! let opts = render::layout_options();
//! let svg = render::svg(&layout(&graph, &opts), &opts, &render::Theme::light());
//! assert!(svg.starts_with("<svg ") && svg.contains(">Hello</text>"));
//! assert!(render::mermaid(&graph).starts_with("flowchart TD\n"));
//! assert!(render::dot(&graph, &render::Theme::light()).starts_with("digraph "));
//! ```

pub mod dot;
pub mod font;
pub mod mermaid;
pub mod svg;
pub mod theme;

pub use dot::dot;
pub use mermaid::mermaid;
pub use svg::svg;
pub use theme::{Rgb, Theme, ThemeName};

use crate::layout::LayoutOptions;
use std::sync::Arc;

#[cfg(doc)]
use crate::{Graph, Layout};

/// Layout options measuring text as the SVG will draw it (regular captions and labels,
/// bold names, in the widest font of the stack), so no text overflows its box.
pub fn layout_options() -> LayoutOptions {
    LayoutOptions {
        text_width: Arc::new(font::text_width),
        name_text_width: Some(Arc::new(font::bold_text_width)),
        ..LayoutOptions::default()
    }
}

/// Appends `text` escaped for XML character data and attribute values. Characters XML
/// 1.0 cannot carry at all (most C0 controls, U+FFFE/U+FFFF) become U+FFFD, so a state
/// name with a stray control character still gives a well-formed document.
pub(crate) fn push_xml(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_xml(&mut out, text);
    out
}

/// Edge labels longer than this are cut in Mermaid and DOT: those tools wrap or widen,
/// but a 2 kB condition would still swamp the drawing.
const MAX_LABEL_CHARS: usize = 80;

pub(crate) fn cut_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        return label.to_owned();
    }
    let mut s: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
    s.push('…');
    s
}

/// A coordinate for output: at most two decimals, no trailing zeros, never `-0`.
pub(crate) fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 || !r.is_finite() {
        return "0".into();
    }
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_formats() {
        assert_eq!(xml("a<b & \"c\" 'd'>\u{1}"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;\u{FFFD}");
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1.0 / 3.0), "0.33");
    }
}
