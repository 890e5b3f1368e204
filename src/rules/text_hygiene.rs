//! The `text-hygiene` rule: Values hold no invisible characters, no stray whitespace and no
//! placeholders. Its documentation, with the examples a test runs, is `rules/text-hygiene.md`.

use super::util::{PLACEHOLDERS, is_invisible, is_placeholder_word};
use super::{Context, Sink};
use crate::diagnostic::{Edit, Fix};
use crate::model::scalar;
use crate::source::Span;

/// CRLF line endings: one finding for the file, at the first, fixed by removing every `\r` before
/// a `\n` (a YAML parser reads either as one line break, so no value changes).
fn line_endings(cx: &Context<'_>, sink: &mut Sink) {
    let text = cx.file.text.as_bytes();
    let edits: Vec<Edit> = memchr::memmem::find_iter(text, b"\r\n")
        .map(|i| Edit {
            span: Span::new(i, 1),
            replacement: String::new(),
        })
        .collect();
    let Some(first) = edits.first() else {
        return;
    };
    let lines = cx.file.line_count();
    let f = sink
        .finding(if edits.len() == lines {
            format!("`{}` has CRLF line endings", cx.file.name)
        } else {
            format!(
                "`{}` has CRLF line endings on {} of its {lines} lines",
                cx.file.name,
                edits.len()
            )
        })
        .label(first.span, "CRLF")
        .help("save it with LF line endings: the generators write LF, and mixed endings show as changes in review")
        .with_fix(Some(Fix {
            title: "convert the line endings to LF".into(),
            edits,
        }));
    sink.push(f);
}

declare_rule!(TextHygiene, "text-hygiene", Warning);

/// The first placeholder word (a whole word, upper case) in `v`: its byte offset and the word.
/// The first letters of the [`PLACEHOLDERS`] (a test checks them).
const FIRST_LETTERS: [u8; 4] = *b"TFNX";

/// The first placeholder word in `v` that stands alone (no letter, digit or `_` around it), with
/// its byte offset.
fn placeholder(v: &str) -> Option<(usize, &'static str)> {
    let bytes = v.as_bytes();
    let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let at = |i: usize| {
        if i > 0 && word_char(bytes[i - 1]) {
            return None;
        }
        PLACEHOLDERS
            .iter()
            .copied()
            .find(|w| {
                v[i..].starts_with(w) && bytes.get(i + w.len()).is_none_or(|&b| !word_char(b))
            })
            .map(|w| (i, w))
    };
    // The candidates found by memchr (most values have none): the first of three letters, then
    // of the fourth, the earlier one wins.
    let [a, b, c, d] = FIRST_LETTERS;
    let three = memchr::memchr3_iter(a, b, c, bytes).find_map(at);
    let fourth =
        memchr::memchr_iter(d, &bytes[..three.map_or(bytes.len(), |(i, _)| i)]).find_map(at);
    fourth.or(three)
}

