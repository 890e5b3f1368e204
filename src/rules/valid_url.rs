//! The `valid-url` rule: URL fields hold absolute `https` (or `http`) URLs with a host. Its documentation, with
//! the examples a test runs, is `rules/valid-url.md`.

use super::util::{core_value, is_placeholder_word, looks_like_email};
use super::{Context, Sink, UrlField};
use crate::model::schema::Text;

declare_rule!(ValidUrl, "valid-url", Warning, urls);

/// Nothing but the URLs.
fn check(_cx: &Context<'_>, _sink: &mut Sink) {}

fn check_url(_cx: &Context<'_>, u: &UrlField<'_>, sink: &mut Sink) {
    let (field, s) = (u.field.as_ref(), u.value);
    let value = core_value(&s.value);
    if is_placeholder_word(value) {
        return; // text-hygiene reports placeholders such as `TBD`
    }
    if value.is_empty() {
        let f = sink
            .finding(format!("`{field}` is empty"))
            .label(s.span, "expected a URL")
            .help("remove the field or give the URL");
        sink.push(f);
        return;
    }
    let mailing = matches!(field, "mailing_list" | "private_mailing_list");
    match &u.parsed {
        Ok(url) => match url.scheme() {
            "https" if url.host_str().is_some_and(|h| !h.is_empty()) => {}
            // `insecure-url` reports http where https is expected.
            "http" if url.host_str().is_some_and(|h| !h.is_empty()) => {}
            "http" | "https" => {
                let f = sink
                    .finding(format!("`{field}` has no host: `{value}`"))
                    .label(s.span, "no host");
                sink.push(f);
            }
            "mailto" if mailing => {}
            scheme => {
                let f = sink
                    .finding(format!("`{field}` has the scheme `{scheme}:`"))
                    .label(s.span, "only https (or http) links are allowed here")
                    .help("a link in the generated docs must be an https URL");
                sink.push(f);
            }
        },
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            if u.text == Text::Link && !value.contains(char::is_whitespace) {
                return; // a path relative to the group's directory
            }
            let mut f = sink
                .finding(format!("`{field}` is not a URL: `{value}`"))
                .label(s.span, "expected an absolute https URL");
            f = if looks_like_email(value) {
                f.help(format!(
                    "this is an email address; `{field}` expects a URL (a mailing list's web page, or `mailto:{value}` where allowed)"
                ))
            } else if looks_like_host(value) {
                f.help(format!("add the scheme: `https://{value}`"))
            } else {
                f.help("write the full address, starting with `https://`")
            };
            sink.push(f);
        }
        Err(e) => {
            let f = sink
                .finding(format!("`{field}` is not a valid URL: {e}"))
                .label(s.span, "invalid URL");
            sink.push(f);
        }
    }
}

/// `zoom.us/my/x`, `www.example.org`: a host name with a dot, no spaces.
fn looks_like_host(s: &str) -> bool {
    let host = s.split('/').next().unwrap_or("");
    host.contains('.')
        && !s.contains(char::is_whitespace)
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}
