//! `sigs-lint check`: find the repository's files, load the config and the data, run the rules.
//! Returns one [`Run`] with every finding, whatever produced it.

use std::path::{Path, PathBuf};

use crate::config::{CONFIG_FILE, Config};
use crate::diagnostic::{Finding, Run, Severity};
use crate::flavour;
use crate::model::{self, SigsYaml};
use crate::source::SourceFile;

#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// A repository root (holding the data file) or the data file itself.
    pub path: PathBuf,
    /// An explicit config file; otherwise `.sigs-lint.yaml` in the repository root, if present.
    pub config: Option<PathBuf>,
    /// Skip the comparison of the generated docs (fast editor-on-save runs).
    pub no_docs: bool,
    /// Compare only this group's README (like upstream's `WHAT=`).
    pub only: Option<String>,
    /// The data file's contents, read from standard input: `path` then names the file (it need
    /// not exist; its directory is the repository root), as an editor linting an unsaved buffer.
    pub stdin: Option<Vec<u8>>,
    /// `--select` / `--ignore`: the rules reported (all when `select` is empty), less these.
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Which baseline hides recorded findings.
    pub baseline: BaselineChoice,
    /// Whether the check uses a second thread.
    pub threads: Threads,
}

/// Whether a check uses a second thread (flavour detection beside the parse, the rules beside the
/// docs): the findings are the same either way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Threads {
    /// From [`PARALLEL_FROM`] bytes of data on.
    #[default]
    Auto,
    One,
    Two,
}

impl Threads {
    fn parallel(self, data_len: usize) -> bool {
        match self {
            Threads::Auto => data_len >= PARALLEL_FROM,
            Threads::One => false,
            Threads::Two => true,
        }
    }
}

/// The baseline a check applies ([`super::baseline`]).
#[derive(Clone, Debug, Default)]
pub enum BaselineChoice {
    /// None (`generate`, `fmt`, `--write-baseline`, which records what a baseline would hide).
    #[default]
    Off,
    /// The config's `baseline:` file, when it sets one.
    Config,
    /// This file (`--baseline FILE`).
    File(PathBuf),
}

/// The outcome of a check.
#[derive(Debug, Default)]
pub struct Checked {
    pub run: Run,
    /// The tool could not do its job (unreadable path, no data file, bad config): exit code 2.
    pub tool_error: bool,
    /// The loaded model (empty when the data could not be loaded).
    pub model: SigsYaml,
    pub config: Config,
    /// The repository root.
    pub root: PathBuf,
    /// The data file loaded without errors (the docs can be generated).
    pub loaded: bool,
    /// The generator flavour (recognised, or named by the config).
    pub flavour: Option<&'static crate::flavour::Flavour>,
    /// The data file as read, and where it is (when it could be read).
    pub data: Option<std::sync::Arc<SourceFile>>,
    pub data_path: Option<PathBuf>,
}

impl Checked {
    fn fail(mut self, finding: Finding) -> Self {
        self.run.findings.push(finding);
        self.tool_error = true;
        self.run.sort();
        self
    }
}

/// A path as reports show it: without a leading `./`.
fn shown(p: &Path) -> String {
    p.strip_prefix(".").unwrap_or(p).display().to_string()
}

fn io_error(message: String, help: Option<String>) -> Finding {
    let mut f = Finding::new("io", Severity::Error, message);
    f.help = help;
    f
}

/// A config named on the command line: the user's own, anywhere, but a regular file of at most
/// the cap of the repository's config.
fn read(path: &Path) -> Result<Vec<u8>, String> {
    crate::fsutil::read_bytes_named(path, crate::fsutil::MAX_DOC).map_err(|e| cannot_read(path, &e))
}

/// "cannot read `path`: why", in sigs-lint's words ([`crate::fsutil::reason`]).
fn cannot_read(path: &Path, e: &std::io::Error) -> String {
    format!(
        "cannot read `{}`: {}",
        path.display(),
        crate::fsutil::reason(e)
    )
}

