//! The `dir-name` rule: A group's `dir` equals `<prefix>-` + its name lowercased with spaces turned
//! into `-`. Its documentation, with the examples a test runs, is `rules/dir-name.md`.

use super::util::derived_dir;
use super::{Context, Sink};
use crate::model::present;

declare_rule!(DirName, "dir-name", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        let expected = present(&g.name).map(|n| derived_dir(g.kind, &n.value));
        match (present(&g.dir), expected) {
            (None, expected) => {
                let mut f = sink
                    .finding(format!("{} has no `dir`", g.title()))
                    .label(g.dir.as_ref().map_or(g.anchor(), |d| d.span), "no dir");
                if let Some(e) = expected {
                    f = f.help(format!("add `dir: {e}`"));
                }
                sink.push(f);
            }
            (Some(dir), Some(e)) if *dir.value != *e => {
                let f = sink
                    .finding(format!(
                        "dir `{}` does not match the name of {}",
                        dir.value,
                        g.title()
                    ))
                    .label(dir.span, format!("expected `{e}`"))
                    .help(format!(
                        "the generator derives the dir as `{}-` + the name lowercased with spaces turned to `-`: `{e}`",
                        g.kind.prefix()
                    ))
                    .with_fix(super::util::derived_fix(cx, g, dir, &e));
                sink.push(f);
            }
            _ => {}
        }
    }
}
