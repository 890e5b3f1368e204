//! The `subproject-owners` rule: Every subproject lists at least one owner, and each owner is a
//! GitHub file URL. Its documentation, with the examples a test runs, is `rules/subproject-
//! owners.md`.

use super::urls::ParsedUrl;
use super::{Context, Sink, UrlField};

declare_rule!(SubprojectOwners, "subproject-owners", Warning, urls);

fn check_url(_cx: &Context<'_>, u: &UrlField<'_>, sink: &mut Sink) {
    if u.field != "owners" {
        return;
    }
    let Ok(url) = &u.parsed else {
        return; // valid-url reports it
    };
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return;
    }
    if let Some(problem) = owners_problem(url) {
        let f = sink
            .finding(format!("owners entry is not a GitHub file URL: {problem}"))
            .label(u.value.span, "expected a raw.githubusercontent.com or github.com blob/tree URL")
            .help("the generator reads OWNERS files from `https://raw.githubusercontent.com/ORG/REPO/BRANCH/PATH` or `https://github.com/ORG/REPO/blob/BRANCH/PATH`");
        sink.push(f);
    }
}

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        for sp in &g.subprojects {
            if sp.owners.is_empty() {
                let name = sp.name.as_ref().map_or("", |n| n.value.as_ref());
                let f = sink
                    .finding(format!("subproject `{name}` of {} has no owners", g.title()))
                    .label(sp.owners.at.unwrap_or(sp.anchor()), "no `owners` entry")
                    .help("list the OWNERS files of the subproject's code, e.g. `https://raw.githubusercontent.com/ORG/REPO/main/OWNERS`");
                sink.push(f);
            }
        }
    }
}

fn owners_problem(url: &ParsedUrl<'_>) -> Option<String> {
    let host = url.host_str().unwrap_or("").to_ascii_lowercase();
    let segs: Vec<&str> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    match host.as_str() {
        "raw.githubusercontent.com" if segs.len() >= 4 => None,
        "raw.githubusercontent.com" => Some("it needs ORG/REPO/BRANCH/PATH after the host".into()),
        "github.com" | "www.github.com" => match segs.get(2) {
            Some(&"blob") | Some(&"tree") if segs.len() >= 4 => None,
            _ => Some("a github.com URL must be ORG/REPO/blob/… or ORG/REPO/tree/…".into()),
        },
        _ => Some(format!("the host is `{host}`")),
    }
}
