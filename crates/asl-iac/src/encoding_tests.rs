use super::*;

fn span_of(host: &str, part: &str) -> Span {
    let start = host.find(part).unwrap();
    Span::new(start, start + part.len())
}

#[test]
fn indented_lines_keep_their_indentation() {
    let host = "Def:\n    StartAt: A\n    States:\n\n      A: {Type: Succeed}\nNext: 1\n";
    let span = span_of(host, "    StartAt: A\n    States:\n\n      A: {Type: Succeed}");
    let enc = Encoding::Indented { indent: 4 };
    let d = decode(host, span, &enc).unwrap();
    assert_eq!(d.text, "StartAt: A\nStates:\n\n  A: {Type: Succeed}");
    let new = "StartAt: B\nStates:\n\n  B: {Type: Succeed}\n  C: {Type: Pass, End: true}";
    let out = write_back(host, span, &enc, &d.text, new, true).unwrap();
    assert_eq!(out, "Def:\n    StartAt: B\n    States:\n\n      B: {Type: Succeed}\n      C: {Type: Pass, End: true}\nNext: 1\n");
    // Lines inserted before others and whole lines removed.
    let new = "Comment: x\nStartAt: A\nStates:\n  A: {Type: Succeed}";
    let out = write_back(host, span, &enc, &d.text, new, true).unwrap();
    assert_eq!(out, "Def:\n    Comment: x\n    StartAt: A\n    States:\n      A: {Type: Succeed}\nNext: 1\n");
}

#[test]
fn json_strings_keep_their_escapes() {
    let host = r#"{"S": "{\"StartAt\":\"A\",\n\"B\":\"\u00e9\/\"}", "T": 1}"#;
    let span = span_of(host, r#""{\"StartAt\":\"A\",\n\"B\":\"\u00e9\/\"}""#);
    let d = decode(host, span, &Encoding::JsonString).unwrap();
    assert_eq!(d.text, "{\"StartAt\":\"A\",\n\"B\":\"\u{e9}/\"}");
    let new = d.text.replace("\"A\"", "\"Done \\\"x\\\"\"");
    let out = write_back(host, span, &Encoding::JsonString, &d.text, &new, true).unwrap();
    // The untouched escapes (\u00e9, \/) are the host's own bytes still.
    assert_eq!(out, r#"{"S": "{\"StartAt\":\"Done \\\"x\\\"\",\n\"B\":\"\u00e9\/\"}", "T": 1}"#);
}

#[test]
fn heredocs_read_doubled_dollars_as_one() {
    let host = "x = <<EOF\n{\"A\": \"$${keep}\", \"B\": \"${var.b}\"}\nEOF\n";
    let span = span_of(host, "{\"A\": \"$${keep}\", \"B\": \"${var.b}\"}\n");
    let enc = Encoding::Heredoc { indent: 0 };
    let d = decode(host, span, &enc).unwrap();
    assert_eq!(d.text, "{\"A\": \"${keep}\", \"B\": \"${var.b}\"}\n");
    let out = write_back(host, span, &enc, &d.text, &d.text.replace("\"B\"", "\"C\""), true).unwrap();
    assert_eq!(out, host.replace("\"B\"", "\"C\""));
}

#[test]
fn a_text_that_is_no_longer_there_is_refused() {
    let host = "'a''b'";
    let span = Span::new(0, host.len());
    let d = decode(host, span, &Encoding::SingleQuoted).unwrap();
    assert_eq!(d.text, "a'b");
    assert!(write_back(host, span, &Encoding::SingleQuoted, "other", "x", true).is_err());
    assert_eq!(write_back(host, span, &Encoding::SingleQuoted, "a'b", "a'c", true).unwrap(), "'a''c'");
}

#[test]
fn line_splices_keep_common_lines() {
    let old = "a\nb\nc\nd\n";
    let new = "a\nB\nc\nd\ne\n";
    let s = line_splices(old, new);
    assert_eq!(asl_model::edit::apply_splices(old, &s), new);
    assert_eq!(s.len(), 2);
}
