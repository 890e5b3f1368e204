//! The `placeholder-url` rule: URLs do not point at placeholder hosts or placeholder ids. Its
//! documentation, with the examples a test runs, is `rules/placeholder-url.md`.

use super::{Context, Sink, UrlField};

declare_rule!(PlaceholderUrl, "placeholder-url", Warning, urls);

/// Hosts reserved for examples and tests (RFC 2606, RFC 6761) and other obvious stand-ins.
const HOSTS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "test.com",
    "localhost",
    "127.0.0.1",
    "0.0.0.0",
];
const TLDS: &[&str] = &["example", "test", "invalid", "localhost"];

/// Nothing but the URLs.
fn check(_cx: &Context<'_>, _sink: &mut Sink) {}

fn check_url(cx: &Context<'_>, u: &UrlField<'_>, sink: &mut Sink) {
    let config = cx.config;
    let (field, s) = (u.field.as_ref(), u.value);
    let Ok(url) = &u.parsed else {
        return;
    };
    // The url crate lowercases hosts of special schemes (http, https).
    let Some(host) = url.host_str() else {
        return;
    };
    let matches_host = |h: &str| {
        host == h
            || (host.len() > h.len()
                && host.ends_with(h)
                && host.as_bytes()[host.len() - h.len() - 1] == b'.')
    };
    if config.allowed_hosts.iter().any(|h| matches_host(h)) {
        return;
    }
    let tld = host.rsplit('.').next();
    let placeholder_host = HOSTS.iter().any(|h| matches_host(h))
        || config.placeholder_hosts.iter().any(|h| matches_host(h))
        || TLDS.iter().any(|t| tld == Some(t));
    if placeholder_host {
        let f = sink
            .finding(format!("`{field}` points at the placeholder host `{host}`"))
            .label(s.span, "placeholder URL")
            .help("replace it with the real address, or remove the field until there is one");
        sink.push(f);
        return;
    }
    // A placeholder id is x's: a path without one has none (most paths; no split needed).
    let has_x = |t: &str| memchr::memchr2(b'x', b'X', t.as_bytes()).is_some();
    let in_path = has_x(url.path())
        .then(|| url.path_segments())
        .flatten()
        .into_iter()
        .flatten()
        .find(|p| is_placeholder_id(p))
        .map(str::to_string);
    let in_query = || {
        url.query()
            .filter(|q| has_x(q))
            .and_then(|_| {
                url.query_pairs()
                    .map(|(_, v)| v)
                    .find(|v| is_placeholder_id(v))
            })
            .map(|v| v.into_owned())
    };
    if let Some(p) = in_path.or_else(in_query) {
        let f = sink
            .finding(format!("`{field}` has the placeholder id `{p}`"))
            .label(s.span, "placeholder URL")
            .help("replace it with the real address, or remove the field until there is one");
        sink.push(f);
    }
}

/// `xxx`, `XXXXX`: three or more x's and nothing else.
fn is_placeholder_id(s: &str) -> bool {
    s.len() >= 3 && s.bytes().all(|b| b == b'x' || b == b'X')
}
