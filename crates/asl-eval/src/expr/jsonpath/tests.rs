//! Jayway semantics as AWS exposes them through `select` (InputPath/OutputPath wording).

use crate::expr::{select, select_field, Scope};
use serde_json::{json, Map, Value};

fn run(path: &str, input: Value) -> Result<Value, String> {
    let context = json!({"Execution": {"Id": "arn:x", "Input": {"k": 1}}, "State": {"Name": "S"}});
    let mut variables = Map::new();
    variables.insert("var".into(), json!({"list": [10, 20]}));
    select(path, &Scope { input: &input, context: &context, variables: &variables }).map_err(|e| e.cause)
}

fn store() -> Value {
    json!({
        "store": {
            "book": [
                {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
                {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
                {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
                {"category": "fiction", "author": "J. R. R. Tolkien", "title": "Rings", "isbn": "0-395", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
        },
        "expensive": 10
    })
}

#[test]
fn definite_paths_return_the_node() {
    assert_eq!(run("$", json!({"a": 1})), Ok(json!({"a": 1})));
    assert_eq!(run("$.a.b", json!({"a": {"b": [1]}})), Ok(json!([1])));
    assert_eq!(run("$.items[0]", json!({"items": [{"k": 0}, 1]})), Ok(json!({"k": 0})));
    assert_eq!(run("$.items[-1]", json!({"items": [1, 2, 3]})), Ok(json!(3)));
    assert_eq!(run("$['a b']", json!({"a b": null})), Ok(json!(null)));
    assert_eq!(run("$.a[(@.length-1)]", json!({"a": [1, 2]})), Ok(json!(2)));
    assert!(run("$.a[(@.length+9223372036854775807)]", json!({"a": [1, 2]})).is_err());
    assert_eq!(run("$..[(@.length+9223372036854775807)]", json!({"a": [1, 2]})), Ok(json!([])));
    assert!(run("$.a[-9223372036854775808]", json!({"a": [1]})).is_err());
}

#[test]
fn context_and_variables() {
    assert_eq!(run("$$.Execution.Input.k", json!({})), Ok(json!(1)));
    assert_eq!(run("$$.State.Name", json!({})), Ok(json!("S")));
    assert_eq!(run("$var.list[1]", json!({})), Ok(json!(20)));
    assert!(run("$nope", json!({})).is_err());
}

#[test]
fn trailing_multi_name_merges_into_an_object() {
    assert_eq!(run("$['a','c']", json!({"a": 1, "b": 2, "c": 3})), Ok(json!({"a": 1, "c": 3})));
    assert_eq!(run("$['a','z']", json!({"a": 1})), Ok(json!({"a": 1})));
    assert_eq!(run("$.l[*]['a','b']", json!({"l": [{"a": 1}, {"b": 2}]})), Ok(json!([{"a": 1}, {"b": 2}])));
}

#[test]
fn jayway_messages_for_missing_nodes() {
    assert_eq!(
        run("$.NoSuchInputPath", json!({"int-literal": 0})),
        Err("Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']".into())
    );
    assert_eq!(
        run("$.no.such.result.path", json!({})),
        Err("Invalid path '$.no.such.result.path' : Missing property in path $['no']".into())
    );
    assert_eq!(
        run("$.a[5]", json!({"a": [1]})),
        Err("Invalid path '$.a[5]' : No results for path: $['a'][5]".into())
    );
    assert_eq!(
        run("$.a[0]", json!({"a": null})),
        Err("Invalid path '$.a[0]' : The path $['a'] is null".into())
    );
    let err = run("$.a.b", json!({"a": 5})).unwrap_err();
    assert!(err.starts_with("Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found 'java.lang.Integer'"), "{err}");
    let err = run("$.a[0]", json!({"a": "text"})).unwrap_err();
    assert!(err.ends_with("Filter: [0] can only be applied to arrays. Current context is: text"), "{err}");
}

#[test]
fn indefinite_paths_return_arrays_possibly_empty() {
    assert_eq!(run("$.items[*]", json!({})), Ok(json!([])));
    assert_eq!(run("$.item.items[1:5].itemValue", json!({})), Ok(json!([])));
    assert_eq!(run("$.items[:1]", json!({"items": [1, 2]})), Ok(json!([1])));
    assert_eq!(run("$.items[1:]", json!({"items": [1, 2, 3]})), Ok(json!([2, 3])));
    assert_eq!(run("$.items[-2:]", json!({"items": [1, 2, 3]})), Ok(json!([2, 3])));
    assert_eq!(run("$.items[0,2]", json!({"items": [1, 2, 3]})), Ok(json!([1, 3])));
    assert_eq!(run("$.o.*", json!({"o": {"x": 1, "y": [2]}})), Ok(json!([1, [2]])));
    assert_eq!(run("$.s[*]", json!({"s": "text"})), Ok(json!([])));
}

#[test]
fn descent_visits_in_document_order() {
    assert_eq!(
        run("$..author", store()),
        Ok(json!(["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]))
    );
    assert_eq!(run("$.store..price", store()), Ok(json!([8.95, 12.99, 8.99, 22.99, 19.95])));
    assert_eq!(run("$..book[2].title", store()), Ok(json!(["Moby Dick"])));
    assert_eq!(run("$..nothing", store()), Ok(json!([])));
    assert_eq!(run("$..*", json!({"a": {"b": 1}})), Ok(json!([{"b": 1}, 1])));
}

#[test]
fn filters() {
    let users = json!({"users": [{"year": 1997, "status": 0}, {"year": 1998, "status": 1}]});
    assert_eq!(run("$.users[?(@.status == 0)]", users.clone()), Ok(json!([{"year": 1997, "status": 0}])));
    assert_eq!(run("$.users[?(@.year > 1997)].status", users.clone()), Ok(json!([1])));
    assert_eq!(run("$.users[?(@.missing)]", users.clone()), Ok(json!([])));
    assert_eq!(run("$.users[?(@.missing != 3)].year", users.clone()), Ok(json!([1997, 1998])));
    assert_eq!(run("$..book[?(@.isbn)].title", store()), Ok(json!(["Moby Dick", "Rings"])));
    assert_eq!(run("$..book[?(@.price < $.expensive)].price", store()), Ok(json!([8.95, 8.99])));
    assert_eq!(
        run("$..book[?(@.category == 'fiction' && @.price > 20)].title", store()),
        Ok(json!(["Rings"]))
    );
    assert_eq!(run("$..book[?(@.author =~ /.*REES/i)].title", store()), Ok(json!(["Sayings"])));
    assert_eq!(run("$..book[?(@.author =~ /Rees/)].title", store()), Ok(json!([])), "regex must match whole");
    assert_eq!(run("$..book[?(@.category in ['reference'])].price", store()), Ok(json!([8.95])));
    assert_eq!(run("$..book[?(!(@.price < 10))].price", store()), Ok(json!([12.99, 22.99])));
    assert_eq!(run("$.l[?(@ == '2')]", json!({"l": [1, 2, "2"]})), Ok(json!([2, "2"])));
    assert_eq!(run("$.l[?(@ === 2)]", json!({"l": [1, 2, "2"]})), Ok(json!([2])));
    assert_eq!(
        run("$.l[?(@.t size 2)].t", json!({"l": [{"t": [1, 2]}, {"t": "ab"}, {"t": [1]}]})),
        Ok(json!([[1, 2], "ab"]))
    );
    assert_eq!(run("$.l[?(@.t empty true)]", json!({"l": [{"t": []}, {"t": [1]}]})), Ok(json!([{"t": []}])));
    assert_eq!(
        run("$.l[?(@.t contains 'b')].t", json!({"l": [{"t": "abc"}, {"t": "x"}]})),
        Ok(json!(["abc"]))
    );
    assert_eq!(run("$.o[?(@.k == 1)]", json!({"o": {"k": 1}})), Ok(json!([{"k": 1}])));
    assert_eq!(run("$.l[?(@.Type==VENDOR)].n", json!({"l": [{"Type": "VENDOR", "n": 1}]})), Ok(json!([1])));
}

#[test]
fn path_functions_match_nothing() {
    // AWS does not support Jayway's functions: "$.Jobs.sum()" could not be found.
    assert!(run("$.a.length()", json!({"a": [1]})).is_err());
    let context = json!({});
    let err = select_field(
        "$.Jobs.sum()",
        &Scope { input: &json!({"Jobs": [0, 1]}), context: &context, variables: &Map::new() },
        "Jobs.$",
    )
    .unwrap_err();
    assert_eq!(
        err.cause,
        r#"The JSONPath '$.Jobs.sum()' specified for the field 'Jobs.$' could not be found in the input '{"Jobs":[0,1]}'"#
    );
}

#[test]
fn invalid_paths_are_errors() {
    for bad in ["", "a", "$[", "$.a[?(@.x ==)]", " $"] {
        let err = run(bad, json!({})).unwrap_err();
        assert!(err.starts_with("Invalid path"), "{bad}: {err}");
    }
}

#[test]
fn deep_documents_do_not_overflow() {
    // Descent walks with its own stack. serde_json's clone and drop recurse, so the data
    // is built and dropped on a thread with room for them; our walk must not need it.
    let deep = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let mut deep = json!(1);
            for _ in 0..2_000 {
                deep = json!({ "a": deep });
            }
            let results = (run("$..zzz", deep.clone()), run("$..[?(@.zzz)]", deep.clone()));
            drop(deep);
            results
        })
        .map(|handle| handle.join());
    match deep {
        Ok(Ok((a, b))) => {
            assert_eq!(a, Ok(json!([])));
            assert_eq!(b, Ok(json!([])));
        }
        _ => panic!("the walk overflowed"),
    }
}

#[test]
fn every_combination_of_segments_is_safe() {
    let fragments = [
        ".a",
        "[0]",
        "[-1]",
        "[*]",
        "..a",
        "..*",
        "[?(@.a > 1)]",
        "[1:]",
        "['a','b']",
        "[(@.length-1)]",
        ".length()",
    ];
    let inputs = [
        json!(null),
        json!(3),
        json!("s"),
        json!([1, {"a": [2, {"a": 3}]}]),
        json!({"a": {"a": [0, {"a": 5, "b": 1}]}, "b": 2}),
    ];
    for a in fragments {
        for b in fragments {
            for c in fragments {
                let path = format!("${a}{b}{c}");
                for input in &inputs {
                    // Any outcome but a panic; a result must be JSON, an error a Runtime one.
                    if let Err(cause) = run(&path, input.clone()) {
                        assert!(cause.starts_with("Invalid path"), "{path}: {cause}");
                    }
                }
            }
        }
    }
}
