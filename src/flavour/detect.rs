//! Recognising a repository's generator flavour with no configuration. `generator/app.go` is read
//! as text, never run: its struct types (fields, Go types, YAML tags), its methods (receiver kind),
//! its funcMap, its file-name constants and a few validation messages make a fingerprint, compared
//! with the fingerprint of every known flavour; `go.mod` names the yaml.v3 version. A repository
//! with templates but no `app.go` gets the newest kubernetes flavour whose functions cover its
//! templates; one with neither gets sigs-lint's built-in templates.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use regex::Regex;

use super::types::{FieldDecl, MethodDecl, TypeDecl, TypeTree};
use super::{Flavour, Fork, KNOWN, LabelRule, SigSubprojects, Validation, YamlEmitter};

/// Where generators keep `app.go`, relative to the repository root.
pub const APP_GO_PATHS: &[&str] = &["generator/app.go", "tools/sigs/generator/app.go"];

/// The flavour chosen for a repository, and why.
#[derive(Clone, Debug)]
pub struct Detected {
    pub flavour: &'static Flavour,
    /// One line: how it was chosen (printed once per run).
    pub reason: String,
    /// What differs from the chosen flavour, when nothing matched exactly.
    pub notice: Option<String>,
}

impl Detected {
    /// The flavour and the reason as reports show them.
    pub fn report(&self) -> crate::diagnostic::Generator {
        crate::diagnostic::Generator {
            reason: self.reason.clone(),
            json: self.to_json(),
        }
    }

    /// The flavour and the reason as JSON (the `generator` object of json and SARIF output).
    pub fn to_json(&self) -> serde_json::Value {
        let f = self.flavour;
        serde_json::json!({
            "id": f.id,
            "title": f.title,
            "reason": self.reason,
            "notice": self.notice,
            "data_file": f.data_file,
            "template_dir": f.template_dir,
            "list_output": f.list_output,
            "liaisons": f.liaisons,
            "yaml_emitter": f.yaml.describe(),
            "validation_fatal": f.validation_fatal,
        })
    }
}

/// What `app.go` declares, as far as templates and the pipeline can tell.
#[derive(Debug, Default)]
pub struct AppGo {
    pub tree: TypeTree,
    pub funcs: BTreeSet<String>,
    pub consts: BTreeMap<String, String>,
    pub yaml_v3: bool,
    pub text: String,
}

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

/// Reads the declarations out of Go source text, line by line (gofmt'ed source: a declaration
/// starts its line, a struct's closing brace stands alone).
pub fn parse_app_go(text: &str) -> AppGo {
    let mut app = AppGo {
        text: text.to_string(),
        yaml_v3: text.contains("gopkg.in/yaml.v3"),
        ..AppGo::default()
    };
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("type ") {
            let mut words = rest.split_whitespace();
            let (Some(name), Some(kind)) = (words.next(), words.next()) else {
                continue;
            };
            let tail: Vec<&str> = words.collect();
            if kind == "struct" && tail == ["{"] {
                let mut fields = Vec::new();
                for l in lines.by_ref() {
                    if l.trim_end() == "}" {
                        break;
                    }
                    if let Some(f) = field_decl(l) {
                        fields.push(f);
                    }
                }
                app.tree.types.push(TypeDecl {
                    name: name.to_string(),
                    fields: Some(fields),
                });
            } else if kind == "string" && tail.is_empty() {
                app.tree.types.push(TypeDecl {
                    name: name.to_string(),
                    fields: None,
                });
            }
        } else if let Some(rest) = line.strip_prefix("func (") {
            if let Some(m) = method_decl(rest) {
                app.tree.methods.push(m);
            }
        } else if line.contains("FuncMap{") {
            for l in lines.by_ref() {
                let t = l.trim();
                if t.starts_with('}') {
                    break;
                }
                if let Some(name) = t.strip_prefix('"').and_then(|r| r.split_once('"'))
                    && r_is_key(name.1)
                {
                    app.funcs.insert(name.0.to_string());
                }
            }
        } else if let Some((k, v)) = const_decl(line) {
            app.consts.insert(k, v);
        }
    }
    app.tree.methods.sort();
    app
}

fn r_is_key(after: &str) -> bool {
    after.trim_start().starts_with(':')
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
}