/// `--only` as a group's `dir`: what tab completion gives (`sig-docs/`, `./sig-docs`,
/// `sig-docs/README.md`) names the same group.
pub fn normalize_only(only: &str) -> String {
    let mut s = only.trim();
    while let Some(rest) = s.strip_prefix("./") {
        s = rest;
    }
    let s = s.strip_suffix("/README.md").unwrap_or(s);
    s.trim_end_matches('/').to_string()
}

/// Checks a repository: every finding, then what `opts` hides (`--select`/`--ignore`, the
/// baseline). A baseline that cannot be read is a tool error.
pub fn check(opts: &CheckOptions) -> Checked {
    let mut out = check_all(opts);
    let data = out.data.clone();
    crate::generate::compare::locate_fileless(&mut out.run.findings, data.as_ref());
    if out.tool_error {
        return out;
    }
    crate::rules::select(&mut out.run.findings, &opts.select, &opts.ignore);
    let file = match &opts.baseline {
        BaselineChoice::Off => None,
        BaselineChoice::File(p) => Some((super::baseline::read(p), p.display().to_string())),
        BaselineChoice::Config => out.config.baseline.as_ref().map(|rel| {
            let p = out.root.join(rel);
            (super::baseline::read_inside(&out.root, &p), shown(&p))
        }),
    };
    match file {
        None => {}
        Some((Ok(b), shown)) => {
            let data_file = out.config.data_file.clone();
            super::baseline::apply(&mut out.run, b, &data_file, &shown);
        }
        Some((Err(why), _)) => {
            return out.fail(io_error(
                why,
                Some("write it with `sigs-lint check --write-baseline FILE`".into()),
            ));
        }
    }
    out
}

/// The size of data file from which a check uses a second thread (flavour detection beside the
/// parse, the rules beside the docs). Below it, a thread costs more than it saves: on the
/// kubernetes HEAD slice (188 KB) one thread used 9% less CPU in the same wall time (a thread's
/// start, its own heap growing a page at a time); at ten times the data the second thread saves
/// 15% of the wall time for 4% more CPU.
pub const PARALLEL_FROM: usize = 256 << 10;

/// `a()` and `b()`: `a` on a second thread while `b` runs on this one when `parallel`, else one
/// after the other. A panic in `a` goes on in this thread.
fn both<A: Send, B>(parallel: bool, a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    if !parallel {
        let a = a();
        return (a, b());
    }
    std::thread::scope(|s| {
        let a = s.spawn(a);
        let b = b();
        (a.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), b)
    })
}

