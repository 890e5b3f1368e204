//! The `required-chairs` rule: Every group has at least one chair, and every chair and tech lead
//! has a `github` login and a `name`. Its documentation, with the examples a test runs, is
//! `rules/required-chairs.md`.

use super::{Context, Sink};
use crate::model::{Person, present};

declare_rule!(RequiredChairs, "required-chairs", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        let leadership = g.leadership.as_ref();
        if leadership.is_none_or(|l| l.chairs.is_empty()) {
            let f = sink
                .finding(format!("{} has no chair", g.title()))
                .label(g.anchor(), "no `leadership.chairs` entry")
                .help(
                    "add at least one chair under `leadership: chairs:` with `github` and `name`",
                );
            sink.push(f);
        }
        let Some(l) = leadership else { continue };
        for (role, people) in [("chair", &l.chairs), ("tech lead", &l.tech_leads)] {
            for p in people {
                missing(sink, p, role);
            }
        }
    }
}

fn missing(sink: &mut Sink, p: &Person, role: &str) {
    let who = present(&p.github)
        .or(present(&p.name))
        .map_or(String::new(), |s| format!(" {}", s.value));
    for (field, value) in [("github", &p.github), ("name", &p.name)] {
        if present(value).is_none() {
            let span = value.as_ref().map_or(p.anchor(), |v| v.span);
            let f = sink
                .finding(format!("{role}{who} has no `{field}`"))
                .label(span, format!("`{field}` is required for a {role}"));
            sink.push(f);
        }
    }
}
