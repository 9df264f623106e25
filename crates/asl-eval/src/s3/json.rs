//! InputType JSON: the object is one JSON array, whose elements are the items.

use serde_json::Value;

/// The elements of a JSON array, parsed one at a time from the checked text.
pub(super) struct JsonElements {
    bytes: Vec<u8>,
    pos: usize,
    first: bool,
}

impl JsonElements {
    pub(super) fn new(bytes: Vec<u8>) -> Result<JsonElements, String> {
        // Checks the whole text without building its values.
        serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)
            .map_err(|e| format!("The object is not valid JSON: {e}"))?;
        let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
        if bytes.get(start) != Some(&b'[') {
            return Err("Attempting to map over non-iterable node.".into());
        }
        Ok(JsonElements { bytes, pos: start + 1, first: true })
    }

    fn skip_whitespace(&mut self) {
        while self.bytes.get(self.pos).is_some_and(u8::is_ascii_whitespace) {
            self.pos += 1;
        }
    }

    pub(super) fn next(&mut self) -> Option<Result<Value, String>> {
        self.skip_whitespace();
        match self.bytes.get(self.pos) {
            None | Some(b']') => return None,
            Some(b',') if !self.first => {
                self.pos += 1;
                self.skip_whitespace();
            }
            Some(_) if self.first => {}
            Some(_) => return Some(Err("The object is not valid JSON.".into())),
        }
        self.first = false;
        let mut stream = serde_json::Deserializer::from_slice(&self.bytes[self.pos..]).into_iter::<Value>();
        let value = stream.next()?;
        self.pos += stream.byte_offset();
        Some(value.map_err(|e| format!("The object is not valid JSON: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_elements_come_one_at_a_time() {
        let mut elements = JsonElements::new(b" [1, {\"k\": [2, 3]} ,\"s\",[] ]".to_vec()).unwrap();
        let mut out = Vec::new();
        while let Some(v) = elements.next() {
            out.push(v.unwrap());
        }
        assert_eq!(out, vec![json!(1), json!({"k": [2, 3]}), json!("s"), json!([])]);
        assert!(JsonElements::new(b"[]".to_vec()).unwrap().next().is_none());
        assert_eq!(
            JsonElements::new(b"{}".to_vec()).err().as_deref(),
            Some("Attempting to map over non-iterable node.")
        );
        assert!(JsonElements::new(b"[1,".to_vec()).is_err());
    }
}
