//! The `label-format` rule: A group's `label` is lowercase kebab-case and equals the label derived
//! from its name. Its documentation, with the examples a test runs, is `rules/label-format.md`.

use super::util::{derived_fix, derived_label, is_kebab};
use super::{Context, Sink};
use crate::model::present;

declare_rule!(LabelFormat, "label-format", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        let expected = present(&g.name).map(|n| derived_label(&n.value));
        let Some(label) = present(&g.label) else {
            let mut f = sink
                .finding(format!("{} has no `label`", g.title()))
                .label(g.label.as_ref().map_or(g.anchor(), |l| l.span), "no label");
            if let Some(e) = &expected {
                f = f.help(format!("add `label: {e}`"));
            }
            sink.push(f);
            continue;
        };
        if !is_kebab(&label.value) {
            let mut f = sink
                .finding(format!(
                    "label `{}` is not lowercase kebab-case",
                    label.value
                ))
                .label(
                    label.span,
                    "expected lowercase letters, digits and single `-`",
                );
            if let Some(e) = &expected {
                f = f
                    .help(format!("the label derived from the name is `{e}`"))
                    .with_fix(derived_fix(cx, g, label, e));
            }
            sink.push(f);
        } else if let Some(e) = expected.filter(|e| **e != *label.value) {
            let f = sink
                .finding(format!(
                    "label `{}` does not match the name of {}",
                    label.value,
                    g.title()
                ))
                .label(label.span, format!("expected `{e}`"))
                .help(format!(
                    "the generator derives the label from the name (lowercased, spaces to `-`): `{e}`"
                ))
                .with_fix(derived_fix(cx, g, label, &e));
            sink.push(f);
        }
    }
}
