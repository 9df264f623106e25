//! Colours of the diagrams: one accent per state type (as Workflow Studio codes flow
//! states, tasks and containers apart), box fills mixed from the accent and the page,
//! and a light and a dark set chosen for contrast (text on fills stays above WCAG AA).

/// A colour as `#rrggbb`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The colour as `#rrggbb`, lower-case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// `t` of `self` over `(1 - t)` of `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) * t + f64::from(b) * (1.0 - t)).round().clamp(0.0, 255.0) as u8;
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

/// The two built-in themes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThemeName {
    /// Light page.
    Light,
    /// Dark page.
    Dark,
}

/// The colours of a diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Which theme this is.
    pub name: ThemeName,
    /// The page.
    pub background: Rgb,
    /// State names, titles.
    pub text: Rgb,
    /// Captions, branch names.
    pub muted: Rgb,
    /// Transition lines and arrowheads.
    pub edge: Rgb,
    /// Catch lines (dashed) and their labels.
    pub catch: Rgb,
    /// Edge label chips.
    pub label_fill: Rgb,
    /// Edge label chip borders.
    pub label_stroke: Rgb,
    /// Edge label text.
    pub label_text: Rgb,
    /// Marks problems: missing targets, unreachable states.
    pub problem: Rgb,
    /// How much accent goes into a state box's fill, and into a container's.
    pub fill_mix: f64,
    /// See `fill_mix`.
    pub container_mix: f64,
    accents: [Rgb; 11],
}

/// Order of `accents`.
const KINDS: [&str; 11] =
    ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Start", "End", "Missing"];

impl Theme {
    /// The light theme.
    pub fn light() -> Theme {
        Theme {
            name: ThemeName::Light,
            background: Rgb(0xff, 0xff, 0xff),
            text: Rgb(0x16, 0x19, 0x1f),
            muted: Rgb(0x5f, 0x6b, 0x7a),
            edge: Rgb(0x5f, 0x6b, 0x7a),
            catch: Rgb(0xc3, 0x3d, 0x1a),
            label_fill: Rgb(0xff, 0xff, 0xff),
            label_stroke: Rgb(0xc6, 0xcd, 0xd5),
            label_text: Rgb(0x35, 0x3f, 0x4c),
            problem: Rgb(0xd1, 0x32, 0x12),
            fill_mix: 0.09,
            container_mix: 0.035,
            accents: [
                Rgb(0x09, 0x72, 0xd3), // Task: blue
                Rgb(0x68, 0x74, 0x83), // Pass: slate
                Rgb(0xc7, 0x6a, 0x00), // Choice: orange
                Rgb(0x8a, 0x4f, 0xd1), // Wait: violet
                Rgb(0x1d, 0x81, 0x02), // Succeed: green
                Rgb(0xd1, 0x32, 0x12), // Fail: red
                Rgb(0x00, 0x7e, 0x8c), // Parallel: teal
                Rgb(0x3f, 0x4f, 0xc9), // Map: indigo
                Rgb(0x41, 0x4d, 0x5c), // Start
                Rgb(0x41, 0x4d, 0x5c), // End
                Rgb(0xd1, 0x32, 0x12), // Missing
            ],
        }
    }

    /// The dark theme.
    pub fn dark() -> Theme {
        Theme {
            name: ThemeName::Dark,
            background: Rgb(0x14, 0x1a, 0x23),
            text: Rgb(0xe9, 0xeb, 0xed),
            muted: Rgb(0xa4, 0xaf, 0xbd),
            edge: Rgb(0x8d, 0x99, 0xa8),
            catch: Rgb(0xff, 0x7a, 0x5c),
            label_fill: Rgb(0x1f, 0x27, 0x33),
            label_stroke: Rgb(0x41, 0x4d, 0x5c),
            label_text: Rgb(0xd1, 0xd5, 0xdb),
            problem: Rgb(0xff, 0x5d, 0x64),
            fill_mix: 0.2,
            container_mix: 0.07,
            accents: [
                Rgb(0x53, 0x9f, 0xe5), // Task
                Rgb(0x9b, 0xa7, 0xb6), // Pass
                Rgb(0xf8, 0x92, 0x56), // Choice
                Rgb(0xb8, 0x8c, 0xf5), // Wait
                Rgb(0x4c, 0xc2, 0x4a), // Succeed
                Rgb(0xff, 0x5d, 0x64), // Fail
                Rgb(0x2e, 0xc4, 0xcf), // Parallel
                Rgb(0x8f, 0x98, 0xf8), // Map
                Rgb(0x8d, 0x99, 0xa8), // Start
                Rgb(0x8d, 0x99, 0xa8), // End
                Rgb(0xff, 0x5d, 0x64), // Missing
            ],
        }
    }

    /// The theme with this name.
    pub fn by_name(name: ThemeName) -> Theme {
        match name {
            ThemeName::Light => Theme::light(),
            ThemeName::Dark => Theme::dark(),
        }
    }

    /// The accent of a node type (`Task`, ..., `Start`, `Missing`); grey for others.
    pub fn accent(&self, kind: &str) -> Rgb {
        match KINDS.iter().position(|k| *k == kind) {
            Some(i) => self.accents[i],
            None => self.muted,
        }
    }

    /// The fill of a state box of this type.
    pub fn fill(&self, kind: &str) -> Rgb {
        self.accent(kind).mix(self.background, self.fill_mix)
    }

    /// The fill of a Map or Parallel container.
    pub fn container_fill(&self, kind: &str) -> Rgb {
        self.accent(kind).mix(self.background, self.container_mix)
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::light()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG relative luminance contrast.
    fn contrast(a: Rgb, b: Rgb) -> f64 {
        let lum = |c: Rgb| {
            let ch = |v: u8| {
                let v = f64::from(v) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * ch(c.0) + 0.7152 * ch(c.1) + 0.0722 * ch(c.2)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn text_reads_on_every_fill() {
        for theme in [Theme::light(), Theme::dark()] {
            for kind in KINDS {
                let fill = theme.fill(kind);
                assert!(contrast(theme.text, fill) >= 7.0, "{:?} {kind}: name", theme.name);
                assert!(contrast(theme.muted, fill) >= 4.5, "{:?} {kind}: caption", theme.name);
            }
            assert!(contrast(theme.label_text, theme.label_fill) >= 7.0);
            assert!(contrast(theme.catch, theme.label_fill) >= 4.5, "{:?} catch", theme.name);
            assert!(contrast(theme.edge, theme.background) >= 3.0, "{:?} edges", theme.name);
        }
    }
}
