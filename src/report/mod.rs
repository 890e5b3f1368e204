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
