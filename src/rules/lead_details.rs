use super::{Context, Sink};
use crate::model::present;

declare_rule!(LeadDetails, "lead-details", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
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
    }
}
