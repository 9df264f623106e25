//! Word search over the catalogue, as the Actions browser asks it: every query word must
//! match the service (names, ids, aliases), the action (its camelCase words) or its doc
//! sentence; better matches first, then the popular actions, then optimised integrations
//! before their aws-sdk twins.

use crate::store::Store;
use crate::{summary, ActionSummary};
use std::sync::OnceLock;

/// Workflow Studio's "most popular" actions, in its order: the empty query lists these.
const POPULAR: &[&str] = &[
    "arn:aws:states:::lambda:invoke",
    "arn:aws:states:::sns:publish",
    "arn:aws:states:::dynamodb:putItem",
    "arn:aws:states:::dynamodb:getItem",
    "arn:aws:states:::sqs:sendMessage",
    "arn:aws:states:::ecs:runTask",
    "arn:aws:states:::states:startExecution",
    "arn:aws:states:::glue:startJobRun",
    "arn:aws:states:::events:putEvents",
    "arn:aws:states:::batch:submitJob",
    "arn:aws:states:::http:invoke",
    "arn:aws:states:::bedrock:invokeModel",
];

/// Names people search services by that their models do not carry.
const ALIASES: &[(&str, &str)] = &[
    ("states", "stepfunctions sfn workflow"),
    ("elasticmapreduce", "emr"),
    ("emr-containers", "emr eks"),
    ("events", "eventbridge"),
    ("http", "https api endpoint"),
    ("apigateway", "api rest"),
];

/// Lowercased words of one action, built once.
struct Words {
    service: Vec<String>,
    action: Vec<String>,
    /// The action name whole (`putitem`), for queries typed as one word.
    action_whole: String,
    doc: Vec<String>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// `listObjectsV2` -> `list objects v2`; `PutItem` -> `put item`.
fn camel_words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1);
        let boundary = match prev {
            Some(p) if c.is_uppercase() => {
                p.is_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            }
            _ => false,
        };
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current).to_lowercase());
        }
        current.push(c);
    }
    if !current.is_empty() {
        out.push(current.to_lowercase());
    }
    out
}

fn all_words(store: &Store) -> &'static [Words] {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    WORDS.get_or_init(|| {
        store
            .index
            .actions
            .iter()
            .map(|a| {
                let s = &store.index.services[a.0];
                let mut service = words(&format!("{} {} {} {}", a.2, s.sdk, s.service_id, s.full_name));
                service.push(s.service_id.to_lowercase().replace(' ', ""));
                service.extend(camel_words(&s.sdk));
                if let Some((_, alias)) = ALIASES.iter().find(|(k, _)| *k == a.2) {
                    service.extend(words(alias));
                }
                service.retain(|w| w != "amazon" && w != "aws");
                service.sort();
                service.dedup();
                Words {
                    service,
                    action: camel_words(&a.3),
                    action_whole: a.3.to_lowercase(),
                    doc: words(&a.6),
                }
            })
            .collect()
    })
}

/// How well one query word matches one action; 0 when it does not.
fn score(word: &str, w: &Words) -> u32 {
    let best = |list: &[String], exact: u32, prefix: u32| {
        list.iter()
            .map(|x| {
                if x == word {
                    exact
                } else if x.starts_with(word) {
                    prefix
                } else {
                    0
                }
            })
            .max()
            .unwrap_or(0)
    };
    let whole = if w.action_whole == word {
        10
    } else if w.action_whole.starts_with(word) && word.len() > 2 {
        7
    } else {
        0
    };
    let doc = if word.len() >= 3 { best(&w.doc, 2, 1) } else { 0 };
    // A service name ranks with an action word, so "lambda" finds Lambda's actions before
    // actions merely named after it (Connect's ListLambdaFunctions).
    [best(&w.action, 9, 6), whole, best(&w.service, 10, 6), doc].into_iter().max().unwrap()
}

/// Actions matching `query`, best first, at most `limit`; the popular ones for an empty query.
pub fn search(query: &str, limit: usize) -> Vec<ActionSummary> {
    let store = Store::get();
    // A pasted resource: `arn:aws:states:::aws-sdk:s3:getObject` asks for the SDK action.
    let trimmed = query.trim();
    let trimmed = trimmed.strip_prefix("arn:aws:states:::").unwrap_or(trimmed);
    let (sdk_only, trimmed) = match trimmed.strip_prefix("aws-sdk:") {
        Some(rest) => (true, rest),
        None => (false, trimmed),
    };
    let query = words(trimmed);
    let popular_rank = |i: usize| {
        let resource = crate::store::resource_of(&store.index.actions[i]);
        POPULAR.iter().position(|p| *p == resource).unwrap_or(POPULAR.len())
    };
    if query.is_empty() {
        return POPULAR
            .iter()
            .filter_map(|r| store.by_resource.get(*r))
            .take(limit)
            .map(|&i| summary(store, &store.index.actions[i]))
            .collect();
    }
    let words = all_words(store);
    let mut hits: Vec<(u32, usize, bool, usize, usize)> = Vec::new();
    for (i, a) in store.index.actions.iter().enumerate() {
        if a.1 == "mapItems" || (sdk_only && a.1 != "sdk") {
            continue;
        }
        let mut total = 0;
        for q in &query {
            match score(q, &words[i]) {
                0 => {
                    total = 0;
                    break;
                }
                s => total += s,
            }
        }
        if total > 0 {
            hits.push((total, popular_rank(i), a.1 == "sdk", a.3.len(), i));
        }
    }
    hits.sort_by(|x, y| {
        y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)).then(x.4.cmp(&y.4))
    });
    hits.into_iter().take(limit).map(|h| summary(store, &store.index.actions[h.4])).collect()
}

#[cfg(test)]
mod tests {
    use super::camel_words;

    #[test]
    fn camel_case_splits_into_the_words_people_type() {
        assert_eq!(camel_words("putItem"), ["put", "item"]);
        assert_eq!(camel_words("listObjectsV2"), ["list", "objects", "v2"]);
        assert_eq!(camel_words("DynamoDb"), ["dynamo", "db"]);
        assert_eq!(camel_words("describeDBInstances"), ["describe", "db", "instances"]);
    }
}
