//! The rule engine: a small [`Rule`] trait, one file per rule, and one registry list ([`RULES`]).
//! Adding a rule touches its source file, one line in `RULES` and its doc in `rules/<id>.md` (with
//! Bad, Good and Output examples a test runs). Rules read the model through the collections of
//! its one walk ([`crate::model::walk`]) and the [`Context`]'s shared parses; the config gives
//! each its level.

use std::sync::OnceLock;

use crate::config::{Config, Level};
use crate::diagnostic::{Finding, MAX_FINDINGS_PER_KIND, Severity};
use crate::model::{PersonRef, SigsYaml, Str};
use crate::source::SourceFile;

/// Declares a rule type whose `check` is the module's `check` function and whose doc is
/// `rules/<id>.md`.
macro_rules! declare_rule {
    // A rule that also reads URL fields: its `check_url` sees each, parsed once for all such rules.
    ($ty:ident, $id:literal, $severity:ident, urls) => {
        declare_rule!(@rule $ty, $id, $severity,
            fn reads_urls(&self) -> bool {
                true
            }
            fn check_url(
                &self,
                cx: &$crate::rules::Context<'_>,
                url: &$crate::rules::UrlField<'_>,
                sink: &mut $crate::rules::Sink,
            ) {
                check_url(cx, url, sink)
            }
        );
    };
    ($ty:ident, $id:literal, $severity:ident) => {
        declare_rule!(@rule $ty, $id, $severity,);
    };
    (@rule $ty:ident, $id:literal, $severity:ident, $($more:item)*) => {
        pub struct $ty;

        impl $crate::rules::Rule for $ty {
            fn id(&self) -> &'static str {
                $id
            }
            fn default_severity(&self) -> $crate::diagnostic::Severity {
                $crate::diagnostic::Severity::$severity
            }
            fn doc(&self) -> &'static str {
                include_str!(concat!("../../rules/", $id, ".md"))
            }
            fn check(&self, cx: &$crate::rules::Context<'_>, sink: &mut $crate::rules::Sink) {
                check(cx, sink)
            }
            $($more)*
        }
    };
}

mod dir_name;
mod duplicate_names;
mod github_login;
mod insecure_url;
mod label_format;
mod lead_details;
mod meeting_format;
mod person_consistency;
mod placeholder_url;
mod references;
mod required_chairs;
mod safe_dir;
mod sig_required_fields;
mod subproject_owners;
mod text_hygiene;
mod valid_email;
mod valid_url;

mod suppress;
pub mod urls;
pub mod util;

/// What a rule sees.
pub struct Context<'a> {
    pub model: &'a SigsYaml,
    pub file: &'a SourceFile,
    pub config: &'a Config,
    /// The repository root, when the data file is on disk (for rules that look at the file system).
    pub root: Option<&'a std::path::Path>,
    persons: OnceLock<Vec<PersonRef<'a>>>,
}

/// A value of a URL field, parsed once for all the rules that look at URLs (and not kept: a
/// parsed URL of every field was a sixth of the rules' peak memory).
pub struct UrlField<'a> {
    /// How messages name the field (`url`, `discord.url`, `owners`).
    pub field: std::borrow::Cow<'static, str>,
    /// How it is read: an absolute URL, a link that may be relative, a mailing list.
    pub text: crate::model::schema::Text,
    pub value: &'a Str,
    /// The parse of the value without surrounding whitespace and invisible characters.
    pub parsed: Result<urls::ParsedUrl<'a>, url::ParseError>,
}

impl<'a> Context<'a> {
    pub fn new(model: &'a SigsYaml, file: &'a SourceFile, config: &'a Config) -> Self {
        Context {
            model,
            file,
            config,
            root: None,
            persons: OnceLock::new(),
        }
    }

    /// Every person entry with its role (see [`SigsYaml::persons`]), collected once for all rules.
    pub fn persons(&self) -> &[PersonRef<'a>] {
        self.persons.get_or_init(|| self.model.persons())
    }
}

/// Collects one rule's findings, pre-filled with its id and default severity: the first
/// [`MAX_FINDINGS_PER_KIND`] are kept, the rest only counted (a flood is not held in memory).
pub struct Sink {
    rule: &'static str,
    severity: Severity,
    findings: Vec<Finding>,
    more: usize,
}

impl Sink {
    fn new(rule: &dyn Rule) -> Self {
        Sink {
            rule: rule.id(),
            severity: rule.default_severity(),
            findings: Vec::new(),
            more: 0,
        }
    }

    /// A finding of this rule at its default severity; `push` it when complete.
    pub fn finding(&self, message: impl Into<String>) -> Finding {
        Finding::new(self.rule, self.severity, message)
    }

    pub fn push(&mut self, finding: Finding) {
        if self.findings.len() < MAX_FINDINGS_PER_KIND {
            self.findings.push(finding);
        } else {
            self.more += 1;
        }
    }
}

