//! The `insecure-url` rule: URL fields use https, not http. Its documentation, with the examples
//! a test runs, is `rules/insecure-url.md`.

use super::util::core_value;
use super::{Context, Sink, UrlField};
use crate::diagnostic::Fix;
use crate::model::scalar;

declare_rule!(InsecureUrl, "insecure-url", Warning, urls);

/// Nothing but the URLs.
fn check(_cx: &Context<'_>, _sink: &mut Sink) {}

fn check_url(cx: &Context<'_>, u: &UrlField<'_>, sink: &mut Sink) {
    let Ok(url) = &u.parsed else { return };
    if url.scheme() != "http" || url.host_str().is_none_or(str::is_empty) {
        return;
    }
    let (field, s) = (u.field.as_ref(), u.value);
    let value = core_value(&s.value);
    // The value without its scheme, as written (`HTTP://` too).
    let Some(rest) = value.get(4..) else { return };
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