fn check_all(opts: &CheckOptions) -> Checked {
    let only = opts.only.as_deref().map(normalize_only);
    let mut out = Checked::default();
    let path = &opts.path;
    let meta = match std::fs::metadata(path) {
        _ if opts.stdin.is_some() => None,
        Ok(m) => Some(m),
        Err(e) => {
            return out.fail(io_error(
                cannot_read(path, &e),
                Some("give a repository root that holds sigs.yaml, or the path of the file".into()),
            ));
        }
    };
    let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
    let (root, data_path) = if is_dir {
        (path.clone(), None)
    } else {
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        (
            parent.map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            Some(path.clone()),
        )
    };
    out.root = root.clone();

    // The config file.
    // A config named on the command line is the user's own; the repository's must be a regular
    // file inside it.
    let config_path = match &opts.config {
        Some(p) => Some((p.clone(), false)),
        None => Some((root.join(CONFIG_FILE), true)).filter(|(p, _)| p.symlink_metadata().is_ok()),
    };
    if let Some((cp, in_repo)) = config_path {
        let read_config = if in_repo {
            crate::fsutil::read_bytes_inside(&root, &cp, crate::fsutil::MAX_DOC).map_err(|e| {
                format!(
                    "cannot read `{}`: {}",
                    cp.display(),
                    crate::fsutil::reason(&e)
                )
            })
        } else {
            read(&cp)
        };
        let bytes = match read_config {
            Ok(b) => b,
            Err(msg) => return out.fail(io_error(msg, None)),
        };
        let (file, enc) = model::load_file(&shown(&cp), bytes);
        let (config, findings) = Config::parse(&file, &crate::rules::ids());
        let file = out.run.add_file(file);
        let bad = !findings.is_empty() || !enc.is_empty();
        out.run
            .findings
            .extend(enc.into_iter().chain(findings).map(|f| f.in_file(&file)));
        out.config = config;
        if bad {
            out.tool_error = true;
            out.run.sort();
            return out;
        }
    }

    // The generator flavour: from the config, or recognised from the repository. It names the
    // data file, which is read and parsed meanwhile on this thread under the likely name (an
    // explicit path, the config's `data-file`, else sigs.yaml: right for all but kubeflow).
    let named = out.config.generator.as_deref().and_then(flavour::by_id);
    let guess = data_path.clone().unwrap_or_else(|| {
        root.join(if out.config.set.contains(&"data-file") {
            out.config.data_file.as_str()
        } else {
            "sigs.yaml"
        })
    });
    let load = |p: &Path, bytes: Vec<u8>| {
        let (file, findings) = model::load_file(&shown(p), bytes);
        let loaded = model::load(&file);
        (file, findings, loaded)
    };
    // A buffer (`--stdin`, the language server's) has the data file's cap too.
    let read = |p: &Path| match &opts.stdin {
        Some(bytes) if bytes.len() as u64 > crate::fsutil::MAX_DATA => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("it is larger than {} bytes", crate::fsutil::MAX_DATA),
        )),
        Some(bytes) => Ok(bytes.clone()),
        None => crate::fsutil::read_bytes_inside(&root, p, crate::fsutil::MAX_DATA),
    };
    let guessed = read(&guess);
    let parallel = opts.threads.parallel(guessed.as_ref().map_or(0, Vec::len));
    let (detected, early) = both(
        parallel,
        || match named {
            Some(f) => flavour::Detected {
                flavour: f,
                reason: format!("named by `generator:` in {CONFIG_FILE}: {}", f.summary()),
                notice: None,
            },
            None => flavour::detect(&root, |dir| flavour::detect::template_use(&root, dir)),
        },
        || guessed.map(|bytes| load(&guess, bytes)),
    );
    let flavour = detected.flavour;
    out.config.apply_flavour(flavour);
    out.flavour = Some(flavour);
    if let Some(notice) = &detected.notice {
        out.run.findings.push(
            Finding::new("generator-flavour", Severity::Note, notice.clone())
                .help(format!(
                    "set `generator:` in {CONFIG_FILE} to choose another (`sigs-lint generators` lists them)"
                )),
        );
    }
    out.run.generator = Some(detected.report());

    // The data file.
    let data_path = data_path.unwrap_or_else(|| root.join(&out.config.data_file));
    let read_data = if data_path == guess {
        early
    } else {
        read(&data_path).map(|bytes| load(&data_path, bytes))
    };
    let (file, mut findings, loaded) = match read_data {
        Ok(l) => l,
        Err(e) if is_dir && e.kind() == std::io::ErrorKind::NotFound => {
            let name = out.config.data_file.clone();
            return out.fail(io_error(
                format!("`{}` has no {name}", path.display()),
                Some(format!(
                    "run sigs-lint in (or point it at) the repository that holds {name}; set `data-file` in {CONFIG_FILE} if the file has another name"
                )),
            ));
        }
        Err(e) => {
            return out.fail(io_error(cannot_read(&data_path, &e), None));
        }
    };
    let mut loaded = loaded;
    ignore_unknown_keys(flavour, &file, &mut loaded);
    findings.extend(loaded.findings);
    let file = std::sync::Arc::new(file);
    // `--only` must name a group, or nothing would be checked and the run would pass.
    if let Some(dir) = &only
        && loaded.usable
        && !loaded.model.groups().any(|g| {
            g.dir.as_ref().is_some_and(|d| *d.value == **dir)
                || crate::flavour::data::dir_name(
                    g.kind.prefix(),
                    g.name.as_ref().map_or("", |n| n.value.as_ref()),
                ) == *dir
        })
    {
        let dirs: Vec<&str> = loaded
            .model
            .groups()
            .filter_map(|g| g.dir.as_ref().map(|d| d.value.as_ref()))
            .collect();
        let help = crate::model::did_you_mean(dir, &dirs)
            .map(|d| format!("did you mean `{d}`?"))
            .unwrap_or_else(|| "give the `dir` of a group in the data file".into());
        return out.fail(io_error(
            format!("`--only {dir}`: no group has that dir"),
            Some(help),
        ));
    }
    let load_ok = loaded.usable && !findings.iter().any(|f| f.severity == Severity::Error);
    // The rules and upstream's validation run on a second thread while the docs are rendered
    // and compared here (the docs allocate more: this thread's heap grows in larger steps).
    let config = &out.config;
    let ((rule_findings, validation), docs) = both(
        opts.threads.parallel(file.text.len()),
        || {
            let rules = run_rules(
                &loaded.model,
                loaded.usable,
                &findings,
                &file,
                config,
                Some(&root),
            );
            let validation = load_ok.then(|| {
                let mut found = validation_findings(flavour, &loaded.model);
                found.extend(marker_findings(&loaded.model));
                found
            });
            (rules, validation)
        },
        || {
            (load_ok && !opts.no_docs).then(|| {
                compare_docs(
                    &root,
                    &loaded.model,
                    config,
                    only.as_deref(),
                    flavour,
                    &file,
                )
            })
        },
    );
    findings.extend(rule_findings);
    findings.extend(validation.into_iter().flatten());
    out.run.files.push(std::sync::Arc::clone(&file));
    out.run
        .findings
        .extend(findings.into_iter().map(|f| f.in_file(&file)));
    out.data = Some(file);
    out.data_path = Some(data_path);
    out.model = loaded.model;
    out.loaded = load_ok;
    out.run.findings.extend(docs.into_iter().flatten());
    out.run.sort();
    out
}

