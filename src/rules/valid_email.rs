//! The `valid-email` rule: Email fields hold well-formed addresses. Its documentation, with the
//! examples a test runs, is `rules/valid-email.md`.

use super::util::{core_value, email_problem, looks_like_email};
use super::{Context, Sink};
use crate::model::{Str, present};

declare_rule!(ValidEmail, "valid-email", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for pr in cx.persons() {
        if let Some(email) = present(&pr.person.email) {
            check_email(sink, "email", email, false);
        }
    }
    for c in cx.model.contacts() {
        for (field, v) in [
            ("mailing_list", &c.mailing_list),
            ("private_mailing_list", &c.private_mailing_list),
        ] {
            if let Some(v) = present(v).filter(|v| looks_like_email(&v.value)) {
                check_email(sink, field, v, true);
            }
        }
    }
}

fn check_email(sink: &mut Sink, field: &str, s: &Str, url_allowed: bool) {
    let value = core_value(&s.value);
    let (problem, help) = if value.contains("://") || value.starts_with("www.") {
        (
            "it is a URL".to_string(),
            if url_allowed {
                "write the list's email address or its https page, not both".to_string()
            } else {
                format!(
                    "`{field}` expects an address like `name@example.org`; links belong in URL fields"
                )
            },
        )
    } else if let Some(rest) = value.strip_prefix("mailto:") {
        (
            "it starts with `mailto:`".to_string(),
            format!("write the bare address: `{rest}`"),
        )
    } else if let Some(p) = email_problem(value) {
        (
            p.to_string(),
            "an address is `local-part@domain.tld`".to_string(),
        )
    } else {
        return;
    };
    let f = sink
        .finding(format!("`{field}` is not a valid email address: {problem}"))
        .label(s.span, "invalid email address")
        .help(help);
    sink.push(f);
}