/// `Name Type `yaml:"key,omitempty"`` (exported fields only; embedded fields are skipped).
fn field_decl(line: &str) -> Option<FieldDecl> {
    let code = match line.find("//") {
        Some(i) if !line[..i].contains('`') => &line[..i],
        _ => line,
    };
    let code = code.trim();
    let (name, rest) = code.split_once(char::is_whitespace)?;
    if !is_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let rest = rest.trim_start();
    let (ty, tag) = match rest.find('`') {
        Some(i) => (rest[..i].trim(), &rest[i..]),
        None => (rest.trim(), ""),
    };
    if ty.is_empty() || ty.contains(char::is_whitespace) {
        return None;
    }
    let yaml = tag
        .split_once("yaml:\"")
        .and_then(|(_, r)| r.split_once('"'))
        .map(|(v, _)| v);
    let (key, omitempty) = match yaml {
        Some(v) => {
            let mut parts = v.split(',');
            let key = parts.next().unwrap_or("");
            let oe = parts.any(|p| p == "omitempty");
            (
                if key.is_empty() {
                    name.to_lowercase()
                } else {
                    key.to_string()
                },
                oe,
            )
        }
        None => (name.to_lowercase(), false),
    };
    Some(FieldDecl {
        name: name.to_string(),
        ty: ty.to_string(),
        key,
        omitempty,
    })
}

