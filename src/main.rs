//! The `sigs-lint` command line: a thin clap front end over the library. It parses the arguments,
//! calls a command (`check`, `generate`, `fmt`, …), renders the run in the chosen format and maps
//! the outcome to the exit code (0 clean, 1 findings that fail, 2 sigs-lint could not do its job).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sigs_lint::commands::check::{CheckOptions, check};
use sigs_lint::diagnostic::Severity;
use sigs_lint::report::{Human, Renderer, Short};
use sigs_lint::rules::RULES;

#[derive(Parser)]
#[command(
    name = "sigs-lint",
    version,
    about = "Lint a community's sigs.yaml and the docs generated from it",
    after_help = "Examples:\n  sigs-lint check                         # the repository in the current directory\n  sigs-lint check path/to/community --format short\n  sigs-lint check --format github         # annotations in a GitHub workflow\n  sigs-lint check --no-docs --stdin --stdin-filename sigs.yaml < buffer   # editor, unsaved\n  sigs-lint check --fix                   # apply the safe fixes to sigs.yaml (--diff: preview)\n  sigs-lint generate                      # rewrite stale generated docs\n  sigs-lint rules                         # list the rules\n  sigs-lint rule label-format             # explain one rule\n  sigs-lint schema > sigs.schema.json     # JSON Schema for editors\n  sigs-lint lsp                           # language server for editors\n\nExit codes: 0 no error-level finding, 1 findings, 2 sigs-lint could not run."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a repository's sigs.yaml (PATH: the repository root or the file; default: the
    /// current directory, or the nearest one above it that holds the data file).
    Check {
        path: Option<PathBuf>,
        /// Config file (default: `.sigs-lint.yaml` in the repository root, if present).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Warnings count as errors for the exit code.
        #[arg(long)]
        deny_warnings: bool,
        /// Exit 0 even when there are findings (2 still means sigs-lint could not run).
        #[arg(long, conflicts_with = "deny_warnings")]
        exit_zero: bool,
        #[command(flatten)]
        output: OutputArgs,
        /// Report only these rules (ids, comma-separated); the checks are always reported.
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        select: Vec<String>,
        /// Do not report these rules (ids, comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        ignore: Vec<String>,
        /// Print how many findings each id has instead of the findings.
        #[arg(long)]
        statistics: bool,
        /// Report only the rule findings that are not recorded in this baseline file.
        #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
        baseline: Option<PathBuf>,
        /// Record the rule findings in this baseline file (for `--baseline`), and exit 0.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
        /// Apply the safe fixes of the reported findings to the data file (each rule's doc says
        /// what it fixes), then report what is left.
        #[arg(long, conflicts_with_all = ["stdin", "write_baseline", "statistics"])]
        fix: bool,
        /// With --fix: print the changes as a unified diff instead of writing them (exit 1 when
        /// there are any).
        #[arg(long, requires = "fix")]
        diff: bool,
        /// Skip the comparison of the generated docs (fast, for editor-on-save).
        #[arg(long)]
        no_docs: bool,
        /// Compare only this group's README (a `dir`, e.g. `sig-docs`).
        #[arg(long, value_name = "DIR")]
        only: Option<String>,
        /// Read the data file from standard input (an editor's unsaved buffer).
        #[arg(long)]
        stdin: bool,
        /// With --stdin: the path the buffer belongs to (names it in reports; its directory is the
        /// repository root). Default: sigs.yaml in the current directory.
        #[arg(long, value_name = "PATH", requires = "stdin")]
        stdin_filename: Option<PathBuf>,
    },
    /// Regenerate the docs from sigs.yaml: write every stale or missing file, keeping custom content.
    Generate {
        /// The repository root (default: found from the current directory, as for `check`).
        path: Option<PathBuf>,
        /// Config file (default: `.sigs-lint.yaml` in the repository root, if present).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Write nothing; fail (exit 1) when a file is stale or missing, as `check` would.
        #[arg(long)]
        check: bool,
        /// Regenerate only this group's README.
        #[arg(long, value_name = "DIR")]
        only: Option<String>,
        /// Write even when the generator's own validation rejects the data (the Go generator
        /// would refuse and write nothing), and replace files that look hand-written.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Rewrite the data file in the form its generator writes back (sorted, re-emitted by the
    /// yaml.v3 version its go.mod pins), as upstream's verify expects it.
    Fmt {
        /// A repository root or the data file (default: found from the current directory).
        path: Option<PathBuf>,
        /// Config file (default: `.sigs-lint.yaml` in the repository root, if present).
        #[arg(long)]
        config: Option<PathBuf>,
        /// Write nothing; fail (exit 1) when the file is not canonical.
        #[arg(long)]
        check: bool,
        /// Print the unified diff to the canonical form.
        #[arg(long)]
        diff: bool,
        /// Rewrite even when the file has comments (the generator drops them too).
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// List the generator flavours sigs-lint knows (ids for `generator:` in .sigs-lint.yaml).
    Generators,
    /// Write the built-in templates into `generator/` so a community can start from them.
    Init {
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Overwrite templates that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Print a JSON Schema (draft 2020-12) for sigs.yaml, for editors (yaml-language-server).
    Schema,
    /// Run the language server on stdin/stdout (diagnostics on open, change and save; fixes as
    /// code actions; rule pages on hover).
    Lsp,
    /// Print shell completions.
    Completions {
        /// The shell: bash, zsh, fish, elvish, powershell.
        shell: clap_complete::Shell,
    },
    /// List the rules: id, default severity, summary.
    Rules,
    /// Print a rule's documentation.
    Rule {
        /// The rule id, e.g. `label-format`.
        id: String,
    },
}

/// How findings are printed (every command that prints findings takes these).
#[derive(clap::Args)]
struct OutputArgs {
    /// Output format for the findings.
    #[arg(long, visible_alias = "output-format", value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to color the output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print the findings and nothing else: no generator line, no summary, no "wrote" or "fixed"
    /// lines (the machine formats are unchanged).
    #[arg(short, long)]
    quiet: bool,
}

impl OutputArgs {
    /// Renders a run in the chosen format; quiet, a text format loses its generator line and
    /// its summary (the last line every text renderer writes).
    fn render(&self, run: &sigs_lint::diagnostic::Run, out: &mut dyn Write) -> std::io::Result<()> {
        let renderer = renderer(self.format, self.color);
        if !self.quiet || !self.text() {
            return renderer.render(run, out);
        }
        let mut quiet = run.clone();
        quiet.generator = None;
        let mut buf = Vec::new();
        renderer.render(&quiet, &mut buf)?;
        let summary = format!("{}\n", quiet.summary());
        let body = buf.strip_suffix(summary.as_bytes()).unwrap_or(&buf);
        out.write_all(body)
    }

    /// A format read by people (the others are one document each).
    fn text(&self) -> bool {
        matches!(self.format, Format::Human | Format::Short | Format::Github)
    }

    /// A line about what a command did: on stdout beside a text format (not when quiet), on
    /// standard error beside a machine-read one.
    fn say(&self, out: &mut dyn Write, line: &str) {
        let line = for_log(line);
        if self.quiet {
        } else if matches!(self.format, Format::Human | Format::Short) {
            let _ = writeln!(out, "{line}");
        } else {
            eprintln!("{line}");
        }
    }
}

/// Text from the repository (a diff of the data file, a path) as it may be printed: control
/// characters made visible, nothing a CI log would run as a workflow command.
fn for_log(text: &str) -> String {
    sigs_lint::report::ci_safe(&sigs_lint::report::visible(text)).into_owned()
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// miette's graphical reports
    Human,
    /// one line per finding: path:line:col: severity[rule]: message
    Short,
    /// GitHub Actions annotations (workflow commands)
    Github,
    /// one JSON document (see the README)
    Json,
    /// a Markdown table, for a GitHub job summary or a pull-request comment
    Markdown,
    /// SARIF 2.1.0, for GitHub code scanning
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    // The language server writes standard output from its own thread: it must not be locked here.
    if let Command::Lsp = cli.command {
        return match sigs_lint::lsp::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: the language server stopped: {e}");
                ExitCode::from(2)
            }
        };
    }
    let stdout = std::io::stdout();
    let mut out = Tracked {
        inner: std::io::BufWriter::new(stdout.lock()),
        error: None,
    };
    let code = match cli.command {
        Command::Rules => {
            use sigs_lint::diagnostic::CHECKS;
            let width = RULES
                .iter()
                .map(|r| r.id())
                .chain(CHECKS.iter().map(|c| c.id))
                .map(str::len)
                .max()
                .unwrap_or(0);
            for r in RULES {
                let _ = writeln!(
                    out,
                    "{:width$}  {:8}  {}",
                    r.id(),
                    r.default_severity().as_str(),
                    r.summary()
                );
            }
            let _ = writeln!(
                out,
                "\nchecks (always on; their ids cannot be set in .sigs-lint.yaml):"
            );
            for c in CHECKS {
                let _ = writeln!(
                    out,
                    "{:width$}  {:8}  {}",
                    c.id,
                    c.kind.as_str(),
                    c.summary()
                );
            }
            0
        }
        Command::Rule { id } => match (
            sigs_lint::rules::find(&id),
            sigs_lint::diagnostic::check(&id),
        ) {
            (Some(r), _) => {
                let _ = out.write_all(r.doc().as_bytes());
                0
            }
            (None, Some(c)) => {
                let _ = out.write_all(c.doc().as_bytes());
                0
            }
            (None, None) => {
                let ids: Vec<&str> = RULES
                    .iter()
                    .map(|r| r.id())
                    .chain(sigs_lint::diagnostic::CHECKS.iter().map(|c| c.id))
                    .collect();
                let hint = sigs_lint::model::did_you_mean(&id, &ids)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                eprintln!("error: unknown rule `{id}`{hint}; `sigs-lint rules` lists them");
                2
            }
        },
        Command::Init { path, force } => init(&path, force, &mut out),
        Command::Fmt {
            path,
            config,
            check: check_only,
            diff,
            force,
            output,
        } => {
            let f = sigs_lint::commands::fmt::format(
                &CheckOptions {
                    path: path.unwrap_or_else(discover),
                    config,
                    no_docs: true,
                    only: None,
                    stdin: None,
                    ..Default::default()
                },
                !check_only,
                force,
            );
            if diff && !f.diff.is_empty() {
                let _ = out.write_all(for_log(&f.diff).as_bytes());
            }
            if let Some(m) = &f.message {
                output.say(&mut out, m);
            }
            if !f.checked.run.findings.is_empty() || f.failed {
                let _ = output.render(&f.checked.run, &mut out);
            }
            if f.checked.tool_error {
                2
            } else if f.failed {
                1
            } else {
                0
            }
        }
        // Run above, before standard output is locked.
        Command::Lsp => 0,
        Command::Generators => {
            let width = sigs_lint::flavour::KNOWN
                .iter()
                .map(|f| f.id.len())
                .max()
                .unwrap_or(0);
            for f in sigs_lint::flavour::KNOWN {
                let _ = writeln!(out, "{:width$}  {}", f.id, f.title);
            }
            0
        }
        Command::Schema => {
            let schema = sigs_lint::model::json_schema::json_schema();
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&schema).unwrap_or_default()
            );
            0
        }
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "sigs-lint", &mut out);
            0
        }
        Command::Generate {
            path,
            config,
            check: check_only,
            only,
            force,
            output,
        } => {
            let g = sigs_lint::commands::generate::generate_with(
                &CheckOptions {
                    path: path.unwrap_or_else(discover),
                    config,
                    no_docs: false,
                    only,
                    stdin: None,
                    ..Default::default()
                },
                !check_only,
                force,
            );
            // Text formats: the generator line, what was written, generation's own findings (if
            // any), then what was done and whether the rules found something (`check` lists
            // those). Beside a machine-read format the lines go to standard error and stdout is
            // the one document.
            let text = matches!(output.format, Format::Human | Format::Short);
            let mut run = g.checked.run.clone();
            if text && let Some(generator) = run.generator.take() {
                output.say(&mut out, &format!("generator: {}", generator.reason));
            }
            for w in &g.written {
                let line = format!("{} {}", w.action, sigs_lint::report::visible_name(&w.path));
                output.say(&mut out, &line);
            }
            if !text || !run.findings.is_empty() {
                let _ = output.render(&run, &mut out);
            }
            if !check_only && !g.checked.tool_error && g.checked.loaded && !g.failed {
                output.say(&mut out, &g.describe());
            }
            if let Some(line) = g.rules_line() {
                output.say(&mut out, &line);
            }
            if g.checked.tool_error {
                2
            } else if g.failed || g.rules.0 > 0 || g.checked.run.count(Severity::Error) > 0 {
                1
            } else {
                0
            }
        }
        Command::Check {
            path,
            config,
            deny_warnings,
            exit_zero,
            output,
            select,
            ignore,
            statistics,
            baseline,
            write_baseline,
            fix,
            diff,
            no_docs,
            only,
            stdin,
            stdin_filename,
        } => {
            for id in select.iter().chain(&ignore) {
                if let Err(why) = sigs_lint::rules::selectable(id) {
                    eprintln!("error: {why}");
                    return ExitCode::from(2);
                }
            }
            let mut input = None;
            let path = if stdin {
                let mut buf = Vec::new();
                // One byte past the data file's cap is enough to refuse it (`check` says so).
                let cap = sigs_lint::fsutil::MAX_DATA + 1;
                let mut reader = std::io::Read::take(std::io::stdin(), cap);
                if let Err(e) = std::io::Read::read_to_end(&mut reader, &mut buf) {
                    eprintln!(
                        "error: cannot read standard input: {}",
                        sigs_lint::fsutil::reason(&e)
                    );
                    return ExitCode::from(2);
                }
                input = Some(buf);
                stdin_filename.unwrap_or_else(|| PathBuf::from("sigs.yaml"))
            } else {
                path.unwrap_or_else(discover)
            };
            use sigs_lint::commands::baseline;
            use sigs_lint::commands::check::BaselineChoice;
            let opts = CheckOptions {
                path,
                config,
                no_docs,
                only,
                stdin: input,
                select,
                ignore,
                // `--write-baseline` records every reported finding: no baseline hides any.
                baseline: match (&baseline, &write_baseline) {
                    (_, Some(_)) => BaselineChoice::Off,
                    (Some(file), None) => BaselineChoice::File(file.clone()),
                    (None, None) => BaselineChoice::Config,
                },
                ..Default::default()
            };
            if fix {
                let fixed = sigs_lint::commands::fix::fix(&opts, !diff);
                return finish_fix(fixed, diff, &output, deny_warnings, exit_zero, out);
            }
            sigs_lint::commands::check::exiting();
            let checked = check(&opts);
            if let Some(target) = &write_baseline {
                if checked.tool_error {
                    let _ = output.render(&checked.run, &mut out);
                    return finish(out, 2);
                }
                let data_file = checked.config.data_file.clone();
                return match baseline::write(&checked.run, &data_file, target, &checked.root) {
                    Ok(n) => {
                        let _ = writeln!(out, "recorded {n} finding(s) in {}", target.display());
                        finish(out, 0)
                    }
                    Err(why) => {
                        eprintln!("error: {why}");
                        ExitCode::from(2)
                    }
                };
            }
            if statistics {
                let _ = out.write_all(checked.run.statistics().as_bytes());
            } else {
                let _ = output.render(&checked.run, &mut out);
            }
            let run = &checked.run;
            let code = if checked.tool_error {
                2
            } else if exit_zero {
                0
            } else if run.count(Severity::Error) > 0
                || (deny_warnings && run.count(Severity::Warning) > 0)
            {
                1
            } else {
                0
            };
            // The process ends next and the system takes its memory back at once: the model, the
            // files and the findings are not freed node by node.
            std::mem::forget(checked);
            code
        }
    };
    finish(out, code)
}

