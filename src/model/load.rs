//! From bytes to the typed model, reporting every problem on the way: invalid UTF-8, YAML syntax,
//! a file that is not a sigs.yaml at all, unknown keys (upstream's generator decodes strictly), values
//! of the wrong type and duplicate keys. Loading goes on past each problem wherever it can.

use super::tree::{self, Node, NodeKind};
use super::*;
use crate::diagnostic::{Finding, Severity};
use crate::source::SourceFile;

/// The top-level keys of a sigs.yaml.
pub const KNOWN_TOP_LEVEL: &[&str] = &[
    "sigs",
    "workinggroups",
    "usergroups",
    "committees",
    "gb_rep",
];
const GROUP_KEYS: &[&str] = &[
    "dir",
    "name",
    "mission_statement",
    "charter_link",
    "stakeholder_sigs",
    "label",
    "leadership",
    "meetings",
    "contact",
    "subprojects",
];
const LEADERSHIP_KEYS: &[&str] = &["chairs", "tech_leads", "emeritus_leads"];
const PERSON_KEYS: &[&str] = &["github", "name", "company", "email"];
const MEETING_KEYS: &[&str] = &[
    "description",
    "day",
    "time",
    "tz",
    "frequency",
    "url",
    "archive_url",
    "recordings_url",
    "calendar_url",
];
const CONTACT_KEYS: &[&str] = &[
    "slack",
    "discord",
    "mailing_list",
    "private_mailing_list",
    "teams",
    "liaison",
];
const DISCORD_KEYS: &[&str] = &["name", "url"];
const TEAM_KEYS: &[&str] = &["name", "description"];
const SUBPROJECT_KEYS: &[&str] = &[
    "name",
    "description",
    "contact",
    "owners",
    "leads",
    "meetings",
];

/// The result of loading: the model (as complete as the input allows) and the load findings.
#[derive(Debug, Default)]
pub struct Loaded {
    pub model: SigsYaml,
    pub findings: Vec<Finding>,
    /// False when the input is not usable as a sigs.yaml at all (syntax error, not a mapping, none of
    /// the known keys): rules are not run on it.
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

/// Loads a sigs.yaml from its source file.
pub fn load(file: &SourceFile) -> Loaded {
    let mut cx = Cx {
        file,
        findings: Vec::new(),
    };
    let root = match tree::parse(file) {
        Ok(root) => root,
        Err(e) => {
            cx.syntax_error(&e);
            return Loaded {
                findings: cx.findings,
                ..Default::default()
            };
        }
    };
    let Some(root) = root else {
        cx.not_sigs(
            Span::new(file.content_start, 0),
            "the file is empty: a sigs.yaml is a mapping with the keys sigs, workinggroups, usergroups, committees",
        );
        return Loaded {
            findings: cx.findings,
            ..Default::default()
        };
    };
    let Some(entries) = root.as_map() else {
        cx.not_sigs(
            root.span,
            &format!(
                "this is not a sigs.yaml: the document is {}, not a mapping with the keys sigs, workinggroups, usergroups, committees",
                root.kind_name()
            ),
        );
        return Loaded {
            findings: cx.findings,
            ..Default::default()
        };
    };
    let knows_any = entries
        .iter()
        .any(|(k, _)| k.key_text().is_some_and(|k| KNOWN_TOP_LEVEL.contains(&k)));
    if !knows_any && !entries.is_empty() {
        let keys: Vec<_> = entries
            .iter()
            .filter_map(|(k, _)| k.key_text())
            .take(5)
            .collect();
        cx.not_sigs(
            root.span,
            &format!(
                "this is not a sigs.yaml: none of its top-level keys ({}) is sigs, workinggroups, usergroups, committees or gb_rep",
                keys.join(", ")
            ),
        );
        return Loaded {
            findings: cx.findings,
            ..Default::default()
        };
    }
    let mut model = SigsYaml::default();
    for (key, k, v) in cx.fields(&root, "the top level", KNOWN_TOP_LEVEL) {
        match key {
            "gb_rep" => model.gb_rep = cx.person(v),
            _ => {
                if let Some(kind) = GroupKind::from_key(key) {
                    let groups = cx.list(k, v, |cx, n| cx.group(kind, n));
                    model.groups_of_mut(kind).extend(groups);
                }
            }
        }
    }
    Loaded {
        model,
        findings: cx.findings,
        usable: true,
    }
}

struct Cx<'f> {
    file: &'f SourceFile,
    findings: Vec<Finding>,
}

