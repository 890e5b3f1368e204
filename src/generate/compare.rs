//! How the committed files compare with the plan: every finding about the generated docs
//! (`doc-stale`, `doc-missing`, `doc-line-endings`, `custom-content`, `template-error`,
//! `doc-orphan`, unreadable files) is built here, for `check` and `generate` alike.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use super::custom::dropped;
use super::diff::unified_diff_within;
use super::plan::{Expected, GENERATED_MARK, RenderError, Untemplated, join};
use crate::diagnostic::{Finding, MAX_FINDINGS_PER_KIND, Severity};
use crate::source::{SourceFile, Span};

/// A committed output: `Ok(None)` when it does not exist; an error (as a finding) when it cannot
/// be read or is not UTF-8 — such a file is neither compared nor rewritten, so that no text is lost.
pub fn read_committed(
    root: &Path,
    e: &Expected,
    shown: &str,
) -> Result<Option<String>, Box<Finding>> {
    match crate::fsutil::read_bytes_inside(root, &root.join(&e.path), crate::fsutil::MAX_DOC) {
        Ok(bytes) => String::from_utf8(bytes).map(Some).map_err(|err| {
            Box::new(Finding::new(
                "encoding",
                Severity::Error,
                format!(
                    "`{shown}` is not valid UTF-8 (byte {} is not): it is neither compared nor rewritten",
                    err.utf8_error().valid_up_to()
                ),
            )
            .help("save it as UTF-8; the generator writes UTF-8"))
        }),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(err) => Err(Box::new(
            Finding::new(
                "io",
                Severity::Error,
                format!(
                    "`{shown}` is neither read nor written: {}",
                    crate::fsutil::reason(&err)
                ),
            )
            .help("a generated file must be a regular file inside the repository"),
        )),
    }
}

/// Every finding about the generated docs (see [`Comparison`]).
pub fn findings(
    root: &Path,
    expected: &[Expected],
    untemplated: &[Untemplated],
    display_root: &str,
    whole_plan: bool,
    data: Option<&Arc<SourceFile>>,
) -> Vec<Finding> {
    let mut c = Comparison::new(root, display_root, data);
    for e in expected {
        c.add(e);
    }
    c.finish(untemplated, whole_plan)
}

/// A warning for each template the repository lacks (sigs-lint's own flavour then leaves its
/// outputs alone: they are neither generated nor compared).
pub fn untemplated_findings(
    untemplated: &[Untemplated],
    display_root: &str,
    data: Option<&Arc<SourceFile>>,
) -> Vec<Finding> {
    untemplated
        .iter()
        .map(|u| {
            let shown: Vec<String> = u.paths.iter().take(3).map(|p| format!("`{}`", join(display_root, p))).collect();
            let more = match u.paths.len() {
                n if n > 3 => format!(" and {} more", n - 3),
                _ => String::new(),
            };
            let f = Finding::new(
                "template-error",
                Severity::Warning,
                format!(
                    "no template for {}{more}: `{}` does not exist, so {} neither generated nor compared",
                    shown.join(", "),
                    join(display_root, &u.template),
                    if u.paths.len() == 1 { "it is" } else { "they are" }
                ),
            )
            .help("add the template (`sigs-lint init` writes the built-in ones and keeps those that exist), or remove what it would generate");
            at_data_file(f, data, None, "the docs generated from this file")
        })
        .collect()
}