pub trait Rule: Sync {
    fn id(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// The rule's documentation (`rules/<id>.md`), embedded in the binary.
    fn doc(&self) -> &'static str;
    fn check(&self, cx: &Context<'_>, sink: &mut Sink);
    /// Whether [`Rule::check_url`] is to be called.
    fn reads_urls(&self) -> bool {
        false
    }
    /// For each URL field (see [`SigsYaml::url_fields`]), in document order, before `check`.
    fn check_url(&self, _cx: &Context<'_>, _url: &UrlField<'_>, _sink: &mut Sink) {}

    /// The doc's one-line summary: its first paragraph after the title.
    fn summary(&self) -> &'static str {
        doc_summary(self.doc())
    }
}

/// Every rule, in the order `sigs-lint rules` lists them.
pub static RULES: &[&dyn Rule] = &[
    &required_chairs::RequiredChairs,
    &lead_details::LeadDetails,
    &label_format::LabelFormat,
    &dir_name::DirName,
    &valid_url::ValidUrl,
    &insecure_url::InsecureUrl,
    &placeholder_url::PlaceholderUrl,
    &subproject_owners::SubprojectOwners,
    &valid_email::ValidEmail,
    &github_login::GithubLogin,
    &duplicate_names::DuplicateNames,
    &person_consistency::PersonConsistency,
    &references::References,
    &sig_required_fields::SigRequiredFields,
    &meeting_format::MeetingFormat,
    &text_hygiene::TextHygiene,
    &safe_dir::SafeDir,
];

/// `--select` / `--ignore`: keeps the rule findings whose id is selected (all when `select` is
/// empty) and not ignored; the checks' findings always stay.
pub fn select(findings: &mut Vec<Finding>, select: &[String], ignore: &[String]) {
    findings.retain(|f| {
        find(f.rule).is_none()
            || ((select.is_empty() || select.iter().any(|s| s == f.rule))
                && !ignore.iter().any(|s| s == f.rule))
    });
}

/// Why an id given to `--select` / `--ignore` is refused, if it is.
pub fn selectable(id: &str) -> Result<(), String> {
    if find(id).is_some() {
        return Ok(());
    }
    if crate::diagnostic::check(id).is_some() {
        return Err(format!(
            "`{id}` is a check, not a rule: checks are always reported"
        ));
    }
    let hint = crate::model::did_you_mean(id, &ids())
        .map_or_else(String::new, |s| format!(" (did you mean `{s}`?)"));
    Err(format!(
        "unknown rule `{id}`{hint}; `sigs-lint rules` lists them"
    ))
}

/// Every rule id (what the config's `rules:` may set levels for).
pub fn ids() -> Vec<&'static str> {
    RULES.iter().map(|r| r.id()).collect()
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.id() == id)
}

/// Runs every enabled rule and applies the configured levels. Findings are not sorted here.
pub fn run(model: &SigsYaml, file: &SourceFile, config: &Config) -> Vec<Finding> {
    run_in(model, file, config, None)
}

/// Like [`run`], for a data file inside the repository `root`.
pub fn run_in(
    model: &SigsYaml,
    file: &SourceFile,
    config: &Config,
    root: Option<&std::path::Path>,
) -> Vec<Finding> {
    let mut cx = Context::new(model, file, config);
    cx.root = root;
    // Each enabled rule's sink; the URL fields are parsed once, each handed to every rule that
    // reads them, then each rule checks the rest.
    let mut sinks: Vec<Option<Sink>> = RULES
        .iter()
        .map(|rule| (config.level(rule.id()) != Some(Level::Off)).then(|| Sink::new(*rule)))
        .collect();
    if RULES
        .iter()
        .zip(&sinks)
        .any(|(r, s)| r.reads_urls() && s.is_some())
    {
        for (field, text, value) in model.url_fields() {
            let url = UrlField {
                field,
                text,
                value,
                parsed: urls::parse(util::core_value(&value.value)),
            };
            for (rule, sink) in RULES.iter().zip(&mut sinks) {
                if let Some(sink) = sink.as_mut().filter(|_| rule.reads_urls()) {
                    rule.check_url(&cx, &url, sink);
                }
            }
        }
    }
    let mut findings = Vec::new();
    for (rule, sink) in RULES.iter().zip(sinks) {
        let Some(mut sink) = sink else { continue };
        rule.check(&cx, &mut sink);
        let level = config.level(rule.id());
        let start = findings.len();
        findings.append(&mut sink.findings);
        // A flood of one rule's findings helps nobody and costs memory: the first ones are kept.
        let more = sink.more;
        // Without a level the rule's own severities stand: warnings (upstream's verdict: the
        // community generators enforce none of the rules), `safe-dir` an error (sigs-lint itself
        // refuses to write outside the repository). A level applies to all its findings.
        if let Some(level) = level {
            let severity = match level {
                Level::Warn => Severity::Warning,
                _ => Severity::Error,
            };
            for f in &mut findings[start..] {
                f.severity = severity;
            }
        }
        if more > 0 {
            findings.push(crate::diagnostic::more_not_shown(rule.id(), more));
        }
    }
    suppress::apply(file, model, config, &mut findings);
    findings
}

pub use crate::diagnostic::{doc_section, doc_summary};
