//! ARNs, names, dates and paging tokens shaped as AWS's.

use crate::error::ApiError;
use base64::Engine as _;
use chrono::{DateTime, Utc};

/// Where the resources live: written into every ARN.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// `us-east-1` unless `AWS_DEFAULT_REGION` says otherwise.
    pub region: String,
    /// `123456789012` unless `AWS_ACCOUNT_ID` says otherwise.
    pub id: String,
}

impl Account {
    /// From `AWS_DEFAULT_REGION` and `AWS_ACCOUNT_ID`, with Step Functions Local's defaults.
    pub fn from_env() -> Account {
        let var = |name: &str, default: &str| {
            std::env::var(name).ok().filter(|v| !v.is_empty()).unwrap_or_else(|| default.to_owned())
        };
        Account { region: var("AWS_DEFAULT_REGION", "us-east-1"), id: var("AWS_ACCOUNT_ID", "123456789012") }
    }

    fn prefix(&self) -> String {
        format!("arn:aws:states:{}:{}:", self.region, self.id)
    }

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`.
    pub fn machine_arn(&self, name: &str) -> String {
        format!("{}stateMachine:{name}", self.prefix())
    }

    /// `...:execution:MACHINE:NAME` (Standard) or `...:express:MACHINE:NAME:UUID` (Express).
    pub fn execution_arn(&self, machine: &str, name: &str, express: bool) -> String {
        if express {
            format!("{}express:{machine}:{name}:{}", self.prefix(), uuid::Uuid::new_v4())
        } else {
            format!("{}execution:{machine}:{name}", self.prefix())
        }
    }

    /// `arn:aws:states:REGION:ACCOUNT:activity:NAME`.
    pub fn activity_arn(&self, name: &str) -> String {
        format!("{}activity:{name}", self.prefix())
    }
}

/// The kinds of ARN the API takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArnKind {
    /// `stateMachine`
    StateMachine,
    /// `execution` or `express`
    Execution,
    /// `activity`
    Activity,
}

/// Checks that `arn` is a Step Functions ARN of `kind` (any region and account are
/// accepted: clients configured for another region still reach this server).
pub fn check_arn(arn: &str, kind: ArnKind) -> Result<(), ApiError> {
    let parts: Vec<&str> = arn.split(':').collect();
    if parts.len() < 7 || parts[0] != "arn" || parts[2] != "states" || arn.len() > 2048 {
        return Err(ApiError::invalid_arn(arn, "Resource type not valid in this context"));
    }
    let ok = match kind {
        ArnKind::StateMachine => parts[5] == "stateMachine",
        ArnKind::Execution => matches!(parts[5], "execution" | "express"),
        ArnKind::Activity => parts[5] == "activity",
    };
    if ok && parts.iter().skip(6).all(|p| !p.is_empty()) {
        Ok(())
    } else {
        Err(ApiError::invalid_arn(arn, "Resource type not valid in this context"))
    }
}

/// AWS's name rule: 1 to 80 characters, none of whitespace, `< > { } [ ]`, `? *`,
/// `" # % \ ^ | ~ ` $ & , ; : /` or control characters.
pub fn check_name(name: &str) -> Result<(), ApiError> {
    let bad = |c: char| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c);
    let count = name.chars().count();
    if count == 0 || count > 80 || name.chars().any(bad) {
        return Err(ApiError::new("InvalidName", format!("Invalid Name: '{name}'")));
    }
    Ok(())
}

/// Now, to the millisecond (the precision AWS's dates have).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    DateTime::from_timestamp_millis(now.timestamp_millis()).unwrap_or(now)
}

/// A date as the JSON 1.0 protocol sends it: epoch seconds, milliseconds as the fraction.
pub fn epoch(date: DateTime<Utc>) -> serde_json::Value {
    serde_json::json!(date.timestamp_millis() as f64 / 1000.0)
}

/// An opaque paging token for position `n` of the list it pages (`kind` tells lists apart
/// so a token of one operation is refused by another).
pub fn page_token(kind: &str, n: usize) -> String {
    base64::engine::general_purpose::STANDARD.encode(format!("asl-serve:{kind}:{n}"))
}

/// The position a token stands for; `InvalidToken` for anything else.
pub fn read_page_token(kind: &str, token: &str) -> Result<usize, ApiError> {
    let invalid = || ApiError::new("InvalidToken", format!("Invalid Token: '{token}'"));
    let bytes = base64::engine::general_purpose::STANDARD.decode(token).map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    text.strip_prefix("asl-serve:")
        .and_then(|t| t.strip_prefix(kind))
        .and_then(|t| t.strip_prefix(':'))
        .and_then(|n| n.parse().ok())
        .ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arns_names_and_tokens() {
        let a = Account { region: "eu-west-1".into(), id: "111122223333".into() };
        let m = a.machine_arn("M");
        assert_eq!(m, "arn:aws:states:eu-west-1:111122223333:stateMachine:M");
        assert!(check_arn(&m, ArnKind::StateMachine).is_ok());
        assert_eq!(check_arn(&m, ArnKind::Execution).unwrap_err().kind, "InvalidArn");
        assert!(check_arn(&a.execution_arn("M", "e", true), ArnKind::Execution).is_ok());
        assert_eq!(check_arn("nope", ArnKind::Activity).unwrap_err().kind, "InvalidArn");
        assert!(check_name("ok-name_1").is_ok());
        for bad in ["", "a b", "a:b", "x#y", &"n".repeat(81)] {
            assert_eq!(check_name(bad).unwrap_err().kind, "InvalidName", "{bad}");
        }
        let t = page_token("history", 42);
        assert_eq!(read_page_token("history", &t).unwrap(), 42);
        assert_eq!(read_page_token("machines", &t).unwrap_err().kind, "InvalidToken");
        assert_eq!(read_page_token("history", "!!").unwrap_err().kind, "InvalidToken");
    }
}