/// A warning for each of the [`orphans`] (outputs whose template is missing are not orphans:
/// their groups exist).
pub fn orphan_findings(
    root: &Path,
    planned: &HashSet<String>,
    untemplated: &[Untemplated],
    display_root: &str,
) -> Vec<Finding> {
    let orphans: Vec<_> = orphans(root, planned)
        .into_iter()
        .filter(|(o, _)| !untemplated.iter().any(|u| u.paths.contains(o)))
        .collect();
    let more = orphans.len().saturating_sub(MAX_FINDINGS_PER_KIND);
    let mut findings: Vec<Finding> = orphans
        .into_iter()
        .take(MAX_FINDINGS_PER_KIND)
        .map(|(orphan, text)| {
            let shown = join(display_root, &orphan);
            let file = Arc::new(SourceFile::new(shown.clone(), text));
            Finding::new(
                "doc-orphan",
                Severity::Warning,
                format!(
                    "`{}` carries the generator's header, but no group in sigs.yaml produces it any more",
                    crate::diagnostic::visible_name(&shown)
                ),
            )
            .label(file.first_line(), "left over")
            .help("delete it (the Go generator never deletes files), or put its group back in sigs.yaml")
            .in_file(&file)
        })
        .collect();
    // As for a rule's findings: a checkout of 100,000 orphan folders held 100,000 findings.
    if more > 0 {
        findings.push(crate::diagnostic::more_not_shown("doc-orphan", more));
    }
    findings
}

