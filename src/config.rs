//! `.sigs-lint.yaml`: rule levels and rule parameters. Read with the same spanned loader as sigs.yaml,
//! so a mistake in it is a diagnostic that points at the offending value.
//!
//! ```yaml
//! generator: kubernetes-K35     # the generator flavour (recognised from generator/app.go when absent)
//! data-file: sigs.yaml          # kubeflow: wgs.yaml
//! templates: generator          # the repository's Go templates (built-in ones when absent)
//! outputs:                      # output file names; null turns one off
//!   list: sig-list.md           # kubeflow: wg-list.md
//!   aliases: OWNERS_ALIASES
//!   liaisons: liaisons.md       # kubeflow: null
//! rules:
//!   lead-details: off           # off | warn | error
//!   person-consistency: error
//! placeholder-url:
//!   hosts: [staging.example.dev] # more placeholder hosts
//!   allow: [test.com]            # hosts never reported
//! references:
//!   subproject-owners: [sigs, committees]   # kinds that may own subprojects
//!   stakeholder-sigs: [workinggroups]       # kinds that must (and alone may) name stakeholder SIGs
//! sig-required-fields:
//!   subprojects: true           # each SIG needs at least one subproject
//! meeting-format:
//!   timezones: ["AEST (Australian Eastern Standard Time)"]
//! ```

use std::collections::BTreeMap;

use crate::diagnostic::{Finding, Severity};
use crate::model::tree::{self, Node, NodeKind};
use crate::model::{GroupKind, did_you_mean};
use crate::source::{SourceFile, Span};

pub const CONFIG_FILE: &str = ".sigs-lint.yaml";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    Warn,
    Error,
}

/// Output file names (relative to the repository root); `None` turns an output off.
#[derive(Clone, Debug)]
pub struct Outputs {
    pub list: Option<String>,
    pub aliases: Option<String>,
    pub liaisons: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub data_file: String,
    /// The repository's template directory (used when it exists; else the built-in templates).
    pub templates: String,
    pub outputs: Outputs,
    pub levels: BTreeMap<String, Level>,
    pub placeholder_hosts: Vec<String>,
    pub allowed_hosts: Vec<String>,
    pub subproject_owners: Vec<GroupKind>,
    pub stakeholder_kinds: Vec<GroupKind>,
    pub sig_subprojects_required: bool,
    pub extra_timezones: Vec<String>,
    /// `generator:` — a flavour id that overrides recognition.
    pub generator: Option<String>,
    /// `baseline:` — the baseline file `check` applies (relative to the repository root).
    pub baseline: Option<String>,
    /// The top-level keys the file sets (the flavour fills in the others).
    pub set: Vec<&'static str>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_file: "sigs.yaml".into(),
            templates: "generator".into(),
            outputs: Outputs {
                list: Some("sig-list.md".into()),
                aliases: Some("OWNERS_ALIASES".into()),
                liaisons: Some("liaisons.md".into()),
            },
            levels: BTreeMap::new(),
            placeholder_hosts: Vec::new(),
            allowed_hosts: Vec::new(),
            subproject_owners: vec![GroupKind::Sig, GroupKind::Committee],
            stakeholder_kinds: vec![GroupKind::WorkingGroup],
            sig_subprojects_required: true,
            extra_timezones: Vec::new(),
            generator: None,
            baseline: None,
            set: Vec::new(),
        }
    }
}

