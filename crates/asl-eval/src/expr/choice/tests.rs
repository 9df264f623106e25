//! Every comparison operator, the type tests and the combinators, on the value shapes
//! of the corpus' operator tables (null, 0, 0.0, 1, 1.1, "", " ", strings, [], [""],
//! {}, {"A": 0}, true, false).

use super::evaluate_condition;
use crate::expr::Scope;
use asl_model::model::{Condition, ConditionKind, Operator};
use serde_json::{json, Map, Value};

fn rule(operator: &str, operand: Value) -> Condition {
    let operator = Operator::from_name(operator).unwrap_or_else(|| panic!("{operator}"));
    Condition {
        pointer: "/States/C/Choices/0".into(),
        kind: ConditionKind::Comparison { variable: Some("$.Variable".into()), operator, operand },
    }
}

fn eval(condition: &Condition, input: &Value) -> Result<bool, (String, String)> {
    let context = json!({});
    let mut variables = Map::new();
    variables.insert("limit".into(), json!(5));
    evaluate_condition(condition, &Scope { input, context: &context, variables: &variables })
        .map_err(|e| (e.error, e.cause))
}

/// `Variable` against a literal operand.
fn check(operator: &str, variable: Value, operand: Value) -> bool {
    let input = json!({ "Variable": variable, "Value": operand });
    eval(&rule(operator, operand), &input).unwrap_or_else(|e| panic!("{operator}: {e:?}"))
}

/// `Variable` against `$.Value` with the `...Path` form.
fn check_path(operator: &str, variable: Value, value: Value) -> bool {
    let input = json!({ "Variable": variable, "Value": value });
    eval(&rule(operator, json!("$.Value")), &input).unwrap_or_else(|e| panic!("{operator}: {e:?}"))
}

fn shapes() -> Vec<Value> {
    vec![
        json!(null),
        json!(0),
        json!(0.0),
        json!(1),
        json!(1.1),
        json!(""),
        json!(" "),
        json!("HelloWorld"),
        json!([]),
        json!([""]),
        json!({}),
        json!({"A": 0}),
        json!(true),
        json!(false),
    ]
}

#[test]
fn numeric_operators_compare_numbers_by_value_and_nothing_else() {
    assert!(check("NumericEquals", json!(0), json!(0.0)));
    assert!(check("NumericEquals", json!(0.0), json!(0)));
    assert!(check("NumericEquals", json!(2.22), json!(2.22)));
    assert!(!check("NumericEquals", json!(1.1), json!(1)));
    for value in shapes().into_iter().filter(|v| !v.is_number()) {
        assert!(!check("NumericEquals", value.clone(), json!(0)), "{value}");
        assert!(!check_path("NumericEqualsPath", value.clone(), json!(1.0)), "{value}");
        assert!(!check("NumericGreaterThanEquals", value, json!(-100)));
    }
    assert!(check("NumericLessThan", json!(-1), json!(0)));
    assert!(!check("NumericLessThan", json!(0), json!(0)));
    assert!(check("NumericLessThanEquals", json!(0), json!(0.0)));
    assert!(check("NumericGreaterThan", json!(1.5), json!(1)));
    assert!(check("NumericGreaterThanEquals", json!(1), json!(1)));
    assert!(check_path("NumericLessThanPath", json!(1), json!(2)));
    assert!(check_path("NumericGreaterThanPath", json!(3), json!(2)));
    assert!(check_path("NumericLessThanEqualsPath", json!(2), json!(2.0)));
    assert!(check_path("NumericGreaterThanEqualsPath", json!(2), json!(2)));
    // A Path operand that is not a number is false too, not an error.
    assert!(!check_path("NumericEqualsPath", json!(1), json!("1")));
    assert!(check("NumericEquals", json!(9007199254740993u64), json!(9007199254740993u64)));
    assert!(!check("NumericEquals", json!(9007199254740993u64), json!(9007199254740992u64)));
}

