//! Writing a scalar back: the source text that reads as a given value, for fixes that edit a
//! sigs.yaml in place. A rewrite keeps the value's style (plain, single- or double-quoted) when
//! that style can hold the new value, and is proved by parsing it back: a text that does not read
//! as the value is never offered.

use crate::diagnostic::Edit;
use crate::source::{SourceFile, Span};

use super::Str;

/// Whether `text`, written as the value of a key, reads as exactly `value`.
pub fn reads_as(text: &str, value: &str) -> bool {
    // Within the size of one value; a block scalar keeps its own (deeper) indentation.
    if text.len() > 1 << 20 {
        return false;
    }
    let doc = format!("k: {text}\n");
    let parsed: Result<std::collections::BTreeMap<String, String>, _> =
        serde_saphyr::from_str_with_options(&doc, super::tree::parse_options());
    parsed.is_ok_and(|m| m.len() == 1 && m.get("k").is_some_and(|v| v == value))
}

/// The source text of a one-line scalar reading as `value`, in the style of `old` (the current
/// source text of the scalar) where that style can hold it, else double-quoted. `None` for a
/// block scalar or a scalar over several lines (their layout is the author's).
///
/// The texts are right by construction (plain only for text that YAML 1.1 and 1.2 both read as
/// that string, quoting by the escaping rules), so no parse is spent on the hot path: every check
/// builds the fixes of its findings. Debug builds parse each text back (`reads_as`), and the
/// tests (a property test here, the mutation test) run in them.
pub fn rewrite(old: &str, value: &str) -> Option<String> {
    if old.contains('\n') || old.starts_with(['|', '>']) {
        return None;
    }
    let text = match old.as_bytes().first() {
        Some(b'\'') => single_quoted(value),
        Some(b'"') => None,
        _ => plain(value),
    }
    .unwrap_or_else(|| double_quoted(value));
    debug_assert!(
        reads_as(&text, value),
        "{text:?} does not read as {value:?}"
    );
    Some(text)
}

/// The edit that makes the scalar `s` of `file` read as `value` (see [`rewrite`]); `None` when
/// it already does (a fix that changes nothing is no fix).
pub fn replace(file: &SourceFile, s: &Str, value: &str) -> Option<Edit> {
    let old = file.text.get(s.span.offset..s.span.end())?;
    if *s.value == *value {
        return None;
    }
    rewrite(old, value)
        .filter(|r| r != old)
        .map(|replacement| Edit {
            span: s.span,
            replacement,
        })
}

/// The edits that delete every character of `s`'s source text for which `drop` holds, where
/// the text shows each of them literally (not as an escape) and reads as the value without them.
pub fn delete_chars(file: &SourceFile, s: &Str, drop: impl Fn(char) -> bool) -> Option<Vec<Edit>> {
    let old = file.text.get(s.span.offset..s.span.end())?;
    let in_value = s.value.chars().filter(|&c| drop(c)).count();
    let mut edits: Vec<Edit> = Vec::new();
    let mut kept = String::with_capacity(old.len());
    for (i, c) in old.char_indices() {
        if !drop(c) {
            kept.push(c);
            continue;
        }
        let at = s.span.offset + i;
        match edits.last_mut() {
            Some(e) if e.span.end() == at => e.span.len += c.len_utf8(),
            _ => edits.push(Edit {
                span: Span::new(at, c.len_utf8()),
                replacement: String::new(),
            }),
        }
    }
    let literal = old.chars().filter(|&c| drop(c)).count();
    let value: String = s.value.chars().filter(|&c| !drop(c)).collect();
    (literal == in_value && !edits.is_empty() && reads_as(&kept, &value)).then_some(edits)
}

/// `value` as a plain scalar, when it is unambiguously a string in YAML 1.1 and 1.2, in block
/// and in flow context.
fn plain(value: &str) -> Option<String> {
    let first = value.chars().next()?;
    let words = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
    ];
    let safe = (first.is_alphabetic() || first == '/' || first == '_')
        && !value.ends_with([' ', ':'])
        && !value.contains(": ")
        && !value.contains(" #")
        // Flow indicators: the value may stand in a flow collection (`[a, b]`).
        && !value.contains([',', '[', ']', '{', '}'])
        && !value
            .chars()
            .any(|c| c.is_control() || crate::source::is_invisible(c))
        && !words.iter().any(|w| value.eq_ignore_ascii_case(w));
    safe.then(|| value.to_string())
}

