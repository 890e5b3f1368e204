//! The `duplicate-names` rule: Names that must be unique are unique. Its documentation, with the
//! examples a test runs, is `rules/duplicate-names.md`.

use std::borrow::Cow;
use std::collections::HashMap;

use super::util::fold_key;
use super::{Context, Sink};
use crate::diagnostic::Severity;
use crate::model::{Group, Person, Str, present};

declare_rule!(DuplicateNames, "duplicate-names", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    // Groups of every kind share one namespace for name, dir and label.
    for (field, get) in [
        (
            "name",
            (|g: &Group| present(&g.name)) as fn(&Group) -> Option<&Str>,
        ),
        ("dir", |g: &Group| present(&g.dir)),
        ("label", |g: &Group| present(&g.label)),
    ] {
        let mut seen: HashMap<Cow<'_, str>, (&Group, &Str)> = HashMap::new();
        for g in cx.model.groups() {
            let Some(v) = get(g) else { continue };
            // A folder however spelled (`sig/`, `sig/.`): the generator writes one README.
            let key = if field == "dir" {
                Cow::Owned(fold_key(&crate::fsutil::clean(&v.value)).into_owned())
            } else {
                fold_key(&v.value)
            };
            if let Some((first, fv)) = seen.get(&key) {
                let f = sink
                    .finding(format!(
                        "{} has the same {field} `{}` as {}",
                        g.title(),
                        v.value,
                        first.title()
                    ))
                    .label(v.span, format!("duplicate {field}"))
                    .label(fv.span, "first used here")
                    .help(format!("every group needs its own {field}"));
                sink.push(f);
            } else {
                seen.insert(key, (g, v));
            }
        }
    }

    // Subprojects: within a group an error, across groups a warning.
    let mut across: HashMap<Cow<'_, str>, (&Group, &Str)> = HashMap::new();
    for g in cx.model.groups() {
        let mut within: HashMap<Cow<'_, str>, &Str> = HashMap::new();
        for name in g.subprojects.iter().filter_map(|sp| present(&sp.name)) {
            let key = fold_key(&name.value);
            if let Some(first) = within.get(&key) {
                let f = sink
                    .finding(format!(
                        "subproject `{}` is listed twice in {}",
                        name.value,
                        g.title()
                    ))
                    .label(name.span, "duplicate subproject")
                    .label(first.span, "first listed here")
                    .help("merge the two entries");
                sink.push(f);
                continue;
            }
            within.insert(key.clone(), name);
            if let Some((og, first)) = across.get(&key) {
                let f = sink
                    .finding(format!(
                        "subproject `{}` of {} has the same name as a subproject of {}",
                        name.value,
                        g.title(),
                        og.title()
                    ))
                    .severity(Severity::Warning)
                    .label(name.span, "duplicate subproject name")
                    .label(first.span, "also here")
                    .help("a subproject belongs to one group; rename one or remove the copy");
                sink.push(f);
            } else {
                across.insert(key, (g, name));
            }
        }

        // Teams within a group.
        if let Some(c) = &g.contact {
            let mut teams: HashMap<Cow<'_, str>, &Str> = HashMap::new();
            for name in c.teams.iter().filter_map(|t| present(&t.name)) {
                let key = fold_key(&name.value);
                if let Some(first) = teams.get(&key) {
                    let f = sink
                        .finding(format!(
                            "team `{}` is listed twice in {}",
                            name.value,
                            g.title()
                        ))
                        .label(name.span, "duplicate team")
                        .label(first.span, "first listed here");
                    sink.push(f);
                } else {
                    teams.insert(key, name);
                }
            }
        }

        // A person twice in the same role list.
        if let Some(l) = &g.leadership {
            for (role, list) in [
                ("chairs", &l.chairs),
                ("tech_leads", &l.tech_leads),
                ("emeritus_leads", &l.emeritus_leads),
            ] {
                twice_in_list(sink, g, role, list);
            }
        }
        for sp in &g.subprojects {
            twice_in_list(sink, g, "leads", &sp.leads);
        }
    }
}

fn twice_in_list(sink: &mut Sink, g: &Group, role: &str, list: &[Person]) {
    let mut seen: HashMap<Cow<'_, str>, &Str> = HashMap::new();
    for login in list.iter().filter_map(|p| present(&p.github)) {
        let key = fold_key(&login.value);
        if let Some(first) = seen.get(&key) {
            let f = sink
                .finding(format!(
                    "`{}` is listed twice in `{role}` of {}",
                    login.value,
                    g.title()
                ))
                .label(login.span, "listed again")
                .label(first.span, "first listed here")
                .help("remove the second entry");
            sink.push(f);
        } else {
            seen.insert(key, login);
        }
    }
}
