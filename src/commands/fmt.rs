//! `sigs-lint fmt`: the data file rewritten in its flavour's canonical form
//! ([`crate::canonical`]), or with `--check` only the verdict and the diff.

use crate::canonical::comment_lines;
use crate::diagnostic::{Finding, Severity};

/// What `sigs-lint fmt` did.
pub struct Formatted {
    pub checked: super::check::Checked,
    /// The data file, when it was found.
    pub path: Option<std::path::PathBuf>,
    /// The unified diff from the file to its canonical form (empty when canonical).
    pub diff: String,
    /// The file was rewritten.
    pub written: bool,
    /// A line to print (what happened, or why nothing was done).
    pub message: Option<String>,
    /// Exit 1: not canonical (with `--check`), or not written (comments without `--force`,
    /// data the generator refuses); a write that cannot be done is a tool error (exit 2).
    pub failed: bool,
}

/// `sigs-lint fmt`: rewrites the data file in its flavour's canonical form (atomically), or with
/// `write` false only reports whether it is. Comments would be lost: without `force` a file with
/// comments is not rewritten.
pub fn format(opts: &super::check::CheckOptions, write: bool, force: bool) -> Formatted {
    let checked = super::check::check(&super::check::CheckOptions {
        no_docs: true,
        ..opts.clone()
    });
    let mut out = Formatted {
        checked,
        path: None,
        diff: String::new(),
        written: false,
        message: None,
        failed: false,
    };
    let c = &mut out.checked;
    // Only what `fmt` is about: load errors and the canonical form.
    c.run.findings.retain(|f| {
        f.rule == "canonical-form" || f.rule == "io" || f.severity == Severity::Error && is_load(f)
    });
    if c.tool_error || !c.loaded {
        out.failed = true;
        return out;
    }
    let Some(flavour) = c.flavour else {
        out.failed = true;
        return out;
    };
    let path = if opts.path.is_file() {
        opts.path.clone()
    } else {
        c.root.join(&c.config.data_file)
    };
    out.path = Some(path.clone());
    let Some(canonical) = crate::flavour::yaml::canonical(flavour, &c.model) else {
        out.message = Some(format!(
            "the {} generator never rewrites {}: it has no canonical form",
            flavour.id, c.config.data_file
        ));
        return out;
    };
    let text = c
        .run
        .files
        .last()
        .map(|f| f.text.clone())
        .unwrap_or_default();
    if text == canonical {
        out.message = Some(format!("{} is already canonical", path.display()));
        return out;
    }
    out.diff =
        crate::generate::diff::unified_diff(&text, &canonical, &path.display().to_string()).1;
    if !write {
        out.failed = true;
        return out;
    }
    let comments = comment_lines(&text);
    if !comments.is_empty() && !force {
        let shown: Vec<String> = comments.iter().map(|l| l.to_string()).collect();
        c.run.findings.push(
            Finding::new(
                "canonical-form",
                Severity::Error,
                format!(
                    "{} was not rewritten: the generator's form drops its comments (line{} {})",
                    path.display(),
                    if comments.len() == 1 { "" } else { "s" },
                    shown.join(", ")
                ),
            )
            .help("move what they say into the data (or drop them), or pass --force to drop them"),
        );
        out.failed = true;
        return out;
    }
    // Never through a link (it would be replaced by a file, and the file it names left as it
    // was), nor out of the root or into `.git`.
    let shown = path.display().to_string();
    let refused = match crate::fsutil::data_too_large(canonical.len()) {
        Some(why) => Some((
            why,
            "the generator's form of this data is too long: shorten its longest values",
        )),
        None => crate::fsutil::unwritable_path(&c.root, &path, &shown).map(|why| {
            (
                why,
                "rewrite the file the link names: `sigs-lint fmt <that file>`",
            )
        }),
    };
    if let Some((why, help)) = refused {
        c.run.findings.push(
            Finding::new(
                "io",
                Severity::Error,
                format!("cannot rewrite `{shown}`: {why}"),
            )
            .help(help),
        );
        // As every write that cannot be done: sigs-lint could not do its job (exit 2).
        c.tool_error = true;
        out.failed = true;
        return out;
    }
    match crate::fsutil::write_atomic(&path, &canonical) {
        Ok(()) => {
            out.written = true;
            out.message = Some(format!("formatted {}", path.display()));
            // The file is canonical now: the finding about it no longer holds.
            c.run.findings.retain(|f| f.rule != "canonical-form");
        }
        Err(e) => {
            c.run.findings.push(Finding::new(
                "io",
                Severity::Error,
                format!(
                    "cannot write `{}`: {}",
                    path.display(),
                    crate::fsutil::reason(&e)
                ),
            ));
            c.tool_error = true;
            out.failed = true;
        }
    }
    out
}

fn is_load(f: &Finding) -> bool {
    crate::diagnostic::check(f.rule).is_some_and(|c| c.kind == crate::diagnostic::CheckKind::Load)
}
