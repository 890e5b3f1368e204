//! The default format: miette's graphical report (snippet, labels, help) per finding, the diff of
//! a stale file, and the summary line.

use std::io::{self, Write};
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme};

use super::{Renderer, Run};
use crate::diagnostic::Rendered;
use crate::source::SourceFile;

/// Lines longer than this (in characters) are not shown in a snippet: the finding is printed as
/// `path:line:col: message` instead (miette cannot draw past column 65,535, and a snippet of a
/// 600 KB line helps nobody).
pub const MAX_SNIPPET_LINE: usize = 2000;

/// Whether a finding's labels sit on a line too long to draw.
fn too_wide(f: &crate::diagnostic::Finding, file: Option<&crate::source::SourceFile>) -> bool {
    let Some(file) = file else {
        return false;
    };
    f.labels.iter().any(|l| {
        [l.span.offset, l.span.end()].iter().any(|&offset| {
            let (line, _) = file.line_col(offset.min(file.text.len()));
            file.line_text(line).len() > MAX_SNIPPET_LINE
        })
    })
}

thread_local! {
    /// Lines at most this wide (display columns) are one word to the wrapper: see [`words`].
    static FITS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// The word separator miette's wrapper is given (the wrapper asks it for the words of every
/// line it wraps, and Unicode's break opportunities were most of a report's cost): a line that
/// fits on one line wherever miette wraps is one word, so the wrapper keeps it whole, as it
/// would with Unicode's words; any other line gets Unicode's words, as by default.
///
/// Identical output: with every fragment on one line, the wrapper writes the line without its
/// trailing spaces whatever the words were. [`FITS`] is the narrowest width miette wraps at,
/// with a margin: the message (width - 2 - 4), the help (- 2 - 8), a nested snippet (- 2 - 6)
/// and the message and help inside one (the width less 6, then as above): width - 20. Tested
/// against the default separator on every fixture and corpus report and on random texts.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let fits = FITS.with(|f| f.get());
    // No character is wider than its UTF-8 bytes: a line of at most `fits` bytes fits.
    if line.len() <= fits || textwrap::core::display_width(line) <= fits {
        Box::new(std::iter::once(textwrap::core::Word::from(line)))
    } else if spaces_alone_break(line) {
        textwrap::WordSeparator::AsciiSpace.find_words(line)
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties.find_words(line)
    }
}

/// Whether Unicode's line breaking (UAX #14, as textwrap applies it: no break after `-`) breaks
/// `line` only after its runs of spaces, as the ASCII space separator does, and much faster.
/// True for text of letters, digits, spaces, quotes, `-` and the symbols that break like
/// letters, with `.,:;` only between such characters and a letter, quote, space or the end (the
/// breaks Unicode makes around brackets, `/`, `!`, `?`, `|`, currency and percent signs and
/// numbers after punctuation are left to it), not ending in `-`. Tested against Unicode's words
/// on random texts.
fn spaces_alone_break(line: &str) -> bool {
    let b = line.as_bytes();
    let alphabetic = |c: u8| c.is_ascii_alphanumeric() || b"#&*<=>@^_`~".contains(&c);
    let quote = |c: u8| c == b'"' || c == b'\'';
    // textwrap drops Unicode's break at the end of a line ending in `-`, then drops the last
    // break as the line's end: such a line keeps its last run of spaces inside a word.
    !line.ends_with('-')
        && (0..b.len()).all(|i| {
            let c = b[i];
            if alphabetic(c) || quote(c) || c == b' ' || c == b'-' {
                return true;
            }
            if !b".,:;".contains(&c) || i == 0 || b[i - 1] == b' ' {
                return false;
            }
            b.get(i + 1)
                .is_none_or(|&n| n == b' ' || quote(n) || (alphabetic(n) && !n.is_ascii_digit()))
        })
}

/// miette's graphical reports, one per finding, then the summary line.
pub struct Human {
    pub color: bool,
    pub width: usize,
}

impl Renderer for Human {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.render_with(run, out, textwrap::WordSeparator::Custom(words))
    }
}