/// The generators before K20 read the data file with yaml.v2's non-strict `Unmarshal`, which
/// ignores keys their types do not have: there an unknown key is a warning and the file is
/// checked without it, as the generator reads it. Only when unknown keys are the file's only
/// errors (and its shape is one the event pass reads: no tags or anchors).
fn ignore_unknown_keys(flavour: &flavour::Flavour, file: &SourceFile, loaded: &mut model::Loaded) {
    let mut errors = loaded
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .peekable();
    if flavour.epoch >= 20 || errors.peek().is_none() || !errors.all(|f| f.rule == "unknown-field")
    {
        return;
    }
    let Some(model) = model::load_ignoring_unknown(file) else {
        return;
    };
    for f in loaded
        .findings
        .iter_mut()
        .filter(|f| f.rule == "unknown-field")
    {
        f.severity = Severity::Warning;
        let why = format!(
            "the {} generator reads the file with yaml.v2, which ignores keys its types do not have: this one has no effect",
            flavour.id
        );
        f.help = Some(match f.help.take() {
            Some(h) => format!("{h}; {why}"),
            None => why,
        });
    }
    loaded.model = model;
    loaded.usable = true;
}

/// Values holding a custom-content marker: the Go generator would take the marker in the
/// generated text for the block's edge on its next run, cutting or growing files (errors;
/// `generate` refuses while one exists).
pub fn marker_findings(model: &SigsYaml) -> Vec<Finding> {
    use crate::generate::custom::Markers;
    let markers = [
        Markers::Markdown.begin(),
        Markers::Markdown.end(),
        Markers::Yaml.begin(),
        Markers::Yaml.end(),
    ];
    let mut found = Vec::new();
    model.each_string(|at, value| {
        // Every marker starts with `<!--` or `#`: most values hold neither.
        if !value.value.contains(['<', '#']) {
            return;
        }
        let Some(marker) = markers.iter().find(|m| value.value.contains(**m)) else {
            return;
        };
        let field = at.label();
        found.push(
                Finding::new(
                    "marker-in-value",
                    Severity::Error,
                    format!(
                        "`{field}` holds the custom-content marker `{marker}`: the next regeneration would take it for the edge of a file's custom block"
                    ),
                )
                .label(value.span, "custom-content marker")
                .help("remove the marker from the value; `generate` writes nothing while a value holds one"),
        );
    });
    found
}