/// After `func (`: `recv *Type) Name(params) results {`.
fn method_decl(rest: &str) -> Option<MethodDecl> {
    let (recv, rest) = rest.split_once(')')?;
    let ptr = recv.contains('*');
    let recv = recv.split_whitespace().last()?.trim_start_matches('*');
    let rest = rest.trim_start();
    let open = rest.find('(')?;
    let name = rest[..open].trim();
    if !is_ident(name) || !name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    // The parameter list, up to its matching parenthesis.
    let mut depth = 0;
    let mut close = None;
    for (i, c) in rest[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let params = rest[open + 1..close].trim();
    let results = rest[close + 1..].trim().trim_end_matches('{').trim();
    Some(MethodDecl {
        recv: recv.to_string(),
        name: name.to_string(),
        ptr,
        params: if params.is_empty() {
            0
        } else {
            top_level_commas(params) + 1
        },
        results: if results.is_empty() {
            0
        } else if let Some(inner) = results.strip_prefix('(') {
            top_level_commas(inner.trim_end_matches(')')) + 1
        } else {
            1
        },
    })
}

fn top_level_commas(s: &str) -> usize {
    let mut depth = 0i32;
    let mut n = 0;
    for c in s.chars() {
        match c {
            '(' | '{' | '[' => depth += 1,
            ')' | '}' | ']' => depth -= 1,
            ',' if depth == 0 => n += 1,
            _ => {}
        }
    }
    n
}

/// `name = "value"` (a string constant or variable).
fn const_decl(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once('=')?;
    let k = k.trim();
    let k = k.strip_prefix("const ").unwrap_or(k).trim();
    let v = v.trim();
    if !is_ident(k) || v.len() < 2 || !v.starts_with('"') || !v.ends_with('"') {
        return None;
    }
    let v = &v[1..v.len() - 1];
    if v.contains('"') {
        return None;
    }
    Some((k.to_string(), v.to_string()))
}

/// The data model's types: what a template can reach from the Context.
const MODEL_TYPES: &[&str] = &[
    "FoldedString",
    "Person",
    "Meeting",
    "Contact",
    "Discord",
    "GithubTeam",
    "GithubTeams",
    "Subproject",
    "LeadershipGroup",
    "Group",
    "WGName",
    "SIGName",
    "Context",
    "Releases",
];

fn fingerprint(
    tree: &TypeTree,
    funcs: &BTreeSet<String>,
    files: &Files,
) -> BTreeMap<String, String> {
    let mut model = TypeTree {
        types: tree
            .types
            .iter()
            .filter(|t| MODEL_TYPES.contains(&t.name.as_str()))
            .cloned()
            .collect(),
        methods: tree
            .methods
            .iter()
            .filter(|m| MODEL_TYPES.contains(&m.recv.as_str()))
            .cloned()
            .collect(),
    };
    model.methods.sort();
    let mut out = model.describe();
    for f in funcs {
        out.insert(format!("func {f}"), format!("template function {f}"));
    }
    out.insert("file data".into(), format!("data file {}", files.data));
    out.insert("file list".into(), format!("list output {}", files.list));
    out.insert(
        "file liaisons".into(),
        format!(
            "liaisons output {}",
            files.liaisons.as_deref().unwrap_or("none")
        ),
    );
    out.insert(
        "dir templates".into(),
        format!("templates in {}/", files.templates),
    );
    out
}

struct Files {
    data: String,
    list: String,
    liaisons: Option<String>,
    templates: String,
}

fn flavour_files(f: &Flavour) -> Files {
    Files {
        data: f.data_file.into(),
        list: f.list_output.into(),
        liaisons: f.liaisons.then(|| "liaisons.md".into()),
        templates: f.template_dir.into(),
    }
}

fn flavour_fingerprint(f: &'static Flavour) -> BTreeMap<String, String> {
    let funcs = f.func_names().into_iter().map(String::from).collect();
    fingerprint(f.tree(), &funcs, &flavour_files(f))
}

fn app_fingerprint(app: &AppGo, app_dir: &str) -> BTreeMap<String, String> {
    fingerprint(&app.tree, &app.funcs, &app_files(app, app_dir))
}

/// What a fingerprint compares, without words: fields by (type, name) with their position,
/// named types, methods by (receiver, name), functions and file names.
struct Fp<'a> {
    fields: HashMap<(&'a str, &'a str), (usize, &'a FieldDecl)>,
    named: HashSet<&'a str>,
    methods: HashMap<(&'a str, &'a str), &'a MethodDecl>,
    funcs: HashSet<&'a str>,
    files: Files,
}

impl<'a> Fp<'a> {
    fn new(tree: &'a TypeTree, funcs: impl IntoIterator<Item = &'a str>, files: Files) -> Self {
        let mut fp = Fp {
            fields: HashMap::new(),
            named: HashSet::new(),
            methods: HashMap::new(),
            funcs: funcs.into_iter().collect(),
            files,
        };
        for t in tree
            .types
            .iter()
            .filter(|t| MODEL_TYPES.contains(&t.name.as_str()))
        {
            match &t.fields {
                None => {
                    fp.named.insert(&t.name);
                }
                Some(fields) => {
                    for (i, f) in fields.iter().enumerate() {
                        fp.fields.insert((&t.name, &f.name), (i, f));
                    }
                }
            }
        }
        for m in tree
            .methods
            .iter()
            .filter(|m| MODEL_TYPES.contains(&m.recv.as_str()))
        {
            fp.methods.insert((&m.recv, &m.name), m);
        }
        fp
    }

    /// How many fingerprint lines differ (as `fingerprint` would count them).
    fn distance(&self, other: &Fp<'_>) -> usize {
        let mut n = differ(&self.fields, &other.fields) + differ(&self.methods, &other.methods);
        n += set_differ(&self.named, &other.named);
        n += set_differ(&self.funcs, &other.funcs);
        n += usize::from(self.files.data != other.files.data);
        n += usize::from(self.files.list != other.files.list);
        n += usize::from(self.files.liaisons != other.files.liaisons);
        n += usize::from(self.files.templates != other.files.templates);
        n
    }
}

/// Entries of `a` that `b` lacks or holds differently, plus entries only `b` has. Only the
/// smaller map is walked: an `app.go` may declare a million names, and it is compared with every
/// known flavour (walking both made a 15 MB `app.go` take 5.7 s).
fn differ<K: Eq + std::hash::Hash, V: PartialEq>(a: &HashMap<K, V>, b: &HashMap<K, V>) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let (mut common, mut same) = (0, 0);
    for (k, v) in small {
        if let Some(w) = large.get(k) {
            common += 1;
            same += usize::from(v == w);
        }
    }
    (a.len() - same) + (b.len() - common)
}

/// The size of the symmetric difference of two sets, walking the smaller one.
fn set_differ<T: Eq + std::hash::Hash>(a: &HashSet<T>, b: &HashSet<T>) -> usize {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let common = small.iter().filter(|x| large.contains(*x)).count();
    a.len() + b.len() - 2 * common
}

