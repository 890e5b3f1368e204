//! The `insecure-url` rule: URL fields use https, not http. Its documentation, with the examples
//! a test runs, is `rules/insecure-url.md`.

use super::util::core_value;
use super::{Context, Sink};
use crate::diagnostic::Fix;
use crate::model::scalar;

declare_rule!(InsecureUrl, "insecure-url", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for u in cx.urls() {
        let Ok(url) = &u.parsed else { continue };
        if url.scheme() != "http" || url.host_str().is_none_or(str::is_empty) {
            continue;
        }
        let (field, s) = (u.field.as_ref(), u.value);
        let value = core_value(&s.value);
        // The value without its scheme, as written (`HTTP://` too).
        let Some(rest) = value.get(4..) else { continue };
        let https = format!("https{rest}");
        // The same URL with the scheme alone changed, around it what the value had.
        let fix = s.value.find(value).and_then(|i| {
            let whole = format!("{}{https}{}", &s.value[..i], &s.value[i + value.len()..]);
            scalar::replace(cx.file, s, &whole).map(|edit| Fix {
                title: "write `https`".into(),
                edits: vec![edit],
            })
        });
        let f = sink
            .finding(format!("`{field}` uses http, not https"))
            .label(s.span, "insecure scheme")
            .help(format!("use `{https}`"))
            .with_fix(fix);
        sink.push(f);
    }
}
