//! From bytes to the typed model, reporting every problem on the way: invalid UTF-8, YAML syntax,
//! a file that is not a sigs.yaml at all, unknown keys (upstream's generator decodes strictly), values
//! of the wrong type and duplicate keys.
//!
//! Two passes, the second only when needed: serde-saphyr deserializes the text straight into the typed
//! model (`Spanned` scalars, strict about unknown keys). serde stops at the first problem, so when that
//! pass fails a lenient pass walks serde-saphyr's spanned node tree with the schema and reports every
//! problem, with key spans and our own wording.

use super::schema::{Declared, Record, Shape};
use super::tree::{self, Node, NodeKind};
use super::*;
use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

/// The result of loading: the model (as complete as the input allows) and the load findings.
#[derive(Debug, Default)]
pub struct Loaded {
    pub model: SigsYaml,
    pub findings: Vec<Finding>,
    /// False when the file could not be loaded into the model (rules are not run on it).
    pub usable: bool,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

/// Decodes bytes as UTF-8 (reporting and replacing invalid sequences) into a [`SourceFile`].
pub fn load_file(name: &str, bytes: Vec<u8>) -> (SourceFile, Vec<Finding>) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(name, text), Vec::new()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bad = e.utf8_error().error_len().unwrap_or(1);
            let first = e.as_bytes()[at..at + bad]
                .iter()
                .map(|b| format!("0x{b:02X}"))
                .collect::<Vec<_>>()
                .join(" ");
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let file = SourceFile::new(name, text);
            let (line, col) = file.line_col(at);
            let finding = Finding::new(
                "encoding",
                Severity::Error,
                format!("the file is not valid UTF-8: byte {first} at line {line}, column {col}"),
            )
            .label(Span::new(at, '\u{fffd}'.len_utf8()), "not UTF-8")
            .help("save the file as UTF-8 (the invalid bytes are shown as \u{fffd})");
            (file, vec![finding])
        }
    }
}

/// The most groups (SIGs, working groups, user groups and committees together) a data file may
/// have: kubernetes has about 60.
pub const MAX_GROUPS: usize = 10_000;

/// The finding for a file of more than [`MAX_GROUPS`] groups; `at` is where the first one past
/// the limit starts. Rules and rendering cost some 60 µs a group: a data file of a million
/// one-line groups (47 MB, under the data file's cap) took a minute and 3.7 GB to check.
fn too_many_groups(at: Span) -> Loaded {
    let message = format!(
        "YAML resource limit exceeded: the file has more than {MAX_GROUPS} groups, sigs-lint's limit (a community has tens)"
    );
    Loaded {
        findings: vec![
            Finding::new("yaml-budget", Severity::Error, message)
                .label(Span::new(at.offset, 0), "this one is past the limit"),
        ],
        ..Default::default()
    }
}

/// Loads a sigs.yaml from its source file.
pub fn load(file: &SourceFile) -> Loaded {
    // The event pass builds a plain, sound file's model; serde-saphyr decides everything else.
    let typed = match super::events::load_outcome(file, false) {
        super::events::Outcome::Model(model) => Ok(*model),
        super::events::Outcome::TooManyGroups(at) => return too_many_groups(at),
        super::events::Outcome::GiveUp => typed(file),
    };
    match typed {
        Ok(mut model) => {
            // The serde-saphyr pass (anchors, tags) counts once it has built the model.
            if let Some(past) = model.groups().nth(MAX_GROUPS) {
                return too_many_groups(past.span);
            }
            let looks_empty = model.groups().next().is_none() && model.gb_rep.is_none();
            // An empty model may be an empty file or one with none of our keys: let the lenient
            // pass tell (it is cheap on such files).
            if looks_empty {
                let findings = lenient(file, None);
                if !findings.is_empty() {
                    return Loaded {
                        findings,
                        ..Default::default()
                    };
                }
            }
            model.finish();
            Loaded {
                model,
                findings: Vec::new(),
                usable: true,
            }
        }
        Err(e) => Loaded {
            findings: lenient(file, Some(&e)),
            ..Default::default()
        },
    }
}

