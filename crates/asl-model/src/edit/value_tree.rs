//! Primitive edits on a plain JSON value: what a YAML edit must give as data (the text
//! path is checked against it), and the document re-emitted whole where that path declines.

use super::{EditError, Primitives, Taken};
use crate::syntax::pointer_tokens;
use serde_json::{Map, Value};

pub(crate) struct ValueTree {
    pub value: Value,
}

fn parent_and_key(pointer: &str) -> Result<(&str, String), EditError> {
    let i = pointer.rfind('/').ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
    let key = pointer_tokens(&pointer[i..]).and_then(|t| t.into_iter().next()).unwrap_or_default();
    Ok((&pointer[..i], key))
}

impl ValueTree {
    fn at_mut(&mut self, pointer: &str) -> Result<&mut Value, EditError> {
        self.value.pointer_mut(pointer).ok_or_else(|| EditError::NotFound(pointer.to_owned()))
    }

    fn object_mut(&mut self, pointer: &str) -> Result<&mut Map<String, Value>, EditError> {
        self.at_mut(pointer)?
            .as_object_mut()
            .ok_or_else(|| EditError::NotFound(format!("{pointer} (an object)")))
    }

    fn array_mut(&mut self, pointer: &str) -> Result<&mut Vec<Value>, EditError> {
        self.at_mut(pointer)?
            .as_array_mut()
            .ok_or_else(|| EditError::NotFound(format!("{pointer} (an array)")))
    }
}

impl Primitives for ValueTree {
    fn read(&self, pointer: &str) -> Option<Value> {
        self.value.pointer(pointer).cloned()
    }

    fn set(&mut self, pointer: &str, value: &Value) -> Result<(), EditError> {
        if let Some(slot) = self.value.pointer_mut(pointer) {
            *slot = value.clone();
            return Ok(());
        }
        let (parent, key) = parent_and_key(pointer)?;
        match self.at_mut(parent)? {
            Value::Object(map) => {
                map.insert(key, value.clone());
                Ok(())
            }
            Value::Array(items) if key.parse::<usize>().ok() == Some(items.len()) => {
                items.push(value.clone());
                Ok(())
            }
            _ => Err(EditError::NotFound(pointer.to_owned())),
        }
    }

    fn insert_member(
        &mut self,
        pointer: &str,
        index: usize,
        key: &str,
        value: &Value,
    ) -> Result<(), EditError> {
        let map = self.object_mut(pointer)?;
        if map.contains_key(key) {
            return Err(EditError::Conflict(format!("\"{key}\" already exists")));
        }
        let old = std::mem::take(map);
        let index = index.min(old.len());
        for (i, (k, v)) in old.into_iter().enumerate() {
            if i == index {
                map.insert(key.to_owned(), value.clone());
            }
            map.insert(k, v);
        }
        if !map.contains_key(key) {
            map.insert(key.to_owned(), value.clone());
        }
        Ok(())
    }

    fn insert(&mut self, pointer: &str, index: usize, value: &Value) -> Result<(), EditError> {
        let items = self.array_mut(pointer)?;
        let index = index.min(items.len());
        items.insert(index, value.clone());
        Ok(())
    }

    fn remove(&mut self, pointer: &str) -> Result<(), EditError> {
        let (parent, key) = parent_and_key(pointer)?;
        let removed = match self.at_mut(parent)? {
            // shift_remove keeps the order of the other keys (remove would swap).
            Value::Object(map) => map.shift_remove(&key).is_some(),
            Value::Array(items) => match key.parse::<usize>() {
                Ok(i) if i < items.len() => {
                    items.remove(i);
                    true
                }
                _ => false,
            },
            _ => false,
        };
        removed.then_some(()).ok_or_else(|| EditError::NotFound(pointer.to_owned()))
    }

    fn rename_key(&mut self, pointer: &str, new_key: &str) -> Result<(), EditError> {
        let (parent, key) = parent_and_key(pointer)?;
        let map = self.object_mut(parent)?;
        if map.contains_key(new_key) {
            return Err(EditError::Conflict(format!("\"{new_key}\" already exists")));
        }
        if !map.contains_key(&key) {
            return Err(EditError::NotFound(pointer.to_owned()));
        }
        let old = std::mem::take(map);
        for (k, v) in old {
            map.insert(if k == key { new_key.to_owned() } else { k }, v);
        }
        Ok(())
    }

    fn take(&mut self, pointer: &str) -> Result<Taken, EditError> {
        let value = self.read(pointer).ok_or_else(|| EditError::NotFound(pointer.to_owned()))?;
        let (parent, key) = parent_and_key(pointer)?;
        let key = self.value.pointer(parent).and_then(Value::as_object).map(|_| key);
        self.remove(pointer)?;
        Ok(Taken { key, value, piece: None })
    }

    fn put(&mut self, pointer: &str, index: usize, taken: &Taken) -> Result<(), EditError> {
        match &taken.key {
            Some(key) => self.insert_member(pointer, index, key, &taken.value),
            None => self.insert(pointer, index, &taken.value),
        }
    }
}
