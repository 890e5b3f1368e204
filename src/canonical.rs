//! The data file in its canonical form: what the flavour's generator writes back on every run
//! (decoded, sorted, re-emitted by the yaml.v3 version its `go.mod` pins; see
//! [`crate::flavour::yaml`]). Upstream's verify diffs the data file like the markdown, so a file
//! not already in that form fails it: `check` reports `canonical-form`, `sigs-lint fmt` writes it.

use crate::diagnostic::{Edit, Finding, Fix, Severity};
use crate::flavour::Flavour;
use crate::model::{Group, GroupKind, Person, SigsYaml, Str};
use crate::source::{SourceFile, Span};

/// Full-line comments (1-based line numbers): the generator drops them when it rewrites the file.
pub fn comment_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with('#'))
        .map(|(i, _)| i + 1)
        .collect()
}

fn v(s: &Option<Str>) -> &str {
    s.as_ref().map_or("", |s| s.value.as_ref())
}

/// The first adjacent pair, in document order, of a list the generator sorts: (what the list is,
/// what it is sorted by, the entry that should come later, its span, the other entry, its span).
pub struct Unsorted {
    pub list: String,
    pub by: &'static str,
    pub first: (String, Span),
    pub second: (String, Span),
}

fn pair<T>(
    list: String,
    by: &'static str,
    items: &[T],
    key: impl Fn(&T) -> &str,
    span: impl Fn(&T) -> Span,
) -> Option<Unsorted> {
    let i = items
        .windows(2)
        .position(|w| key(&w[0]).as_bytes() > key(&w[1]).as_bytes())?;
    Some(Unsorted {
        list,
        by,
        first: (key(&items[i]).to_string(), span(&items[i])),
        second: (key(&items[i + 1]).to_string(), span(&items[i + 1])),
    })
}

fn people(list: String, items: &[Person]) -> Option<Unsorted> {
    pair(
        list,
        "GitHub login",
        items,
        |p| v(&p.github),
        Person::anchor,
    )
}

fn in_group(g: &Group, at: &str) -> Option<Unsorted> {
    if let Some(l) = &g.leadership {
        for (name, list) in [
            ("chairs", &l.chairs),
            ("tech_leads", &l.tech_leads),
            ("emeritus_leads", &l.emeritus_leads),
        ] {
            if let Some(u) = people(format!("{at}.leadership.{name}"), list) {
                return Some(u);
            }
        }
    }
    if let Some(u) = pair(
        format!("{at}.stakeholder_sigs"),
        "name",
        &g.stakeholder_sigs,
        |s| s.value.as_ref(),
        |s| s.span,
    ) {
        return Some(u);
    }
    if let Some(u) = pair(
        format!("{at}.meetings"),
        "description",
        &g.meetings,
        |m| v(&m.description),
        |m| m.span,
    ) {
        return Some(u);
    }
    if let Some(c) = &g.contact
        && let Some(u) = pair(
            format!("{at}.contact.teams"),
            "name",
            &c.teams,
            |t| v(&t.name),
            |t| t.span,
        )
    {
        return Some(u);
    }
    if let Some(u) = pair(
        format!("{at}.subprojects"),
        "name",
        &g.subprojects,
        |s| v(&s.name),
        |s| s.span,
    ) {
        return Some(u);
    }
    for (i, sp) in g.subprojects.iter().enumerate() {
        let at = format!("{at}.subprojects[{i}]");
        let found = pair(
            format!("{at}.owners"),
            "URL",
            &sp.owners,
            |s| s.value.as_ref(),
            |s| s.span,
        )
        .or_else(|| people(format!("{at}.leads"), &sp.leads))
        .or_else(|| {
            pair(
                format!("{at}.meetings"),
                "description",
                &sp.meetings,
                |m| v(&m.description),
                |m| m.span,
            )
        })
        .or_else(|| {
            sp.contact.as_ref().and_then(|c| {
                pair(
                    format!("{at}.contact.teams"),
                    "name",
                    &c.teams,
                    |t| v(&t.name),
                    |t| t.span,
                )
            })
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// The first list the generator would reorder, in document order.
pub fn first_unsorted(model: &SigsYaml) -> Option<Unsorted> {
    for kind in GroupKind::ALL {
        let groups = model.groups_of(kind);
        if let Some(u) = pair(
            kind.key().to_string(),
            "dir",
            groups,
            |g| v(&g.dir),
            Group::anchor,
        ) {
            return Some(u);
        }
        for (i, g) in groups.iter().enumerate() {
            if let Some(u) = in_group(g, &format!("{}[{i}]", kind.key())) {
                return Some(u);
            }
        }
    }
    None
}

/// The `canonical-form` finding for a data file given the text its generator writes
/// ([`crate::flavour::yaml::canonical`]), or `None` when the file is that text.
pub fn finding_for(
    flavour: &'static Flavour,
    model: &SigsYaml,
    file: &SourceFile,
    canonical: String,
) -> Option<Finding> {
    let text = file.text.as_str();
    if text == canonical {
        return None;
    }
    let comments = comment_lines(text);
    let comments_help = if comments.is_empty() {
        String::new()
    } else {
        let shown: Vec<String> = comments.iter().take(10).map(|l| l.to_string()).collect();
        format!(
            "; the generator drops comments (line{} {}{}): `sigs-lint fmt --force` drops them too",
            if comments.len() == 1 { "" } else { "s" },
            shown.join(", "),
            if comments.len() > 10 { ", …" } else { "" }
        )
    };
    // Rewriting the whole file is a safe fix only when nothing the generator drops is there
    // (the canonical text moves into it: at 100x it is 19 MB).
    let safe = comments.is_empty();
    let fix = |canonical: String| {
        safe.then(|| Fix {
            title: "rewrite the file in the generator's form".into(),
            edits: vec![Edit {
                span: Span::new(0, text.len()),
                replacement: canonical,
            }],
        })
    };
    let why = format!(
        "the {} generator rewrites {} on every run ({}) and upstream's verify fails when that changes it",
        flavour.id,
        flavour.data_file,
        flavour.yaml.describe()
    );
    if let Some(u) = first_unsorted(model) {
        return Some(
            Finding::new(
                "canonical-form",
                Severity::Error,
                format!(
                    "`{}` is not sorted by {}: `{}` comes before `{}`",
                    u.list, u.by, u.first.0, u.second.0
                ),
            )
            .label(u.first.1, "should come after")
            .label(u.second.1, "should come before")
            .help(format!(
                "run `sigs-lint fmt` to write the file as the generator does (lists sorted byte-wise); {why}{comments_help}"
            ))
            .with_fix(fix(canonical)),
        );
    }
    let (line, diff, changed) = crate::generate::diff::unified_diff(text, &canonical, &file.name);
    let start = file.offset_of(line, 1);
    let len = file.line_text(line).len();
    let mut f = Finding::new(
        "canonical-form",
        Severity::Error,
        format!(
            "`{}` is not in the form its generator writes ({changed} line(s) differ)",
            file.name
        ),
    )
    .label(Span::new(start, len), "first difference")
    .help(format!(
        "run `sigs-lint fmt` to write it as the generator does; {why}{comments_help}"
    ))
    .with_fix(fix(canonical));
    f.diff = Some(diff);
    Some(f)
}
