//! Text widths for the diagrams' font stack. The SVG asks for Helvetica, Arial, Liberation
//! Sans, DejaVu Sans, in that order; DejaVu Sans is the widest of them (a bold name runs
//! some 25 % wider than in Helvetica), so boxes are sized with its metrics and text fits
//! whichever of the fonts the viewer has.

/// The font stack, for SVG and DOT.
pub const FONT_FAMILY: &str = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif";

/// Advance widths of printable ASCII (0x20..=0x7E) in 1/1000 em, rounded up, from
/// DejaVu Sans (Book).
const REGULAR: [u16; 95] = [
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337, // ' '../
    637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 531, // 0..?
    1000, 685, 687, 699, 771, 632, 576, 775, 752, 295, 295, 656, 558, 863, 749, 788, // @..O
    604, 788, 695, 635, 611, 732, 685, 989, 686, 611, 686, 391, 337, 391, 838, 500, // P.._
    500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612, // `..o
    635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838, // p..~
];

/// The same from DejaVu Sans Bold.
const BOLD: [u16; 95] = [
    349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366, // ' '../
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 581, // 0..?
    1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 373, 775, 638, 996, 837, 851, // @..O
    733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 500, // P.._
    500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688, // `..o
    716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838, // p..~
];

/// Width in px of regular text at `font_size` px.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    width(&REGULAR, 640, text, font_size)
}

/// Width in px of bold text (state names, titles) at `font_size` px.
pub fn bold_text_width(text: &str, font_size: f64) -> f64 {
    width(&BOLD, 700, text, font_size)
}

/// Wide (CJK, emoji) characters and the ellipsis count a full em, other non-ASCII
/// characters as an average lower-case letter of the face.
fn width(table: &[u16; 95], other: u64, text: &str, font_size: f64) -> f64 {
    let mut milli: u64 = 0;
    for c in text.chars() {
        let code = c as u32;
        milli += match code {
            0x20..=0x7E => u64::from(table[(code - 0x20) as usize]),
            0x2026
            | 0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFF00..=0xFF60
            | 0x1F300..=0x1FAFF => 1000,
            _ => other,
        };
    }
    milli as f64 * font_size / 1000.0
}
