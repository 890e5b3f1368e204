use std::collections::BTreeMap;

use super::{Context, Sink};
use crate::model::{PersonRef, Role, Str, present};

declare_rule!(PersonConsistency, "person-consistency", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    // Every entry per login, compared case-insensitively as GitHub does; document order.
    let mut by_login: BTreeMap<String, Vec<(PersonRef<'_>, &Str)>> = BTreeMap::new();
    for pr in cx.model.persons() {
        if let Some(login) = present(&pr.person.github) {
            by_login
                .entry(login.value.trim().to_lowercase())
                .or_default()
                .push((pr, login));
        }
    }
    for entries in by_login.values() {
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
                    Some(f0) if normalize(field, &f0.value) != normalize(field, &v.value) => {
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

fn normalize(field: &str, v: &str) -> String {
    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
    if field == "email" {
        v.to_lowercase()
    } else {
        v
    }
}
