//! The `lead-details` rule: Chairs and tech leads give an `email` and a `company`, as the upstream
//! generator requires. Its documentation, with the examples a test runs, is `rules/lead-
//! details.md`.

use super::{Context, Sink};
use crate::model::present;

declare_rule!(LeadDetails, "lead-details", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        let Some(l) = &g.leadership else { continue };
        for (role, people) in [("chair", &l.chairs), ("tech lead", &l.tech_leads)] {
            for p in people {
                let who = present(&p.github).map_or(String::new(), |s| format!(" {}", s.value));
                for (field, value) in [("email", &p.email), ("company", &p.company)] {
                    if present(value).is_none() {
                        let span = value.as_ref().map_or(p.anchor(), |v| v.span);
                        let f = sink
                            .finding(format!("{role}{who} of {} has no `{field}`", g.title()))
                            .label(span, format!("no `{field}`"))
                            .help(format!(
                                "the upstream generator requires `email` and `company` for chairs and tech leads; add `{field}`"
                            ));
                        sink.push(f);
                    }
                }
            }
        }
        for p in &l.emeritus_leads {
            if let Some(company) = present(&p.company) {
                let who = present(&p.github).map_or(String::new(), |s| format!(" {}", s.value));
                let f = sink
                    .finding(format!(
                        "emeritus lead{who} of {} has a `company`",
                        g.title()
                    ))
                    .label(company.span, "emeritus leads carry no company")
                    .help("an emeritus entry records a past role; remove `company` (the upstream data never has one)");
                sink.push(f);
            }
        }
    }
}
