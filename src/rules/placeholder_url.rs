use url::Url;

use super::util::{core_value, url_fields};
use super::{Context, Sink};

declare_rule!(PlaceholderUrl, "placeholder-url", Warning);

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

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    let config = cx.config;
    for (field, s) in url_fields(cx.model) {
        let Ok(url) = Url::parse(core_value(&s.value)) else {
            continue;
        };
        let Some(host) = url.host_str().map(|h| h.to_ascii_lowercase()) else {
            continue;
        };
        let matches_host = |h: &str| host == h || host.ends_with(&format!(".{h}"));
        if config.allowed_hosts.iter().any(|h| matches_host(h)) {
            continue;
        }
        let placeholder_host = HOSTS.iter().any(|h| matches_host(h))
            || config.placeholder_hosts.iter().any(|h| matches_host(h))
            || TLDS.iter().any(|t| host.rsplit('.').next() == Some(t));
        if placeholder_host {
            let f = sink
                .finding(format!("`{field}` points at the placeholder host `{host}`"))
                .label(s.span, "placeholder URL")
                .help("replace it with the real address, or remove the field until there is one");
            sink.push(f);
            continue;
        }
        let segments = url.path_segments().into_iter().flatten();
        let query_values = url.query_pairs().map(|(_, v)| v.into_owned());
        if let Some(p) = segments
            .map(str::to_string)
            .chain(query_values)
            .find(|p| is_placeholder_id(p))
        {
            let f = sink
                .finding(format!("`{field}` has the placeholder id `{p}`"))
                .label(s.span, "placeholder URL")
                .help("replace it with the real address, or remove the field until there is one");
            sink.push(f);
        }
    }
}

/// `xxx`, `XXXXX`: three or more x's and nothing else.
fn is_placeholder_id(s: &str) -> bool {
    s.len() >= 3 && s.bytes().all(|b| b == b'x' || b == b'X')
}
