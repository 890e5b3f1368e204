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

pub use crate::diagnostic::{Run, visible};
use crate::source::SourceFile;

/// A file as reports may show it: control characters (other than tab, newline and carriage
/// return) replaced by `?`, and a carriage return alone (a line break, to YAML and to miette's
/// line count, but not to the lines miette prints, where it would move the terminal's cursor
/// back over what is shown) by a newline; byte for byte, so spans and line numbers stay valid
/// and nothing reaches a terminal.
pub fn displayable(file: &SourceFile) -> std::borrow::Cow<'_, SourceFile> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !file.has_lone_cr() && !has_control(file.text.as_bytes()) {
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
    std::borrow::Cow::Owned(SourceFile::new(file.name.clone(), text))
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

pub trait Renderer {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;

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
}