impl<'f> Cx<'f> {
    fn syntax_error(&mut self, e: &serde_saphyr::Error) {
        let (span, what) = match e.location() {
            Some(loc) if loc.line() > 0 => {
                let at = self
                    .file
                    .offset_of(loc.line() as usize, loc.column() as usize);
                (Span::new(at, 0), "here")
            }
            _ => (Span::new(self.file.content_start, 0), "in this file"),
        };
        let (rule, text) = match innermost(e) {
            serde_saphyr::Error::Budget { breach, .. } => (
                "yaml-budget",
                format!("YAML resource limit exceeded: {}", budget_message(breach)),
            ),
            _ => (
                "yaml-syntax",
                format!("invalid YAML: {}", clean_parser_message(&e.to_string())),
            ),
        };
        self.findings
            .push(Finding::new(rule, Severity::Error, text).label(span, what));
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

    /// The entries of a mapping whose keys are known, reporting unknown and duplicate keys. `what`
    /// names the mapping in messages.
    fn fields<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&'static str],
    ) -> Vec<(&'static str, &'n Node, &'n Node)> {
        let entries = match &node.kind {
            NodeKind::Map(m) => m,
            NodeKind::Null => return Vec::new(),
            _ => {
                self.wrong_type(node, what, "a mapping");
                return Vec::new();
            }
        };
        let mut out: Vec<(&'static str, &'n Node, &'n Node)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let Some(text) = k.key_text() else {
                self.wrong_type(k, &format!("a key in {what}"), "a string");
                continue;
            };
            let Some(&key) = known.iter().find(|&&x| x == text) else {
                let mut f = Finding::new(
                    "unknown-field",
                    Severity::Error,
                    format!("unknown field `{text}` in {what}"),
                )
                .label(k.span, "not a field the generator knows");
                f = match did_you_mean(text, known) {
                    Some(s) => f.help(format!("did you mean `{s}`?")),
                    None => f.help(format!("known fields: {}", known.join(", "))),
                };
                self.findings.push(f);
                continue;
            };
            if let Some((_, first, _)) = out.iter().find(|(x, _, _)| *x == key) {
                let first_span = first.span;
                self.findings.push(
                    Finding::new(
                        "duplicate-key",
                        Severity::Error,
                        format!("`{key}` is given twice in {what}"),
                    )
                    .label(k.span, "second definition")
                    .label(first_span, "first defined here")
                    .help("YAML forbids duplicate keys and the generator rejects them; keep one"),
                );
                continue;
            }
            out.push((key, k, v));
        }
        out
    }

    fn string(&mut self, key: &str, v: &Node) -> Option<Str> {
        match &v.kind {
            NodeKind::Null => None,
            NodeKind::Scalar { text, .. } => Some(Str {
                value: text.clone(),
                span: v.span,
            }),
            _ => {
                self.wrong_type(v, &format!("`{key}`"), "a string");
                None
            }
        }
    }

    fn list<T>(
        &mut self,
        key: &Node,
        v: &Node,
        mut f: impl FnMut(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        match &v.kind {
            NodeKind::Null => Vec::new(),
            NodeKind::Seq(items) => items.iter().filter_map(|n| f(self, n)).collect(),
            _ => {
                let name = key.key_text().unwrap_or("value").to_string();
                self.wrong_type(v, &format!("`{name}`"), "a list");
                Vec::new()
            }
        }
    }

    fn strings(&mut self, key: &Node, v: &Node) -> Vec<Str> {
        let name = key.key_text().unwrap_or("value").to_string();
        self.list(key, v, |cx, n| {
            cx.string(&format!("an entry of `{name}`"), n)
        })
    }

    fn group(&mut self, kind: GroupKind, node: &Node) -> Option<Group> {
        if !matches!(node.kind, NodeKind::Map(_)) {
            self.wrong_type(node, &format!("an entry of `{}`", kind.key()), "a mapping");
            return None;
        }
        let mut g = Group {
            kind,
            span: node.span,
            dir: None,
            name: None,
            mission_statement: None,
            charter_link: None,
            stakeholder_sigs_key: None,
            stakeholder_sigs: Vec::new(),
            label: None,
            leadership: None,
            meetings: Vec::new(),
            contact: None,
            subprojects_key: None,
            subprojects: Vec::new(),
        };
        let what = format!("a {}", kind.noun());
        for (key, k, v) in self.fields(node, &what, GROUP_KEYS) {
            match key {
                "dir" => g.dir = self.string(key, v),
                "name" => g.name = self.string(key, v),
                "mission_statement" => g.mission_statement = self.string(key, v),
                "charter_link" => g.charter_link = self.string(key, v),
                "label" => g.label = self.string(key, v),
                "stakeholder_sigs" => {
                    g.stakeholder_sigs_key = Some(k.span);
                    g.stakeholder_sigs = self.strings(k, v);
                }
                "leadership" => g.leadership = self.leadership(v),
                "meetings" => g.meetings = self.list(k, v, Cx::meeting),
                "contact" => g.contact = self.contact(v),
                "subprojects" => {
                    g.subprojects_key = Some(k.span);
                    g.subprojects = self.list(k, v, Cx::subproject);
                }
                _ => {}
            }
        }
        Some(g)
    }

    fn leadership(&mut self, node: &Node) -> Option<Leadership> {
        let mut l = Leadership {
            span: node.span,
            ..Default::default()
        };
        for (key, k, v) in self.fields(node, "`leadership`", LEADERSHIP_KEYS) {
            let people = self.list(k, v, Cx::person);
            match key {
                "chairs" => l.chairs = people,
                "tech_leads" => l.tech_leads = people,
                _ => l.emeritus_leads = people,
            }
        }
        matches!(node.kind, NodeKind::Map(_)).then_some(l)
    }

    fn person(&mut self, node: &Node) -> Option<Person> {
        if matches!(node.kind, NodeKind::Null) {
            return None;
        }
        let mut p = Person {
            span: node.span,
            ..Default::default()
        };
        let fields = self.fields(node, "a person", PERSON_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        for (key, _, v) in fields {
            let s = self.string(key, v);
            match key {
                "github" => p.github = s,
                "name" => p.name = s,
                "company" => p.company = s,
                _ => p.email = s,
            }
        }
        Some(p)
    }

    fn meeting(&mut self, node: &Node) -> Option<Meeting> {
        let fields = self.fields(node, "a meeting", MEETING_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        let mut m = Meeting {
            span: node.span,
            ..Default::default()
        };
        for (key, _, v) in fields {
            let s = self.string(key, v);
            match key {
                "description" => m.description = s,
                "day" => m.day = s,
                "time" => m.time = s,
                "tz" => m.tz = s,
                "frequency" => m.frequency = s,
                "url" => m.url = s,
                "archive_url" => m.archive_url = s,
                "recordings_url" => m.recordings_url = s,
                _ => m.calendar_url = s,
            }
        }
        Some(m)
    }

    fn contact(&mut self, node: &Node) -> Option<Contact> {
        let fields = self.fields(node, "`contact`", CONTACT_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        let mut c = Contact {
            span: node.span,
            ..Default::default()
        };
        for (key, k, v) in fields {
            match key {
                "slack" => c.slack = self.string(key, v),
                "mailing_list" => c.mailing_list = self.string(key, v),
                "private_mailing_list" => c.private_mailing_list = self.string(key, v),
                "discord" => c.discord = self.discord(v),
                "teams" => c.teams = self.list(k, v, Cx::team),
                _ => c.liaison = self.person(v),
            }
        }
        Some(c)
    }

    fn discord(&mut self, node: &Node) -> Option<Discord> {
        let fields = self.fields(node, "`discord`", DISCORD_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        let mut d = Discord {
            span: node.span,
            ..Default::default()
        };
        for (key, _, v) in fields {
            let s = self.string(key, v);
            match key {
                "name" => d.name = s,
                _ => d.url = s,
            }
        }
        Some(d)
    }

    fn team(&mut self, node: &Node) -> Option<Team> {
        let fields = self.fields(node, "a team", TEAM_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        let mut t = Team {
            span: node.span,
            ..Default::default()
        };
        for (key, _, v) in fields {
            let s = self.string(key, v);
            match key {
                "name" => t.name = s,
                _ => t.description = s,
            }
        }
        Some(t)
    }

    fn subproject(&mut self, node: &Node) -> Option<Subproject> {
        let fields = self.fields(node, "a subproject", SUBPROJECT_KEYS);
        if !matches!(node.kind, NodeKind::Map(_)) {
            return None;
        }
        let mut s = Subproject {
            span: node.span,
            ..Default::default()
        };
        for (key, k, v) in fields {
            match key {
                "name" => s.name = self.string(key, v),
                "description" => s.description = self.string(key, v),
                "contact" => s.contact = self.contact(v),
                "owners" => {
                    s.owners_key = Some(k.span);
                    s.owners = self.strings(k, v);
                }
                "leads" => s.leads = self.list(k, v, Cx::person),
                _ => s.meetings = self.list(k, v, Cx::meeting),
            }
        }
        Some(s)
    }
}

/// The closest known key, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(text: &str, known: &[&'a str]) -> Option<&'a str> {
    let lower = text.to_ascii_lowercase().replace('-', "_");
    known
        .iter()
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
    trimmed.trim_end_matches([',', '.', ':']).to_string()
}
