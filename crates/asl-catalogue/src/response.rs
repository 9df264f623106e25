//! The response an action returns, as botocore models it: what TestState checks a mock
//! result against (`fieldValidationMode`).

use crate::store::Store;
use crate::{find, skeleton, Shape};
use std::collections::BTreeMap;

/// An action's response: `output` names the top shape in `shapes`, which holds every
/// shape it reaches by name (field names as Step Functions returns them, PascalCase).
#[derive(Clone, PartialEq, Debug)]
pub struct Response {
    pub output: String,
    pub shapes: BTreeMap<String, Shape>,
}

/// The response model of the action a Task `Resource` names; `None` when the catalogue
/// has no such action or the action has no modelled response (custom integrations such
/// as `apigateway:invoke` and `http:invoke`).
pub fn response(resource: &str) -> Option<Response> {
    let (store, i): (&Store, usize) = find(resource)?;
    let entry = &store.index.actions[i];
    let blob = store.blob(entry.0);
    let output = blob.ops.get(&entry.4)?.o.clone()?;
    let mut shapes = BTreeMap::new();
    let mut todo = vec![output.as_str()];
    while let Some(name) = todo.pop() {
        if shapes.contains_key(name) {
            continue;
        }
        let Some(raw) = blob.shapes.get(name) else { continue };
        todo.extend(raw.m.iter().map(|m| m.1.as_str()));
        todo.extend([&raw.i, &raw.k, &raw.v].into_iter().flatten().map(String::as_str));
        shapes.insert(name.to_string(), skeleton::shape(raw));
    }
    Some(Response { output, shapes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ShapeKind;

    #[test]
    fn responses_come_from_the_service_models() {
        let r = response("arn:aws:states:::states:startExecution").expect("StartExecution has a response");
        let top = &r.shapes[&r.output];
        let arn = top.members.iter().find(|m| m.name == "ExecutionArn").expect("ExecutionArn");
        assert!(arn.required);
        let start = top.members.iter().find(|m| m.name == "StartDate").expect("StartDate");
        assert_eq!(r.shapes[&start.shape].kind, ShapeKind::Timestamp);
        let lambda = response("arn:aws:states:::aws-sdk:lambda:getFunction").expect("GetFunction");
        let memory =
            lambda.shapes.values().flat_map(|s| &s.members).find(|m| m.name == "MemorySize").unwrap();
        assert_eq!(lambda.shapes[&memory.shape].min, Some(128.0));
        // The responses release (build.rs): AWS's TestState still enforced 10240.
        assert_eq!(lambda.shapes[&memory.shape].max, Some(10240.0));
        assert!(response("arn:aws:states:::http:invoke").is_none());
    }
}