/// Whether the event pass built `file`'s model (`Ok(true)`), left it to serde-saphyr
/// (`Ok(false)`), or built another model than serde-saphyr does (`Err`, both shown): the two
/// typed passes compared, for tests.
#[doc(hidden)]
pub fn typed_passes_agree(file: &SourceFile) -> Result<bool, String> {
    let Some(fast) = super::events::load(file, false) else {
        return Ok(false);
    };
    let fast = format!("{fast:?}");
    match typed(file) {
        Ok(model) => {
            let slow = format!("{model:?}");
            // Where they part, with some context.
            let Some(at) = slow.bytes().zip(fast.bytes()).position(|(a, b)| a != b) else {
                return if slow.len() == fast.len() {
                    Ok(true)
                } else {
                    Err(format!("one model is longer: {slow} / {fast}"))
                };
            };
            let near = |s: &str| {
                let from = (0..=at.saturating_sub(200))
                    .rev()
                    .find(|&i| s.is_char_boundary(i));
                let to = ((at + 100).min(s.len())..=s.len()).find(|&i| s.is_char_boundary(i));
                s[from.unwrap_or(0)..to.unwrap_or(s.len())].to_string()
            };
            Err(format!(
                "serde-saphyr: …{}…\nevents:       …{}…",
                near(&slow),
                near(&fast)
            ))
        }
        Err(e) => Err(format!("serde-saphyr: {e}\nevents: {fast}")),
    }
}

/// Whether the fast scanner reads `file` (`Ok(true)`), leaves it to granit (`Ok(false)`), or
/// gives other events than granit does (`Err`, where they part): for tests and the fuzzer.
#[doc(hidden)]
pub fn scan_agrees(file: &SourceFile) -> Result<bool, String> {
    super::scan::agrees(file.content())
}

/// The model of a file read as yaml.v2's non-strict decode reads it (the generators before K20):
/// keys the model does not have are ignored with their values. `None` when the file has other
/// problems than unknown keys, or a shape only the serde-saphyr pass reads (tags, anchors).
pub fn load_ignoring_unknown(file: &SourceFile) -> Option<SigsYaml> {
    let mut model = super::events::load(file, true)?;
    model.finish();
    Some(model)
}

/// The typed pass through serde-saphyr (strict keys, `Spanned` values).
fn typed(file: &SourceFile) -> Result<SigsYaml, serde_saphyr::Error> {
    with_source(file, || {
        serde_saphyr::from_str_with_options::<SigsYaml>(file.content(), tree::parse_options())
    })
}

/// The finding for a YAML error from serde-saphyr (syntax or resource limit), placed through the
/// file's line index and worded without the crate's own location suffix.
pub fn yaml_error(file: &SourceFile, e: &serde_saphyr::Error) -> Finding {
    let mut pass = Lenient {
        file,
        findings: Vec::new(),
    };
    pass.syntax_error(e);
    pass.findings.remove(0)
}

/// The lenient pass alone: every problem the tree pass sees (empty for a sound file).
pub fn validate(file: &SourceFile) -> Vec<Finding> {
    lenient(file, None)
}

/// The lenient pass: every problem the file has, as findings.
fn lenient(file: &SourceFile, typed_error: Option<&serde_saphyr::Error>) -> Vec<Finding> {
    let mut pass = Lenient {
        file,
        findings: Vec::new(),
    };
    match tree::parse(file) {
        Err(e) => pass.syntax_error(&e),
        Ok(None) => pass.not_sigs(
            Span::new(file.content_start, 0),
            "the file is empty: a sigs.yaml is a mapping with the keys sigs, workinggroups, usergroups, committees",
        ),
        Ok(Some(root)) => pass.root(&root),
    }
    if pass.findings.is_empty()
        && let Some(e) = typed_error
    {
        // The tree pass found nothing the typed pass objected to: report serde-saphyr's own words.
        pass.parser_error("wrong-type", "invalid value", e);
    }
    pass.findings
}

/// The lenient pass over the YAML tree: walks it with the schema table and collects findings.
struct Lenient<'f> {
    file: &'f SourceFile,
    findings: Vec<Finding>,
}