fn check(cx: &Context<'_>, sink: &mut Sink) {
    line_endings(cx, sink);
    cx.model.each_string(|at, s| {
        let field = || at.label();
        let source = cx.file.slice(s.span);
        let bad = |c: char| is_invisible(c) || (c.is_control() && c != '\n' && c != '\t');
        // Fast path: printable ASCII (with newlines and tabs) holds no such character.
        let plain = s.value.bytes().fold(true, |ok, b| {
            ok & ((b' '..0x7f).contains(&b) | (b == b'\n') | (b == b'\t'))
        });
        if let Some(c) = (!plain)
            .then(|| s.value.chars().find(|&c| bad(c)))
            .flatten()
        {
            let count = s.value.chars().filter(|&c| bad(c)).count();
            // Point at the run of such characters where it stands literally in the source.
            let span = source.find(c).map_or(s.span, |i| {
                let run: usize = source[i..]
                    .chars()
                    .take_while(|&c| bad(c))
                    .map(char::len_utf8)
                    .sum();
                Span::new(s.span.offset + i, run)
            });
            let what = if count == 1 {
                format!("the invisible character U+{:04X}", c as u32)
            } else {
                format!(
                    "{count} invisible characters (the first is U+{:04X})",
                    c as u32
                )
            };
            let without: String = s.value.chars().filter(|&c| !bad(c)).collect();
            let edits = scalar::delete_chars(cx.file, s, bad)
                .or_else(|| scalar::replace(cx.file, s, &without).map(|e| vec![e]));
            let f = sink
                .finding(format!("`{}` contains {what}", field()))
                .label(span, "invisible")
                .help("delete it: it breaks links and comparisons and cannot be seen in review")
                .with_fix(edits.map(|edits| Fix {
                    title: format!(
                        "delete the invisible character{}",
                        if count == 1 { "" } else { "s" }
                    ),
                    edits,
                }));
            sink.push(f);
        }
        let v = s.value.trim_end_matches('\n');
        if v.is_empty() {
            let f = sink
                .finding(format!("`{}` is an empty string", field()))
                .label(s.span, "empty value")
                .help("remove the key, or fill in the value");
            sink.push(f);
            return;
        }
        if v.starts_with(char::is_whitespace) || v.ends_with(char::is_whitespace) {
            let f = sink
                .finding(format!("`{}` has leading or trailing whitespace", field()))
                .label(s.span, "whitespace around the value")
                .help(format!("write `{}`", v.trim()))
                .with_fix(scalar::replace(cx.file, s, v.trim()).map(|edit| Fix {
                    title: "remove the whitespace around the value".into(),
                    edits: vec![edit],
                }));
            sink.push(f);
        }
        // A value that is only a placeholder word in another case (`tbd`, `n/a`) too.
        let whole = is_placeholder_word(v).then(|| v.trim());
        if let Some(word) = placeholder(v).map(|(_, w)| w).or(whole) {
            let span = placeholder(source)
                .filter(|(_, w)| *w == word)
                .map_or(s.span, |(i, w)| Span::new(s.span.offset + i, w.len()));
            let f = sink
                .finding(format!("`{}` holds the placeholder `{word}`", field()))
                .label(span, "placeholder")
                .help("fill in the real value, or remove the field until it is known");
            sink.push(f);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{FIRST_LETTERS, placeholder};
    use crate::rules::util::PLACEHOLDERS;

    #[test]
    fn every_placeholder_starts_with_a_first_letter() {
        for w in PLACEHOLDERS {
            assert!(FIRST_LETTERS.contains(&w.as_bytes()[0]), "{w}");
        }
    }

    /// The first placeholder found byte by byte, the plainest reading of the rule.
    fn first_placeholder(v: &str) -> Option<(usize, &'static str)> {
        let word_char = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let b = v.as_bytes();
        (0..b.len()).find_map(|i| {
            let alone_before = i == 0 || !word_char(b[i - 1]);
            PLACEHOLDERS
                .iter()
                .find(|w| {
                    alone_before
                        && b[i..].starts_with(w.as_bytes())
                        && b.get(i + w.len()).is_none_or(|&c| !word_char(c))
                })
                .map(|w| (i, *w))
        })
    }

    #[test]
    fn placeholders_found_as_byte_by_byte() {
        let pieces = [
            "T", "TBD", "X", "XXX", "N/A", "a", " ", "_", "FIXME", "TODO", "TBA", "N", "F", "é",
            "(", "9",
        ];
        let mut next = crate::testutil::xorshift(0x2545_F491_4F6C_DD1D);
        let (mut found, mut none) = (0, 0);
        for _ in 0..100_000 {
            let v: String = (0..next(7)).map(|_| pieces[next(pieces.len())]).collect();
            let got = placeholder(&v);
            assert_eq!(got, first_placeholder(&v), "{v:?}");
            if got.is_some() {
                found += 1;
            } else {
                none += 1;
            }
        }
        assert!(found > 10_000 && none > 10_000, "{found} {none}");
    }

    #[test]
    fn placeholder_words() {
        assert_eq!(placeholder("TBD"), Some((0, "TBD")));
        assert_eq!(placeholder("link: TODO."), Some((6, "TODO")));
        assert_eq!(placeholder("TBDX"), None);
        assert_eq!(placeholder("XTBD"), None);
        assert_eq!(placeholder("Tuesday, Friday"), None);
        assert_eq!(placeholder("(FIXME)"), Some((1, "FIXME")));
        assert_eq!(placeholder("url: N/A"), Some((5, "N/A")));
        assert_eq!(placeholder("XXX"), Some((0, "XXX")));
        assert_eq!(placeholder("XXXX"), None);
        assert_eq!(placeholder("NASA"), None);
    }
}
