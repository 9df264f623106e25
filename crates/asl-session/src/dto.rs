//! What the UI receives: one [`Snapshot`] after every change (design §2.1). The UI's
//! types are generated from these (`ui/src/ipc/generated.ts`, ts feature).

use asl_graph::Layout;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FormatDto {
    Json,
    Yaml,
}

impl From<asl_model::Format> for FormatDto {
    fn from(f: asl_model::Format) -> Self {
        match f {
            asl_model::Format::Json => FormatDto::Json,
            asl_model::Format::Yaml => FormatDto::Yaml,
        }
    }
}

impl From<FormatDto> for asl_model::Format {
    fn from(f: FormatDto) -> Self {
        match f {
            FormatDto::Json => asl_model::Format::Json,
            FormatDto::Yaml => asl_model::Format::Yaml,
        }
    }
}

/// A range of the text: UTF-16 offsets (CodeMirror positions) and the 1-based line and
/// column (in characters) of its start.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct TextRange {
    pub from: usize,
    pub to: usize,
    pub line: usize,
    pub column: usize,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub code: String,
    pub severity: asl_check::Severity,
    pub message: String,
    pub pointer: String,
    /// The innermost state the problem sits in (None: the machine itself).
    pub state_pointer: Option<String>,
    pub range: TextRange,
    /// The pointer of the problem this one follows from (a state cut off by a dangling
    /// transition): the panel lists it under that one, so one typo is one row.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub caused_by: Option<String>,
    /// Set on a problem others follow from: what they add up to, in words
    /// ("39 states unreachable because \"Next\" of \"Step 10\" names a missing state").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub group_title: Option<String>,
    /// The obvious repair, one edit (one undo step) sent back through `document_edit`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional, inline))]
    pub fix: Option<QuickFix>,
}

/// A repair offered with a problem: a button's title and the edit it applies.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuickFix {
    pub title: String,
    pub edit: asl_model::DocumentEdit,
}

impl From<asl_check::Fix> for QuickFix {
    fn from(fix: asl_check::Fix) -> Self {
        QuickFix {
            title: fix.title,
            edit: asl_model::DocumentEdit::SetField { pointer: fix.pointer, value: fix.value },
        }
    }
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StateInfo {
    pub pointer: String,
    pub name: String,
    #[serde(rename = "type")]
    pub type_name: String,
    pub scope: String,
    /// The state's object as written.
    #[cfg_attr(feature = "ts", ts(type = "{ [key: string]: JsonValue }"))]
    pub json: Value,
    pub range: TextRange,
    #[cfg_attr(feature = "ts", ts(type = r#""JSONPath" | "JSONata""#))]
    pub query_language: &'static str,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScopeInfo {
    pub pointer: String,
    pub start_at: Option<String>,
    pub owner: Option<String>,
    /// The query language a state added here without its own `QueryLanguage` has (the
    /// scope's, else its owner's, else the machine's, else JSONPath): what templates are
    /// written in.
    #[cfg_attr(feature = "ts", ts(type = r#""JSONPath" | "JSONata""#))]
    pub query_language: &'static str,
}

/// Everything the UI draws, for one revision of the document.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    pub revision: u64,
    pub path: Option<String>,
    pub title: String,
    pub format: FormatDto,
    pub text: String,
    pub dirty: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Set while the text does not parse; states, scopes and layout are then those of the
    /// last good text.
    pub parse_error: Option<Problem>,
    pub states: Vec<StateInfo>,
    pub scopes: Vec<ScopeInfo>,
    pub problems: Vec<Problem>,
    pub layout: Layout,
}

#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DiskDiff {
    pub mine: String,
    pub theirs: String,
}
