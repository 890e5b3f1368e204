//! Baselines, for adopting sigs-lint on a data file that already has findings:
//! `check --write-baseline FILE` records today's rule findings, and `check --baseline FILE`
//! reports only the ones that are not in it. A finding is recorded by its rule, the data file's
//! name in the repository, and a fingerprint of its message and of the text its primary label
//! underlines: no line numbers, so moving lines (adding a group above) keeps it matched. Equal
//! findings are matched by count. Only rule findings are recorded: the checks (upstream's
//! verdict, the docs) always count.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Finding, Run, Severity};

#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub path: String,
    pub fingerprint: String,
    /// For the reader of the file; not matched.
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Baseline {
    /// The format's version (1).
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// FNV-1a, 64 bits: stable across platforms and releases (no dependency, no randomised hasher).
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn entry(f: &Finding, path: &str) -> Entry {
    let underlined = match (&f.file, f.primary()) {
        (Some(file), Some(span)) => file.slice(span),
        _ => "",
    };
    Entry {
        id: f.rule.to_string(),
        path: path.to_string(),
        fingerprint: fnv1a(&[f.rule, path, underlined, &f.message]),
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
    let mut left = baseline.findings;
    let before = run.findings.len();
    run.findings.retain(|f| {
        if !recorded(f) {
            return true;
        }
        let e = entry(f, path);
        match left
            .iter()
            .position(|x| x.id == e.id && x.path == e.path && x.fingerprint == e.fingerprint)
        {
            Some(i) => {
                left.swap_remove(i);
                false
            }
            None => true,
        }
    });
    let matched = before - run.findings.len();
    let mut message =
        format!("{matched} finding(s) recorded in the baseline {shown} are not shown");
    if !left.is_empty() {
        message.push_str(&format!(
            "; {} recorded finding(s) no longer occur",
            left.len()
        ));
    }
    run.findings.push(
        Finding::new("baseline", Severity::Note, message)
            .help("`check --write-baseline FILE` records the current findings again"),
    );
}
