//! The `safe-dir` rule: A group's `dir` names a folder inside the repository. Its documentation,
//! with the examples a test runs, is `rules/safe-dir.md`.

use super::{Context, Sink};
use crate::model::present;

declare_rule!(SafeDir, "safe-dir", Error);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for g in cx.model.groups() {
        let Some(dir) = present(&g.dir) else { continue };
        if let Some(why) = cx.config.unsafe_dir(cx.root, &dir.value) {
            let f = sink
                .finding(format!(
                    "the README of {} cannot be written there: {why}",
                    g.title()
                ))
                .label(dir.span, "unsafe directory")
                .help("`dir` is a folder name inside the repository, such as `sig-docs`; sigs-lint generate refuses this group");
            sink.push(f);
        }
    }
}
