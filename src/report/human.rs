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
/// would with Unicode's words; any other line gets Unicode's words, as by default (found by
/// [`word_ends`], or by textwrap for a line with escape sequences).
///
/// Identical output: with every fragment on one line, the wrapper writes the line without its
/// trailing spaces whatever the words were. [`FITS`] is the narrowest width miette wraps at,
/// with a margin: the message (width - 2 - 4), the help (- 2 - 8), a nested snippet (- 2 - 6)
/// and the message and help inside one (the width less 6, then as above): width - 20. Tested
/// against the default separator on every fixture and corpus report and on random texts.
fn words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    if line.contains('\x1b') && !fits(line) {
        // Escape sequences: textwrap strips them before finding Unicode's words.
        return textwrap::WordSeparator::UnicodeBreakProperties.find_words(line);
    }
    let mut start = 0;
    Box::new(word_ends(line).into_iter().map(move |end| {
        let word = textwrap::core::Word::from(&line[start..end]);
        start = end;
        word
    }))
}

/// Whether `line` fits wherever miette wraps ([`FITS`]); no character is wider than its UTF-8
/// bytes, so a line of at most that many bytes fits.
fn fits(line: &str) -> bool {
    let fits = FITS.with(|f| f.get());
    line.len() <= fits || display_width(line) <= fits
}

/// `textwrap::core::display_width`: printable ASCII (most of a report) is a column a byte,
/// counted at once; anything else is measured by textwrap (escape sequences, wide characters).
fn display_width(s: &str) -> usize {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        s.len()
    } else {
        textwrap::core::display_width(s)
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
    /// Columns to wrap at; at least [`MIN_WIDTH`] are used.
    pub width: usize,
}

/// The narrowest report drawn: miette takes its indents off the width (6 columns for a nested
/// snippet, which overflowed below that), and a narrower terminal (`COLUMNS`) gets lines this
/// wide.
pub const MIN_WIDTH: usize = 24;

/// The options miette gives textwrap to wrap a text at `width` with these indents (miette's
/// defaults: words broken where longer than a line, split after hyphens, first fit).
fn options<'a>(width: usize, initial: &'a str, subsequent: &'a str) -> textwrap::Options<'a> {
    textwrap::Options::new(width)
        .initial_indent(initial)
        .subsequent_indent(subsequent)
        .break_words(true)
        .word_separator(textwrap::WordSeparator::Custom(words))
}

/// `textwrap::fill(text, options(width, initial, subsequent))`, the same bytes, at a fraction of
/// the cost where lines fit (most of a report's): textwrap wraps each line of the text on its
/// own, the first with `initial` before it and every later one with `subsequent`; a line whose
/// text without its trailing spaces fits beside an indent of the same width as the other is
/// written as that indent and that text (one line of fragments, the last one's spaces dropped,
/// whatever the words), and any other line is given to textwrap alone with the indent it would
/// get. Tested against textwrap on random texts and widths.
fn fill(text: &str, width: usize, initial: &str, subsequent: &str) -> String {
    let indent_width = display_width(initial);
    if indent_width != display_width(subsequent) {
        return textwrap::fill(text, options(width, initial, subsequent));
    }
    let room = width.saturating_sub(indent_width);
    let mut out = String::with_capacity(text.len() + 16 * (1 + text.len() / 64));
    for (i, line) in text.split('\n').enumerate() {
        let indent = if i == 0 {
            initial
        } else {
            out.push('\n');
            subsequent
        };
        let kept = line.trim_end_matches(' ');
        // No character is wider than its UTF-8 bytes.
        if kept.len() <= room || display_width(kept) <= room {
            out.push_str(indent);
            out.push_str(kept);
        } else if !line.contains('\x1b') {
            fill_line(line, room, indent, subsequent, &mut out);
        } else {
            out.push_str(&textwrap::fill(line, options(width, indent, subsequent)));
        }
    }
    out
}

thread_local! {
    /// The line breaker textwrap's Unicode word separator uses, built as textwrap builds it.
    static SEGMENTER: icu_segmenter::LineSegmenterBorrowed<'static> = const {
        icu_segmenter::LineSegmenter::new_for_non_complex_scripts(
            icu_segmenter::options::LineBreakOptions::default(),
        )
    };
}