impl Config {
    /// Why a group's README cannot be written under `dir`, if it cannot: the folder is named like
    /// a file or folder the pipeline reads or writes at the root, or it leaves the repository
    /// ([`crate::fsutil::unsafe_dir`]). The `safe-dir` rule reports it; the plan skips the group and
    /// `generate` refuses to write while one exists.
    pub fn unsafe_dir(&self, root: Option<&std::path::Path>, dir: &str) -> Option<String> {
        let folder = crate::fsutil::clean(dir);
        // Compared as a case-insensitive file system would (`Generator`, `sigs.yaml.`).
        use crate::fsutil::same_or_inside;
        let taken = [
            self.outputs.list.as_deref(),
            self.outputs.aliases.as_deref(),
            self.outputs.liaisons.as_deref(),
            Some(self.data_file.as_str()),
            Some(self.templates.as_str()),
        ]
        .into_iter()
        .flatten()
        .find(|p| same_or_inside(&folder, p.trim_end_matches('/')))
        .or_else(|| {
            // An output at the very place of the group's README.
            let readme = format!("{folder}/README.md");
            [
                &self.outputs.list,
                &self.outputs.aliases,
                &self.outputs.liaisons,
            ]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|p| same_or_inside(&readme, p))
        });
        match taken {
            Some(p) => Some(format!(
                "`{p}` is another file or folder the generator uses"
            )),
            None => crate::fsutil::unsafe_dir(root, dir),
        }
    }

    /// Fills in what the config file does not set from the generator flavour: data file, template
    /// directory, list output and whether `liaisons.md` is written.
    pub fn apply_flavour(&mut self, f: &crate::flavour::Flavour) {
        if !self.set.contains(&"data-file") {
            self.data_file = f.data_file.into();
        }
        if !self.set.contains(&"templates") {
            self.templates = f.template_dir.into();
        }
        if !self.set.contains(&"outputs") {
            self.outputs.list = Some(f.list_output.into());
            self.outputs.liaisons = f.liaisons.then(|| "liaisons.md".into());
        }
    }

    pub fn level(&self, rule: &str) -> Option<Level> {
        self.levels.get(rule).copied()
    }

    /// Parses a config file. `rule_ids` are the ids `rules:` may set levels for (the rule
    /// engine's registry; the config stores levels as data). Every problem is an error finding
    /// about this file; the config returned holds what could be read.
    pub fn parse(file: &SourceFile, rule_ids: &[&str]) -> (Config, Vec<Finding>) {
        let mut p = Parser {
            findings: Vec::new(),
        };
        let mut config = Config::default();
        let root = match tree::parse(file) {
            Ok(Some(root)) => root,
            Ok(None) => return (config, Vec::new()),
            Err(e) => return (config, vec![crate::model::yaml_error(file, &e)]),
        };
        const KEYS: &[&str] = &[
            "generator",
            "data-file",
            "templates",
            "outputs",
            "rules",
            "placeholder-url",
            "references",
            "sig-required-fields",
            "meeting-format",
            "baseline",
        ];
        // Where the file sets each path, for the clash test below.
        let mut at = PathSpans::default();
        for (key, v) in p.map(&root, KEYS) {
            if let Some(k) = KEYS.iter().find(|k| **k == key) {
                config.set.push(k);
            }
            match key {
                "generator" => {
                    if let Some(s) = p.string(v) {
                        if crate::flavour::by_id(&s).is_none() {
                            let ids: Vec<&str> =
                                crate::flavour::KNOWN.iter().map(|f| f.id).collect();
                            let help = did_you_mean(&s, &ids)
                                .map(|d| format!("did you mean `{d}`?"))
                                .unwrap_or_else(|| format!("known generators: {}", ids.join(", ")));
                            p.error(v.span, format!("unknown generator `{s}`"), Some(help));
                        } else {
                            config.generator = Some(s);
                        }
                    }
                }
                "data-file" => {
                    if let Some(s) = p.string(v).and_then(|s| p.inside(v, &s)) {
                        at.data_file = Some(v.span);
                        config.data_file = s;
                    }
                }
                "templates" => {
                    if let Some(s) = p.string(v).and_then(|s| p.inside(v, &s)) {
                        at.templates = Some(v.span);
                        config.templates = s;
                    }
                }
                "baseline" => {
                    if let Some(s) = p.string(v).and_then(|s| p.inside(v, &s)) {
                        at.baseline = Some(v.span);
                        config.baseline = Some(s);
                    }
                }
                "outputs" => {
                    for (k, v) in p.map(v, &["list", "aliases", "liaisons"]) {
                        let value = match &v.kind {
                            NodeKind::Null => None,
                            _ => p.string(v).and_then(|s| p.inside(v, &s)),
                        };
                        let span = value.as_ref().map(|_| v.span);
                        match k {
                            "list" => (config.outputs.list, at.list) = (value, span),
                            "aliases" => (config.outputs.aliases, at.aliases) = (value, span),
                            _ => (config.outputs.liaisons, at.liaisons) = (value, span),
                        }
                    }
                }
                "rules" => {
                    for (k, level) in p.entries(v) {
                        let Some(id) = k.key_text() else { continue };
                        if crate::diagnostic::check(id).is_some() {
                            p.error(
                                k.span,
                                format!("`{id}` is a check, not a rule: it cannot be configured"),
                                Some(format!(
                                    "checks are always on (`sigs-lint rule {id}` says what it checks); `--exit-zero` or a level for the rules is what can be set"
                                )),
                            );
                            continue;
                        }
                        if !rule_ids.contains(&id) {
                            let help = did_you_mean(id, rule_ids)
                                .map(|s| format!("did you mean `{s}`?"))
                                .unwrap_or_else(|| "`sigs-lint rules` lists the rule ids".into());
                            p.error(k.span, format!("unknown rule `{id}`"), Some(help));
                            continue;
                        }
                        if let Some(l) = p.level(level) {
                            config.levels.insert(id.to_string(), l);
                        }
                    }
                }
                "placeholder-url" => {
                    for (k, v) in p.map(v, &["hosts", "allow"]) {
                        let list = p.strings(v);
                        let list = list.into_iter().map(|s| s.to_ascii_lowercase()).collect();
                        match k {
                            "hosts" => config.placeholder_hosts = list,
                            _ => config.allowed_hosts = list,
                        }
                    }
                }
                "references" => {
                    for (k, v) in p.map(v, &["subproject-owners", "stakeholder-sigs"]) {
                        let kinds = p.kinds(v);
                        match k {
                            "subproject-owners" => config.subproject_owners = kinds,
                            _ => config.stakeholder_kinds = kinds,
                        }
                    }
                }
                "sig-required-fields" => {
                    for (_, v) in p.map(v, &["subprojects"]) {
                        if let Some(b) = p.bool(v) {
                            config.sig_subprojects_required = b;
                        }
                    }
                }
                _ => {
                    for (_, v) in p.map(v, &["timezones"]) {
                        config.extra_timezones = p.strings(v);
                    }
                }
            }
        }
        p.clashes(&config, &at);
        (config, p.findings)
    }
}

