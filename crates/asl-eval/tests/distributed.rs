//! Distributed Map: ItemReader over local folders standing in for S3 (CSV, JSON, JSONL,
//! listObjectsV2), child executions with their own context, ItemBatcher, ResultWriter,
//! tolerated failures, MaxConcurrency, and ItemReader failures.

use asl_eval::handler::TaskFuture;
use asl_eval::{Execution, Mocks, Options, Outcome, S3Folders, Status, TaskHandler, TaskRequest};
use asl_model::{Document, Format};
use serde_json::{json, Value};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use tempfile::TempDir;

fn doc(definition: Value) -> Document {
    Document::parse(definition.to_string(), Format::Json).expect("definition")
}

/// A fresh folder holding `files` (`path -> contents`), used as the S3 root; removed
/// when the returned value is dropped, so keep it for the whole test.
fn bucket_root(name: &str, files: &[(&str, &str)]) -> TempDir {
    let root =
        tempfile::Builder::new().prefix(&format!("asl-distributed-{name}-")).tempdir().expect("temp dir");
    for (path, text) in files {
        let file = root.path().join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
        std::fs::write(file, text).expect("write");
    }
    root
}

fn options(root: &Path) -> Options {
    Options {
        seed: Some(7),
        s3: S3Folders { root: Some(root.to_path_buf()), ..S3Folders::default() },
        ..Options::default()
    }
}

fn run(definition: Value, input: Value, root: &Path) -> Outcome {
    Execution::run(&doc(definition), input, &Mocks::default(), &options(root))
}

/// A Distributed Map around `processor` states, reading with `reader`, plus `extra` fields.
fn machine(reader: Value, processor: Value, extra: Value) -> Value {
    let mut map = json!({
        "Type": "Map",
        "ItemReader": reader,
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "P",
            "States": processor,
        },
        "End": true,
    });
    for (k, v) in extra.as_object().cloned().unwrap_or_default() {
        map[k] = v;
    }
    json!({"StartAt": "M", "States": {"M": map}})
}

fn pass_through() -> Value {
    json!({"P": {"Type": "Pass", "End": true}})
}

fn csv_reader(key: &str, config: Value) -> Value {
    json!({
        "Resource": "arn:aws:states:::s3:getObject",
        "ReaderConfig": config,
        "Parameters": {"Bucket": "data", "Key": key},
    })
}

#[test]
fn csv_with_a_header_row_gives_objects_of_strings_and_children_have_their_own_context() {
    let root = bucket_root("csv", &[("data/rows.csv", "id,name\n1,\"Smith, J\"\n2,Lee\n")]);
    let processor = json!({"P": {"Type": "Pass", "Parameters": {
        "row.$": "$",
        "execution.$": "$$.Execution.Input",
        "machine.$": "$$.StateMachine.Name",
    }, "End": true}});
    let def = machine(
        csv_reader("rows.csv", json!({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})),
        processor,
        json!({
            "Label": "Rows",
            "ItemSelector": {"index.$": "$$.Map.Item.Index", "value.$": "$$.Map.Item.Value"},
        }),
    );
    let out = run(def, json!({}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    let first = json!({"index": 0, "value": {"id": "1", "name": "Smith, J"}});
    assert_eq!(
        out.output,
        Some(json!([
            {"row": first, "execution": first, "machine": "StateMachine/Rows"},
            {"row": {"index": 1, "value": {"id": "2", "name": "Lee"}}, "execution": {"index": 1, "value": {"id": "2", "name": "Lee"}}, "machine": "StateMachine/Rows"},
        ]))
    );
    let kinds: Vec<_> = out.history.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            "ExecutionStarted",
            "MapStateEntered",
            "MapRunStarted",
            "MapRunSucceeded",
            "MapStateExited",
            "ExecutionSucceeded"
        ]
    );
    let arn = out.history[2].details.as_ref().map(|d| d.1["mapRunArn"].clone()).unwrap_or_default();
    assert!(
        arn.as_str()
            .unwrap_or_default()
            .starts_with("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/Rows:"),
        "{arn}"
    );
}

