//! The `person-consistency` rule: One GitHub login is one person: its name, email and company agree
//! everywhere it appears. Its documentation, with the examples a test runs, is `rules/person-
//! consistency.md`.

use std::borrow::Cow;
use std::collections::HashMap;

use super::util::fold_key;

use super::{Context, Sink};
use crate::model::{PersonRef, Role, Str, present};

declare_rule!(PersonConsistency, "person-consistency", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    // Every entry per login, compared case-insensitively as GitHub does; document order.
    let mut by_login: HashMap<Cow<'_, str>, Vec<(PersonRef<'_>, &Str)>> = HashMap::new();
    let mut order: Vec<Cow<'_, str>> = Vec::new();
    for pr in cx.persons() {
        if let Some(login) = present(&pr.person.github) {
            let key = fold_key(&login.value);
            by_login
                .entry(key.clone())
                .or_insert_with(|| {
                    order.push(key);
                    Vec::new()
                })
                .push((*pr, login));
        }
    }
    // Findings are sorted by position afterwards; first-seen order keeps this loop deterministic.
    for entries in order.iter().map(|k| &by_login[k]) {
        let (_, first_login) = entries[0];
        // Spelling of the login itself.
        if let Some((_, other)) = entries
            .iter()
            .find(|(_, l)| l.value.trim() != first_login.value.trim())
        {
            let f = sink
                .finding(format!(
                    "GitHub login `{}` is also spelled `{}`",
                    first_login.value.trim(),
                    other.value.trim()
                ))
                .label(other.span, "other spelling")
                .label(first_login.span, "first spelled here")
                .help(format!(
                    "logins are case-insensitive, so these are one person; write `{}` everywhere (as on the profile)",
                    first_login.value.trim()
                ));
            sink.push(f);
        }
        for field in ["name", "email", "company"] {
            let values = entries.iter().filter_map(|(pr, _)| {
                // Emeritus leads carry no company or email that must agree: they describe the past.
                if field != "name" && pr.role == Role::EmeritusLead {
                    return None;
                }
                let p = pr.person;
                let v = match field {
                    "name" => &p.name,
                    "email" => &p.email,
                    _ => &p.company,
                };
                present(v)
            });
            let mut first: Option<&Str> = None;
            for v in values {
                match first {
                    None => first = Some(v),
                    Some(f0) if !same(field, &f0.value, &v.value) => {
                        let f = sink
                            .finding(format!(
                                "`{}` has two different {field}s: `{}` and `{}`",
                                first_login.value.trim(),
                                f0.value.trim(),
                                v.value.trim()
                            ))
                            .label(v.span, format!("this {field}"))
                            .label(f0.span, format!("differs from the {field} given here"))
                            .help(format!(
                                "one GitHub login is one person: use the same {field} in every entry"
                            ));
                        sink.push(f);
                        break; // one finding per login and field
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

/// Equal up to whitespace runs (and case, for emails).
fn same(field: &str, a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if p == q || (field == "email" && p.eq_ignore_ascii_case(q)) => {}
            _ => return false,
        }
    }
}
