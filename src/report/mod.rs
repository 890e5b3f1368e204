//! Renderers: one per output format, behind one trait, all over the same [`Run`].

mod github;
mod human;
mod json;
mod markdown;
pub mod sarif;
mod short;

use std::io::{self, Write};

pub use github::{Github, escape_data, escape_property};
pub use human::Human;
pub use json::Json;
pub use markdown::Markdown;
pub use sarif::{Sarif, rule_descriptors};
pub use short::Short;

pub use crate::diagnostic::{Run, is_bidi, visible, visible_name};
use crate::source::SourceFile;

/// A file as reports may show it: control characters (other than tab, newline and carriage
/// return) and bidirectional controls ([`is_bidi`]) replaced by `?` (one per byte), and a
/// carriage return alone (a line break, to YAML and to miette's line count, but not to the
/// lines miette prints, where it would move the terminal's cursor back over what is shown) by a
/// newline; byte for byte, so spans and line numbers stay valid and nothing reaches a terminal.
/// The name is made [`visible_name`].
pub fn displayable(file: &SourceFile) -> std::borrow::Cow<'_, SourceFile> {
    let bad = |c: char| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi(c);
    let name_ok = !file.name.chars().any(|c| c.is_control() || is_bidi(c));
    if name_ok
        && !file.has_lone_cr()
        && !has_control(file.text.as_bytes())
        && !has_bidi(file.text.as_bytes())
    {
        return std::borrow::Cow::Borrowed(file);
    }
    let mut text = String::with_capacity(file.text.len());
    let mut chars = file.text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            text.push('\n');
        } else if bad(c) {
            text.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            text.push(c);
        }
    }
    std::borrow::Cow::Owned(SourceFile::new(visible_name(&file.name), text))
}