/// Where the config file sets each path it may set (`None`: not set, the default applies).
#[derive(Default)]
struct PathSpans {
    data_file: Option<Span>,
    templates: Option<Span>,
    baseline: Option<Span>,
    list: Option<Span>,
    aliases: Option<Span>,
    liaisons: Option<Span>,
}

struct Parser {
    findings: Vec<Finding>,
}

impl Parser {
    /// A path from the config must be a plain path relative to the repository root, out of
    /// `.git` and without control characters; it is returned without `./` and doubled slashes
    /// (`.` for the root itself), so that two spellings of one file compare equal.
    fn inside(&mut self, node: &Node, path: &str) -> Option<String> {
        use std::path::{Component, Path};
        let p = Path::new(path);
        let plain = !path.is_empty()
            && !path.contains('\\')
            && !p.is_absolute()
            && p.components()
                .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
        let why = if !plain {
            "leaves the repository"
        } else if path.chars().any(char::is_control) {
            "holds control characters"
        } else if crate::fsutil::in_git(p) {
            "is inside `.git`, the repository's own metadata"
        } else {
            let parts: Vec<&str> = p
                .components()
                .filter_map(|c| match c {
                    Component::Normal(n) => n.to_str(),
                    _ => None,
                })
                .collect();
            return Some(if parts.is_empty() {
                ".".into()
            } else {
                parts.join("/")
            });
        };
        self.error(
            node.span,
            format!("`{}` {why}", crate::diagnostic::visible_name(path)),
            Some(
                "paths in the config are plain names relative to the repository root, inside it and out of `.git`"
                    .into(),
            ),
        );
        None
    }