/// Reports what `check --fix` did: with `--diff` the diff and what it would fix (exit 1 when
/// anything), else a line on what was fixed (standard error beside a machine-read format) and
/// the findings left, with `check`'s exit code.
fn finish_fix(
    fixed: sigs_lint::commands::fix::Fixed,
    diff: bool,
    output: &OutputArgs,
    deny_warnings: bool,
    exit_zero: bool,
    mut out: Tracked<impl Write>,
) -> ExitCode {
    let c = &fixed.checked;
    let path = fixed.path.as_ref().map_or_else(String::new, |p| {
        let p = p.strip_prefix(".").unwrap_or(p);
        sigs_lint::report::visible_name(&p.display().to_string())
    });
    // With --diff, stdout is the diff alone.
    let say = |out: &mut Tracked<_>, line: String| {
        if diff && !output.quiet {
            eprintln!("{}", for_log(&line));
        } else {
            output.say(out, &line);
        }
    };
    if let Some(problem) = &fixed.problem {
        eprintln!("error: {}", for_log(problem));
    }
    if c.tool_error {
        let _ = output.render(&c.run, &mut out);
        return finish(out, 2);
    }
    if diff {
        let _ = out.write_all(for_log(&fixed.diff).as_bytes());
        let line = if fixed.count() == 0 {
            format!("nothing to fix in {path}")
        } else {
            format!("would apply {} to {path}", fixed.describe())
        };
        say(&mut out, line);
        let code = if fixed.problem.is_some() {
            2
        } else {
            u8::from(fixed.count() > 0)
        };
        return finish(out, code);
    }
    let line = if fixed.written {
        format!("applied {} to {path}", fixed.describe())
    } else if fixed.count() == 0 && fixed.problem.is_some() {
        // Fixes were found but not applied (the error above says why).
        format!("{path} was not changed")
    } else if fixed.count() == 0 {
        format!("nothing to fix in {path}")
    } else {
        format!("{path} was not changed: {} not applied", fixed.describe())
    };
    say(&mut out, line);
    let _ = output.render(&c.run, &mut out);
    let code = if fixed.problem.is_some() {
        2
    } else if exit_zero {
        0
    } else {
        u8::from(
            c.run.count(Severity::Error) > 0
                || (deny_warnings && c.run.count(Severity::Warning) > 0),
        )
    };
    finish(out, code)
}