fn app_files(app: &AppGo, app_dir: &str) -> Files {
    let c = |name: &str| app.consts.get(name).cloned();
    let data = app
        .consts
        .iter()
        .find(|(k, _)| k.ends_with("YamlFile"))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| "sigs.yaml".into());
    let templates = match c("templateDir") {
        Some(t) if !t.is_empty() => t,
        _ => app_dir.to_string(),
    };
    Files {
        data,
        list: c("sigListOutput").unwrap_or_else(|| "sig-list.md".into()),
        liaisons: c("liaisonsFilename"),
        templates,
    }
}

/// The yaml.v3 version `go.mod` pins.
pub fn yaml_emitter(go_mod: &str) -> Option<YamlEmitter> {
    let line = go_mod.lines().find(|l| l.contains("gopkg.in/yaml.v3"))?;
    Some(if line.contains("20190409140830") {
        YamlEmitter::Snapshot2019
    } else if line.contains("20200313102051") {
        YamlEmitter::Snapshot2020
    } else {
        YamlEmitter::V301
    })
}

/// The validation rules in force, read from the messages `app.go` prints.
fn validation_of(text: &str) -> (Validation, bool) {
    let has = |s: &str| text.contains(s);
    let v = if has("GBRep: github is empty") {
        Validation::K34
    } else if has("name is empty but should be set") {
        Validation::K33First
    } else if has("email is empty but should be set") {
        Validation::K33Email
    } else if has("WGs must have stakeholder_sigs") {
        Validation::K26
    } else if has("subproject owners should match regexp") {
        Validation::K24
    } else if has("emeritus leads should not have company") {
        Validation::K21Emeritus
    } else if has("expected person") {
        Validation::K21
    } else if has("expected dir") {
        Validation::K20
    } else {
        Validation::None
    };
    (v, !has("validation errors are ignored at present"))
}

/// Recognises the flavour of the repository at `root`. `templates_used` gives the function names
/// the repository's templates call (for a repository without `app.go`).
pub fn detect(root: &Path, templates_used: impl Fn(&str) -> Option<TemplateUse>) -> Detected {
    // An app.go that exists but cannot be read (a FIFO, a link out of the root, not UTF-8) is
    // not taken for absent without a word: the notice says so.
    let mut unread = None;
    for rel in APP_GO_PATHS {
        let path = root.join(rel);
        let text = match crate::fsutil::read_inside(root, &path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => {
                unread.get_or_insert(format!("{rel} was not read: {}", crate::fsutil::reason(&e)));
                continue;
            }
        };
        let app = parse_app_go(&text);
        let go_mod = crate::fsutil::read_inside(root, &root.join("go.mod")).ok();
        let dir = rel.trim_end_matches("/app.go");
        // operator-framework vendored kubernetes' generator unchanged: `generator` is a link
        // into vendor/k8s.io/community (same app.go as kubernetes K21, its own repository).
        let vendored = std::fs::read_link(root.join("generator"))
            .is_ok_and(|t| t.to_string_lossy().contains("vendor/k8s.io/community"));
        return from_app_go(&app, dir, go_mod.as_deref(), rel, vendored);
    }
    let mut detected = from_templates(templates_used);
    if let Some(why) = unread {
        detected.notice = Some(match detected.notice {
            Some(n) => format!("{why}; {n}"),
            None => format!("{why}; the generator was recognised without it"),
        });
    }
    detected
}

/// [`detect`] for a repository without a readable `app.go`.
fn from_templates(templates_used: impl Fn(&str) -> Option<TemplateUse>) -> Detected {
    // No app.go: templates only, or nothing. The newest kubernetes flavour, else fork, that has
    // every function and field the templates use; else sigs-lint's own flavour (templates that
    // `sigs-lint init` wrote).
    let candidates = KNOWN
        .iter()
        .rev()
        .filter(|f| f.fork == Fork::Kubernetes)
        .chain(
            KNOWN
                .iter()
                .filter(|f| matches!(f.fork, Fork::Icon | Fork::Kubeflow | Fork::BuiltIn)),
        );
    // Most candidates share one template folder: it is read once.
    let mut read: HashMap<&'static str, Option<TemplateUse>> = HashMap::new();
    let mut any_templates = false;
    for f in candidates {
        let used = read
            .entry(f.template_dir)
            .or_insert_with(|| templates_used(f.template_dir));
        let Some(used) = used else {
            continue;
        };
        any_templates = true;
        if covers(f, used) {
            return Detected {
                flavour: f,
                reason: format!(
                    "no generator/app.go; {}/*.tmpl use only functions and fields of {}: {}",
                    f.template_dir,
                    f.id,
                    f.summary()
                ),
                notice: None,
            };
        }
    }
    if any_templates {
        return Detected {
            flavour: super::newest(),
            reason: format!(
                "no generator/app.go; the templates use what no known generator has: {}",
                super::newest().summary()
            ),
            notice: Some(
                "the templates in generator/ call functions or reach fields that no known generator has; using the newest kubernetes generator".into(),
            ),
        };
    }
    Detected {
        flavour: super::by_id("sigs-lint").expect("built-in flavour"),
        reason: "no generator/ directory: sigs-lint's built-in templates".into(),
        notice: None,
    }
}

