//! Renderers: one per output format, behind one trait, all over the same [`Run`].

mod github;
mod human;
mod json;
mod sarif;
mod short;

use std::io::{self, Write};

pub use github::{Github, escape_data, escape_property};
pub use human::Human;
pub use json::Json;
pub use sarif::{CHECKS, Sarif, rule_descriptors};
pub use short::Short;

pub use crate::diagnostic::Run;
use crate::source::SourceFile;

/// Text with control characters made visible (`\u{1b}`), so that nothing a repository holds
/// (a `dir`, a committed file's content) can move the cursor or issue commands to a terminal or
/// a CI log. Tabs and line feeds stay (each format escapes line feeds its own way).
pub fn visible(s: &str) -> String {
    let shown = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !s.chars().any(shown) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if shown(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A file as reports may show it: control characters (other than tab, newline and carriage
/// return) replaced by `?`, byte for byte, so spans stay valid and nothing reaches a terminal.
pub fn displayable(file: &SourceFile) -> std::borrow::Cow<'_, SourceFile> {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !file.text.chars().any(bad) {
        return std::borrow::Cow::Borrowed(file);
    }
    let text: String = file
        .text
        .chars()
        .map(|c| {
            if bad(c) {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect();
    std::borrow::Cow::Owned(SourceFile::new(file.name.clone(), text))
}

pub trait Renderer {
    fn render(&self, run: &Run, out: &mut dyn Write) -> io::Result<()>;
}