/// The repository root when no PATH is given: the current directory, or the nearest directory
/// above it that holds a data file, a `.sigs-lint.yaml` or `generator/` (the search stops at the
/// top of a git checkout), as a relative path (`..`) so that reports name files as from here.
fn discover() -> PathBuf {
    let here = PathBuf::from(".");
    let Ok(cwd) = std::env::current_dir() else {
        return here;
    };
    let templates = sigs_lint::config::Config::default().templates;
    let mut rel = here.clone();
    for dir in cwd.ancestors() {
        let holds = |name: &str| dir.join(name).symlink_metadata().is_ok();
        // What marks a repository: a data file some generator reads, the config, the templates.
        if sigs_lint::flavour::KNOWN.iter().any(|f| holds(f.data_file))
            || holds(sigs_lint::config::CONFIG_FILE)
            || holds(&templates)
        {
            return rel;
        }
        if holds(".git") {
            break;
        }
        rel = if rel == here {
            PathBuf::from("..")
        } else {
            rel.join("..")
        };
    }
    here
}

/// Flushes the output and turns the command's code into the exit code: output that could not be
/// written (a closed pipe, a full disk) is a failure of the run.
fn finish<W: Write>(mut out: Tracked<W>, code: u8) -> ExitCode {
    let flushed = out.flush();
    if let Some(e) = out.error.take().or(flushed.err()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!(
                "error: cannot write the output: {}",
                sigs_lint::fsutil::reason(&e)
            );
        }
        return ExitCode::from(2);
    }
    ExitCode::from(code)
}

