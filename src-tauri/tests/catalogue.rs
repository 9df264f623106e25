//! The Actions catalogue through Tauri's IPC path, as the Actions browser calls it.

mod common;

use serde_json::{json, Value};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::WebviewWindow;

fn window() -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = asl_studio::builder(mock_builder())
        .manage(asl_studio::AppState::new(None, None))
        .build(mock_context(noop_assets()))
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window)
}

#[test]
fn the_browser_searches_opens_and_drops_an_action() {
    let (_app, w) = window();
    let hits = common::invoke(&w, "catalogue_search", json!({"query": "dynamo put", "limit": 5})).unwrap();
    assert_eq!(hits[0]["resource"], "arn:aws:states:::dynamodb:putItem");
    assert_eq!(hits[0]["kind"], "optimised");
    assert_eq!(hits[0]["patterns"], json!(["requestResponse"]));

    let action =
        common::invoke(&w, "catalogue_action", json!({"resource": "arn:aws:states:::ecs:runTask.sync"}))
            .unwrap();
    assert_eq!(action["summary"]["serviceId"], "ECS");
    let input = action["input"].as_str().unwrap();
    assert_eq!(action["shapes"][input]["kind"], "structure");
    let missing =
        common::invoke(&w, "catalogue_action", json!({"resource": "arn:aws:states:::sns:publish.sync"}));
    assert_eq!(missing.unwrap(), Value::Null);

    let state = common::invoke(
        &w,
        "catalogue_skeleton",
        json!({"resource": "arn:aws:states:::aws-sdk:s3:getObject", "queryLanguage": "JSONata"}),
    )
    .unwrap();
    assert_eq!(state["Arguments"], json!({"Bucket": "", "Key": ""}));
    let bad = common::invoke(&w, "catalogue_skeleton", json!({"resource": "x", "queryLanguage": "XPath"}));
    assert_eq!(bad.unwrap_err()["code"], "bad-query-language");

    let errors =
        common::invoke(&w, "catalogue_errors", json!({"resource": "arn:aws:states:::lambda:invoke"}))
            .unwrap();
    assert_eq!(errors[0], "Lambda.ServiceException");
}
