//! Choice rule conditions: the comparison operators of the spec, And/Or/Not, and
//! JSONata `Condition`.

use serde_json::Value;

/// A ChoiceRule's boolean expression, or one nested in `And`/`Or`/`Not`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// Pointer of the rule object (a top-level rule or one nested in And/Or/Not).
    pub pointer: String,
    /// Which form of condition it is.
    pub kind: ConditionKind,
}

/// The forms a Choice rule condition takes.
#[derive(Clone, Debug, PartialEq)]
pub enum ConditionKind {
    /// `Variable` + one comparison operator with its operand.
    Comparison {
        /// `Variable`: the path of the value to compare.
        variable: Option<String>,
        /// The comparison operator field.
        operator: Operator,
        /// The operator's value: a literal, or a path for a `...Path` operator.
        operand: Value,
    },
    /// `And`: every nested rule matches.
    And(Vec<Condition>),
    /// `Or`: at least one nested rule matches.
    Or(Vec<Condition>),
    /// `Not`: the nested rule does not match.
    Not(Box<Condition>),
    /// A JSONata `Condition` (`{% ... %}` string, or a literal boolean).
    Jsonata(Value),
    /// Zero or several operators: `operators` lists those found, for the message.
    Invalid {
        /// The operator field names found in the rule.
        operators: Vec<String>,
    },
}

/// What kind of value an operator compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `String...` operators.
    String,
    /// `Numeric...` operators.
    Numeric,
    /// `Boolean...` operators (equality only).
    Boolean,
    /// `Timestamp...` operators.
    Timestamp,
    /// Type tests (`IsNull`, `IsPresent`, ...) take a boolean operand.
    Test,
}

/// The comparison an operator makes, whatever its [`Family`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// `...Equals`.
    Equals,
    /// `...LessThan`.
    LessThan,
    /// `...GreaterThan`.
    GreaterThan,
    /// `...LessThanEquals`.
    LessThanEquals,
    /// `...GreaterThanEquals`.
    GreaterThanEquals,
    /// `StringMatches` (`*` wildcards).
    Matches,
    /// `IsNull`.
    IsNull,
    /// `IsPresent`.
    IsPresent,
    /// `IsNumeric`.
    IsNumeric,
    /// `IsString`.
    IsString,
    /// `IsBoolean`.
    IsBoolean,
    /// `IsTimestamp`.
    IsTimestamp,
}

/// A comparison operator, e.g. `NumericGreaterThanEqualsPath`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Operator {
    /// What kind of value it compares.
    pub family: Family,
    /// What comparison it makes.
    pub comparison: Comparison,
    /// The `...Path` form: the operand is a path to compare against.
    pub path: bool,
}

const ORDERED: [(&str, Comparison); 5] = [
    ("Equals", Comparison::Equals),
    ("LessThanEquals", Comparison::LessThanEquals),
    ("GreaterThanEquals", Comparison::GreaterThanEquals),
    ("LessThan", Comparison::LessThan),
    ("GreaterThan", Comparison::GreaterThan),
];

const TESTS: [(&str, Comparison); 6] = [
    ("IsNull", Comparison::IsNull),
    ("IsPresent", Comparison::IsPresent),
    ("IsNumeric", Comparison::IsNumeric),
    ("IsString", Comparison::IsString),
    ("IsBoolean", Comparison::IsBoolean),
    ("IsTimestamp", Comparison::IsTimestamp),
];

impl Operator {
    /// Parses an operator field name; `None` for any other key.
    pub fn from_name(name: &str) -> Option<Operator> {
        if let Some((_, comparison)) = TESTS.iter().find(|(n, _)| *n == name) {
            return Some(Operator { family: Family::Test, comparison: *comparison, path: false });
        }
        if name == "StringMatches" {
            return Some(Operator { family: Family::String, comparison: Comparison::Matches, path: false });
        }
        let (family, rest) = [
            ("String", Family::String),
            ("Numeric", Family::Numeric),
            ("Boolean", Family::Boolean),
            ("Timestamp", Family::Timestamp),
        ]
        .into_iter()
        .find_map(|(prefix, family)| name.strip_prefix(prefix).map(|rest| (family, rest)))?;
        let (rest, path) = match rest.strip_suffix("Path") {
            Some(r) => (r, true),
            None => (rest, false),
        };
        let comparison = ORDERED.iter().find(|(n, _)| *n == rest)?.1;
        // Booleans only compare for equality.
        if family == Family::Boolean && comparison != Comparison::Equals {
            return None;
        }
        Some(Operator { family, comparison, path })
    }

    /// The operator's field name as written in ASL, e.g. `"StringEqualsPath"`.
    pub fn name(&self) -> String {
        if let Some((n, _)) = TESTS.iter().find(|(_, c)| *c == self.comparison) {
            return (*n).to_string();
        }
        if self.comparison == Comparison::Matches {
            return "StringMatches".into();
        }
        let family = match self.family {
            Family::String => "String",
            Family::Numeric => "Numeric",
            Family::Boolean => "Boolean",
            Family::Timestamp => "Timestamp",
            Family::Test => "",
        };
        let cmp = ORDERED.iter().find(|(_, c)| *c == self.comparison).map(|(n, _)| *n).unwrap_or("");
        format!("{family}{cmp}{}", if self.path { "Path" } else { "" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_operator_parses_and_prints_back() {
        let names = [
            "StringEquals",
            "StringEqualsPath",
            "StringLessThan",
            "StringLessThanPath",
            "StringGreaterThan",
            "StringGreaterThanPath",
            "StringLessThanEquals",
            "StringLessThanEqualsPath",
            "StringGreaterThanEquals",
            "StringGreaterThanEqualsPath",
            "StringMatches",
            "NumericEquals",
            "NumericEqualsPath",
            "NumericLessThan",
            "NumericLessThanPath",
            "NumericGreaterThan",
            "NumericGreaterThanPath",
            "NumericLessThanEquals",
            "NumericLessThanEqualsPath",
            "NumericGreaterThanEquals",
            "NumericGreaterThanEqualsPath",
            "BooleanEquals",
            "BooleanEqualsPath",
            "TimestampEquals",
            "TimestampEqualsPath",
            "TimestampLessThan",
            "TimestampLessThanPath",
            "TimestampGreaterThan",
            "TimestampGreaterThanPath",
            "TimestampLessThanEquals",
            "TimestampLessThanEqualsPath",
            "TimestampGreaterThanEquals",
            "TimestampGreaterThanEqualsPath",
            "IsNull",
            "IsPresent",
            "IsNumeric",
            "IsString",
            "IsBoolean",
            "IsTimestamp",
        ];
        for name in names {
            let op = Operator::from_name(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(op.name(), name);
        }
        for bad in ["BooleanLessThan", "StringMatchesPath", "Variable", "Next", "NumericEqual"] {
            assert_eq!(Operator::from_name(bad), None, "{bad}");
        }
    }
}