/// Where each of [`words`]' words ends (its trailing spaces included), for a line that fits
/// or has no escape sequence: one word for a line that fits; else the ASCII space separator's
/// words where [`spaces_alone_break`] says they are Unicode's; else Unicode's, found as textwrap
/// finds them (the line breaker's opportunities but the start and those after `-` or a soft
/// hyphen, the last one dropped: the line's end closes the last word) without its stripping of
/// escape sequences, its offset map and its widths. Tested against textwrap's Unicode words.
fn word_ends(line: &str) -> Vec<usize> {
    if fits(line) {
        return vec![line.len()];
    }
    let mut ends = Vec::new();
    if spaces_alone_break(line) {
        let b = line.as_bytes();
        ends.extend((1..b.len()).filter(|&i| b[i - 1] == b' ' && b[i] != b' '));
    } else {
        SEGMENTER.with(|segmenter| {
            ends.extend(segmenter.segment_str(line).filter(|&i| {
                i > 0 && !matches!(line[..i].chars().next_back(), Some('-' | '\u{ad}'))
            }));
        });
        ends.pop();
    }
    if !line.is_empty() {
        ends.push(line.len());
    }
    ends
}

/// A fragment of a line being wrapped, as byte offsets: the word, then its trailing spaces;
/// and the word's width in columns.
#[derive(Clone, Copy)]
struct Fragment {
    start: usize,
    end: usize,
    spaces_end: usize,
    width: usize,
}

/// textwrap's wrapping of one line without escape sequences (so that its width is the sum of
/// its characters'), its first line after `indent` and the others after `subsequent`: its steps
/// done on byte offsets rather than through textwrap's boxed iterators and recomputed widths.
/// The words are [`words`]' (textwrap's own); split after each hyphen between letters or digits
/// of the word (its hyphen splitter); pieces wider than `room` broken where the next character
/// would not fit (its `break_words`, after which an empty fragment leads); lines filled first
/// fit, each line's last spaces dropped. No penalty arises (splits follow hyphens). Tested
/// against textwrap on random texts.
fn fill_line(line: &str, room: usize, indent: &str, subsequent: &str, out: &mut String) {
    let mut fragments = vec![Fragment {
        start: 0,
        end: 0,
        spaces_end: 0,
        width: 0,
    }];
    let mut broken = |start: usize, end: usize, spaces_end: usize| {
        let mut start = start;
        let mut width = display_width(&line[start..end]);
        if width > room {
            // `break_apart`: a piece is closed when the next character would not fit.
            width = 0;
            let base = start;
            for (at, c) in line[base..end].char_indices() {
                let at = base + at;
                let w = display_width(&line[at..at + c.len_utf8()]);
                if width > 0 && width + w > room {
                    fragments.push(Fragment {
                        start,
                        end: at,
                        spaces_end: at,
                        width,
                    });
                    start = at;
                    width = 0;
                }
                width += w;
            }
        }
        fragments.push(Fragment {
            start,
            end,
            spaces_end,
            width,
        });
    };
    let mut at = 0;
    for spaces_end in word_ends(line) {
        let start = at;
        let end = start + line[start..spaces_end].trim_end_matches(' ').len();
        at = spaces_end;
        // The hyphen splitter: after each `-` with a letter or digit of the word on each side.
        let mut piece = start;
        for (dash, _) in line[start..end].match_indices('-') {
            let dash = start + dash;
            let before = line[start..dash].chars().next_back();
            let after = line[dash + 1..end].chars().next();
            if before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric)
            {
                broken(piece, dash + 1, dash + 1);
                piece = dash + 1;
            }
        }
        broken(piece, end, spaces_end);
    }
    // First fit, every line `room` wide; fragments are contiguous, so a line is the text from
    // its first fragment to the end of its last word.
    let mut lines = Vec::new();
    let (mut start, mut width) = (0, 0);
    for (i, f) in fragments.iter().enumerate() {
        if width + f.width > room && i > start {
            lines.push(start..i);
            start = i;
            width = 0;
        }
        width += f.width + (f.spaces_end - f.end);
    }
    lines.push(start..fragments.len());
    for (n, range) in lines.into_iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(if n == 0 { indent } else { subsequent });
        out.push_str(&line[fragments[range.start].start..fragments[range.end - 1].end]);
    }
}

