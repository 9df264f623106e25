//! Random `DocumentEdit` sequences on parsed documents: after every edit the text still
//! parses in its format and the edit's splices make the new text of the old one; undo
//! then restores every earlier text byte for byte, and redo every later one. A YAML edit
//! is spliced, or declined up front by the splicing path (anchors, repeated keys...):
//! splicing that gives other data than the edit means is a bug, even though the app
//! hides it by re-emitting the document.
//! Input: the document text, a NUL, then the bytes the edits are drawn from.
#![no_main]

use arbitrary::Unstructured;
use asl_fuzz::{edit, splice, split_nul, states, FORMATS};
use asl_model::edit::{yaml_edit_path, YamlPath};
use asl_model::{Document, History};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (text, tail) = split_nul(data);
    for format in FORMATS {
        let Ok(doc) = Document::parse(text.as_str(), format) else { continue };
        let mut history = History::new(doc);
        let mut texts = vec![text.clone()];
        let mut u = Unstructured::new(tail);
        for _ in 0..8 {
            let targets = states(history.current());
            let Ok(e) = edit(&mut u, &targets, 2) else { break };
            let before = history.current().text().to_owned();
            if let Some(YamlPath::Disagreed { text, spliced, data }) = yaml_edit_path(history.current(), &e) {
                panic!(
                    "{e:?}: the splice disagrees with the data\n--- text before\n{before}\n--- spliced\n{text}\n\
                     --- spliced value\n{spliced:?}\n--- the edit's value\n{data}"
                );
            }
            let Ok(after) = history.apply(&e) else { continue };
            let after = after.text().to_owned();
            if let Err(err) = Document::parse(after.as_str(), format) {
                panic!("{e:?} gave text that does not parse ({err}):\n{after}");
            }
            let splices = history.last_change().expect("an edit's splices are known");
            assert_eq!(splice(&before, splices).as_deref(), Some(after.as_str()), "{e:?}: splices");
            if after != before {
                texts.push(after);
            }
        }
        for older in texts.iter().rev().skip(1) {
            assert!(history.undo(), "fewer undo steps than edits");
            assert_eq!(history.current().text(), older, "undo did not restore the bytes");
        }
        assert!(!history.undo(), "more undo steps than edits");
        for newer in texts.iter().skip(1) {
            assert!(history.redo());
            assert_eq!(history.current().text(), newer, "redo did not restore the bytes");
        }
    }
});
