//! document -> check: no panic, and every diagnostic's span lies inside the text, on
//! character boundaries (the UI and `file:line:col` slice the text with it).
#![no_main]

use asl_fuzz::FORMATS;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in FORMATS {
        let (doc, diagnostics) = asl_check::check_text(text, format);
        for d in &diagnostics {
            let (start, end) = (d.span.start, d.span.end);
            assert!(start <= end && end <= text.len(), "{}: span {start}..{end} of {} bytes", d.code, text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "{}: span {start}..{end}", d.code);
            if let Some(doc) = &doc {
                let _ = doc.position(start);
            }
        }
    }
});