/// The text miette's unwrapping mode must be given to write `fill(text, width, initial,
/// subsequent)`: the filled lines without their indents (miette puts them back). None where that
/// mode would write another indent (a line blank once trimmed gets a trimmed indent).
fn prewrap(text: &str, width: usize, initial: &str, subsequent: &str) -> Option<String> {
    let filled = fill(text, width, initial, subsequent);
    let mut content = String::with_capacity(filled.len());
    for (i, line) in filled.split('\n').enumerate() {
        let indent = if i == 0 { initial } else { subsequent };
        let line = line.strip_prefix(indent)?;
        if line.trim().is_empty() {
            return None;
        }
        if i > 0 {
            content.push('\n');
        }
        content.push_str(line);
    }
    Some(content)
}

/// The nested snippets drawn so far in a report, by what they are drawn from: many findings
/// can point at the same place (every copy of a duplicated name at its first use), and miette's
/// drawing of a snippet is most of a report's cost.
type Drawn = std::collections::HashMap<crate::diagnostic::RelatedKey, String>;

/// miette's report of `rendered` as miette writes it, wrapping included, with miette's wrapper
/// (textwrap, over every line of a message, a help and a whole nested snippet) replaced by
/// [`fill`]: the message and help are given to miette filled, with wrapping off, and the
/// snippets of labels far from the primary one (miette's nested related reports) are drawn
/// here as miette draws them: the snippet rendered at the width less its indent, its blank
/// lines around trimmed, then filled with the indents of its tree branch. Without colour only
/// (miette measures coloured indents otherwise); None where [`prewrap`] is.
fn render_prewrapped(
    rendered: Rendered<'_>,
    handlers: &(GraphicalReportHandler, GraphicalReportHandler),
    theme: &GraphicalTheme,
    width: usize,
    drawn: &mut Drawn,
) -> Option<String> {
    let chars = &theme.characters;
    let f = rendered.finding;
    let icon = match f.severity {
        crate::diagnostic::Severity::Error => &chars.error,
        crate::diagnostic::Severity::Warning => &chars.warning,
        crate::diagnostic::Severity::Note => &chars.advice,
    };
    let text_width = width.saturating_sub(2);
    let (bar, advice) = (format!("  {} ", chars.vbar), format!("  {} ", chars.advice));
    let message = prewrap(&f.message, text_width, &format!("  {icon} "), &bar)?;
    let help = match &f.help {
        Some(h) => Some(prewrap(h, text_width, "  help: ", "        ")?),
        None => None,
    };
    let far = rendered.far().to_vec();
    let rendered = rendered.prewrapped(message, help);
    let mut s = String::new();
    handlers.0.render_report(&mut s, &rendered).ok()?;
    // miette's nested snippets: the inner report at the width less the branch's indent (6).
    let inner_width = width.saturating_sub(6).saturating_sub(2);
    for (i, related) in far.iter().enumerate() {
        let last = i + 1 == far.len();
        let first_indent = format!(
            "  {}{}{} ",
            if last { chars.lbot } else { chars.lcross },
            chars.hbar,
            chars.rarrow
        );
        let rest_indent = format!("  {}   ", if last { ' ' } else { chars.vbar });
        let inner = match drawn.entry(related.key()) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let message = prewrap(related.message(), inner_width, &advice, &bar)?;
                let mut inner = String::new();
                handlers
                    .1
                    .render_report(&mut inner, &related.with_message(message))
                    .ok()?;
                e.insert(inner)
            }
        };
        let filled = fill(
            inner.trim_matches('\n'),
            text_width,
            &first_indent,
            &rest_indent,
        );
        s.push_str(&filled);
        s.push('\n');
    }
    Some(s)
}

impl Renderer for Human {
    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        self.render_with(run, out, textwrap::WordSeparator::Custom(words), true)
    }
}