#[test]
fn string_operators_compare_exactly_in_java_order() {
    assert!(check("StringEquals", json!("HelloWorld"), json!("HelloWorld")));
    assert!(!check("StringEquals", json!(" "), json!("     ")));
    assert!(!check("StringEquals", json!("\t\n"), json!("\t\r\n")));
    for value in shapes().into_iter().filter(|v| !v.is_string()) {
        assert!(!check("StringEquals", value.clone(), json!("HelloWorld")), "{value}");
        assert!(!check("StringLessThan", value, json!("zzz")));
    }
    assert!(!check("StringGreaterThan", json!("A"), json!("A ")));
    assert!(!check("StringGreaterThan", json!("AB"), json!("ABC")));
    assert!(check("StringGreaterThanEquals", json!(""), json!("")));
    assert!(check("StringGreaterThanEquals", json!("AB"), json!("A")));
    assert!(!check("StringLessThan", json!(""), json!("")));
    assert!(check("StringLessThan", json!("A"), json!("AB")));
    assert!(check("StringLessThanEquals", json!("A"), json!("A")));
    assert!(!check_path("StringGreaterThanPath", json!("A"), json!("A\t\n\r")));
    assert!(check_path("StringEqualsPath", json!("x"), json!("x")));
    assert!(check_path("StringLessThanEqualsPath", json!(""), json!("")));
    assert!(check_path("StringGreaterThanEqualsPath", json!("AB"), json!("A")));
    assert!(check_path("StringLessThanPath", json!("A"), json!("B")));
    assert!(check("StringLessThan", json!("\u{1F600}"), json!("\u{FF5E}")), "UTF-16 order");
}

#[test]
fn string_matches_wildcards() {
    assert!(check("StringMatches", json!("log-2024.txt"), json!("log-*.txt")));
    assert!(!check("StringMatches", json!("log-2024.csv"), json!("log-*.txt")));
    assert!(check("StringMatches", json!("a*b"), json!(r"a\*b")));
    assert!(!check("StringMatches", json!("axb"), json!(r"a\*b")));
    assert!(!check("StringMatches", json!(1), json!("*")));
    assert!(check("StringMatches", json!(""), json!("*")));
}

#[test]
fn boolean_operators() {
    assert!(check("BooleanEquals", json!(true), json!(true)));
    assert!(check("BooleanEquals", json!(false), json!(false)));
    assert!(!check("BooleanEquals", json!(false), json!(true)));
    for value in shapes().into_iter().filter(|v| !v.is_boolean()) {
        assert!(!check("BooleanEquals", value.clone(), json!(true)), "{value}");
        assert!(!check("BooleanEquals", value.clone(), json!(false)), "{value}");
        assert!(!check_path("BooleanEqualsPath", value, json!(false)));
    }
    assert!(check_path("BooleanEqualsPath", json!(false), json!(false)));
}

#[test]
fn timestamp_operators() {
    let (t0, t1) = (json!("2012-10-09T19:00:55Z"), json!("2012-10-09T19:00:56Z"));
    assert!(check("TimestampEquals", t0.clone(), t0.clone()));
    assert!(!check("TimestampEquals", t0.clone(), t1.clone()));
    assert!(check("TimestampEquals", json!("2012-10-09T20:00:55+01:00"), t0.clone()));
    assert!(check("TimestampLessThan", t0.clone(), t1.clone()));
    assert!(check("TimestampGreaterThan", t1.clone(), t0.clone()));
    assert!(check("TimestampLessThanEquals", t0.clone(), t0.clone()));
    assert!(check("TimestampGreaterThanEquals", t1.clone(), t0.clone()));
    assert!(check_path("TimestampEqualsPath", t0.clone(), t0.clone()));
    assert!(check_path("TimestampLessThanPath", t0.clone(), t1.clone()));
    assert!(check_path("TimestampGreaterThanPath", t1.clone(), t0.clone()));
    assert!(check_path("TimestampLessThanEqualsPath", t1.clone(), t1.clone()));
    assert!(!check_path("TimestampGreaterThanEqualsPath", t0.clone(), t1.clone()));
    assert!(check("TimestampLessThan", json!("2012-10-09T19:00:55.5Z"), t1.clone()));
    for value in
        shapes().into_iter().chain([json!("2023-02-24 12:15:56.832957"), json!("2012-10-09T19:00:55")])
    {
        assert!(!check("TimestampEquals", value.clone(), t0.clone()), "{value}");
        assert!(!check("TimestampLessThanEquals", value, t0.clone()));
    }
}