fn single_quoted(value: &str) -> Option<String> {
    let printable = !value
        .chars()
        .any(|c| c.is_control() || crate::source::is_invisible(c));
    printable.then(|| format!("'{}'", value.replace('\'', "''")))
}

fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            c if c.is_control() || crate::source::is_invisible(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewrite_keeps_the_style_where_it_can() {
        assert_eq!(rewrite("Docs", "docs").as_deref(), Some("docs"));
        assert_eq!(rewrite("'Docs '", "Docs").as_deref(), Some("'Docs'"));
        assert_eq!(rewrite("\"Docs \"", "Docs").as_deref(), Some("\"Docs\""));
        assert_eq!(rewrite("'a'", "it's").as_deref(), Some("'it''s'"));
        // Plain text that would read as something else, or not at all, is quoted.
        assert_eq!(rewrite("x", "yes").as_deref(), Some("\"yes\""));
        assert_eq!(rewrite("x", "123").as_deref(), Some("\"123\""));
        assert_eq!(rewrite("x", "a: b").as_deref(), Some("\"a: b\""));
        assert_eq!(rewrite("x", "a #b").as_deref(), Some("\"a #b\""));
        // Flow indicators: the scalar may stand in `[a, b]`.
        assert_eq!(rewrite("x", "a,b").as_deref(), Some("\"a,b\""));
        assert_eq!(rewrite("x", "a]").as_deref(), Some("\"a]\""));
        assert_eq!(rewrite("x", "-a").as_deref(), Some("\"-a\""));
        assert_eq!(rewrite("x", "").as_deref(), Some("\"\""));
        assert_eq!(rewrite("'x'", "a\tb").as_deref(), Some("\"a\\tb\""));
        assert_eq!(rewrite("x", "q\"\\").as_deref(), Some("q\"\\"));
        assert_eq!(rewrite("'x'", "\\").as_deref(), Some("'\\'"));
        assert_eq!(rewrite("\"x\"", "q\"\\").as_deref(), Some("\"q\\\"\\\\\""));
        // Block scalars and multi-line flow scalars are the author's layout.
        assert_eq!(rewrite("|\n  a", "b"), None);
        assert_eq!(rewrite("\"a\n  b\"", "b"), None);
    }

    #[test]
    fn every_rewrite_reads_back_as_its_value() {
        let values = [
            "plain",
            " lead",
            "trail ",
            "it's",
            "\"q\"",
            "back\\slash",
            "null",
            "No",
            "1.5",
            "0x1F",
            "a: b",
            "#hash",
            "@at",
            "`tick",
            "%pct",
            "[x]",
            "{x}",
            "é ü",
            "ctl\u{1}",
            "zw\u{200b}",
            "",
        ];
        for old in ["x", "'x'", "\"x\""] {
            for v in values {
                let text = rewrite(old, v).expect("one-line scalars are rewritten");
                assert!(reads_as(&text, v), "{old} -> {v:?}: {text}");
            }
        }
    }

    #[test]
    fn deleting_literal_characters() {
        let file = SourceFile::new("x", "a: \"b\u{200b}c\"\nd: \"e\\u200Bf\"\n");
        let b = Str {
            value: "b\u{200b}c".into(),
            span: Span::new(3, 8),
        };
        let edits = delete_chars(&file, &b, |c| c == '\u{200b}').unwrap();
        assert_eq!(
            edits,
            vec![Edit {
                span: Span::new(5, 3),
                replacement: String::new()
            }]
        );
        // Written as an escape, the character is not in the text to delete.
        let start = file.text.find("\"e").unwrap();
        let e = Str {
            value: "e\u{200b}f".into(),
            span: Span::new(start, 10),
        };
        assert_eq!(delete_chars(&file, &e, |c| c == '\u{200b}'), None);
    }
}