impl Human {
    /// The report, with miette's wrapper given `separator` ([`words`], or for the tests
    /// Unicode's break opportunities alone, miette's default), and where `fast` (and without
    /// colour) miette's wrapping replaced by [`render_prewrapped`]'s.
    fn render_with(
        &self,
        run: &Run,
        out: &mut dyn Write,
        separator: textwrap::WordSeparator,
        fast: bool,
    ) -> io::Result<()> {
        let width = self.width.max(MIN_WIDTH);
        let theme = if self.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme.clone())
            .with_width(width)
            .with_links(false)
            .with_show_related_as_nested(true)
            .with_word_separator(separator);
        let unwrapped = handler.clone().with_wrap_lines(false);
        let handlers = (
            unwrapped.clone(),
            unwrapped.with_width(width - 6).without_cause_chain(),
        );
        let fast = fast && !self.color;
        let mut drawn = Drawn::new();
        FITS.with(|f| f.set(width - 20));
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
                let prewrapped = match fast {
                    true => render_prewrapped(
                        Rendered::new(f, file),
                        &handlers,
                        &theme,
                        width,
                        &mut drawn,
                    ),
                    false => None,
                };
                match prewrapped {
                    Some(text) => s = text,
                    None => {
                        if handler
                            .render_report(&mut s, &Rendered::new(f, file))
                            .is_err()
                        {
                            s = format!("{}: {}\n", run.location(f), f.message);
                        }
                    }
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

    /// What random texts are made of: words, URLs, hyphens, runs of spaces, tabs, wide,
    /// combining and box-drawing characters, colour codes, line breaks, long words.
    const PIECES: [&str; 35] = [
        "a",
        "word",
        "longer-word",
        "a-b-c",
        "--x",
        "x-",
        "-",
        "https://example.org/a/b-c?d=e",
        "sig-api-machinery",
        " ",
        "  ",
        "   ",
        "/",
        "\t",
        "é",
        "中文",
        "👍",
        "e\u{301}",
        "│",
        " 12 │ ",
        "\x1b[31m",
        "\x1b[0m",
        "\n",
        "\n\n",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "y-y-y-y-y-y-y-y-y-y-y-y-",
        "`quoted`",
        "(see",
        "line 12)",
        ",",
        ".",
        "50%",
        "$5",
        "`",
        "\"",
    ];

    /// `words` changes no output: random texts (spaces, hyphens, slashes, tabs, wide and
    /// combining characters, colour codes, blank lines) filled as miette fills them, with its
    /// indents, at every width from 8 to 120, with both separators.
    #[test]
    fn one_word_lines_wrap_as_unicode_words_do() {
        let pieces = PIECES;
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
                let whole = |l: &str| !l.is_empty() && display_width(l) <= width.saturating_sub(20);
                compared += usize::from(text.split('\n').any(whole));
            }
        }
        // Texts with a line kept whole by `words` (the others take Unicode's words).
        assert!(compared > 10_000, "{compared}");
    }

    /// [`fill`] writes what textwrap writes with Unicode's words, and [`prewrap`] what miette's unwrapping mode
    /// needs to write it: random texts (words, URLs, hyphens, runs of spaces, wide, combining
    /// and box-drawing characters, colour codes, blank lines, long words) at every width from 1
    /// to 120, with each of miette's pairs of indents.
    #[test]
    fn fill_is_textwraps_fill() {
        let pieces = PIECES;
        let indents = [
            ("  × ", "  │ "),
            ("  ⚠ ", "  │ "),
            ("  help: ", "        "),
            ("  ╰─▶ ", "      "),
            ("  ├─▶ ", "  │   "),
            ("ab", "abc"),
        ];
        let mut next = crate::testutil::xorshift(0x6a09_e667_f3bc_c909_u64);
        let (mut lines, mut prewrapped) = (0, 0);
        for _ in 0..2_000 {
            let text: String = (0..next(60)).map(|_| pieces[next(pieces.len())]).collect();
            let (first, rest) = indents[next(indents.len())];
            for width in 1..=120_usize {
                FITS.with(|f| f.set(width.saturating_sub(20)));
                let theirs = textwrap::fill(
                    &text,
                    options(width, first, rest)
                        .word_separator(WordSeparator::UnicodeBreakProperties),
                );
                assert_eq!(
                    fill(&text, width, first, rest),
                    theirs,
                    "{text:?} at {width}"
                );
                lines += theirs.lines().count();
                if let Some(content) = prewrap(&text, width, first, rest) {
                    prewrapped += 1;
                    let mut again = String::new();
                    for (i, line) in content.split('\n').enumerate() {
                        if i > 0 {
                            again.push('\n');
                        }
                        again.push_str(if i == 0 { first } else { rest });
                        again.push_str(line);
                    }
                    assert_eq!(again, theirs, "{text:?} at {width}");
                }
            }
        }
        assert!(
            lines > 1_000_000 && prewrapped > 50_000,
            "{lines} {prewrapped}"
        );
    }

    /// [`word_ends`] ends textwrap's Unicode words (one word for a line that fits): random lines (letters, spaces, punctuation that
    /// Unicode breaks around, hyphens, wide and combining characters) at several `FITS`.
    #[test]
    fn word_ends_are_where_words_end() {
        let alphabet: Vec<char> = (b' '..=b'~')
            .map(char::from)
            .chain(['\t', 'é', '中', '\u{301}', '\u{ad}', '│', '👍'])
            .collect();
        let mut next = crate::testutil::xorshift(0xbb67_ae85_84ca_a73b_u64);
        for _ in 0..100_000 {
            let line: String = (0..next(120))
                .map(|_| match next(4) {
                    0 => alphabet[next(alphabet.len())],
                    1 => ' ',
                    _ => char::from(b'a' + next(26) as u8),
                })
                .collect();
            FITS.with(|f| f.set(next(80)));
            let mut at = 0;
            let theirs: Vec<usize> = if fits(&line) {
                vec![line.len()]
            } else {
                WordSeparator::UnicodeBreakProperties
                    .find_words(&line)
                    .map(|w| {
                        at += w.word.len() + w.whitespace.len();
                        at
                    })
                    .collect()
            };
            assert_eq!(word_ends(&line), theirs, "{line:?}");
        }
    }

    /// A terminal narrower than miette's indents (`COLUMNS=3`) gets the narrowest report, not an
    /// overflow (miette's nested snippets take 6 columns off the width).
    #[test]
    fn narrow_terminals_get_the_narrowest_report() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let checked = crate::commands::check::check(&crate::commands::check::CheckOptions {
            path: root.join("fixtures/all-rules"),
            ..Default::default()
        });
        let render = |width, color| {
            let mut out = Vec::new();
            Human { color, width }
                .render(&checked.run, &mut out)
                .unwrap();
            out
        };
        for color in [false, true] {
            let narrowest = render(MIN_WIDTH, color);
            assert!(narrowest.len() > 1000);
            for width in [0, 3, 6, 23] {
                assert!(render(width, color) == narrowest, "{width}");
            }
        }
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
            // And the fast path measures as textwrap does, alone and among ASCII.
            let among = format!("a {s}~\x1b[1mb\x1b[0m");
            for t in [s.as_str(), among.as_str()] {
                assert_eq!(display_width(t), textwrap::core::display_width(t), "{t:?}");
            }
        }
        assert_eq!(textwrap::core::display_width("中"), 2);
        assert_eq!(display_width(" ~ printable ASCII ~ "), 21);
    }

    /// `human`'s report of `run`, and the one miette writes itself (its default separator, its
    /// own wrapping and nested snippets).
    fn ours_and_miettes(run: &Run, human: Human) -> (Vec<u8>, Vec<u8>) {
        let (mut ours, mut miette) = (Vec::new(), Vec::new());
        human.render(run, &mut ours).unwrap();
        human
            .render_with(
                run,
                &mut miette,
                WordSeparator::UnicodeBreakProperties,
                false,
            )
            .unwrap();
        (ours, miette)
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
                let (ours, unicode) = ours_and_miettes(&checked.run, Human { color, width });
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

    /// Many findings whose "see also" snippet is the same one (every copy of a name at its first
    /// use): drawn once, the report is still byte for byte miette's.
    #[test]
    fn snippets_seen_again_are_drawn_alike() {
        let mut yaml = String::from("sigs:\n");
        for i in 0..6 {
            yaml.push_str(&format!(
                "  - dir: sig-g{i}\n    name: G{i}\n    subprojects:\n      - name: shared\n        owners:\n          - https://raw.githubusercontent.com/org/g{i}/main/OWNERS\n      - name: own-{i}\n        owners:\n          - https://raw.githubusercontent.com/org/own{i}/main/OWNERS\n"
            ));
            // A second name seen again: another snippet, in the same file.
            if i % 3 == 0 {
                yaml.push_str("      - name: also\n        owners:\n          - https://raw.githubusercontent.com/org/also/main/OWNERS\n");
            }
        }
        let dir = std::env::temp_dir().join(format!("sigs-lint-drawn-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("sigs.yaml"), &yaml).unwrap();
        let checked = crate::commands::check::check(&crate::commands::check::CheckOptions {
            path: dir.join("sigs.yaml"),
            no_docs: true,
            ..Default::default()
        });
        let _ = std::fs::remove_dir_all(&dir);
        for width in [80, 50] {
            let (ours, miette) = ours_and_miettes(
                &checked.run,
                Human {
                    color: false,
                    width,
                },
            );
            let ours = String::from_utf8(ours).unwrap();
            assert_eq!(ours.matches("see also line 5\n").count(), 5, "{ours}");
            assert_eq!(ours.matches("see also line 11\n").count(), 1, "{ours}");
            assert!(ours.as_bytes() == miette.as_slice(), "{ours}");
        }
    }
}