#[test]
fn type_tests() {
    let timestamps = [json!("2012-10-09T19:00:55Z"), json!("2012-10-09T19:00:55+01:00")];
    type IsA<'a> = &'a dyn Fn(&Value) -> bool;
    let cases: [(&str, IsA); 5] = [
        ("IsNull", &|v| v.is_null()),
        ("IsNumeric", &|v| v.is_number()),
        ("IsString", &|v| v.is_string()),
        ("IsBoolean", &|v| v.is_boolean()),
        ("IsTimestamp", &|v| timestamps.contains(v)),
    ];
    let mut all = shapes();
    all.extend(timestamps.iter().cloned());
    all.extend([json!("2012-10-09T19:00:55"), json!("2023-02-24")]);
    for (operator, is_a) in cases {
        for value in &all {
            let is = is_a(value);
            assert_eq!(check(operator, value.clone(), json!(true)), is, "{operator} {value}");
            assert_eq!(check(operator, value.clone(), json!(false)), !is, "{operator} {value} false");
        }
    }
    for value in shapes() {
        assert!(check("IsPresent", value.clone(), json!(true)));
        assert!(!check("IsPresent", value, json!(false)));
    }
}

#[test]
fn missing_variables() {
    let input = json!({"other": 1});
    assert_eq!(eval(&rule("IsPresent", json!(true)), &input), Ok(false));
    assert_eq!(eval(&rule("IsPresent", json!(false)), &input), Ok(true));
    for (operator, operand) in
        [("IsNull", json!(true)), ("NumericEquals", json!(1)), ("StringEquals", json!("x"))]
    {
        let (error, cause) = eval(&rule(operator, operand), &input).unwrap_err();
        assert_eq!(error, "States.Runtime");
        assert_eq!(
            cause,
            "Invalid path '$.Variable': The choice state's condition path references an invalid value."
        );
    }
    let (_, cause) = eval(&rule("NumericEqualsPath", json!("$.nope")), &json!({"Variable": 1})).unwrap_err();
    assert!(cause.starts_with("Invalid path '$.nope'"), "{cause}");
}

#[test]
fn combinators_and_variables() {
    let gt = |n: i64| rule("NumericGreaterThan", json!(n));
    let input = json!({"Variable": 5});
    let and = Condition { pointer: String::new(), kind: ConditionKind::And(vec![gt(1), gt(2)]) };
    let or = Condition { pointer: String::new(), kind: ConditionKind::Or(vec![gt(10), gt(4)]) };
    let not = Condition { pointer: String::new(), kind: ConditionKind::Not(Box::new(gt(10))) };
    let none = Condition { pointer: String::new(), kind: ConditionKind::Or(vec![]) };
    assert_eq!(eval(&and, &input), Ok(true));
    assert_eq!(eval(&or, &input), Ok(true));
    assert_eq!(eval(&not, &input), Ok(true));
    assert_eq!(eval(&none, &input), Ok(false));
    // And stops at the first false rule, so a later missing path is not reached.
    let short = Condition {
        pointer: String::new(),
        kind: ConditionKind::And(vec![gt(10), rule("IsNull", json!(true))]),
    };
    assert_eq!(eval(&short, &json!({"Variable": 5})), Ok(false));
    let var = Condition {
        pointer: String::new(),
        kind: ConditionKind::Comparison {
            variable: Some("$limit".into()),
            operator: Operator::from_name("NumericEqualsPath").unwrap_or_else(|| unreachable!()),
            operand: json!("$.Variable"),
        },
    };
    assert_eq!(eval(&var, &input), Ok(true));
    let jsonata = Condition { pointer: String::new(), kind: ConditionKind::Jsonata(json!("{% true %}")) };
    assert!(eval(&jsonata, &input).is_err());
}