/// Whether UTF-8 text holds a control character (Unicode's `Cc`: U+0000 to U+001F, U+007F to
/// U+009F) other than tab, newline and carriage return: a byte scan (a char scan costs a
/// tenth of a `check` of a large file).
fn has_control(text: &[u8]) -> bool {
    let exact = |i: usize| {
        let b = text[i];
        (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
            || b == 0x7f
            || (b == 0xc2 && text.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
    };
    // Blocks of 64 bytes are screened without early exits (a few vector instructions each);
    // only a block holding a suspect byte is looked at byte by byte.
    let mut start = 0;
    for block in text.chunks(64) {
        let suspect = block.iter().fold(false, |m, &b| {
            m | ((b < 0x20) & (b != b'\t') & (b != b'\n') & (b != b'\r'))
                | (b == 0x7f)
                | (b == 0xc2)
        });
        if suspect && (start..start + block.len()).any(exact) {
            return true;
        }
        start += block.len();
    }
    false
}

/// Whether UTF-8 text holds a bidirectional control ([`is_bidi`]): `E2 80 AA`-`AE`,
/// `E2 81 A6`-`A9`.
fn has_bidi(text: &[u8]) -> bool {
    memchr::memchr_iter(0xe2, text).any(|i| bidi_at(text, i))
}

/// Whether a bidirectional control starts at byte `i` (which holds `E2`).
fn bidi_at(text: &[u8], i: usize) -> bool {
    match (text.get(i + 1), text.get(i + 2)) {
        (Some(0x80), Some(b)) => (0xaa..=0xae).contains(b),
        (Some(0x81), Some(b)) => (0xa6..=0xa9).contains(b),
        _ => false,
    }
}

/// `line` with each bidirectional control written as an escape: `\u{202e}` in text, `\u202e`
/// in JSON (inside a string, where alone they can be: the same string).
fn bidi_escaped(line: &[u8], json: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(line.len() + 16);
    let mut rest = 0;
    for i in memchr::memchr_iter(0xe2, line) {
        if i < rest || !bidi_at(line, i) {
            continue;
        }
        out.extend_from_slice(&line[rest..i]);
        let c = String::from_utf8_lossy(&line[i..i + 3])
            .chars()
            .next()
            .unwrap_or('?') as u32;
        let escape = if json {
            format!("\\u{c:04x}")
        } else {
            format!("\\u{{{c:x}}}")
        };
        out.extend_from_slice(escape.as_bytes());
        rest = i + 3;
    }
    out.extend_from_slice(&line[rest..]);
    out
}

/// GitHub's runner takes a line of a job's log for a workflow command when it starts, after
/// blanks, with `::` (`::error::`, `::stop-commands::`, `::add-mask::`), or holds `##[`
/// anywhere (the older syntax). Values and committed files may hold either (a name with a
/// newline, a README line shown in a diff): in such a line the first `:` is written `\u{3a}`
/// and the `#` of each `##[` `\u{23}` (in JSON `\u0023`, the same string). sigs-lint's own
/// text never has either. Bidirectional controls are escaped too ([`bidi_escaped`]), so that no
/// line reads other than it is. `None`: the line is safe as it is.
fn ci_line(line: &[u8], json: bool) -> Option<Vec<u8>> {
    if json && has_control(line) {
        return Some(ci_line_json_controls(line));
    }
    if has_bidi(line) {
        let escaped = bidi_escaped(line, json);
        return Some(ci_line(&escaped, json).unwrap_or(escaped));
    }
    let lead = match std::str::from_utf8(line) {
        Ok(s) => s.len() - s.trim_start().len(),
        Err(_) => line.iter().take_while(|b| b.is_ascii_whitespace()).count(),
    };
    let command = !json && line[lead..].starts_with(b"::");
    let legacy = memchr::memmem::find(line, b"##[").is_some();
    if !command && !legacy {
        return None;
    }
    let mut out = Vec::with_capacity(line.len() + 16);
    let mut rest = line;
    if command {
        out.extend_from_slice(&line[..lead]);
        out.extend_from_slice(b"\\u{3a}");
        rest = &line[lead + 1..];
    }
    let hash: &[u8] = if json { b"\\u0023" } else { b"\\u{23}" };
    while let Some(i) = memchr::memmem::find(rest, b"##[") {
        out.extend_from_slice(&rest[..i]);
        out.extend_from_slice(hash);
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    Some(out)
}

/// A JSON line with control characters JSON leaves as they are (DEL, the C1 controls: they
/// reach a terminal that shows the document) written as `\u007f`-style escapes, the same
/// string; then [`ci_line`]'s escapes.
fn ci_line_json_controls(line: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(line);
    let mut escaped = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
            escaped.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            escaped.push(c);
        }
    }
    ci_line(escaped.as_bytes(), true).unwrap_or_else(|| escaped.into_bytes())
}

/// `text` as [`ci_line`] makes each of its lines.
pub fn ci_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("::") && !text.contains("##[") && !has_bidi(text.as_bytes()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(text.len() + 16);
    let mut changed = false;
    for line in text.as_bytes().split_inclusive(|b| *b == b'\n') {
        match ci_line(line, false) {
            Some(escaped) => {
                out.extend_from_slice(&escaped);
                changed = true;
            }
            None => out.extend_from_slice(line),
        }
    }
    if !changed {
        return std::borrow::Cow::Borrowed(text);
    }
    // ASCII was put before ASCII bytes only: the text stays UTF-8 (lossy is never lossy here,
    // and no panic path is left).
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

/// A writer that passes a renderer's output on line by line as [`ci_line`] makes it safe in a
/// CI log. [`CiLog::finish`] writes a last line without a newline.
pub struct CiLog<'a> {
    inner: &'a mut dyn Write,
    line: Vec<u8>,
    json: bool,
}

impl<'a> CiLog<'a> {
    /// For text (human, short, markdown).
    pub fn text(inner: &'a mut dyn Write) -> Self {
        CiLog {
            inner,
            line: Vec::new(),
            json: false,
        }
    }

    /// For a JSON document (`##[` can only be inside its strings).
    pub fn json(inner: &'a mut dyn Write) -> Self {
        CiLog {
            json: true,
            ..CiLog::text(inner)
        }
    }

    fn emit(&mut self) -> io::Result<()> {
        let line = std::mem::take(&mut self.line);
        match ci_line(&line, self.json) {
            Some(escaped) => self.inner.write_all(&escaped),
            None => self.inner.write_all(&line),
        }
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.emit()?;
        self.inner.flush()
    }
}

impl Write for CiLog<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for piece in buf.split_inclusive(|b| *b == b'\n') {
            self.line.extend_from_slice(piece);
            if piece.ends_with(b"\n") {
                self.emit()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

pub trait Renderer {
    /// The format's own bytes.
    fn render_raw(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;

    /// Whether the output is one JSON document (escaped as JSON by [`CiLog`]).
    fn is_json(&self) -> bool {
        false
    }

    /// The format written through [`CiLog`]: nothing the repository holds runs as a workflow
    /// command where the output lands in a CI log. (The GitHub format, whose lines are
    /// commands, writes its own escapes instead.)
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()> {
        let mut log = if self.is_json() {
            CiLog::json(out)
        } else {
            CiLog::text(out)
        };
        self.render_raw(run, &mut log)?;
        log.finish()
    }
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;
    use std::io::Write;

    /// What GitHub's runner would take for a command is escaped, in text and in JSON; the rest
    /// passes unchanged, whatever the writes' boundaries.
    #[test]
    fn ci_log_escapes_workflow_commands() {
        let text = "ok: a::b\n  ::error::x\n\u{3000}::add-mask::y\nsee ##[error]z and ##[w\n::tail";
        let expected = "ok: a::b\n  \\u{3a}:error::x\n\u{3000}\\u{3a}:add-mask::y\nsee \\u{23}#[error]z and \\u{23}#[w\n\\u{3a}:tail";
        assert_eq!(super::ci_safe(text), expected);
        for chunk in [1, 2, 3, 7, 100] {
            let mut out = Vec::new();
            let mut log = super::CiLog::text(&mut out);
            for piece in text.as_bytes().chunks(chunk) {
                log.write_all(piece).unwrap();
            }
            log.finish().unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{chunk}");
        }
        let mut out = Vec::new();
        let mut log = super::CiLog::json(&mut out);
        log.write_all("{\n  \"m\": \"##[error]x ::y\u{7f}\u{9b}\"\n}\n".as_bytes())
            .unwrap();
        log.finish().unwrap();
        let json = String::from_utf8(out).unwrap();
        assert_eq!(
            json,
            "{\n  \"m\": \"\\u0023#[error]x ::y\\u007f\\u009b\"\n}\n"
        );
        // The same string.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["m"], "##[error]x ::y\u{7f}\u{9b}");
        assert!(matches!(
            super::ci_safe("plain :: text\n"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// Byte for byte: a lone CR becomes a newline, a CRLF stays, a control character (one or
    /// two bytes) becomes as many `?`; the lines are where the original's are.
    #[test]
    fn displayable_keeps_bytes_and_lines() {
        let file = SourceFile::new("f", "a\rb\r\r\nc\u{1b}\u{85}d\r");
        let shown = super::displayable(&file);
        assert_eq!(shown.text, "a\nb\n\r\nc???d\n");
        for line in 1..=5 {
            assert_eq!(
                shown.offset_of(line, 1),
                file.offset_of(line, 1),
                "line {line}"
            );
        }
        assert!(!shown.has_lone_cr());
        let plain = SourceFile::new("f", "a\r\nb\n");
        assert!(matches!(
            super::displayable(&plain),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    /// A control character is found wherever it stands against the 64-byte blocks, a C1
    /// control's two bytes split between two blocks included.
    #[test]
    fn has_control_across_blocks() {
        for at in 0..140 {
            for c in ['\u{1}', '\u{7f}', '\u{80}', '\u{9f}'] {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(70));
                assert!(super::has_control(text.as_bytes()), "{c:?} at {at}");
            }
            for c in ['\t', '\n', '\r', '\u{a0}', 'é', '\u{c2}'] {
                let text = format!("{}{c}{}", "a".repeat(at), "b".repeat(70));
                assert!(!super::has_control(text.as_bytes()), "{c:?} at {at}");
            }
        }
    }

    /// The byte scan agrees with `char::is_control` on every character.
    #[test]
    fn has_control_is_is_control_but_tab_and_line_ends() {
        let mut seen = 0;
        for c in (0..=0x10ffff_u32).filter_map(char::from_u32) {
            let text = format!("a{c}b");
            let expected = c.is_control() && !matches!(c, '\t' | '\n' | '\r');
            assert_eq!(
                super::has_control(text.as_bytes()),
                expected,
                "{:x}",
                c as u32
            );
            seen += usize::from(expected);
        }
        assert_eq!(seen, 0x20 - 3 + 0x21);
    }

    /// The byte scan agrees with `is_bidi` on every character up to U+FFFF (those of more bytes
    /// start with F0-F4, never E2), and finds one at a line's end.
    #[test]
    fn has_bidi_is_is_bidi() {
        let mut seen = 0;
        for c in (0..=0xffff_u32).filter_map(char::from_u32) {
            let expected = super::is_bidi(c);
            assert_eq!(super::has_bidi(format!("a{c}b").as_bytes()), expected);
            assert_eq!(super::has_bidi(format!("{c}").as_bytes()), expected);
            seen += usize::from(expected);
        }
        assert_eq!(seen, 9);
    }

    #[test]
    fn bidirectional_controls_are_escaped_in_every_writer() {
        let line = "name \u{202e}gnp.exe\u{2066} – ok\u{2069}\n";
        assert_eq!(
            super::ci_line(line.as_bytes(), false).map(String::from_utf8),
            Some(Ok("name \\u{202e}gnp.exe\\u{2066} – ok\\u{2069}\n".into()))
        );
        let json = "{\"m\": \"\u{202a}x##[y\"}";
        let escaped = super::ci_line(json.as_bytes(), true).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&escaped),
            "{\"m\": \"\\u202ax\\u0023#[y\"}"
        );
        let back: serde_json::Value = serde_json::from_slice(&escaped).unwrap();
        assert_eq!(back["m"], "\u{202a}x##[y");
        // A text line after a command is escaped for both.
        assert_eq!(
            super::ci_safe("  ::error::\u{202e}x\n").as_ref(),
            "  \\u{3a}:error::\\u{202e}x\n"
        );
        assert_eq!(super::visible("a\u{202d}b"), "a\\u{202d}b");
        // Shown files keep their byte offsets: three `?` for three bytes.
        let file = SourceFile::new("f\u{2067}", "a: \u{202e}b\n");
        let shown = super::displayable(&file);
        assert_eq!(shown.text, "a: ???b\n");
        assert_eq!(shown.name, "f\\u{2067}");
    }
}
