//! `StringMatches` patterns: `*` matches any run of characters (the only wildcard);
//! a backslash makes the next character literal, so `\*` is a star and `\\` a
//! backslash (written `\\*` and `\\\\` inside the JSON definition).

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Token {
    Char(char),
    Star,
}

fn tokens(pattern: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(match c {
            '*' => Token::Star,
            // A trailing lone backslash stands for itself.
            '\\' => Token::Char(chars.next().unwrap_or('\\')),
            c => Token::Char(c),
        });
    }
    out
}

/// True when the whole of `text` matches `pattern`. Greedy with one backtrack point per
/// star: O(len(text) * len(pattern)) at worst, never exponential.
pub(crate) fn wildcard_match(pattern: &str, text: &str) -> bool {
    let pattern = tokens(pattern);
    let text: Vec<char> = text.chars().collect();
    let (mut p, mut t) = (0, 0);
    let mut resume: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(Token::Star) => {
                resume = Some((p, t));
                p += 1;
            }
            Some(Token::Char(c)) if *c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match resume {
                // Let the last star swallow one more character and retry.
                Some((star, at)) => {
                    p = star + 1;
                    t = at + 1;
                    resume = Some((star, at + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|token| *token == Token::Star)
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn stars_match_any_run() {
        assert!(wildcard_match("log-*.txt", "log-2024.txt"));
        assert!(wildcard_match("log-*.txt", "log-.txt"));
        assert!(!wildcard_match("log-*.txt", "log-2024.txt.bak"));
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("*a*b*", "xxaybzz"));
        assert!(!wildcard_match("*a*b*", "xxbyazz"));
        assert!(wildcard_match("a*a*a", "aaaaa"));
        assert!(!wildcard_match("", "x"));
        assert!(wildcard_match("", ""));
    }

    #[test]
    fn escapes_make_stars_and_backslashes_literal() {
        assert!(wildcard_match(r"a\*b", "a*b"));
        assert!(!wildcard_match(r"a\*b", "axxb"));
        assert!(wildcard_match(r"a\\*", r"a\anything"));
        assert!(wildcard_match(r"\\", r"\"));
        assert!(wildcard_match("x\\", "x\\"));
    }

    #[test]
    fn unicode_is_matched_by_character() {
        assert!(wildcard_match("h*é", "héllo wé"));
        assert!(wildcard_match("?", "?"));
        assert!(!wildcard_match("?", "a"));
    }

    #[test]
    fn long_inputs_stay_fast() {
        let text = "a".repeat(20_000);
        assert!(!wildcard_match(&format!("{}b", "*a".repeat(50)), &text));
    }
}