/// What the flavour's own `Validate` rejects: errors where the generator stops on them (from
/// 2019-07-30), warnings where it only printed notices.
pub fn validation_findings(flavour: &'static flavour::Flavour, model: &SigsYaml) -> Vec<Finding> {
    let severity = if flavour.validation_fatal {
        Severity::Error
    } else {
        Severity::Warning
    };
    let decode = flavour::validate::decode_problems(flavour, model)
        .into_iter()
        .map(|p| {
            Finding::new("generator-decode", Severity::Error, p.message)
                .label_plain(p.span)
                .help(format!(
                    "the {} generator decodes its data strictly and stops on a key its types do not have",
                    flavour.id
                ))
        });
    flavour::validate::validate(flavour, model)
        .into_iter()
        .map(|p| {
            Finding::new("generator-validation", severity, p.message)
                .label_plain(p.span)
                .help(format!(
                    "the {} generator refuses this data (`Validate`)",
                    flavour.id
                ))
        })
        .chain(decode)
        .collect()
}

/// Set by [`exiting`]: the process ends after its checks.
static EXITING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Says that the process ends once its checks are reported (the command line's `check`), so a
/// check leaves the template data to the end of the process instead of freeing it node by node
/// (about 5% of a check's time at 10x). Never set by what runs checks over and over (the language
/// server, tests).
pub fn exiting() {
    EXITING.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The generated-docs part of `check`: stale, missing and orphaned outputs.
fn compare_docs(
    root: &Path,
    model: &SigsYaml,
    config: &Config,
    only: Option<&str>,
    flavour: &'static flavour::Flavour,
    data: &std::sync::Arc<SourceFile>,
) -> Vec<Finding> {
    use crate::generate::{compare, plan};
    // The template data, built once: the generator writes the data file (its canonical form;
    // `--no-docs` skips it, `fmt --check` checks it alone) and the docs from the same `Context`.
    let ctx = flavour::data::context(flavour, model);
    // Compared as it is written; the text is built only for a file that is not canonical.
    let canonical = match flavour::yaml::is_canonical(flavour, &ctx, &data.text) {
        Some(false) => flavour::yaml::canonical_of(flavour, &ctx, data.text.len())
            .and_then(|c| crate::canonical::finding_for(flavour, model, data, c))
            .map(|f| f.in_file(data)),
        _ => None,
    };
    let source = plan::template_source(root, config, flavour);
    let shown_root = root.display().to_string();
    // Each output is compared as soon as it is rendered, and let go.
    let mut comparison = compare::Comparison::new(root, &shown_root, Some(data));
    let planning = plan::Planning {
        root,
        model,
        config,
        source: &source,
        only,
        flavour,
    };
    let untemplated = planning.each(&ctx, &mut |e| comparison.add(&e));
    if EXITING.load(std::sync::atomic::Ordering::Relaxed) {
        // Freed by the end of the process, at once.
        std::mem::forget(ctx);
    } else {
        drop(ctx);
    }
    let mut found = comparison.finish(&untemplated, only.is_none());
    found.extend(canonical);
    found
}

/// The rules run only on a file that loaded without errors: after an unknown key or a wrong type
/// their findings would mostly be echoes ("no label" after `lable:`). A note says so.
fn run_rules(
    model: &SigsYaml,
    usable: bool,
    load_findings: &[Finding],
    file: &SourceFile,
    config: &Config,
    root: Option<&Path>,
) -> Vec<Finding> {
    if load_findings.iter().any(|f| f.severity == Severity::Error) {
        let note = Finding::new(
            "rules-skipped",
            Severity::Note,
            "the rules did not run: fix the errors above first",
        );
        return vec![note];
    }
    if !usable {
        return Vec::new();
    }
    crate::rules::run_in(model, file, config, root)
}

/// Loads and checks YAML text directly (no files, no generator flavour): the load checks, the
/// rules and `marker-in-value`; for tests, benches, docs and `check --fix` in memory.
pub fn check_text(name: &str, text: &str, config: &Config) -> Run {
    let file = SourceFile::new(name, text);
    let loaded = model::load(&file);
    let mut findings = loaded.findings;
    findings.extend(run_rules(
        &loaded.model,
        loaded.usable,
        &findings,
        &file,
        config,
        None,
    ));
    // Upstream's checks that need no generator flavour.
    if loaded.usable {
        findings.extend(marker_findings(&loaded.model));
    }
    let mut run = Run::default();
    let file = run.add_file(file);
    run.findings = findings.into_iter().map(|f| f.in_file(&file)).collect();
    run.sort();
    run
}
