//! The `sig-required-fields` rule: Each SIG has a `charter_link`, a `mission_statement` and at
//! least one subproject. Its documentation, with the examples a test runs, is `rules/sig-required-
//! fields.md`.

use super::{Context, Sink};
use crate::model::present;

declare_rule!(SigRequiredFields, "sig-required-fields", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in &cx.model.sigs {
        for (field, value) in [
            ("charter_link", &g.charter_link),
            ("mission_statement", &g.mission_statement),
        ] {
            if present(value).is_none() {
                let f = sink
                    .finding(format!("{} has no `{field}`", g.title()))
                    .label(
                        value.as_ref().map_or(g.anchor(), |v| v.span),
                        format!("`{field}` is required for a SIG"),
                    );
                sink.push(f);
            }
        }
        if cx.config.sig_subprojects_required && g.subprojects.is_empty() {
            let f = sink
                .finding(format!("{} has no subproject", g.title()))
                .label(g.subprojects.at.unwrap_or(g.anchor()), "a SIG owns at least one subproject")
                .help("list the code the SIG owns under `subprojects:` (or set `sig-required-fields: subprojects: false` in .sigs-lint.yaml)");
            sink.push(f);
        }
    }
}