/// What the templates in a directory use: the functions they call (bare identifiers in actions)
/// and the field or method names they reach (`.Name` words).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct TemplateUse {
    pub funcs: BTreeSet<String>,
    pub fields: BTreeSet<String>,
}

/// Names a template may reach that are no field of the generator's own types: methods of
/// `time.Time` (via `now`) and of named strings.
const OTHER_NAMES: &[&str] = &[
    "UTC", "Local", "Year", "Month", "Day", "YearDay", "Hour", "Minute", "Second", "Format",
    "Unix", "Weekday",
];

/// What the templates in `dir` (relative to `root`) use, or `None` when it holds no template.
pub fn template_use(root: &Path, dir: &str) -> Option<TemplateUse> {
    let dir = root.join(dir);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "tmpl"))
        .collect();
    if names.is_empty() {
        return None;
    }
    names.sort();
    let noise = re(r#"(?s)/\*.*?\*/|"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'"#);
    let mut out = TemplateUse::default();
    for p in names {
        let Ok(text) = crate::fsutil::read_inside(root, &p) else {
            continue;
        };
        uses_in(&text, &noise, &mut out);
    }
    Some(out)
}

/// Adds what the actions of one template's `text` use to `out`: each `{{…}}` (to the first `}}`),
/// without comments and quoted strings (`noise`), its bare identifiers (at the start or after a
/// blank, `(` or `|`: functions, keywords aside) and its `.Name` words. Scanned by hand, not with
/// a regular expression per action: a 16 MiB template of 3 million tiny actions took 1.3 s.
fn uses_in(text: &str, noise: &Regex, out: &mut TemplateUse) {
    const KEYWORDS: &[&str] = &[
        "if", "else", "end", "range", "with", "define", "template", "block", "nil", "true",
        "false", "break", "continue",
    ];
    let ident_start = |b: u8| b.is_ascii_alphabetic() || b == b'_';
    let ident_len = |s: &[u8]| {
        s.iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_')
            .count()
    };
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        let Some(close) = rest[open + 2..].find("}}") else {
            break;
        };
        let raw = &rest[open + 2..open + 2 + close];
        rest = &rest[open + 2 + close + 2..];
        let body = if raw.contains(['/', '"', '`', '\'']) {
            noise.replace_all(raw, " ")
        } else {
            std::borrow::Cow::Borrowed(raw)
        };
        let bytes = body.as_bytes();
        let mut prev: Option<char> = None;
        for (i, c) in body.char_indices() {
            let b = bytes[i];
            let after_delimiter = prev.is_none_or(|p| p.is_whitespace() || p == '(' || p == '|');
            if ident_start(b) && after_delimiter {
                let name = &body[i..i + ident_len(&bytes[i..])];
                if !KEYWORDS.contains(&name) {
                    out.funcs.insert(name.to_string());
                }
            }
            if b == b'.' && bytes.get(i + 1).is_some_and(|&n| ident_start(n)) {
                let n = ident_len(&bytes[i + 1..]);
                out.fields.insert(body[i + 1..i + 1 + n].to_string());
            }
            prev = Some(c);
        }
    }
}

/// Whether a flavour has every function and every field or method name the templates use.
fn covers(f: &'static Flavour, used: &TemplateUse) -> bool {
    let funcs = f.func_names();
    let tree = f.tree();
    used.funcs
        .iter()
        .all(|u| funcs.contains(&u.as_str()) || crate::template::FuncMap::is_builtin(u))
        && used.fields.iter().all(|name| {
            OTHER_NAMES.contains(&name.as_str())
                || tree.methods.iter().any(|m| m.name == *name)
                || tree.types.iter().any(|t| {
                    t.fields
                        .as_ref()
                        .is_some_and(|fs| fs.iter().any(|x| x.name == *name))
                })
        })
}