/// The first `lines` lines of `bytes` (line breaks kept), each cut at `cap` bytes (at a character
/// boundary), as text.
fn head(bytes: &[u8], lines: usize, cap: usize) -> String {
    let mut out = Vec::new();
    let mut rest = bytes;
    for _ in 0..lines {
        if rest.is_empty() {
            break;
        }
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        let mut cut = end.min(cap);
        while cut > 0 && cut < rest.len() && rest[cut] & 0xC0 == 0x80 {
            cut -= 1;
        }
        out.extend_from_slice(&rest[..cut]);
        if cut < end {
            // A cut line still ends as a line.
            out.push(b'\n');
        }
        rest = &rest[end..];
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every finding of a run that has no file yet, except sigs-lint's own failures (the tool
/// checks, which SARIF reports as notifications), located at the data file's first line: each
/// finding has a place (GitHub annotations and code scanning need one).
pub fn locate_fileless(findings: &mut [Finding], data: Option<&Arc<SourceFile>>) {
    let Some(data) = data else {
        return;
    };
    for f in findings.iter_mut().filter(|f| f.file.is_none()) {
        let tool = crate::diagnostic::check(f.rule)
            .is_some_and(|c| c.kind == crate::diagnostic::CheckKind::Tool);
        if !tool {
            let span = Span::new(data.content_start, data.line_text(1).len());
            f.labels
                .insert(0, crate::diagnostic::Label { span, text: None });
            f.file = Some(Arc::clone(data));
        }
    }
}

/// A finding about the docs that has no file of its own, located in the data file: at `anchor`
/// (a group's `dir` value), else at its first line. Unchanged without a data file.
pub fn at_data_file(
    f: Finding,
    data: Option<&Arc<SourceFile>>,
    anchor: Option<Span>,
    label: &str,
) -> Finding {
    let Some(data) = data else {
        return f;
    };
    let span = anchor.unwrap_or_else(|| data.first_line());
    f.label(span, label).in_file(data)
}

/// Compares the expected outputs with their committed files, one at a time (a check renders,
/// compares and lets go of each in turn); the findings carry the committed documents (or
/// template files) they point into. [`Comparison::finish`] adds the untemplated outputs and,
/// with the whole plan (no `--only`), the orphans.
pub struct Comparison<'a> {
    root: &'a Path,
    display_root: &'a str,
    data: Option<&'a Arc<SourceFile>>,
    findings: Vec<Finding>,
    template_errors: TemplateErrors,
    /// The paths of the outputs compared so far.
    planned: HashSet<String>,
    /// Bytes of committed files and diffs the findings so far hold, and how many they may
    /// ([`MAX_HELD`]).
    held: usize,
    limit: usize,
    /// What is left of the run's diff search time ([`super::diff::RUN_DIFF_BUDGET`]).
    diff_left: std::time::Duration,
}

/// The most bytes of committed files and diffs the findings of one run hold: past it, a stale
/// file's findings keep neither its text nor its diff. Sixty stale 16 MiB READMEs (git
/// compresses such a pull request to almost nothing) held 2.1 GB; the number of outputs, not
/// only their size, is the repository's to choose.
pub const MAX_HELD: usize = 256 << 20;

impl<'a> Comparison<'a> {
    pub fn new(root: &'a Path, display_root: &'a str, data: Option<&'a Arc<SourceFile>>) -> Self {
        Comparison {
            root,
            display_root,
            data,
            findings: Vec::new(),
            template_errors: TemplateErrors::default(),
            planned: HashSet::new(),
            held: 0,
            limit: MAX_HELD,
            diff_left: super::diff::RUN_DIFF_BUDGET,
        }
    }

    /// Compares one expected output with its committed file; past [`MAX_HELD`], its findings
    /// keep neither the file's text nor the diff and are placed in the data file.
    pub fn add(&mut self, e: &Expected) {
        let start = self.findings.len();
        let shown = join(self.display_root, &e.path);
        self.compare(e, &shown);
        let added = &mut self.findings[start..];
        let ours = |f: &Finding| f.file.as_ref().is_some_and(|file| file.name == shown);
        let size = added
            .iter()
            .find(|f| ours(f))
            .and_then(|f| f.file.as_ref())
            .map_or(0, |file| file.text.len())
            + added
                .iter()
                .filter_map(|f| f.diff.as_ref())
                .map(String::len)
                .sum::<usize>();
        if self.held + size <= self.limit {
            self.held += size;
            return;
        }
        for f in added.iter_mut().filter(|f| ours(f) || f.diff.is_some()) {
            let detached = std::mem::replace(f, Finding::new(f.rule, f.severity, String::new()));
            let mut g = Finding::new(
                detached.rule,
                detached.severity,
                format!(
                    "{} (its text and diff are not shown: the committed files this run shows passed {} MiB)",
                    detached.message,
                    self.limit >> 20
                ),
            );
            g.help = detached.help;
            let label = match e.group {
                Some(_) => "this group's README",
                None => "the docs generated from this file",
            };
            *f = at_data_file(g, self.data, e.anchor, label);
        }
    }

    fn compare(&mut self, e: &Expected, shown: &str) {
        let shown = shown.to_string();
        self.planned.insert(e.path.clone());
        let committed = match read_committed(self.root, e, &shown) {
            Ok(c) => c,
            Err(f) => {
                self.findings.push(*f);
                return;
            }
        };
        let full = match &e.rendered {
            Ok(_) => e.full(committed.as_deref()),
            Err(err) => {
                self.template_errors.record(&shown, err);
                return;
            }
        };
        let Some(full) = full else {
            return;
        };
        let Some(text) = committed else {
            let f = Finding::new(
                "doc-missing",
                Severity::Error,
                format!("`{shown}` is missing"),
            )
            .help("run `sigs-lint generate` to create it");
            let label = match e.group {
                Some(_) => "this group's README is missing",
                None => "the docs generated from this file",
            };
            self.findings
                .push(at_data_file(f, self.data, e.anchor, label));
            return;
        };
        let lost = dropped(&text, e.markers);
        if text == full && lost.is_empty() {
            return; // up to date: the common case, no source file needed
        }
        let file = Arc::new(SourceFile::new(shown.clone(), text.clone()));
        // A flood (one finding per line of a long tail) is counted past the first ones, as a
        // rule's findings are: a 16 MiB README could otherwise hold a million findings.
        let more = lost.len().saturating_sub(MAX_FINDINGS_PER_KIND);
        let first_hidden = lost
            .get(MAX_FINDINGS_PER_KIND)
            .map(|(start, content)| Span::new(*start, content.len()));
        for (start, content) in lost.into_iter().take(MAX_FINDINGS_PER_KIND) {
            self.findings.push(
                Finding::new(
                    "custom-content",
                    Severity::Warning,
                    format!("`{shown}`: the next regeneration would drop this text"),
                )
                .label(
                    Span::new(start, content.len()),
                    "outside the custom-content block",
                )
                .help(format!(
                    "keep your own text on the lines between `{}` and `{}`",
                    e.markers.begin(),
                    e.markers.end()
                ))
                .in_file(&file),
            );
        }
        if let Some(span) = first_hidden {
            self.findings.push(
                Finding::new(
                    "custom-content",
                    Severity::Note,
                    format!(
                        "`{shown}`: {more} more lines the next regeneration would drop are not shown (the first {MAX_FINDINGS_PER_KIND} are)"
                    ),
                )
                .label(span, "the first line not shown")
                .in_file(&file),
            );
        }
        if text == full {
            return;
        }
        let normalized = text.replace("\r\n", "\n");
        if normalized != text && e.full(Some(&normalized)).as_deref() == Some(normalized.as_str()) {
            self.findings.push(
                Finding::new(
                    "doc-line-endings",
                    Severity::Error,
                    format!("`{shown}` has CRLF line endings; the generator writes LF"),
                )
                .label_plain(Span::new(0, 0))
                .help("convert the file to LF line endings (or run `sigs-lint generate`)")
                .in_file(&file),
            );
            return;
        }
        let settles = e.settles(&full);
        if settles && text.trim_end_matches('\n') == full.trim_end_matches('\n') {
            let (has, want) = (trailing_newlines(&text), trailing_newlines(&full));
            self.findings.push(
                Finding::new(
                    "doc-stale",
                    Severity::Error,
                    format!(
                        "`{shown}` differs only in its final newline: it ends with {has} newline(s), the generator writes {want}"
                    ),
                )
                .label(Span::new(text.len(), 0), "end of file")
                .help("run `sigs-lint generate` to rewrite it")
                .in_file(&file),
            );
            return;
        }
        let started = std::time::Instant::now();
        let timeout = self.diff_left.min(super::diff::DIFF_DEADLINE);
        let (line, diff, changed) = unified_diff_within(&text, &full, &shown, timeout);
        self.diff_left = self.diff_left.saturating_sub(started.elapsed());
        let (span, label) = first_difference(&file, line, &full);
        let mut f = Finding::new(
            "doc-stale",
            Severity::Error,
            format!(
                "`{shown}` is not what the generator writes from {} ({changed} line(s) differ)",
                data_name(self.data)
            ),
        )
        .label(span, label)
        .help(if !settles {
            UNSETTLED
        } else if e.built_in {
            "run `sigs-lint generate` to rewrite it, or change sigs.yaml (compared with the built-in templates: the repository has no template folder; `templates:` in .sigs-lint.yaml names yours)"
        } else {
            "run `sigs-lint generate` to rewrite it, or change sigs.yaml"
        })
        .in_file(&file);
        f.diff = Some(diff);
        self.findings.push(f);
    }

    /// Every finding: the comparisons', the template errors (one per error, naming how many
    /// files it breaks), the outputs left untemplated and, with the `whole_plan`, the orphans.
    pub fn finish(mut self, untemplated: &[Untemplated], whole_plan: bool) -> Vec<Finding> {
        let errors = self.template_errors.findings(self.display_root, self.data);
        self.findings.extend(errors);
        let missing = untemplated_findings(untemplated, self.display_root, self.data);
        self.findings.extend(missing);
        if whole_plan {
            let orphans = orphan_findings(self.root, &self.planned, untemplated, self.display_root);
            self.findings.extend(orphans);
        }
        self.findings
    }
}

/// The data file's name as messages give it (`sigs.yaml`, kubeflow's `wgs.yaml`).
fn data_name(data: Option<&Arc<SourceFile>>) -> String {
    data.and_then(|d| std::path::Path::new(&d.name).file_name())
        .map_or("the data file".into(), |n| n.to_string_lossy().into_owned())
}

/// Why a file the template writes a custom-content marker into is never up to date.
pub const UNSETTLED: &str = "the template writes a custom-content marker of its own: the generator's next run takes it for the edge of the custom block, so this file changes on every run; remove the marker from the template";

/// Where the committed file first differs from the generated text `full`, on its first changed
/// line `line`: the differing part of that line (what lies between the common start and the
/// common end of the two lines), and a label saying what the generator writes there. The whole
/// line when the first differing byte is elsewhere (the diff aligned the lines otherwise).
fn first_difference(file: &SourceFile, line: usize, full: &str) -> (Span, String) {
    let text = file.text.as_str();
    let line_start = file.offset_of(line, 1);
    let old_line = file.line_text(line);
    let whole = (
        Span::new(line_start, old_line.len()),
        "first difference".to_string(),
    );
    let mut at = text
        .bytes()
        .zip(full.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !text.is_char_boundary(at) || !full.is_char_boundary(at) {
        at -= 1;
    }
    if at < line_start || at > line_start + old_line.len() {
        return whole;
    }
    // The generated line at the same place (the texts are equal up to `at`).
    let new_end = full[line_start..]
        .find('\n')
        .map_or(full.len(), |i| line_start + i);
    let new_line = full[line_start..new_end].trim_end_matches('\r');
    let (old_rest, new_rest) = (
        &text[at..line_start + old_line.len()],
        &new_line[at - line_start..],
    );
    let suffix = old_rest
        .chars()
        .rev()
        .zip(new_rest.chars().rev())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a.len_utf8())
        .sum::<usize>();
    let suffix = suffix.min(old_rest.len()).min(new_rest.len());
    let old_part = &old_rest[..old_rest.len() - suffix];
    let new_part = &new_rest[..new_rest.len() - suffix];
    let shown: String = new_part.chars().take(40).collect();
    let more = if new_part.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    let label = if new_part.is_empty() {
        "the generator writes nothing here".to_string()
    } else {
        format!(
            "the generator writes `{}{more}`",
            crate::diagnostic::visible(&shown)
        )
    };
    (Span::new(at, old_part.len()), label)
}

/// Template errors, one finding per failing place (a bad field in a README template fails every
/// README of that kind: one finding names the first and counts the rest), located in the
/// template file when a template is at fault.
#[derive(Default)]
pub struct TemplateErrors {
    errors: Vec<(RenderError, String, usize)>,
}

impl TemplateErrors {
    pub fn record(&mut self, output: &str, err: &RenderError) {
        match self.errors.iter_mut().find(|(e, _, _)| e == err) {
            Some((_, _, n)) => *n += 1,
            None => self.errors.push((err.clone(), output.to_string(), 0)),
        }
    }

    /// The findings, each with the template file it points into (when a template is at fault).
    pub fn findings(self, display_root: &str, data: Option<&Arc<SourceFile>>) -> Vec<Finding> {
        let mut files: Vec<Arc<SourceFile>> = Vec::new();
        let mut out = Vec::new();
        for (err, output, more) in self.errors {
            let also = match more {
                0 => String::new(),
                n => format!(" (and {n} more file(s))"),
            };
            let mut f = Finding::new(
                "template-error",
                Severity::Error,
                format!("`{output}`{also} cannot be generated: {}", err.message),
            );
            if let Some(at) = &err.at {
                let shown = join(display_root, &at.path);
                let file = match files.iter().find(|x| x.name == shown) {
                    Some(file) => Arc::clone(file),
                    None => {
                        let file = Arc::new(SourceFile::new(shown, at.text.to_string()));
                        files.push(Arc::clone(&file));
                        file
                    }
                };
                let offset = at.offset.min(at.text.len());
                let rest = &at.text[offset..];
                let line_end = rest.find('\n').unwrap_or(rest.len());
                let len = rest[..line_end]
                    .find("}}")
                    .map_or(line_end.min(1), |i| rest[..i].trim_end().len().max(1));
                f = f
                    .label(Span::new(offset, len), "fails here")
                    .help("fix the template (Go's text/template would fail the same way)")
                    .in_file(&file);
            } else {
                f = at_data_file(f, data, None, "the docs generated from this file");
            }
            out.push(f);
        }
        out
    }
}

fn trailing_newlines(s: &str) -> usize {
    s.len() - s.trim_end_matches('\n').len()
}

/// Committed files that look generated (they carry the generator's header) but that no output
/// produces any more: `*/README.md` one level down and `*.md` at the root, each with its first
/// two lines, up to 1 KiB each, which is all its finding keeps (each orphan held whole, up to
/// 16 MiB, made 50 of them 842 MB, and the human format printed the second line whole); each is
/// read once.
pub fn orphans(root: &Path, planned: &HashSet<String>) -> Vec<(String, String)> {
    let mut candidates: Vec<String> = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            // A folder the listing shows as one whose README is planned holds no orphan: no
            // system call for it (links and unknown types are looked at).
            let listed_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if listed_dir && planned.contains(&format!("{name}/README.md")) {
                continue;
            }
            let path = e.path();
            if (listed_dir || path.is_dir()) && !name.starts_with('.') {
                if path.join("README.md").is_file() {
                    candidates.push(format!("{name}/README.md"));
                }
            } else if name.ends_with(".md") {
                candidates.push(name);
            }
        }
    }
    candidates.sort();
    candidates.retain(|c| !planned.contains(c));
    if !candidates.is_empty() {
        // A folder linked to a planned one (`sig-docs -> sig-release`): its README is written.
        let files: HashSet<_> = planned
            .iter()
            .map(|p| crate::fsutil::resolved(root, p))
            .collect();
        candidates.retain(|c| !files.contains(&crate::fsutil::resolved(root, c)));
    }
    candidates
        .into_iter()
        .filter_map(|c| {
            let bytes =
                crate::fsutil::read_bytes_inside(root, &root.join(&c), crate::fsutil::MAX_DOC)
                    .ok()?;
            let marked = String::from_utf8_lossy(&bytes).contains(GENERATED_MARK);
            marked.then(|| (c, head(&bytes, 2, 1024)))
        })
        .collect()
}

