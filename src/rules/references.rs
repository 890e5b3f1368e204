//! The `references` rule: Cross-references between groups are sound. Its documentation, with the
//! examples a test runs, is `rules/references.md`.

use std::collections::HashSet;

use super::{Context, Sink};
use crate::model::{GroupKind, present};

declare_rule!(References, "references", Warning);

fn kinds(list: &[GroupKind]) -> String {
    list.iter().map(|k| k.key()).collect::<Vec<_>>().join(", ")
}

fn check(cx: &Context<'_>, sink: &mut Sink) {
    let config = cx.config;
    let sig_names: HashSet<&str> = cx
        .model
        .sigs
        .iter()
        .filter_map(|g| present(&g.name))
        .map(|n| n.value.trim())
        .collect();
    let sig_list: Vec<&str> = {
        let mut v: Vec<&str> = sig_names.iter().copied().collect();
        v.sort_unstable();
        v
    };
    // What one suggestion costs (string similarity compares every character pair), and what
    // the rule may spend on suggestions in one run: past it, findings come without one.
    let compared: usize = sig_list
        .iter()
        .filter(|c| c.len() <= crate::model::load_limits::SUGGEST_MAX_LEN)
        .take(crate::model::load_limits::SUGGEST_MAX_CANDIDATES)
        .map(|c| c.len())
        .sum();
    let mut budget = super::util::SUGGEST_BUDGET;
    for g in cx.model.groups() {
        let may_have_stakeholders = config.stakeholder_kinds.contains(&g.kind);
        if !may_have_stakeholders {
            if let Some(at) = g
                .stakeholder_sigs
                .first()
                .map(|s| s.span)
                .or(g.stakeholder_sigs.at)
            {
                let f = sink
                    .finding(format!("{} has `stakeholder_sigs`", g.title()))
                    .label(at, "stakeholder SIGs are for working groups")
                    .help(format!(
                        "only these kinds name stakeholder SIGs: {}",
                        kinds(&config.stakeholder_kinds)
                    ));
                sink.push(f);
            }
        } else if g.stakeholder_sigs.is_empty() {
            let f = sink
                .finding(format!("{} has no stakeholder SIG", g.title()))
                .label(
                    g.stakeholder_sigs.at.unwrap_or(g.anchor()),
                    "no `stakeholder_sigs` entry",
                )
                .help("name the SIGs that sponsor it under `stakeholder_sigs:` (their `name`s)");
            sink.push(f);
        }
        for s in &g.stakeholder_sigs {
            if !sig_names.contains(s.value.trim()) {
                let mut f = sink
                    .finding(format!(
                        "stakeholder SIG `{}` is not a SIG in this file",
                        s.value
                    ))
                    .label(s.span, "no SIG has this name");
                let cost = s.value.len().saturating_mul(compared);
                let near = (cost <= budget)
                    .then(|| {
                        budget -= cost;
                        super::util::nearest(&s.value, sig_list.iter().copied())
                    })
                    .flatten();
                if let Some(near) = near {
                    f = f.help(format!(
                        "stakeholder SIGs are SIG names; did you mean `{near}`?"
                    ));
                }
                sink.push(f);
            }
        }
        if !g.subprojects.is_empty() && !config.subproject_owners.contains(&g.kind) {
            let f = sink
                .finding(format!("{} owns subprojects", g.title()))
                .label(g.subprojects[0].anchor(), "subprojects are owned by SIGs and committees")
                .help(format!(
                    "only these kinds own subprojects: {} (set `references: subproject-owners:` in .sigs-lint.yaml for another convention)",
                    kinds(&config.subproject_owners)
                ));
            sink.push(f);
        }
    }
}
