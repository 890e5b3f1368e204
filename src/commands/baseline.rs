//! Baselines, for adopting sigs-lint on a data file that already has findings:
//! `check --write-baseline FILE` records today's rule findings, and `check --baseline FILE`
//! reports only the ones that are not in it. A finding is recorded by its rule, the data file's
//! name in the repository, and a fingerprint of its message and of the text its primary label
//! underlines: no line numbers, so moving lines (adding a group above) keeps it matched. Equal
//! findings are matched by count. Only rule findings are recorded: the checks (upstream's
//! verdict, the docs) always count.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, Run, Severity};

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub path: String,
    pub fingerprint: String,
    /// For the reader of the file; not matched.
    pub message: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// The format's version (1).
    pub version: u32,
    pub findings: Vec<Entry>,
}

fn entry(f: &Finding, path: &str) -> Entry {
    Entry {
        id: f.rule.to_string(),
        path: path.to_string(),
        fingerprint: f.fingerprint(path),
        message: f.message.clone(),
    }
}

fn recorded(f: &Finding) -> bool {
    crate::rules::find(f.rule).is_some()
}

/// The baseline of a run's rule findings about the data file `path`.
pub fn of(run: &Run, path: &str) -> Baseline {
    Baseline {
        version: 1,
        findings: run
            .findings
            .iter()
            .filter(|f| recorded(f))
            .map(|f| entry(f, path))
            .collect(),
    }
}

/// Writes the baseline of a run to `target` (atomically); returns how many findings it records.
/// A target inside the repository `root` is written as the outputs are ([`crate::fsutil::unwritable`]:
/// never through a link, out of the root or into `.git`); one elsewhere is the user's own.
pub fn write(
    run: &Run,
    path: &str,
    target: &std::path::Path,
    root: &std::path::Path,
) -> Result<usize, String> {
    if let (Ok(at), Ok(real_root)) = (std::path::absolute(target), std::path::absolute(root))
        && let Ok(rel) = at.strip_prefix(&real_root)
        && let Some(why) = crate::fsutil::unwritable(&real_root, &rel.to_string_lossy())
    {
        return Err(format!(
            "`{}` was not written: {why}",
            crate::diagnostic::visible_name(&target.display().to_string())
        ));
    }
    let b = of(run, path);
    let json = serde_json::to_string_pretty(&b).expect("a baseline serializes") + "\n";
    crate::fsutil::write_atomic(target, &json).map_err(|e| {
        format!(
            "cannot write `{}`: {}",
            target.display(),
            crate::fsutil::reason(&e)
        )
    })?;
    Ok(b.findings.len())
}

/// Reads and parses a baseline file named on the command line (anywhere, but a regular UTF-8
/// file of at most [`crate::fsutil::MAX_DOC`] bytes, as the config's `baseline:`).
pub fn read(file: &std::path::Path) -> Result<Baseline, String> {
    let text = crate::fsutil::read_bytes_named(file, crate::fsutil::MAX_DOC)
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not UTF-8")
            })
        })
        .map_err(|e| {
            format!(
                "cannot read `{}`: {}",
                file.display(),
                crate::fsutil::reason(&e)
            )
        })?;
    parse(&text).map_err(|e| format!("{}: {e}", file.display()))
}

/// Reads and parses a baseline file that must lie inside the repository `root` (the config's
/// `baseline:`).
pub fn read_inside(root: &std::path::Path, file: &std::path::Path) -> Result<Baseline, String> {
    let text = crate::fsutil::read_inside(root, file).map_err(|e| {
        format!(
            "cannot read `{}`: {}",
            file.display(),
            crate::fsutil::reason(&e)
        )
    })?;
    parse(&text).map_err(|e| format!("{}: {e}", file.display()))
}

pub fn parse(text: &str) -> Result<Baseline, String> {
    let b: Baseline = serde_json::from_str(text).map_err(|e| format!("not a baseline: {e}"))?;
    if b.version != 1 {
        return Err(format!(
            "baseline version {} is not supported (1 is)",
            b.version
        ));
    }
    Ok(b)
}

/// Removes the findings the baseline records (each entry matches one finding) and adds a note
/// saying how many matched, and how many recorded ones no longer occur.
pub fn apply(run: &mut Run, baseline: Baseline, path: &str, shown: &str) {
    // How many times each (id, path, fingerprint) is recorded: each entry matches one finding.
    let mut left: std::collections::HashMap<(String, String, String), usize> =
        std::collections::HashMap::new();
    for e in baseline.findings {
        *left.entry((e.id, e.path, e.fingerprint)).or_default() += 1;
    }
    let before = run.findings.len();
    run.findings.retain(|f| {
        if !recorded(f) {
            return true;
        }
        let e = entry(f, path);
        match left.get_mut(&(e.id, e.path, e.fingerprint)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        }
    });
    let matched = before - run.findings.len();
    let left: usize = left.values().sum();
    let mut message =
        format!("{matched} finding(s) recorded in the baseline {shown} are not shown");
    if left > 0 {
        message.push_str(&format!("; {left} recorded finding(s) no longer occur"));
    }
    run.findings.push(
        Finding::new("baseline", Severity::Note, message)
            .help("`check --write-baseline FILE` records the current findings again"),
    );
}