impl<'f> Lenient<'f> {
    fn root(&mut self, root: &Node) {
        let Some(entries) = root.as_map() else {
            self.not_sigs(
                root.span,
                &format!(
                    "this is not a sigs.yaml: the document is {}, not a mapping with the keys sigs, workinggroups, usergroups, committees",
                    root.kind_name()
                ),
            );
            return;
        };
        let known = |k: &Node| {
            k.key_text()
                .is_some_and(|k| super::SigsYaml::RECORD.keys().any(|x| x == k))
        };
        if !entries.is_empty() && !entries.iter().any(|(k, _)| known(k)) {
            let keys: Vec<_> = entries
                .iter()
                .filter_map(|(k, _)| k.key_text())
                .take(5)
                .collect();
            self.not_sigs(
                root.span,
                &format!(
                    "this is not a sigs.yaml: none of its top-level keys ({}) is sigs, workinggroups, usergroups, committees or gb_rep",
                    keys.join(", ")
                ),
            );
            return;
        }
        let top = super::SigsYaml::RECORD;
        self.record(root, top, top.what);
    }

    fn syntax_error(&mut self, e: &serde_saphyr::Error) {
        match innermost(e) {
            serde_saphyr::Error::Budget { breach, .. } => {
                let message = format!("YAML resource limit exceeded: {}", budget_message(breach));
                self.push_at(e, "yaml-budget", message);
            }
            serde_saphyr::Error::AliasReplayLimitExceeded { .. }
            | serde_saphyr::Error::AliasExpansionLimitExceeded { .. }
            | serde_saphyr::Error::AliasReplayStackDepthExceeded { .. } => {
                let message = format!(
                    "YAML resource limit exceeded: aliases expand too much ({}); an alias bomb?",
                    clean_parser_message(&innermost(e).to_string())
                );
                self.push_at(e, "yaml-budget", message);
            }
            _ => self.parser_error("yaml-syntax", "invalid YAML", e),
        }
    }

    fn parser_error(&mut self, rule: &'static str, what: &str, e: &serde_saphyr::Error) {
        let message = format!("{what}: {}", clean_parser_message(&e.to_string()));
        self.push_at(e, rule, message);
    }

    fn push_at(&mut self, e: &serde_saphyr::Error, rule: &'static str, message: String) {
        let (span, what) = match e.location() {
            Some(loc) if loc.line() > 0 => {
                let at = self
                    .file
                    .offset_of(loc.line() as usize, loc.column() as usize);
                (Span::new(at, 0), "here")
            }
            _ => (Span::new(self.file.content_start, 0), "in this file"),
        };
        self.findings
            .push(Finding::new(rule, Severity::Error, message).label(span, what));
    }

    fn not_sigs(&mut self, span: Span, message: &str) {
        self.findings.push(
            Finding::new("not-sigs-yaml", Severity::Error, message)
                .label_plain(span)
                .help("sigs-lint reads a community's sigs.yaml (the README describes it); point it at the right file, or set `data-file` in .sigs-lint.yaml"),
        );
    }

    fn wrong_type(&mut self, node: &Node, what: &str, expected: &str) {
        self.findings.push(
            Finding::new(
                "wrong-type",
                Severity::Error,
                format!("{what} must be {expected}, found {}", node.kind_name()),
            )
            .label(node.span, format!("expected {expected}")),
        );
    }

    /// Checks a mapping against a record of the schema; `what` names it in messages.
    fn record(&mut self, node: &Node, rec: &'static Record, what: &str) {
        let entries = match &node.kind {
            NodeKind::Map(m) => m,
            NodeKind::Null => return,
            _ => return self.wrong_type(node, what, "a mapping"),
        };
        let mut seen: Vec<(&str, Span)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let Some(text) = k.key_text() else {
                self.wrong_type(k, &format!("a key in {what}"), "a string");
                continue;
            };
            let Some((key, shape)) = rec.fields.iter().find(|(x, _)| *x == text) else {
                let keys: Vec<&str> = rec.keys().collect();
                let mut f = Finding::new(
                    "unknown-field",
                    Severity::Error,
                    format!("unknown field `{text}` in {what}"),
                )
                .label(k.span, "not a field the generator knows");
                f = match did_you_mean(text, &keys) {
                    Some(s) => f.help(format!("did you mean `{s}`?")),
                    None => f.help(format!("known fields: {}", keys.join(", "))),
                };
                self.findings.push(f);
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(x, _)| x == key) {
                let first = *first;
                self.findings.push(
                    Finding::new(
                        "duplicate-key",
                        Severity::Error,
                        format!("`{key}` is given twice in {what}"),
                    )
                    .label(k.span, "second definition")
                    .label(first, "first defined here")
                    .help("YAML forbids duplicate keys and the generator rejects them; keep one"),
                );
                continue;
            }
            seen.push((key, k.span));
            self.value(key, v, shape);
        }
    }

    fn value(&mut self, key: &str, v: &Node, shape: &'static Shape) {
        match shape {
            Shape::Str(_) => self.scalar(&format!("`{key}`"), v),
            Shape::Record(rec) => self.record(v, rec, rec.what),
            Shape::StrList(_) | Shape::List(_) => {
                let items = match &v.kind {
                    NodeKind::Seq(items) => items,
                    NodeKind::Null => return,
                    _ => return self.wrong_type(v, &format!("`{key}`"), "a list"),
                };
                for item in items {
                    match shape {
                        Shape::List(rec) => {
                            let what = GroupKind::from_key(key)
                                .map_or(rec.what.to_string(), |k| format!("a {}", k.noun()));
                            if matches!(item.kind, NodeKind::Map(_)) {
                                self.record(item, rec, &what);
                            } else {
                                self.wrong_type(item, &format!("an entry of `{key}`"), "a mapping");
                            }
                        }
                        _ => self.scalar(&format!("an entry of `{key}`"), item),
                    }
                }
            }
        }
    }

    fn scalar(&mut self, what: &str, v: &Node) {
        if matches!(v.kind, NodeKind::Seq(_) | NodeKind::Map(_)) {
            self.wrong_type(v, what, "a string");
        }
    }
}