#[test]
fn csv_given_headers_max_items_and_delimiters() {
    let root = bucket_root("given", &[("data/rows.csv", "a|b\nc|d\ne|f\n")]);
    let config = json!({"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["x", "y"], "CSVDelimiter": "PIPE", "MaxItems": 2});
    let out = run(machine(csv_reader("rows.csv", config), pass_through(), json!({})), json!({}), root.path());
    assert_eq!(out.output, Some(json!([{"x": "a", "y": "b"}, {"x": "c", "y": "d"}])));
}

#[test]
fn json_and_json_lines_objects() {
    let root = bucket_root(
        "json",
        &[("data/a.json", "[1, {\"k\": 2}, [3]]"), ("data/b.jsonl", "{\"n\":1}\n\n{\"n\":2}\n")],
    );
    let out = run(
        machine(csv_reader("a.json", json!({"InputType": "JSON"})), pass_through(), json!({})),
        json!({}),
        root.path(),
    );
    assert_eq!(out.output, Some(json!([1, {"k": 2}, [3]])));
    let out = run(
        machine(csv_reader("b.jsonl", json!({"InputType": "JSONL"})), pass_through(), json!({})),
        json!({}),
        root.path(),
    );
    assert_eq!(out.output, Some(json!([{"n": 1}, {"n": 2}])));
}

#[test]
fn list_objects_under_a_prefix_in_key_order() {
    let root = bucket_root(
        "list",
        &[("data/in/b.txt", "bb"), ("data/in/a/x.txt", "hello"), ("data/out/c.txt", "c")],
    );
    let reader = json!({"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "data", "Prefix.$": "$.prefix"}});
    let out = run(machine(reader, pass_through(), json!({})), json!({"prefix": "in/"}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    let items = out.output.unwrap_or_default();
    let keys: Vec<_> = items.as_array().into_iter().flatten().map(|i| i["Key"].clone()).collect();
    assert_eq!(keys, [json!("in/a/x.txt"), json!("in/b.txt")]);
    assert_eq!(items[0]["Size"], json!(5));
    assert_eq!(items[0]["Etag"], json!("\"5d41402abc4b2a76b9719d911017c592\""));
    assert_eq!(items[0]["StorageClass"], json!("STANDARD"));
    assert!(items[0]["LastModified"].is_u64());
}

#[test]
fn item_batcher_groups_items_with_batch_input() {
    let root = bucket_root("batch", &[("data/a.json", "[1,2,3,4,5]")]);
    let def = machine(
        csv_reader("a.json", json!({"InputType": "JSON"})),
        pass_through(),
        json!({
            "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
        }),
    );
    let out = run(def, json!({"run": "r1"}), root.path());
    assert_eq!(
        out.output,
        Some(json!([
            {"BatchInput": {"run": "r1"}, "Items": [1, 2]},
            {"BatchInput": {"run": "r1"}, "Items": [3, 4]},
            {"BatchInput": {"run": "r1"}, "Items": [5]},
        ]))
    );
}

/// Fails the child whose item is negative.
fn failing_processor() -> Value {
    json!({
        "P": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericLessThan": 0, "Next": "Bad"}], "Default": "Good"},
        "Bad": {"Type": "Fail", "Error": "Negative", "Cause": "below zero"},
        "Good": {"Type": "Succeed"},
    })
}

#[test]
fn a_failed_child_fails_the_map_run_unless_tolerated() {
    let root = bucket_root("tolerate", &[("data/a.json", "[1,-1,2,-2]")]);
    let reader = csv_reader("a.json", json!({"InputType": "JSON"}));
    let out = run(machine(reader.clone(), failing_processor(), json!({})), json!({}), root.path());
    assert_eq!(out.status, Status::Failed);
    assert_eq!(out.error.as_deref(), Some("States.ExceedToleratedFailureThreshold"));
    assert!(out.history.iter().any(|e| e.kind == "MapRunFailed"));

    let out = run(
        machine(reader.clone(), failing_processor(), json!({"ToleratedFailureCount": 2})),
        json!({}),
        root.path(),
    );
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    assert_eq!(
        out.output,
        Some(
            json!([1, {"Error": "Negative", "Cause": "below zero"}, 2, {"Error": "Negative", "Cause": "below zero"}])
        )
    );

    let out = run(
        machine(reader.clone(), failing_processor(), json!({"ToleratedFailurePercentage": 49})),
        json!({}),
        root.path(),
    );
    assert_eq!(out.error.as_deref(), Some("States.ExceedToleratedFailureThreshold"));
    let out = run(
        machine(reader, failing_processor(), json!({"ToleratedFailurePercentage": 50})),
        json!({}),
        root.path(),
    );
    assert_eq!(out.status, Status::Succeeded);
}

#[test]
fn result_writer_writes_the_manifest_and_result_files() {
    let root = bucket_root("writer", &[("data/a.json", "[1,-1,2]")]);
    let def = machine(
        csv_reader("a.json", json!({"InputType": "JSON"})),
        failing_processor(),
        json!({
            "ToleratedFailureCount": 1,
            "Label": "W",
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results", "Prefix": "runs/"}},
        }),
    );
    let out = run(def, json!({}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    let output = out.output.unwrap_or_default();
    let arn = output["MapRunArn"].as_str().unwrap_or_default().to_owned();
    let run_id = arn.rsplit(':').next().unwrap_or_default().to_owned();
    assert!(arn.starts_with("arn:aws:states:us-east-1:123456789012:mapRun:StateMachine/W:"));
    let key = format!("runs/{run_id}/manifest.json");
    assert_eq!(output["ResultWriterDetails"], json!({"Bucket": "results", "Key": key}));
    let read = |k: &str| -> Value {
        serde_json::from_slice(&std::fs::read(root.path().join("results").join(k)).expect(k)).expect("json")
    };
    let manifest = read(&key);
    assert_eq!(manifest["DestinationBucket"], json!("results"));
    assert_eq!(manifest["MapRunArn"], json!(arn));
    assert_eq!(manifest["ResultFiles"]["PENDING"], json!([]));
    let succeeded_key = format!("runs/{run_id}/SUCCEEDED_0.json");
    assert_eq!(manifest["ResultFiles"]["SUCCEEDED"][0]["Key"], json!(succeeded_key));
    let succeeded = read(&succeeded_key);
    assert_eq!(succeeded.as_array().map(Vec::len), Some(2));
    assert_eq!(succeeded[0]["Status"], json!("SUCCEEDED"));
    assert_eq!(succeeded[0]["Input"], json!("1"));
    assert_eq!(succeeded[0]["Output"], json!("1"));
    assert_eq!(
        succeeded[0]["StateMachineArn"],
        json!("arn:aws:states:us-east-1:123456789012:stateMachine:StateMachine/W")
    );
    let failed = read(&format!("runs/{run_id}/FAILED_0.json"));
    assert_eq!(failed[0]["Status"], json!("FAILED"));
    assert_eq!(failed[0]["Error"], json!("Negative"));
    assert_eq!(failed[0]["Cause"], json!("below zero"));
}

#[test]
fn unreadable_input_is_item_reader_failed_and_catchable() {
    let root = bucket_root("bad", &[("data/bad.json", "{not json"), ("data/obj.json", "{\"a\": 1}")]);
    let cases = [
        csv_reader("missing.json", json!({"InputType": "JSON"})),
        csv_reader("bad.json", json!({"InputType": "JSON"})),
        csv_reader("obj.json", json!({"InputType": "JSON"})),
        csv_reader("../../etc/passwd", json!({"InputType": "JSON"})),
        csv_reader("bad.json", json!({"InputType": "MANIFEST"})),
        csv_reader("bad.json", json!({"InputType": "PARQUET"})),
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "nowhere/..", "Key": "a.json"}}),
    ];
    for reader in cases {
        let out = run(machine(reader.clone(), pass_through(), json!({})), json!({}), root.path());
        assert_eq!(out.status, Status::Failed, "{reader}");
        assert_eq!(out.error.as_deref(), Some("States.ItemReaderFailed"), "{reader}: {:?}", out.cause);
        assert!(!out.cause.unwrap_or_default().is_empty());
    }
    // Without any folder mapped.
    let def = machine(
        csv_reader("a.json", json!({"InputType": "JSON"})),
        pass_through(),
        json!({
            "Catch": [{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Caught"}],
        }),
    );
    let mut def = def;
    def["States"]["M"].as_object_mut().map(|m| m.remove("End"));
    def["States"]["M"]["Next"] = json!("Caught");
    def["States"]["Caught"] = json!({"Type": "Pass", "End": true});
    let out = Execution::run(&doc(def), json!({}), &Mocks::default(), &Options::default());
    assert_eq!(out.status, Status::Succeeded);
    let cause = out.output.unwrap_or_default()["Cause"].as_str().unwrap_or_default().to_owned();
    assert!(cause.contains("No local folder is mapped for the S3 bucket 'data'"), "{cause}");
}

/// Counts tasks in flight; each waits for one poll before finishing.
#[derive(Default)]
struct Gauge {
    running: AtomicUsize,
    peak: AtomicUsize,
    calls: AtomicUsize,
}

impl TaskHandler for Gauge {
    fn invoke<'a>(&'a self, request: TaskRequest<'a>) -> TaskFuture<'a> {
        let input = request.input.clone();
        Box::pin(async move {
            let now = self.running.fetch_add(1, Ordering::SeqCst) + 1;
            self.peak.fetch_max(now, Ordering::SeqCst);
            self.calls.fetch_add(1, Ordering::SeqCst);
            let mut yielded = false;
            std::future::poll_fn(|cx| {
                if yielded {
                    std::task::Poll::Ready(())
                } else {
                    yielded = true;
                    cx.waker().wake_by_ref();
                    std::task::Poll::Pending
                }
            })
            .await;
            self.running.fetch_sub(1, Ordering::SeqCst);
            Ok(input)
        })
    }
}

#[test]
fn max_concurrency_bounds_the_child_executions_in_flight() {
    let items: Vec<Value> = (0..25).map(|i| json!(i)).collect();
    let root = bucket_root("concurrency", &[("data/a.json", &Value::Array(items.clone()).to_string())]);
    let processor = json!({"P": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}});
    for (limit, peak) in [(3, 3), (0, 25)] {
        let def = machine(
            csv_reader("a.json", json!({"InputType": "JSON"})),
            processor.clone(),
            json!({"MaxConcurrency": limit}),
        );
        let gauge = Gauge::default();
        let out = Execution::run(&doc(def), json!({}), &gauge, &options(root.path()));
        assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
        assert_eq!(out.output, Some(Value::Array(items.clone())));
        assert_eq!(gauge.peak.load(Ordering::SeqCst), peak, "MaxConcurrency {limit}");
        assert_eq!(gauge.calls.load(Ordering::SeqCst), 25);
    }
}

#[test]
fn jsonata_reader_arguments() {
    let root = bucket_root("jsonata", &[("data/k.jsonl", "{\"v\":1}\n{\"v\":2}\n{\"v\":3}\n")]);
    let mut def = machine(
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSONL", "MaxItems": "{% $states.input.max %}"},
               "Arguments": {"Bucket": "data", "Key": "{% $states.input.key %}"}}),
        json!({"P": {"Type": "Pass", "Output": "{% $states.input.v * 10 %}", "End": true}}),
        json!({}),
    );
    def["QueryLanguage"] = json!("JSONata");
    let out = run(def, json!({"key": "k.jsonl", "max": 2}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    assert_eq!(out.output, Some(json!([10, 20])));
}

#[test]
fn items_from_the_input_without_a_reader() {
    let root = bucket_root("noreader", &[]);
    let mut def = machine(json!(null), pass_through(), json!({"ItemsPath": "$.xs"}));
    def["States"]["M"].as_object_mut().map(|m| m.remove("ItemReader"));
    let out = run(def, json!({"xs": [1, 2]}), root.path());
    assert_eq!(out.output, Some(json!([1, 2])));
}

#[test]
fn an_s3_inventory_manifest_lists_the_rows_of_its_csv_files() {
    let manifest = json!({
        "sourceBucket": "photos",
        "destinationBucket": "arn:aws:s3:::inventory",
        "fileFormat": "CSV",
        "fileSchema": "Bucket, Key, Size, LastModifiedDate",
        "files": [{"key": "photos/daily/data/a.csv"}, {"key": "photos/daily/data/b.csv"}],
    });
    let root = bucket_root("manifest", &[
        ("inventory/photos/daily/manifest.json", &manifest.to_string()),
        ("inventory/photos/daily/data/a.csv", "\"photos\",\"2024/x.jpg\",\"10\",\"2024-06-25T17:36:23.000Z\"\n\"photos\",\"2024/y.jpg\",\"20\",\"2024-06-25T17:36:24.000Z\"\n"),
        ("inventory/photos/daily/data/b.csv", "\"photos\",\"2024/z.jpg\",\"30\",\"2024-06-25T17:36:25.000Z\"\n"),
    ]);
    let reader = json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST", "MaxItems": 3},
        "Parameters": {"Bucket": "inventory", "Key": "photos/daily/manifest.json"}});
    let out = run(machine(reader, pass_through(), json!({})), json!({}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    let items = out.output.unwrap_or_default();
    assert_eq!(items.as_array().map(Vec::len), Some(3));
    assert_eq!(
        items[0],
        json!({"Bucket": "photos", "Key": "2024/x.jpg", "Size": "10", "LastModifiedDate": "2024-06-25T17:36:23.000Z"})
    );
    assert_eq!(items[2]["Key"], json!("2024/z.jpg"));

    // A compressed data file is refused with a clear cause.
    let gz = json!({"fileFormat": "CSV", "fileSchema": "Bucket, Key", "files": [{"key": "data/a.csv.gz"}]});
    let root = bucket_root("manifest-gz", &[("inventory/m.json", &gz.to_string())]);
    let reader = json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"},
        "Parameters": {"Bucket": "inventory", "Key": "m.json"}});
    let out = run(machine(reader, pass_through(), json!({})), json!({}), root.path());
    assert_eq!(out.error.as_deref(), Some("States.ItemReaderFailed"));
    assert!(out.cause.unwrap_or_default().contains("gzip"));
}

#[test]
fn jsonata_item_batcher_evaluates_batch_input_and_sizes() {
    let root = bucket_root("jsonata-batch", &[("data/a.json", "[1,2,3,4,5]")]);
    let mut def = machine(
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Arguments": {"Bucket": "data", "Key": "a.json"}}),
        pass_through(),
        json!({"ItemBatcher": {"MaxItemsPerBatch": "{% $states.input.size %}", "BatchInput": {"run": "{% $states.input.run %}", "fixed": 1}}}),
    );
    def["QueryLanguage"] = json!("JSONata");
    let out = run(def, json!({"run": "r2", "size": 3}), root.path());
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    assert_eq!(
        out.output,
        Some(json!([
            {"BatchInput": {"run": "r2", "fixed": 1}, "Items": [1, 2, 3]},
            {"BatchInput": {"run": "r2", "fixed": 1}, "Items": [4, 5]},
        ]))
    );
}

#[test]
fn a_row_that_breaks_mid_file_fails_the_map_run_after_the_rows_before_it() {
    let mut text = String::from("id\n");
    for i in 0..50 {
        text.push_str(&format!("{i}\n"));
    }
    text.push_str("1,2\n");
    let root = bucket_root("midway", &[("data/rows.csv", &text)]);
    let def = machine(
        csv_reader("rows.csv", json!({"InputType": "CSV"})),
        pass_through(),
        json!({"MaxConcurrency": 5}),
    );
    let out = run(def, json!({}), root.path());
    assert_eq!(out.status, Status::Failed);
    assert_eq!(out.error.as_deref(), Some("States.ItemReaderFailed"));
    assert!(out.cause.unwrap_or_default().contains("CSV row 51 has 2 fields"));
    let kinds: Vec<_> = out.history.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&"MapRunStarted") && kinds.contains(&"MapRunFailed"), "{kinds:?}");
}

/// The sample's 100,000-row CSV, one child execution per row, results written to files:
/// every row comes back once, in order, with the right sum.
#[test]
fn the_sample_csv_of_100000_rows_runs_one_child_per_row() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/distributed-map-s3/bucket");
    let text = std::fs::read_to_string(sample.join("sales/sales-100k.csv")).expect("sample csv");
    let expected_sum: u64 = text
        .lines()
        .skip(1)
        .map(|l| l.rsplit(',').next().and_then(|c| c.parse::<u64>().ok()).expect("cents"))
        .sum();
    let root = bucket_root("sample-csv", &[]);
    let def = machine(
        json!({"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"},
            "Parameters": {"Bucket": "acme-sales", "Key": "sales/sales-100k.csv"}}),
        json!({"P": {"Type": "Pass", "Parameters": {"sale.$": "$.sale", "cents.$": "States.StringToJson($.cents)"}, "End": true}}),
        json!({"MaxConcurrency": 500, "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "results"}}}),
    );
    let mut def = def;
    def["States"]["M"]["ItemProcessor"]["ProcessorConfig"]["ExecutionType"] = json!("EXPRESS");
    let mut options = options(root.path());
    options.s3.buckets.insert("acme-sales".into(), sample);
    let out = Execution::run(&doc(def), json!({}), &Mocks::default(), &options);
    assert_eq!(out.status, Status::Succeeded, "{:?}", out.cause);
    let key = out.output.unwrap_or_default()["ResultWriterDetails"]["Key"]
        .as_str()
        .unwrap_or_default()
        .replace("manifest.json", "SUCCEEDED_0.json");
    let results: Value =
        serde_json::from_slice(&std::fs::read(root.path().join("results").join(key)).expect("results"))
            .expect("json");
    let results = results.as_array().cloned().unwrap_or_default();
    assert_eq!(results.len(), 100_000);
    let mut sum = 0u64;
    for (i, r) in results.iter().enumerate() {
        let output: Value = serde_json::from_str(r["Output"].as_str().unwrap_or_default()).expect("output");
        assert_eq!(output["sale"], json!(i.to_string()));
        sum += output["cents"].as_u64().unwrap_or_default();
    }
    assert_eq!(sum, expected_sum);
    assert_eq!(sum, 499_950_000);
}