/// Standard output that remembers the first write error (the renderers' results are not all
/// checked one by one).
struct Tracked<W: Write> {
    inner: W,
    error: Option<std::io::Error>,
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => {
                let kind = e.kind();
                if self.error.is_none() {
                    self.error = Some(e);
                }
                Err(std::io::Error::from(kind))
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => {
                let kind = e.kind();
                if self.error.is_none() {
                    self.error = Some(e);
                }
                Err(std::io::Error::from(kind))
            }
        }
    }
}

fn renderer(format: Format, color: Color) -> Box<dyn Renderer> {
    let is_tty = std::io::stdout().is_terminal();
    let color = match color {
        Color::Always => true,
        Color::Never => false,
        // FORCE_COLOR / CLICOLOR_FORCE (set, not "0") turn color on where no terminal is seen
        // (CI logs); NO_COLOR turns it off.
        Color::Auto => {
            let set =
                |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            !no_color && (is_tty || set("FORCE_COLOR") || set("CLICOLOR_FORCE"))
        }
    };
    match format {
        Format::Human => Box::new(Human {
            color,
            width: if is_tty {
                terminal_width().unwrap_or(100)
            } else {
                80
            },
        }),
        Format::Short => Box::new(Short { color }),
        Format::Github => Box::new(sigs_lint::report::Github),
        Format::Json => Box::new(sigs_lint::report::Json),
        Format::Markdown => Box::new(sigs_lint::report::Markdown),
        Format::Sarif => Box::new(sigs_lint::report::Sarif {
            cwd: std::env::current_dir().ok(),
        }),
    }
}