#[cfg(test)]
mod held_tests {
    use super::*;
    use crate::generate::custom::Markers;

    #[test]
    fn past_the_limit_a_stale_file_keeps_neither_its_text_nor_its_diff() {
        let root = std::env::temp_dir().join(format!("sigs-lint-held-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mut c = Comparison::new(&root, "", None);
        // Each stale file: 2 MiB of text and a diff of 2.6 MB: two are kept.
        c.limit = 10 << 20;
        let stale =
            "<!-- This is an autogenerated file! -->\n".to_string() + &"old\n".repeat(1 << 19);
        for i in 0..3 {
            std::fs::create_dir_all(root.join(format!("sig-{i}"))).expect("scratch");
            std::fs::write(root.join(format!("sig-{i}/README.md")), &stale).expect("scratch");
            c.add(&Expected {
                path: format!("sig-{i}/README.md"),
                markers: Markers::Markdown,
                rendered: Ok("new\n".into()),
                group: Some(format!("sig-{i}")),
                built_in: false,
                anchor: None,
            });
        }
        std::fs::remove_dir_all(&root).expect("scratch");
        let shown: Vec<_> = c
            .findings
            .iter()
            .map(|f| {
                (
                    f.rule,
                    f.file.as_ref().map(|f| f.name.clone()),
                    f.diff.is_some(),
                    f.labels.len(),
                    f.message.clone(),
                )
            })
            .collect();
        let kept = |i: usize| {
            (
                "doc-stale",
                Some(format!("sig-{i}/README.md")),
                true,
                1,
                format!(
                    "`sig-{i}/README.md` is not what the generator writes from the data file (524293 line(s) differ)"
                ),
            )
        };
        assert_eq!(
            shown,
            [
                kept(0),
                kept(1),
                (
                    "doc-stale",
                    None,
                    false,
                    0,
                    "`sig-2/README.md` is not what the generator writes from the data file (524293 line(s) differ) (its text and diff are not shown: the committed files this run shows passed 10 MiB)".to_string()
                )
            ]
        );
    }
}

#[cfg(test)]
mod diff_budget_tests {
    use super::*;
    use crate::generate::custom::Markers;

    #[test]
    fn once_the_runs_diff_time_is_spent_diffs_are_the_quick_ones() {
        let root = std::env::temp_dir().join(format!("sigs-lint-diffs-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let mark = "<!-- This is an autogenerated file! -->\n";
        let mut messages = Vec::new();
        for spent in [false, true] {
            let mut c = Comparison::new(&root, "", None);
            if spent {
                c.diff_left = std::time::Duration::ZERO;
            }
            std::fs::create_dir_all(root.join("sig-a")).expect("scratch");
            std::fs::write(
                root.join("sig-a/README.md"),
                format!("{mark}1\n2\n3\n4\n5\n"),
            )
            .expect("scratch");
            c.add(&Expected {
                path: "sig-a/README.md".into(),
                markers: Markers::Markdown,
                rendered: Ok(format!("{mark}1\nX\n3\nY\n5\n")),
                group: Some("sig-a".into()),
                built_in: false,
                anchor: None,
            });
            messages.extend(c.findings.iter().map(|f| f.message.clone()));
        }
        std::fs::remove_dir_all(&root).expect("scratch");
        // The smallest diff changes 2, 4 and the end (the generated file ends with its custom-
        // content block); the quick one replaces everything between the common start and end.
        assert_eq!(
            messages,
            [
                "`sig-a/README.md` is not what the generator writes from the data file (7 line(s) differ)",
                "`sig-a/README.md` is not what the generator writes from the data file (11 line(s) differ)",
            ]
        );
    }
}

#[cfg(test)]
mod head_tests {
    use super::head;

    #[test]
    fn head_keeps_the_first_lines_each_cut_at_a_character_boundary() {
        assert_eq!(head(b"a\nb\nc\n", 2, 10), "a\nb\n");
        assert_eq!(head(b"a\r\nb", 2, 10), "a\r\nb");
        assert_eq!(head(b"abcdef\nxyz\n", 2, 3), "abc\nxyz\n");
        assert_eq!(head("é€x\n".as_bytes(), 1, 4), "é\n");
        assert_eq!(head(b"", 2, 3), "");
        assert_eq!(head(b"\n\n\n", 2, 3), "\n\n");
    }
}

#[cfg(test)]
mod first_difference_tests {
    use super::*;
    use crate::generate::diff::unified_diff;

    fn at(old: &str, new: &str) -> (String, String) {
        let file = SourceFile::new("x", old);
        let (line, _, _) = unified_diff(old, new, "x");
        let (span, label) = first_difference(&file, line, new);
        (file.slice(span).to_string(), label)
    }

    #[test]
    fn the_label_covers_the_differing_part_of_the_first_changed_line() {
        assert_eq!(
            at("a\n* Jane D. (x)\nb\n", "a\n* Jane Doe (x)\nb\n"),
            (".".into(), "the generator writes `oe`".into())
        );
        assert_eq!(
            at("a\nZürich Süd\n", "a\nZürich Nord\n"),
            ("Sü".into(), "the generator writes `Nor`".into())
        );
        // Text the generator does not write; text it adds to a line.
        assert_eq!(
            at("a\nb extra\n", "a\nb\n"),
            (" extra".into(), "the generator writes nothing here".into())
        );
        assert_eq!(
            at("a\nb\n", "a\nb more\n"),
            ("".into(), "the generator writes ` more`".into())
        );
        let long = "y".repeat(50);
        assert_eq!(
            at("a\nx\n", &format!("a\n{long}\n")),
            (
                "x".into(),
                format!("the generator writes `{}…`", "y".repeat(40))
            )
        );
    }
}