/// Chooses the known flavour nearest to what `app.go` declares.
/// `vendored`: the generator folder is a link into a vendored kubernetes/community (the
/// operator-framework layout).
pub fn from_app_go(
    app: &AppGo,
    app_dir: &str,
    go_mod: Option<&str>,
    shown: &str,
    vendored: bool,
) -> Detected {
    // The nearest flavour by a cheap structural count; the worded differences only for it.
    let mine = Fp::new(
        &app.tree,
        app.funcs.iter().map(String::as_str),
        app_files(app, app_dir),
    );
    let known: Vec<&'static Flavour> = KNOWN
        .iter()
        .filter(|f| !matches!(f.fork, Fork::BuiltIn | Fork::OperatorFramework))
        .collect();
    let distance =
        |f: &'static Flavour| mine.distance(&Fp::new(f.tree(), f.func_names(), flavour_files(f)));
    let nearest = |candidates: &[&'static Flavour]| {
        let mut best: Option<(&'static Flavour, usize)> = None;
        for &f in candidates {
            let n = distance(f);
            // Ties go to the later (newer) flavour (equal fingerprints differ only in
            // annual-report functions).
            if best.is_none_or(|(_, m)| n <= m) {
                best = Some((f, n));
            }
        }
        best
    };
    // Most repositories match one flavour exactly, and it has the same functions and yaml
    // package: look there first, then everywhere.
    let likely: Vec<&'static Flavour> = known
        .iter()
        .copied()
        .filter(|f| {
            (f.epoch >= 20) == app.yaml_v3
                && f.func_names().len() == app.funcs.len()
                && f.func_names().iter().all(|n| app.funcs.contains(*n))
        })
        .collect();
    // The last exact match among them is what `nearest` would pick: found from the end, the
    // first one ends the search.
    let best = match likely.iter().rev().copied().find(|&f| distance(f) == 0) {
        Some(f) => Some((f, 0)),
        None => nearest(&known),
    };
    let (base, n) = best.expect("flavours are known");
    // The differences the notice words: the first eight, and how many there are in all (an
    // `app.go` may differ in a million names: only those shown are formatted).
    const SHOWN: usize = 8;
    let (diffs, differing) = if n == 0 {
        (Vec::new(), 0)
    } else {
        let mine = app_fingerprint(app, app_dir);
        let theirs = flavour_fingerprint(base);
        // (app.go's, the flavour's) description of each name they differ in, lazily.
        let mut differ = mine
            .iter()
            .filter_map(|(k, v)| match theirs.get(k) {
                Some(w) if w == v => None,
                w => Some((Some(v), w)),
            })
            .chain(
                theirs
                    .iter()
                    .filter(|(k, _)| !mine.contains_key(*k))
                    .map(|(_, w)| (None, Some(w))),
            );
        let word = |pair: (Option<&String>, Option<&String>)| match pair {
            (Some(v), Some(w)) => format!("app.go has {v}, {} has {w}", base.id),
            (Some(v), None) => format!("app.go has {v}, {} does not", base.id),
            (_, w) => format!("{} has {}, app.go does not", base.id, w.map_or("", |w| w)),
        };
        // Formatted are only the differences shown; the rest are counted.
        let diffs: Vec<String> = differ.by_ref().take(SHOWN).map(word).collect();
        let differing = diffs.len() + differ.count();
        (diffs, differing)
    };
    let base = if vendored && base.epoch == 21 && base.fork == Fork::Kubernetes {
        super::by_id("operator-framework").expect("known")
    } else {
        base
    };
    let (validation, fatal) = validation_of(&app.text);
    let yaml = if app.yaml_v3 {
        go_mod.and_then(yaml_emitter).unwrap_or(base.yaml)
    } else {
        YamlEmitter::None
    };
    let mut flavour = base.clone();
    flavour.validation = validation;
    flavour.validation_fatal = fatal;
    flavour.yaml = yaml;
    if base.fork == Fork::Kubeflow {
        flavour.label_rule = if app.text.contains("expected label: %s") {
            LabelRule::KubeflowArea
        } else {
            LabelRule::None
        };
        flavour.sig_subprojects = if app.text.contains("must not own any subprojects") {
            SigSubprojects::Forbidden
        } else {
            SigSubprojects::Required
        };
    }
    let flavour: &'static Flavour = if same_behaviour(&flavour, base) {
        base
    } else {
        Box::leak(Box::new(flavour))
    };
    let notice = (n > 0).then(|| {
        let shown_diffs: Vec<&str> = diffs.iter().map(String::as_str).collect();
        let more = if differing > SHOWN {
            format!(" (and {} more)", differing - SHOWN)
        } else {
            String::new()
        };
        format!(
            "{shown} matches no known generator exactly; using the nearest, {}: {}{more}",
            base.id,
            shown_diffs.join("; ")
        )
    });
    Detected {
        flavour,
        reason: format!(
            "{shown}{}{}: {}",
            if base.fork == Fork::OperatorFramework {
                " (generator/ links to vendored kubernetes/community)"
            } else {
                ""
            },
            if n == 0 { " matches" } else { " is nearest to" },
            flavour.summary()
        ),
        notice,
    }
}