impl Human {
    /// The report, with miette's wrapper given `separator` ([`words`], or for the tests
    /// Unicode's break opportunities alone, miette's default).
    fn render_with(
        &self,
        run: &Run,
        out: &mut dyn Write,
        separator: textwrap::WordSeparator,
    ) -> io::Result<()> {
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(self.width)
            .with_links(false)
            .with_show_related_as_nested(true)
            .with_word_separator(separator);
        FITS.with(|f| f.set(self.width.saturating_sub(20)));
        if let Some(g) = &run.generator {
            writeln!(out, "generator: {}", g.reason)?;
            out.write_all(b"\n")?;
        }
        // Each file made displayable once (not once per finding).
        let shown_files: Vec<_> = run.files.iter().map(|f| super::displayable(f)).collect();
        for (i, f) in run.findings.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\n")?;
            }
            // A run sorted with `Run::sort` lists every finding's file.
            let unlisted;
            let file: Option<&SourceFile> = match &f.file {
                None => None,
                Some(file) => match run.files.iter().position(|g| Arc::ptr_eq(g, file)) {
                    Some(i) => Some(&*shown_files[i]),
                    None => {
                        unlisted = super::displayable(file);
                        Some(&*unlisted)
                    }
                },
            };
            let mut visible_finding = f.clone();
            visible_finding.message = super::visible(&f.message);
            visible_finding.help = f.help.as_deref().map(super::visible);
            let f = &visible_finding;
            let mut s = String::new();
            if too_wide(f, file) {
                s = format!(
                    "{}: {}[{}]: {}\n",
                    run.location(f),
                    f.severity.as_str(),
                    f.rule,
                    f.message
                );
                if let Some(help) = &f.help {
                    s.push_str(&format!("  help: {help}\n"));
                }
                s.push_str(&format!(
                    "  (the line is longer than {MAX_SNIPPET_LINE} characters: not shown)\n"
                ));
            } else {
                let rendered = Rendered::new(f, file);
                if handler.render_report(&mut s, &rendered).is_err() {
                    s = format!("{}: {}\n", run.location(f), f.message);
                }
            }
            out.write_all(s.as_bytes())?;
            if !s.ends_with('\n') {
                out.write_all(b"\n")?;
            }
            if let Some(diff) = &f.diff {
                for line in diff.lines() {
                    let line = &super::visible(line);
                    let painted = match (self.color, line.chars().next()) {
                        (true, Some('+')) if !line.starts_with("+++") => {
                            format!("\x1b[32m{line}\x1b[0m")
                        }
                        (true, Some('-')) if !line.starts_with("---") => {
                            format!("\x1b[31m{line}\x1b[0m")
                        }
                        (true, Some('@')) => format!("\x1b[36m{line}\x1b[0m"),
                        _ => line.to_string(),
                    };
                    writeln!(out, "    {painted}")?;
                }
            }
        }
        writeln!(out, "{}", run.summary())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use textwrap::{Options, WordSeparator};

    /// Where [`spaces_alone_break`] holds, the ASCII space separator's words are Unicode's.
    #[test]
    fn spaces_alone_break_where_the_test_says() {
        let alphabet: Vec<char> = (b' '..=b'~').map(char::from).chain(['\t', 'é']).collect();
        let mut next = crate::testutil::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let words = |line: &str, separator: WordSeparator| -> Vec<(String, String)> {
            separator
                .find_words(line)
                .map(|w| (w.word.to_string(), w.whitespace.to_string()))
                .collect()
        };
        let (mut held, mut total) = (0, 0);
        for _ in 0..200_000 {
            // Mostly letters and spaces, as messages are, with any other character among them.
            let line: String = (0..1 + next(30))
                .map(|_| match next(4) {
                    0 => alphabet[next(alphabet.len())],
                    1 => ' ',
                    _ => char::from(b'a' + next(26) as u8),
                })
                .collect();
            total += 1;
            if spaces_alone_break(&line) {
                held += 1;
                assert_eq!(
                    words(&line, WordSeparator::AsciiSpace),
                    words(&line, WordSeparator::UnicodeBreakProperties),
                    "{line:?}"
                );
            }
        }
        // The test holds for most such lines, and not for all.
        assert!(held * 4 > total && held < total, "{held} of {total}");
        for (line, holds) in [
            (
                "subproject `website` of SIG \"etcd\" has the same name as one of SIG \"Docs\"",
                true,
            ),
            ("time zone `Poland` is not in the form: see the docs.", true),
            ("it is https://example.org/a", false),
            ("a (b) c", false),
            ("version v.1", false),
            ("50% of it", false),
            ("a ,b", false),
        ] {
            assert_eq!(spaces_alone_break(line), holds, "{line:?}");
        }
    }

    /// `words` changes no output: random texts (spaces, hyphens, slashes, tabs, wide and
    /// combining characters, colour codes, blank lines) filled as miette fills them, with its
    /// indents, at every width from 8 to 120, with both separators.
    #[test]
    fn one_word_lines_wrap_as_unicode_words_do() {
        let pieces = [
            "a",
            "word",
            "longer-word",
            "https://example.org/a/b-c",
            " ",
            "  ",
            "-",
            "/",
            "\t",
            "é",
            "中文",
            "👍",
            "e\u{301}",
            "\x1b[31m",
            "\x1b[0m",
            "\n",
            "x".repeat(30).leak(),
            "`quoted`",
            "(see",
            "line 12)",
            ",",
            ".",
        ];
        let mut next = crate::testutil::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let indents = [
            ("  × ", "  │ "),
            ("  help: ", "        "),
            ("  ╰─▶ ", "      "),
        ];
        let mut compared = 0;
        for _ in 0..300 {
            let text: String = (0..next(40)).map(|_| pieces[next(pieces.len())]).collect();
            for width in 8..=120_usize {
                FITS.with(|f| f.set(width.saturating_sub(20)));
                let (first, rest) = indents[next(indents.len())];
                let options = |separator| {
                    Options::new(width - 2)
                        .initial_indent(first)
                        .subsequent_indent(rest)
                        .word_separator(separator)
                };
                let unicode = textwrap::fill(&text, options(WordSeparator::UnicodeBreakProperties));
                let ours = textwrap::fill(&text, options(WordSeparator::Custom(words)));
                assert_eq!(ours, unicode, "{text:?} at width {width}");
                let whole = |l: &str| {
                    !l.is_empty() && textwrap::core::display_width(l) <= width.saturating_sub(20)
                };
                compared += usize::from(text.split('\n').any(whole));
            }
        }
        // Texts with a line kept whole by `words` (the others take Unicode's words).
        assert!(compared > 10_000, "{compared}");
    }

    /// What `words` takes for granted: no character is wider than its UTF-8 bytes.
    #[test]
    fn no_character_is_wider_than_its_bytes() {
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(
                textwrap::core::display_width(&s) <= s.len(),
                "{:x}",
                c as u32
            );
        }
        assert_eq!(textwrap::core::display_width("中"), 2);
    }

    /// The whole report of every fixture and both corpora's findings is byte for byte the one
    /// miette writes with its default separator, at several widths, with and without colour.
    #[test]
    fn reports_are_unchanged_by_the_separator() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut repos: Vec<_> = std::fs::read_dir(root.join("fixtures"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        let corpus = root.join("../shared/corpus");
        if let Ok(slices) = std::fs::read_dir(&corpus) {
            repos.extend(slices.map(|e| e.unwrap().path()));
        } else {
            eprintln!(
                "NOTICE: {} is absent: only the fixtures are compared",
                corpus.display()
            );
        }
        repos.sort();
        let mut findings = 0;
        for repo in &repos {
            let checked = crate::commands::check::check(&crate::commands::check::CheckOptions {
                path: repo.clone(),
                ..Default::default()
            });
            findings += checked.run.findings.len();
            for (width, color) in [(80, false), (40, false), (100, true), (160, false)] {
                let human = Human { color, width };
                let (mut ours, mut unicode) = (Vec::new(), Vec::new());
                human.render(&checked.run, &mut ours).unwrap();
                human
                    .render_with(
                        &checked.run,
                        &mut unicode,
                        WordSeparator::UnicodeBreakProperties,
                    )
                    .unwrap();
                assert!(
                    ours == unicode,
                    "{} at width {width}:\n{}",
                    repo.display(),
                    String::from_utf8_lossy(&ours)
                );
            }
        }
        assert!(findings > 100, "{findings} findings compared");
    }
}