    /// An output must not be a file sigs-lint reads, nor another output: the data file (the one
    /// the file sets, else every flavour's), the config, the baseline, anything in the
    /// templates' folder (at the repository root, where outputs live too: any `.tmpl` file), or
    /// another output. `generate` would overwrite the one with the other,
    /// and the plan would silently keep one of two outputs of one path. Reported where the file
    /// sets one of the two (two defaults never clash).
    fn clashes(&mut self, config: &Config, at: &PathSpans) {
        // Names compared as a case-insensitive file system compares them: on a Mac, a list
        // output `SIGS.yaml` is the data file.
        use crate::fsutil::{same_or_inside, same_path};
        type Entry<'a> = (&'a str, &'a str, Option<Span>);
        let known = |name: fn(&crate::flavour::Flavour) -> &'static str| {
            crate::flavour::KNOWN
                .iter()
                .map(name)
                .collect::<std::collections::BTreeSet<&str>>()
        };
        let mut read: Vec<Entry> = vec![("the config file", CONFIG_FILE, None)];
        if at.data_file.is_some() {
            read.push(("the data file", config.data_file.as_str(), at.data_file));
        } else {
            read.extend(
                known(|f| f.data_file)
                    .into_iter()
                    .map(|n| ("a generator's data file", n, None)),
            );
        }
        if let Some(b) = &config.baseline {
            read.push(("the baseline", b.as_str(), at.baseline));
        }
        let template_dirs: Vec<Entry> = if at.templates.is_some() {
            vec![(
                "the templates' folder",
                config.templates.as_str(),
                at.templates,
            )]
        } else {
            known(|f| f.template_dir)
                .into_iter()
                .map(|n| ("a generator's templates folder", n, None))
                .collect()
        };
        let outputs = &config.outputs;
        let written: Vec<Entry> = [
            ("the list output", &outputs.list, at.list),
            ("the aliases output", &outputs.aliases, at.aliases),
            ("the liaisons output", &outputs.liaisons, at.liaisons),
        ]
        .into_iter()
        .filter_map(|(what, path, span)| path.as_deref().map(|p| (what, p, span)))
        .collect();
        for (i, &(what, path, span)) in written.iter().enumerate() {
            let same = written[..i]
                .iter()
                .chain(&read)
                .filter(|(_, p, _)| same_path(p, path))
                .map(|&(w, _, s)| (w.to_string(), s));
            let under = template_dirs.iter().filter_map(|&(w, d, s)| {
                if same_path(path, d) {
                    Some((w.to_string(), s))
                } else if same_or_inside(path, d) || (d == "." && path.ends_with(".tmpl")) {
                    Some((
                        format!("in {w} `{}`", crate::diagnostic::visible_name(d)),
                        s,
                    ))
                } else {
                    None
                }
            });
            for (other, other_span) in same.chain(under).collect::<Vec<_>>() {
                if let Some(at) = span.or(other_span) {
                    self.error(
                        at,
                        format!(
                            "{what} `{}` is also {other}: writing it would overwrite that",
                            crate::diagnostic::visible_name(path)
                        ),
                        Some("give each output a file of its own".into()),
                    );
                }
            }
        }
    }

    fn error(&mut self, span: Span, message: String, help: Option<String>) {
        let mut f = Finding::new("config", Severity::Error, message).label_plain(span);
        f.help = help;
        self.findings.push(f);
    }

    fn entries<'n>(&mut self, node: &'n Node) -> Vec<(&'n Node, &'n Node)> {
        match &node.kind {
            NodeKind::Map(m) => {
                // A key given twice: YAML forbids it, and the second would silently win.
                let mut seen = std::collections::HashSet::new();
                for (k, _) in m.iter() {
                    if let Some(text) = k.key_text()
                        && !seen.insert(text)
                    {
                        self.error(
                            k.span,
                            format!("duplicate key `{text}` in the config file"),
                            Some("give each key once".into()),
                        );
                    }
                }
                m.iter().map(|(k, v)| (k, v)).collect()
            }
            NodeKind::Null => Vec::new(),
            _ => {
                self.error(node.span, "expected a mapping".into(), None);
                Vec::new()
            }
        }
    }

    fn map<'n>(&mut self, node: &'n Node, known: &[&'static str]) -> Vec<(&'static str, &'n Node)> {
        let mut out = Vec::new();
        for (k, v) in self.entries(node) {
            let text = k.key_text().unwrap_or("");
            match known.iter().find(|&&x| x == text) {
                Some(&key) => out.push((key, v)),
                None => {
                    let help = did_you_mean(text, known)
                        .map(|s| format!("did you mean `{s}`?"))
                        .unwrap_or_else(|| format!("known keys: {}", known.join(", ")));
                    self.error(
                        k.span,
                        format!("unknown key `{text}` in the config file"),
                        Some(help),
                    );
                }
            }
        }
        out
    }

    fn string(&mut self, node: &Node) -> Option<String> {
        match &node.kind {
            NodeKind::Scalar { text, .. } => Some(text.clone()),
            _ => {
                self.error(node.span, "expected a string".into(), None);
                None
            }
        }
    }

    fn strings(&mut self, node: &Node) -> Vec<String> {
        match &node.kind {
            NodeKind::Seq(items) => items.iter().filter_map(|n| self.string(n)).collect(),
            NodeKind::Null => Vec::new(),
            _ => {
                self.error(node.span, "expected a list of strings".into(), None);
                Vec::new()
            }
        }
    }

    fn bool(&mut self, node: &Node) -> Option<bool> {
        match &node.kind {
            NodeKind::Scalar { text, .. } if text == "true" => Some(true),
            NodeKind::Scalar { text, .. } if text == "false" => Some(false),
            _ => {
                self.error(node.span, "expected `true` or `false`".into(), None);
                None
            }
        }
    }

    fn level(&mut self, node: &Node) -> Option<Level> {
        match &node.kind {
            NodeKind::Scalar { text, .. } => match text.as_str() {
                "off" => Some(Level::Off),
                "warn" | "warning" => Some(Level::Warn),
                "error" => Some(Level::Error),
                other => {
                    self.error(
                        node.span,
                        format!("invalid rule level `{other}`"),
                        Some("a rule level is one of `off`, `warn`, `error`".into()),
                    );
                    None
                }
            },
            // `off` unquoted is the YAML 1.1 boolean false to some parsers; we read the text.
            _ => {
                self.error(
                    node.span,
                    "expected a rule level".into(),
                    Some("a rule level is one of `off`, `warn`, `error`".into()),
                );
                None
            }
        }
    }

    fn kinds(&mut self, node: &Node) -> Vec<GroupKind> {
        let mut out = Vec::new();
        if let NodeKind::Seq(items) = &node.kind {
            for n in items {
                match n.key_text().and_then(GroupKind::from_key) {
                    Some(k) => out.push(k),
                    None => self.error(
                        n.span,
                        format!("unknown group kind `{}`", n.key_text().unwrap_or("")),
                        Some("one of sigs, workinggroups, usergroups, committees".into()),
                    ),
                }
            }
        } else if !matches!(node.kind, NodeKind::Null) {
            self.error(node.span, "expected a list of group kinds".into(), None);
        }
        out
    }
}
