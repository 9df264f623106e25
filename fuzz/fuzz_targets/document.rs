//! text -> document (JSON/JSONC and YAML) -> model, and export back: the same bytes in
//! the same format, the same data through the other format.
#![no_main]

use asl_fuzz::FORMATS;
use asl_model::{Document, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in FORMATS {
        let Ok(doc) = Document::from_bytes(data, format) else { continue };
        // Open + export with no edit is byte-identical (design §2.1).
        assert_eq!(doc.to_format(format).as_bytes(), data);
        let other = if format == Format::Json { Format::Yaml } else { Format::Json };
        let exported = doc.to_format(other);
        let again = Document::parse(exported.as_str(), other)
            .unwrap_or_else(|e| panic!("export to {other:?} does not read back: {e}\n{exported}"));
        assert_eq!(again.to_value(), doc.to_value(), "export to {other:?} changed the data:\n{exported}");
        // Positions of every byte offset the model hands out stay inside the text.
        let end = doc.text().len();
        let p = doc.position(end);
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
    }
});
