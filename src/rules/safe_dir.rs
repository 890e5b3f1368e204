use super::{Context, Sink};
use crate::generate::docs::unsafe_dir;
use crate::model::present;

declare_rule!(SafeDir, "safe-dir", Error);

fn check(cx: &Context<'_>, sink: &mut Sink<'_>) {
    for g in cx.model.groups() {
        let Some(dir) = present(&g.dir) else { continue };
        let c = cx.config;
        // A folder named like a file the pipeline reads or writes at the root.
        let taken = [
            c.outputs.list.as_deref(),
            c.outputs.aliases.as_deref(),
            c.outputs.liaisons.as_deref(),
            Some(c.data_file.as_str()),
            Some(c.templates.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|p| {
            let first = dir.value.split('/').next().unwrap_or("");
            first == p.trim_end_matches('/')
        })
        .map(|p| format!("`{p}` is another file or folder the generator uses"));
        if let Some(why) = taken.or_else(|| unsafe_dir(cx.root, &dir.value)) {
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