/// `sigs-lint init`: the built-in templates into `PATH/generator/`.
fn init(path: &std::path::Path, force: bool, out: &mut dyn Write) -> u8 {
    let dir = path.join("generator");
    // Nothing is written through a link that leaves the repository.
    if let Some(why) = sigs_lint::fsutil::unwritable(path, "generator/header.tmpl") {
        eprintln!("error: nothing was written: {why}");
        return 2;
    }
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!(
            "error: cannot create {}: {}",
            dir.display(),
            sigs_lint::fsutil::reason(&e)
        );
        return 2;
    }
    let mut code = 0;
    for (name, text) in sigs_lint::generate::plan::BUILT_IN {
        let target = dir.join(name);
        if let Some(why) = sigs_lint::fsutil::unwritable(path, &format!("generator/{name}")) {
            eprintln!("error: {} was not written: {why}", target.display());
            code = 2;
            continue;
        }
        if target.exists() && !force {
            let _ = writeln!(
                out,
                "kept {} (exists; --force overwrites)",
                target.display()
            );
            continue;
        }
        match sigs_lint::fsutil::write_atomic(&target, text) {
            Ok(()) => {
                let _ = writeln!(out, "wrote {}", target.display());
            }
            Err(e) => {
                eprintln!(
                    "error: cannot write {}: {}",
                    target.display(),
                    sigs_lint::fsutil::reason(&e)
                );
                code = 2;
            }
        }
    }
    code
}

fn terminal_width() -> Option<usize> {
    std::env::var("COLUMNS").ok()?.parse().ok()
}
