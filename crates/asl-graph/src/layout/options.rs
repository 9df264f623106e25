//! What the caller may tune: text measurement (the app passes real font metrics), sizes,
//! spacing and the work budgets that keep big or hostile machines fast.

use std::fmt;
use std::sync::Arc;

/// Width in px of `text` drawn at `font_size` px.
pub type TextWidth = Arc<dyn Fn(&str, f64) -> f64 + Send + Sync>;

/// What the caller may tune in [`crate::layout()`]; `Default` measures text with
/// [`estimate_text_width`].
#[derive(Clone)]
pub struct LayoutOptions {
    /// Measures every text.
    pub text_width: TextWidth,
    /// Measures state names and container titles, which renderers draw bold; `None`
    /// measures them with `text_width` like any other text.
    pub name_text_width: Option<TextWidth>,
    /// State names.
    pub font_size: f64,
    /// The type caption under a name, edge labels.
    pub small_font_size: f64,
    /// Narrowest state box.
    pub node_min_width: f64,
    /// Widest state box (longer names wrap).
    pub node_max_width: f64,
    /// Horizontal padding inside a state box.
    pub node_padding: f64,
    /// Horizontal space between two boxes of a layer.
    pub node_gap: f64,
    /// Horizontal space between an edge line and its neighbours.
    pub edge_gap: f64,
    /// Least vertical space between two layers.
    pub layer_gap: f64,
    /// Vertical space between two horizontal edge segments in a gap.
    pub track_gap: f64,
    /// Space between a container's border and its contents.
    pub container_padding: f64,
    /// Height of the title bar of a Map/Parallel container.
    pub title_height: f64,
    /// Space between the branches of a Parallel.
    pub branch_gap: f64,
    /// Labels wrap at this width (two lines at most, then `…`).
    pub max_label_width: f64,
    /// Space around the whole drawing.
    pub margin: f64,
    /// Crossing reduction sweeps, at most.
    pub order_sweeps: usize,
    /// Work units (node and segment visits) that crossing reduction, and separately
    /// coordinate placement, may spend per scope: big scopes get fewer sweeps (at least
    /// one), so time stays linear.
    pub sweep_budget: usize,
    /// Dummy nodes per scope for long edges, beyond which the longest edges are routed
    /// in lanes around the side instead (a machine where every state catches into one
    /// handler would otherwise need a quadratic number).
    pub dummy_budget: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            text_width: Arc::new(estimate_text_width),
            name_text_width: None,
            font_size: 13.0,
            small_font_size: 11.0,
            node_min_width: 96.0,
            node_max_width: 240.0,
            node_padding: 12.0,
            node_gap: 32.0,
            edge_gap: 12.0,
            layer_gap: 36.0,
            track_gap: 8.0,
            container_padding: 16.0,
            title_height: 30.0,
            branch_gap: 24.0,
            max_label_width: 160.0,
            margin: 16.0,
            order_sweeps: 8,
            sweep_budget: 2_000_000,
            dummy_budget: 100_000,
        }
    }
}

impl LayoutOptions {
    /// Default options with real text measurement.
    pub fn with_text_width(text_width: impl Fn(&str, f64) -> f64 + Send + Sync + 'static) -> Self {
        LayoutOptions { text_width: Arc::new(text_width), ..LayoutOptions::default() }
    }

    pub(crate) fn measure(&self, text: &str, font_size: f64) -> f64 {
        sane((self.text_width)(text, font_size))
    }

    /// The width of a state name or a container title.
    pub(crate) fn measure_name(&self, text: &str, font_size: f64) -> f64 {
        match &self.name_text_width {
            Some(f) => sane(f(text, font_size)),
            None => self.measure(text, font_size),
        }
    }
}

/// A caller's measure may return anything; a width is finite and not negative.
fn sane(w: f64) -> f64 {
    if w.is_finite() && w > 0.0 {
        w
    } else {
        0.0
    }
}

impl fmt::Debug for LayoutOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LayoutOptions")
            .field("font_size", &self.font_size)
            .field("small_font_size", &self.small_font_size)
            .field("node_min_width", &self.node_min_width)
            .field("node_max_width", &self.node_max_width)
            .field("node_gap", &self.node_gap)
            .field("layer_gap", &self.layer_gap)
            .finish_non_exhaustive()
    }
}

/// Advance widths of printable ASCII (0x20..=0x7E) in 1/1000 em, as in the metrics of
/// Helvetica/Arial: the default estimate of a proportional sans-serif font.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// The default text width: Helvetica-like advance widths; wide (CJK, emoji) characters
/// count a full em, other non-ASCII characters as an average lower-case letter.
pub fn estimate_text_width(text: &str, font_size: f64) -> f64 {
    let mut milli: u64 = 0;
    for c in text.chars() {
        let code = c as u32;
        milli += match code {
            0x20..=0x7E => u64::from(ASCII_WIDTHS[(code - 0x20) as usize]),
            0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFF60
            | 0x1F300..=0x1FAFF => 1000,
            _ => 556,
        };
    }
    milli as f64 * font_size / 1000.0
}