/// The closest known key, when it is close enough to be a likely typo.
/// Suggestions are for typos: names longer than this are not compared, and at most
/// [`SUGGEST_MAX_CANDIDATES`] candidates are (string similarity is quadratic in length).
pub const SUGGEST_MAX_LEN: usize = 128;
pub const SUGGEST_MAX_CANDIDATES: usize = 2000;

pub fn did_you_mean<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    if text.len() > SUGGEST_MAX_LEN {
        return None;
    }
    let lower = text.to_ascii_lowercase().replace('-', "_");
    known
        .iter()
        .filter(|k| k.len() <= SUGGEST_MAX_LEN)
        .take(SUGGEST_MAX_CANDIDATES)
        .map(|k| (strsim::jaro_winkler(&lower, k), *k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The error under serde-saphyr's alias and snippet wrappers.
fn innermost(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    loop {
        match e {
            serde_saphyr::Error::AliasError { error, .. }
            | serde_saphyr::Error::WithSnippet { error, .. } => e = error,
            _ => return e,
        }
    }
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Nodes { nodes } => format!(
            "the document expands to more than {} nodes (aliases that multiply: an alias bomb?)",
            nodes.saturating_sub(1)
        ),
        B::Aliases { aliases } => format!("more than {} aliases", aliases.saturating_sub(1)),
        B::Anchors { anchors } => format!("more than {} anchors", anchors.saturating_sub(1)),
        B::Depth { depth } => format!("nesting deeper than {} levels", depth.saturating_sub(1)),
        B::Events { events } => format!("more than {} parser events", events.saturating_sub(1)),
        B::ScalarBytes { total_scalar_bytes } => {
            format!("more than {total_scalar_bytes} bytes of scalar text")
        }
        B::RecordedAnchorEvents {
            recorded_anchor_events,
        } => format!(
            "anchors record more than {} events (aliases that multiply: an alias bomb?)",
            recorded_anchor_events.saturating_sub(1)
        ),
        other => format!("{other:?}"),
    }
}

/// serde-saphyr's messages end with "at line L column C"; our label carries the position.
fn clean_parser_message(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let trimmed = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    let trimmed = trimmed.trim_end_matches([',', '.', ':']);
    // The parser's words for what a person must do, where they name its own API.
    if trimmed.contains("multiple YAML documents") {
        return "the file holds more than one YAML document (a `---` line after content); the generator reads only the first and drops the rest when it rewrites the file: keep one document".into();
    }
    for (ty, name) in [
        ("u64", "an integer"),
        ("i64", "an integer"),
        ("u32", "an integer"),
        ("i32", "an integer"),
        ("f64", "a number"),
        ("bool", "a boolean"),
    ] {
        if trimmed == format!("invalid {ty}") {
            return format!(
                "a value tagged as {name} (e.g. `!!int`) is not {name}; drop the tag, the data holds strings"
            );
        }
    }
    trimmed.to_string()
}