fn same_behaviour(a: &Flavour, b: &Flavour) -> bool {
    a.validation == b.validation
        && a.validation_fatal == b.validation_fatal
        && a.yaml == b.yaml
        && a.label_rule == b.label_rule
        && a.sig_subprojects == b.sig_subprojects
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The regular expressions `uses_in` replaced, as they were: its oracle.
    fn uses_by_regex(text: &str) -> TemplateUse {
        static RES: std::sync::LazyLock<[Regex; 4]> = std::sync::LazyLock::new(|| {
            [
                re(r"(?s)\{\{(.*?)\}\}"),
                re(r#"(?s)/\*.*?\*/|"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'"#),
                re(r"(^|[\s(|])([A-Za-z_][A-Za-z0-9_]*)"),
                re(r"\.([A-Za-z_][A-Za-z0-9_]*)"),
            ]
        });
        let [action, noise, ident, field] = &*RES;
        const KEYWORDS: &[&str] = &[
            "if", "else", "end", "range", "with", "define", "template", "block", "nil", "true",
            "false", "break", "continue",
        ];
        let mut out = TemplateUse::default();
        for a in action.captures_iter(text) {
            let body = noise.replace_all(&a[1], " ");
            for c in ident.captures_iter(&body) {
                if !KEYWORDS.contains(&&c[2]) {
                    out.funcs.insert(c[2].to_string());
                }
            }
            for c in field.captures_iter(&body) {
                out.fields.insert(c[1].to_string());
            }
        }
        out
    }

    /// The hand scanner finds what the regular expressions found: on the corpus's templates
    /// (when `../shared` is there), on edge cases, and on random texts of action syntax.
    #[test]
    fn the_action_scanner_finds_what_the_regular_expressions_found() {
        let noise = re(r#"(?s)/\*.*?\*/|"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'"#);
        let by_hand = |t: &str| {
            let mut out = TemplateUse::default();
            uses_in(t, &noise, &mut out);
            out
        };
        let mut texts: Vec<String> = [
            "",
            "{{}}",
            "{{{a}}}",
            "{{ .A.b | f }}{{if x}}{{end}}",
            "{{a}} {{ b",
            "{{/* c .X */ d}}",
            "{{\"s .Y\" e}}",
            "{{'a' f}}{{`raw .Z` g}}",
            "{{\"unterminated .Q h}}",
            "{{(a)(b)|c\u{3000}d\u{a0}e}}",
            "{{9ab .9c ._d}}",
            "{{$x.F $y := .G}}",
            "{{é f .é .gé}}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
        for slice in std::fs::read_dir(&corpus).into_iter().flatten().flatten() {
            for t in std::fs::read_dir(slice.path().join("generator"))
                .into_iter()
                .flatten()
                .flatten()
            {
                if t.path().extension().is_some_and(|e| e == "tmpl") {
                    texts.push(std::fs::read_to_string(t.path()).expect("template"));
                }
            }
        }
        let pieces = [
            "{{", "}}", " ", ".", "a", "B_", "9", "(", ")", "|", "\"", "'", "`", "/*", "*/", "\\",
            "\n", "$", "if", "end", "\u{3000}", "é", "-",
        ];
        let mut next = crate::testutil::xorshift(0x7e3b_1a2c);
        for _ in 0..3_000 {
            let len = next(40);
            texts.push((0..len).map(|_| pieces[next(pieces.len())]).collect());
        }
        for t in &texts {
            assert_eq!(by_hand(t), uses_by_regex(t), "{t:?}");
        }
    }

    /// Walking the smaller side counts what walking both sides counts: on random maps and sets of
    /// every size relation (either side larger, empty, equal keys with other values).
    #[test]
    fn differences_walk_the_smaller_side_and_count_the_same() {
        let mut next = crate::testutil::xorshift(0x5eed_0d1f);
        for _ in 0..2_000 {
            let (la, lb) = (next(40), next(40));
            let a: HashMap<usize, usize> = (0..la).map(|_| (next(30), next(3))).collect();
            let b: HashMap<usize, usize> = (0..lb).map(|_| (next(30), next(3))).collect();
            let naive = a.iter().filter(|(k, v)| b.get(*k) != Some(*v)).count()
                + b.keys().filter(|k| !a.contains_key(*k)).count();
            assert_eq!(differ(&a, &b), naive, "{a:?} {b:?}");
            let (sa, sb): (HashSet<usize>, HashSet<usize>) =
                (a.keys().copied().collect(), b.keys().copied().collect());
            assert_eq!(
                set_differ(&sa, &sb),
                sa.symmetric_difference(&sb).count(),
                "{sa:?} {sb:?}"
            );
        }
    }

    #[test]
    fn reads_structs_methods_funcs_and_consts() {
        let app = parse_app_go(
            "package main\nimport yaml \"gopkg.in/yaml.v3\"\nconst (\n\tsigsYamlFile = \"wgs.yaml\"\n)\ntype SIGName string\ntype Person struct {\n\tGitHub string `yaml:\"github\"`\n\tCompany string `yaml:\"company,omitempty\"` // note\n\tName string\n}\nfunc (p *Person) Key(a, b string) string {\n\treturn \"\"\n}\nfunc (s SIGName) DirName() string {\n\treturn \"\"\n}\nvar funcMap = template.FuncMap{\n\t\"tzUrlEncode\": tzURLEncode,\n\t\"trimSpace\":   strings.TrimSpace,\n}\n",
        );
        assert!(app.yaml_v3);
        assert_eq!(app.consts["sigsYamlFile"], "wgs.yaml");
        assert_eq!(
            app.tree.fields("Person"),
            &[
                FieldDecl {
                    name: "GitHub".into(),
                    ty: "string".into(),
                    key: "github".into(),
                    omitempty: false
                },
                FieldDecl {
                    name: "Company".into(),
                    ty: "string".into(),
                    key: "company".into(),
                    omitempty: true
                },
                FieldDecl {
                    name: "Name".into(),
                    ty: "string".into(),
                    key: "name".into(),
                    omitempty: false
                },
            ]
        );
        assert_eq!(
            app.tree.methods,
            vec![
                MethodDecl {
                    recv: "Person".into(),
                    name: "Key".into(),
                    ptr: true,
                    params: 2,
                    results: 1
                },
                MethodDecl {
                    recv: "SIGName".into(),
                    name: "DirName".into(),
                    ptr: false,
                    params: 0,
                    results: 1
                },
            ]
        );
        assert_eq!(
            app.funcs.iter().collect::<Vec<_>>(),
            vec!["trimSpace", "tzUrlEncode"]
        );
        assert!(app.tree.get("SIGName").is_some_and(|t| t.fields.is_none()));
    }

    #[test]
    fn go_mod_names_the_emitter() {
        assert_eq!(
            yaml_emitter("require gopkg.in/yaml.v3 v3.0.0-20190409140830-cdc409dda467\n"),
            Some(YamlEmitter::Snapshot2019)
        );
        assert_eq!(
            yaml_emitter("\tgopkg.in/yaml.v3 v3.0.0-20200313102051-9f266ea9e77c // indirect"),
            Some(YamlEmitter::Snapshot2020)
        );
        assert_eq!(
            yaml_emitter("gopkg.in/yaml.v3 v3.0.1\n"),
            Some(YamlEmitter::V301)
        );
        assert_eq!(yaml_emitter("gopkg.in/yaml.v2 v2.2.2\n"), None);
    }
}
