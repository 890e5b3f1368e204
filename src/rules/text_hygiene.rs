use std::sync::LazyLock;

use regex::Regex;

use super::util::{all_strings, is_invisible};
use super::{Context, Sink};
use crate::source::Span;

declare_rule!(TextHygiene, "text-hygiene", Warning);

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(TBD|TODO|TBA|FIXME)\b").expect("valid regex"));

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for (field, s) in all_strings(cx.model) {
        let source = cx.file.slice(s.span);
        let bad = |c: char| is_invisible(c) || (c.is_control() && c != '\n' && c != '\t');
        if let Some(c) = s.value.chars().find(|&c| bad(c)) {
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
            let f = sink
                .finding(format!("`{field}` contains {what}"))
                .label(span, "invisible")
                .help("delete it: it breaks links and comparisons and cannot be seen in review");
            sink.push(f);
        }
        let v = s.value.trim_end_matches('\n');
        if v.is_empty() {
            let f = sink
                .finding(format!("`{field}` is an empty string"))
                .label(s.span, "empty value")
                .help("remove the key, or fill in the value");
            sink.push(f);
            continue;
        }
        if v.starts_with(char::is_whitespace) || v.ends_with(char::is_whitespace) {
            let f = sink
                .finding(format!("`{field}` has leading or trailing whitespace"))
                .label(s.span, "whitespace around the value")
                .help(format!("write `{}`", v.trim()));
            sink.push(f);
        }
        if let Some(m) = PLACEHOLDER.find(v) {
            let span = source
                .find(m.as_str())
                .map_or(s.span, |i| Span::new(s.span.offset + i, m.len()));
            let f = sink
                .finding(format!("`{field}` holds the placeholder `{}`", m.as_str()))
                .label(span, "placeholder")
                .help("fill in the real value, or remove the field until it is known");
            sink.push(f);
        }
    }
}
