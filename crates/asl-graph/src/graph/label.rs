//! Readable edge labels: a Choice rule as a short expression (`$.amount > 100`,
//! `$.status == "ok"`, `And($.a > 1, $.b is present)`, the JSONata condition without
//! `{% %}`), a catcher as its error names.

use asl_model::model::{Catcher, ChoiceRule, Comparison, Condition, ConditionKind, Operator};
use serde_json::Value;

/// Nested And/Or/Not deeper than this print as `…`: labels are for reading, and the
/// bound keeps the recursion shallow whatever the input.
const MAX_NESTING: usize = 8;

/// A Choice rule as a short readable expression, e.g. `$.amount > 100`.
pub fn rule_text(rule: &ChoiceRule) -> String {
    let mut out = String::new();
    condition(&rule.condition, 0, &mut out);
    out
}

/// A Catcher as its comma-separated `ErrorEquals` (`Catch` when it has none).
pub fn catcher_text(catcher: &Catcher) -> String {
    if catcher.error_equals.is_empty() {
        "Catch".into()
    } else {
        catcher.error_equals.join(", ")
    }
}

/// The text of one condition.
pub fn condition_text(c: &Condition) -> String {
    let mut out = String::new();
    condition(c, 0, &mut out);
    out
}

fn condition(c: &Condition, depth: usize, out: &mut String) {
    if depth > MAX_NESTING {
        out.push('…');
        return;
    }
    match &c.kind {
        ConditionKind::Comparison { variable, operator, operand } => {
            comparison(variable.as_deref().unwrap_or("?"), *operator, operand, out)
        }
        ConditionKind::And(subs) | ConditionKind::Or(subs) => {
            out.push_str(if matches!(c.kind, ConditionKind::And(_)) { "And(" } else { "Or(" });
            for (i, sub) in subs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                condition(sub, depth + 1, out);
            }
            out.push(')');
        }
        ConditionKind::Not(sub) => {
            out.push_str("Not(");
            condition(sub, depth + 1, out);
            out.push(')');
        }
        ConditionKind::Jsonata(value) => match value {
            Value::String(s) => {
                let inner = s.trim();
                let inner = inner.strip_prefix("{%").and_then(|r| r.strip_suffix("%}")).unwrap_or(inner);
                out.push_str(inner.trim());
            }
            other => out.push_str(&other.to_string()),
        },
        ConditionKind::Invalid { operators } if operators.is_empty() => out.push_str("(no condition)"),
        ConditionKind::Invalid { operators } => {
            out.push_str("(invalid: ");
            out.push_str(&operators.join(", "));
            out.push(')');
        }
    }
}

fn comparison(variable: &str, op: Operator, operand: &Value, out: &mut String) {
    let symbol = match op.comparison {
        Comparison::Equals => "==",
        Comparison::LessThan => "<",
        Comparison::GreaterThan => ">",
        Comparison::LessThanEquals => "<=",
        Comparison::GreaterThanEquals => ">=",
        Comparison::Matches => "matches",
        Comparison::IsNull => return test(variable, "null", operand, out),
        Comparison::IsPresent => return test(variable, "present", operand, out),
        Comparison::IsNumeric => return test(variable, "numeric", operand, out),
        Comparison::IsString => return test(variable, "a string", operand, out),
        Comparison::IsBoolean => return test(variable, "a boolean", operand, out),
        Comparison::IsTimestamp => return test(variable, "a timestamp", operand, out),
    };
    out.push_str(variable);
    out.push(' ');
    out.push_str(symbol);
    out.push(' ');
    match operand {
        // A `...Path` operand is a path: printed bare, so it reads as a reference.
        Value::String(path) if op.path => out.push_str(path),
        other => out.push_str(&other.to_string()),
    }
}

/// `IsNull: true` reads "is null", `IsNull: false` "is not null".
fn test(variable: &str, what: &str, operand: &Value, out: &mut String) {
    out.push_str(variable);
    out.push_str(if operand == &Value::Bool(false) { " is not " } else { " is " });
    out.push_str(what);
}

#[cfg(test)]
mod tests {
    use asl_model::{Document, Format};

    fn labels(choices: &str) -> Vec<String> {
        let text = format!(
            r#"{{"StartAt":"C","States":{{"C":{{"Type":"Choice","Choices":{choices},"Default":"D"}},"D":{{"Type":"Succeed"}}}}}}"#
        );
        let doc = Document::parse(text, Format::Json).expect("parses");
        let graph = crate::Graph::from(&doc);
        graph.edges().filter_map(|(_, _, _, e)| e.label.clone()).collect()
    }

    #[test]
    fn rules_read_as_expressions() {
        let got = labels(
            r#"[
            {"Variable":"$.amount","NumericGreaterThan":100,"Next":"D"},
            {"Variable":"$.status","StringEquals":"ok","Next":"D"},
            {"Variable":"$.a","NumericLessThanEqualsPath":"$.b","Next":"D"},
            {"Variable":"$.x","IsPresent":false,"Next":"D"},
            {"And":[{"Variable":"$.a","BooleanEquals":true},{"Not":{"Variable":"$.b","IsNull":true}}],"Next":"D"},
            {"Condition":"{% $states.input.n > 1 %}","Next":"D"}
        ]"#,
        );
        assert_eq!(
            got,
            [
                "$.amount > 100",
                "$.status == \"ok\"",
                "$.a <= $.b",
                "$.x is not present",
                "And($.a == true, Not($.b is null))",
                "$states.input.n > 1",
                "Default"
            ]
        );
    }
}
