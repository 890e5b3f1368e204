//! Hostile repositories (issue 12): each case is a small repository built in a temp dir, run
//! through the binary; the exact diagnostic and exit code are asserted, and a canary folder beside
//! the repository must come out byte for byte unchanged (nothing outside the root is written).

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// A scratch area: `<tmp>/repo` (the repository) and `<tmp>/canary` (must never change).
struct Scratch {
    base: PathBuf,
}

const CANARY: &str = "secret=do-not-leak\n";

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let base =
            std::env::temp_dir().join(format!("sigs-lint-hostile-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(base.join("repo")).expect("repo");
        std::fs::create_dir_all(base.join("canary")).expect("canary");
        std::fs::write(base.join("canary/secret.txt"), CANARY).expect("canary");
        Scratch { base }
    }

    fn repo(&self) -> PathBuf {
        self.base.join("repo")
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.repo().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }

    fn link(&self, rel: &str, target: &Path) {
        let p = self.repo().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(target, p).expect("symlink");
    }

    /// Runs sigs-lint with `args` (the repository appended), returns (exit code, stdout).
    fn run(&self, args: &[&str]) -> (Option<i32>, String) {
        let out = Command::cargo_bin("sigs-lint")
            .expect("binary")
            .args(args)
            .arg(self.repo())
            .arg("--color")
            .arg("never")
            .output()
            .expect("runs");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout)
                .replace(&self.repo().display().to_string(), "REPO"),
        )
    }

    /// The canary is untouched and holds nothing new.
    fn assert_canary(&self) {
        let names: Vec<_> = std::fs::read_dir(self.base.join("canary"))
            .expect("canary")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names.len(),
            1,
            "something was written beside the repository"
        );
        assert_eq!(
            std::fs::read_to_string(self.base.join("canary/secret.txt")).expect("canary"),
            CANARY
        );
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

const SIGS: &str = "sigs:\n  - dir: sig-docs\n    name: Docs\n    label: docs\n";

#[test]
fn a_very_long_line_does_not_break_the_human_format() {
    let s = Scratch::new("long-line");
    s.write(
        "sigs.yaml",
        &format!(
            "sigs:\n  - {{dir: sig-docs, name: Docs, label: {}, mission_statement: \"a\\u200bb\"}}\n",
            "x".repeat(70_000)
        ),
    );
    let (code, out) = s.run(&["check", "--no-docs"]);
    assert_eq!(code, Some(0), "{out}");
    let hygiene: Vec<&str> = out.lines().filter(|l| l.contains("text-hygiene")).collect();
    assert_eq!(
        hygiene[0],
        "REPO/sigs.yaml:2:70061: warning[text-hygiene]: `mission_statement` contains the invisible character U+200B"
    );
    assert!(out.contains("(the line is longer than 2000 characters: not shown)"));
    s.assert_canary();
}

#[test]
fn a_committed_file_linked_outside_the_repository_is_never_read() {
    let s = Scratch::new("read-link");
    s.write("sigs.yaml", SIGS);
    s.link("sig-docs/README.md", &s.base.join("canary/secret.txt"));
    for format in ["human", "github", "json"] {
        let (code, out) = s.run(&["check", "--format", format]);
        assert_eq!(code, Some(1), "{out}");
        assert!(
            !out.contains("do-not-leak"),
            "{format}: the secret leaked:\n{out}"
        );
        assert!(out.contains("sig-docs/README.md"), "{out}");
        assert!(out.contains("outside the repository"), "{format}: {out}");
    }
    s.assert_canary();
}

#[test]
fn generate_does_not_write_through_a_link_that_leaves_the_repository() {
    let s = Scratch::new("write-link");
    s.write("sigs.yaml", SIGS);
    s.link("sig-docs", &s.base.join("canary"));
    let (code, out) = s.run(&["generate"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("safe-dir"), "{out}");
    s.assert_canary();
}

#[test]
fn an_output_path_from_the_config_must_stay_inside_the_repository() {
    let s = Scratch::new("config-output");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "outputs:\n  list: ../canary/pwned.md\n");
    let (code, out) = s.run(&["generate"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("`../canary/pwned.md` leaves the repository"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn a_fifo_named_like_a_committed_file_does_not_hang_check() {
    let s = Scratch::new("fifo");
    s.write("sigs.yaml", SIGS);
    std::fs::create_dir_all(s.repo().join("sig-docs")).expect("mkdir");
    let fifo = s.repo().join("sig-docs/README.md");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|st| st.success()) {
        eprintln!("NOTICE: mkfifo unavailable: FIFO case skipped");
        return;
    }
    let (code, out) = s.run(&["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("is not a regular file"), "{out}");
    s.assert_canary();
}

#[test]
fn a_custom_content_marker_in_a_value_is_an_error_and_generate_refuses() {
    let s = Scratch::new("marker");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: sig-docs\n    name: Docs\n    label: docs\n    meetings:\n      - description: \"x <!-- END CUSTOM CONTENT --> y\"\n",
    );
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:6:22: error[marker-in-value]: `description` holds the custom-content marker `<!-- END CUSTOM CONTENT -->`"),
        "{out}"
    );
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("nothing was generated"), "{out}");
    assert!(
        !s.repo().join("sig-docs").exists(),
        "generate wrote despite the marker"
    );
    s.assert_canary();
}

#[test]
fn generate_does_not_overwrite_a_hand_written_readme_without_force() {
    let s = Scratch::new("hand-written");
    s.write("sigs.yaml", SIGS);
    s.write("sig-docs/README.md", "# Our own page\n\nWritten by hand.\n");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("`REPO/sig-docs/README.md` was not overwritten: it has no generator header and no custom-content block, so it looks hand-written"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(s.repo().join("sig-docs/README.md")).expect("kept"),
        "# Our own page\n\nWritten by hand.\n"
    );
    let (code, out) = s.run(&["generate", "--force", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("updated REPO/sig-docs/README.md"), "{out}");
    s.assert_canary();
}

#[test]
fn a_dir_with_control_characters_cannot_inject_workflow_commands() {
    let s = Scratch::new("inject");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: \"sig-docs\\n::error::pwned\"\n    name: Docs\n    label: docs\n",
    );
    let (code, out) = s.run(&["generate", "--format", "github"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("::error::pwned")),
        "a workflow command was injected:\n{out}"
    );
    assert!(out.contains("it contains control characters"), "{out}");
    s.assert_canary();
}

#[test]
fn escape_sequences_of_committed_files_do_not_reach_the_terminal() {
    let s = Scratch::new("escape");
    s.write("sigs.yaml", SIGS);
    s.write(
        "sig-docs/README.md",
        "<!-- This is an autogenerated file! -->\n\u{1b}[2J\u{1b}]0;pwned\u{7}\n<!-- BEGIN CUSTOM CONTENT -->\n\n<!-- END CUSTOM CONTENT -->\n",
    );
    for format in ["human", "github"] {
        let (code, out) = s.run(&["check", "--format", format]);
        assert_eq!(code, Some(1), "{out}");
        assert!(
            !out.contains('\u{1b}'),
            "{format}: an escape sequence reached the output"
        );
        assert!(out.contains("\\u{1b}[2J"), "{format}: {out}");
    }
    s.assert_canary();
}

#[test]
fn a_leftover_temporary_file_is_removed_and_file_modes_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("leftover");
    s.write("sigs.yaml", SIGS);
    s.write("sig-docs/.README.md.sigs-lint-4242.tmp", "half written");
    // Two minutes old: a killed run's. The other, just written, may be a live run's.
    std::fs::File::options()
        .write(true)
        .open(s.repo().join("sig-docs/.README.md.sigs-lint-4242.tmp"))
        .and_then(|f| {
            f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(120))
        })
        .expect("set the time");
    s.write("sig-docs/.README.md.sigs-lint-4343.tmp", "being written");
    s.write(
        "sig-docs/README.md",
        "<!-- This is an autogenerated file! -->\nstale\n<!-- BEGIN CUSTOM CONTENT -->\nmine\n<!-- END CUSTOM CONTENT -->\n",
    );
    let readme = s.repo().join("sig-docs/README.md");
    std::fs::set_permissions(&readme, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("note[io]: removed `REPO/sig-docs/.README.md.sigs-lint-4242.tmp`, left by an earlier run that was stopped while writing"),
        "{out}"
    );
    assert!(
        out.contains("note[io]: kept `REPO/sig-docs/.README.md.sigs-lint-4343.tmp`: written less than 60 seconds ago, it may be another run's, live (a later run removes it)"),
        "{out}"
    );
    assert!(
        !s.repo()
            .join("sig-docs/.README.md.sigs-lint-4242.tmp")
            .exists()
    );
    assert_eq!(
        std::fs::read_to_string(s.repo().join("sig-docs/.README.md.sigs-lint-4343.tmp"))
            .expect("kept"),
        "being written"
    );
    let meta = std::fs::metadata(&readme).expect("readme");
    assert_eq!(meta.permissions().mode() & 0o777, 0o640);
    let text = std::fs::read_to_string(&readme).expect("readme");
    assert!(
        text.contains("<!-- BEGIN CUSTOM CONTENT -->\nmine\n<!-- END CUSTOM CONTENT -->\n"),
        "{text}"
    );
    s.assert_canary();
}

#[test]
fn output_that_cannot_be_written_is_a_failure() {
    let s = Scratch::new("full");
    s.write("sigs.yaml", SIGS);
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("NOTICE: /dev/full unavailable: case skipped");
        return;
    };
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .args(["check", "--no-docs"])
        .arg(s.repo())
        .stdout(full)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("error: cannot write the output: the disk is full\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_generated_file_that_cannot_be_written_is_exit_2_and_leaves_nothing() {
    // A write error (a full disk; here a file size limit) was exit 1, as findings are.
    let s = Scratch::new("file-size-limit");
    s.write("sigs.yaml", SIGS);
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 1; exec \"$0\" generate --format short \"$1\"")
        .arg(env!("CARGO_BIN_EXE_sigs-lint"))
        .arg(s.repo())
        .output()
        .expect("runs");
    let stdout =
        String::from_utf8_lossy(&out.stdout).replace(&s.repo().display().to_string(), "REPO");
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert_eq!(
        stdout,
        "generator: no generator/ directory: sigs-lint's built-in templates\n\
         created REPO/sig-docs/README.md\n\
         created REPO/OWNERS_ALIASES\n\
         sigs-lint: error[io]: cannot write `REPO/liaisons.md`: it is too large for the file system\n\
         sigs-lint: error[io]: cannot write `REPO/sig-list.md`: it is too large for the file system\n\
         2 errors, 0 warnings (io: 2)\n\
         the rules found 0 error(s) and 4 warning(s) in the data: `sigs-lint check` lists them\n"
    );
    // The two small files are whole; nothing half-written, no temporary file left.
    let mut names: Vec<String> = std::fs::read_dir(s.repo())
        .expect("repo")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["OWNERS_ALIASES", "sig-docs", "sigs.yaml"]);
    let (code, out) = s.run(&["check", "--format", "short", "--only", "sig-docs"]);
    assert_eq!(code, Some(0), "{out}");
    s.assert_canary();
}

#[test]
fn a_doubling_template_is_stopped_before_it_eats_memory() {
    let s = Scratch::new("doubling");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    s.write(
        "generator/list.tmpl",
        "{{define \"d\"}}{{template \"d\" (printf \"%s%s\" . .)}}{{end}}{{template \"d\" \"x\"}}",
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/generator/list.tmpl:1:31: error[template-error]: `REPO/sig-list.md` cannot be generated: template: list.tmpl:1:30: executing \"d\" at <printf \"%s%s\" . .>: error calling printf: its arguments exceed 16777216 bytes"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn a_hundred_thousand_defines_parse_in_linear_time() {
    let s = Scratch::new("defines");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    let defines: String = (0..100_000)
        .map(|i| format!("{{{{define \"d{i}\"}}}}x{{{{end}}}}"))
        .collect();
    s.write(
        "generator/list.tmpl",
        &format!("{defines}{{{{template \"d99999\"}}}}\n"),
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    // Only the missing list, which the template would write as "x".
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[doc-missing]: `REPO/sig-list.md` is missing"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn load_errors_are_worded_for_people() {
    let s = Scratch::new("words");
    s.write("sigs.yaml", "sigs: []\n---\nsigs: []\n");
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("REPO/sigs.yaml:3:1: error[yaml-syntax]: invalid YAML: the file holds more than one YAML document (a `---` line after content); the generator reads only the first and drops the rest when it rewrites the file: keep one document\n"), "{out}");
    s.write("sigs.yaml", "sigs:\n  - dir: !!int notanint\n    name: x\n");
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1));
    assert!(out.starts_with("REPO/sigs.yaml:2:16: error[yaml-syntax]: invalid YAML: a value tagged as an integer (e.g. `!!int`) is not an integer; drop the tag, the data holds strings\n"), "{out}");
    s.write("sigs.yaml", "sigs: []\n");
    s.write(
        ".sigs-lint.yaml",
        "rules:\n  lead-details: off\nrules:\n  lead-details: error\n",
    );
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(2));
    assert!(
        out.starts_with(
            "REPO/.sigs-lint.yaml:3:1: error[config]: duplicate key `rules` in the config file\n"
        ),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn a_dir_through_a_link_into_a_new_folder_is_refused() {
    let s = Scratch::new("link-new-folder");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: out/sig-docs\n    name: Docs\n    label: docs\n",
    );
    s.link("out", &s.base.join("canary"));
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("error[safe-dir]"), "{out}");
    assert!(out.contains("outside the repository"), "{out}");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    s.assert_canary();
}

#[test]
fn init_does_not_write_through_a_linked_generator_folder() {
    let s = Scratch::new("init-link");
    s.link("generator", &s.base.join("canary"));
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .arg("init")
        .arg(s.repo())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("outside the repository"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    s.assert_canary();
}

#[test]
fn an_unreadable_template_is_an_error_not_an_absent_template() {
    let s = Scratch::new("template-utf8");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    std::fs::create_dir_all(s.repo().join("generator")).expect("mkdir");
    std::fs::write(s.repo().join("generator/list.tmpl"), b"bad \xff byte").expect("write");
    s.link(
        "generator/sig_readme.tmpl",
        &s.base.join("canary/secret.txt"),
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "`REPO/sig-list.md` cannot be generated: cannot read the template list.tmpl: "
        ) && out.contains("is not UTF-8"),
        "{out}"
    );
    assert!(
        out.contains("`REPO/sig-docs/README.md` cannot be generated: cannot read the template sig_readme.tmpl: ") && out.contains("leads outside the repository"),
        "{out}"
    );
    assert!(!out.contains("do-not-leak"));
    assert!(!out.contains("doc-orphan"), "{out}");
    s.assert_canary();
}

#[test]
fn a_readme_that_is_a_link_inside_the_repository_is_not_replaced() {
    let s = Scratch::new("readme-link");
    s.write("sigs.yaml", SIGS);
    s.write("docs/real.md", "my own file\n");
    s.link("sig-docs/README.md", &s.repo().join("docs/real.md"));
    let (code, out) = s.run(&["generate", "--force", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(
            "not written: `sig-docs/README.md` is a link; sigs-lint does not replace links"
        ),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(s.repo().join("docs/real.md")).expect("kept"),
        "my own file\n"
    );
    assert!(
        s.repo()
            .join("sig-docs/README.md")
            .symlink_metadata()
            .expect("link")
            .file_type()
            .is_symlink()
    );
    s.assert_canary();
}

#[test]
fn generate_says_which_text_it_dropped() {
    let s = Scratch::new("dropped");
    s.write("sigs.yaml", SIGS);
    s.write(
        "sig-docs/README.md",
        "<!-- This is an autogenerated file! -->\nold\n<!-- BEGIN CUSTOM CONTENT -->\nkept\n<!-- END CUSTOM CONTENT -->\nafter the block\n",
    );
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("warning[custom-content]: `REPO/sig-docs/README.md`: 1 line(s) outside the custom-content block were dropped (line 6: `after the block`)"),
        "{out}"
    );
    let text = std::fs::read_to_string(s.repo().join("sig-docs/README.md")).expect("readme");
    assert!(text.contains("<!-- BEGIN CUSTOM CONTENT -->\nkept\n<!-- END CUSTOM CONTENT -->\n"));
    s.assert_canary();
}

#[test]
fn a_flood_of_findings_is_capped_per_rule() {
    let s = Scratch::new("flood");
    let groups: String = (0..1500)
        .map(|i| format!("  - {{dir: sig-g{i}, name: G{i}, label: g{i}, charter_link: c.md, mission_statement: m, subprojects: [{{name: s, owners: [\"https://github.com/o/r/blob/main/OWNERS\"]}}]}}\n"))
        .collect();
    s.write("sigs.yaml", &format!("sigs:\n{groups}"));
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(0), "{}", &out[out.len().saturating_sub(500)..]);
    assert!(
        out.contains("REPO/sigs.yaml: note[required-chairs]: 500 more `required-chairs` findings are not shown (the first 1000 are)\n"),
        "{}",
        &out[out.len().saturating_sub(500)..]
    );
    // Every subproject is named `s`: duplicate-names floods too.
    assert!(
        out.ends_with(
            "0 errors, 2000 warnings, 2 notes (duplicate-names: 1001, required-chairs: 1001)\n"
        ),
        "{}",
        &out[out.len().saturating_sub(300)..]
    );
    s.assert_canary();
}

#[test]
fn a_flood_of_dropped_lines_with_lone_carriage_returns_is_capped_and_reported() {
    // 1,500 lines after the custom-content block, each with a lone CR: one finding per line was
    // kept (200,000 lines: 194 MB), and the human report read each snippet from the start of the
    // file (miette's scan; a 2.6 MB README took 335 s). Now the first 1,000 are shown, the rest
    // counted, and the snippets are read from their own lines. The lines are counted as YAML
    // and editors count them, a lone CR ending one (the 1,001st is line 2003).
    let s = Scratch::new("dropped-flood");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: sig-docs\n    name: Docs\n    label: docs\n",
    );
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    let tail: String = (0..1500).map(|i| format!("dropped\r{i}\n")).collect();
    s.write(
        "sig-docs/README.md",
        &format!("<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\n{tail}"),
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{}", &out[out.len().saturating_sub(500)..]);
    assert_eq!(out.matches("warning[custom-content]").count(), 1000);
    assert!(
        out.contains("REPO/sig-docs/README.md:2003:1: note[custom-content]: `REPO/sig-docs/README.md`: 500 more lines the next regeneration would drop are not shown (the first 1000 are)\n"),
        "{}",
        &out[out.len().saturating_sub(500)..]
    );
    let (code, human) = s.run(&["check"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        human.matches("── outside the custom-content block").count(),
        1000
    );
    assert!(
        human.contains(
            " 2003 │ ╭─▶ dropped\n 2004 │ ├─▶ 1000\n      · ╰──── the first line not shown"
        ),
        "{}",
        &human[human.len().saturating_sub(1500)..]
    );
    s.assert_canary();
}

#[test]
fn a_dir_named_like_another_output_is_refused() {
    let s = Scratch::new("dir-output");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: OWNERS_ALIASES\n    name: Docs\n    label: docs\n",
    );
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("error[safe-dir]: the README of SIG \"Docs\" cannot be written there: `OWNERS_ALIASES` is another file or folder the generator uses"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn a_dir_named_like_another_file_in_another_case_is_refused() {
    // On a Mac or Windows volume `SIGS.yaml.` and `Tools/Generator` are the data file and the
    // templates' folder: the README would go into the one or fail on the other there.
    let s = Scratch::new("dir-case");
    s.write(".sigs-lint.yaml", "templates: tools/generator\n");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: SIGS.yaml.\n    name: Docs\n    label: docs\n  - dir: Tools/Generator/x\n    name: Infra\n    label: infra\n",
    );
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:2:10: error[safe-dir]: the README of SIG \"Docs\" cannot be written there: `sigs.yaml` is another file or folder the generator uses"),
        "{out}"
    );
    assert!(
        out.contains("REPO/sigs.yaml:5:10: error[safe-dir]: the README of SIG \"Infra\" cannot be written there: `tools/generator` is another file or folder the generator uses"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn suggestions_for_many_long_unknown_names_are_bounded() {
    // 2,000 working groups name an unknown 125-character stakeholder SIG among 2,000 SIGs with
    // names as long: every name pair compared took 55 s; the rule's suggestion budget lets the
    // first through (it alone costs 31 million character pairs of the 50 million) and no more.
    let s = Scratch::new("did-you-mean");
    let long = "n".repeat(120);
    let mut yaml = String::from("sigs:\n");
    for i in 0..2000 {
        yaml.push_str(&format!(
            "  - {{dir: sig-g{i}, name: {long}{i}, label: g{i}}}\n"
        ));
    }
    yaml.push_str("workinggroups:\n");
    for i in 0..2000 {
        yaml.push_str(&format!(
            "  - {{dir: wg-w{i}, name: W{i}, label: w{i}, stakeholder_sigs: [{long}{i}x]}}\n"
        ));
    }
    s.write("sigs.yaml", &yaml);
    let (code, out) = s.run(&["check", "--no-docs", "--format", "json"]);
    assert_eq!(code, Some(0), "{}", &out[..out.len().min(500)]);
    assert_eq!(out.matches("is not a SIG in this file").count(), 1000);
    assert_eq!(
        out.matches("did you mean").count(),
        1,
        "{}",
        &out[..out.len().min(500)]
    );
    assert!(out.contains(&format!("did you mean `{long}0`?")));
    s.assert_canary();
}

#[test]
fn strings_held_across_nested_templates_are_bounded() {
    // Each of 200 nested calls holds a 16 MB string in a variable (each under the 16 MiB a
    // function may return): 3 GB before the budget on what functions return in all.
    let s = Scratch::new("held-strings");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    s.write(
        "generator/list.tmpl",
        r#"{{define "a"}}{{$x := printf "%s%s%s%s" . . . .}}{{template "a" .}}{{end}}{{$b := printf "%1000000s" "x"}}{{template "a" (printf "%s%s%s%s" $b $b $b $b)}}"#,
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/generator/list.tmpl:1:23: error[template-error]: `REPO/sig-list.md` cannot be generated: template: list.tmpl:1:22: executing \"a\" at <printf \"%s%s%s%s\" . . . .>: error calling printf: the functions of this execution returned more than 67108864 bytes in all"),
        "{out}"
    );
    s.assert_canary();
}

/// What `actions/checkout` leaves in `.git/config` (the job's token, by default).
const GIT_CONFIG: &str = "[core]\n\tbare = false\n[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic c2VjcmV0LXRva2Vu\n";

#[test]
fn nothing_in_git_is_read_or_written_through_a_link_inside_the_repository() {
    // A committed README linked to `.git/config` stays inside the root, but CI keeps the job's
    // token there: its diff would print it.
    let s = Scratch::new("git-link");
    s.write("sigs.yaml", SIGS);
    s.write(".git/config", GIT_CONFIG);
    s.link("sig-docs/README.md", Path::new("../.git/config"));
    for format in ["human", "github", "json", "short"] {
        let (code, out) = s.run(&["check", "--format", format]);
        assert_eq!(code, Some(1), "{out}");
        assert!(
            !out.contains("c2VjcmV0"),
            "{format}: the token leaked:\n{out}"
        );
        assert!(out.contains("inside `.git`"), "{format}: {out}");
    }
    let (_, out) = s.run(&["check", "--format", "short"]);
    assert!(
        out.contains("sigs-lint: error[io]: `REPO/sig-docs/README.md` is neither read nor written: it is inside `.git` (the repository's own metadata, where CI keeps credentials)"),
        "{out}"
    );
    // A group folder linked into `.git`: refused by `safe-dir`, nothing written there.
    let s = Scratch::new("git-dir-link");
    s.write("sigs.yaml", SIGS);
    s.write(".git/config", GIT_CONFIG);
    s.link("sig-docs", Path::new(".git"));
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:1:1: error[safe-dir]: nothing was generated: the README of SIG \"Docs\" cannot be written under `sig-docs`: it is a link into `.git`"),
        "{out}"
    );
    let git: Vec<_> = std::fs::read_dir(s.repo().join(".git"))
        .expect(".git")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(git, ["config"], "generate wrote into .git");
    assert_eq!(
        std::fs::read_to_string(s.repo().join(".git/config")).expect("kept"),
        GIT_CONFIG
    );
    s.assert_canary();
}

#[test]
fn config_paths_stay_out_of_git_and_outputs_do_not_overwrite_what_is_read() {
    // Each config, and the exact error at its value: `generate` and `check` stop (exit 2) and
    // nothing is written.
    let cases = [
        (
            "outputs:\n  list: .git/config\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: `.git/config` is inside `.git`, the repository's own metadata",
        ),
        (
            "outputs:\n  aliases: ./.GIT/hooks/pre-commit\n",
            "REPO/.sigs-lint.yaml:2:12: error[config]: `./.GIT/hooks/pre-commit` is inside `.git`, the repository's own metadata",
        ),
        (
            // What Windows (8.3 short name, trailing dot, a stream) and macOS (an ignored code
            // point) read as `.git/config`.
            "outputs:\n  list: GIT~1/config\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: `GIT~1/config` is inside `.git`, the repository's own metadata",
        ),
        (
            "outputs:\n  list: .git./config\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: `.git./config` is inside `.git`, the repository's own metadata",
        ),
        (
            "outputs:\n  list: .git::$INDEX_ALLOCATION/config\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: `.git::$INDEX_ALLOCATION/config` is inside `.git`, the repository's own metadata",
        ),
        (
            "outputs:\n  aliases: \".g\\u200Cit/config\"\n",
            "REPO/.sigs-lint.yaml:2:12: error[config]: `.g\\u{200c}it/config` is inside `.git`, the repository's own metadata",
        ),
        (
            "data-file: .git/config\n",
            "REPO/.sigs-lint.yaml:1:12: error[config]: `.git/config` is inside `.git`, the repository's own metadata",
        ),
        (
            "outputs:\n  list: \"list.md\\n::error::x\"\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: `list.md\\u{a}::error::x` holds control characters",
        ),
        (
            "outputs:\n  list: OWNERS_ALIASES\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the aliases output `OWNERS_ALIASES` is also the list output: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: ./sigs.yaml\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `sigs.yaml` is also a generator's data file: writing it would overwrite that",
        ),
        (
            "data-file: data/groups.yaml\noutputs:\n  liaisons: data//groups.yaml\n",
            "REPO/.sigs-lint.yaml:3:13: error[config]: the liaisons output `data/groups.yaml` is also the data file: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: generator/list.tmpl\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `generator/list.tmpl` is also in a generator's templates folder `generator`: writing it would overwrite that",
        ),
        (
            "templates: .\noutputs:\n  list: list.tmpl\n",
            "REPO/.sigs-lint.yaml:3:9: error[config]: the list output `list.tmpl` is also in the templates' folder `.`: writing it would overwrite that",
        ),
        (
            // Once, though the folder is both a path read and the folder of the templates.
            "templates: docs\noutputs:\n  list: ./docs\n",
            "REPO/.sigs-lint.yaml:3:9: error[config]: the list output `docs` is also the templates' folder: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: .sigs-lint.yaml\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `.sigs-lint.yaml` is also the config file: writing it would overwrite that",
        ),
        // The same files on a Mac or Windows volume (case, trailing dots, ignored code points).
        (
            "outputs:\n  list: SIGS.yaml\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `SIGS.yaml` is also a generator's data file: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: .Sigs-Lint.yaml.\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `.Sigs-Lint.yaml.` is also the config file: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: Generator/list.tmpl\n",
            "REPO/.sigs-lint.yaml:2:9: error[config]: the list output `Generator/list.tmpl` is also in a generator's templates folder `generator`: writing it would overwrite that",
        ),
        (
            "data-file: Données.yaml\noutputs:\n  list: \"DONN\\u200CÉES.yaml\"\n",
            "REPO/.sigs-lint.yaml:3:9: error[config]: the list output `DONN\\u{200c}ÉES.yaml` is also the data file: writing it would overwrite that",
        ),
        (
            "outputs:\n  list: sig-list.md\n  aliases: SIG-LIST.MD\n",
            "REPO/.sigs-lint.yaml:3:12: error[config]: the aliases output `SIG-LIST.MD` is also the list output: writing it would overwrite that",
        ),
    ];
    for (config, expected) in cases {
        let s = Scratch::new("config-paths");
        s.write("sigs.yaml", SIGS);
        s.write(".git/config", GIT_CONFIG);
        s.write(".sigs-lint.yaml", config);
        for command in ["check", "generate"] {
            let (code, out) = s.run(&[command, "--format", "short"]);
            assert_eq!(code, Some(2), "{config}\n{out}");
            assert_eq!(
                out.lines()
                    .filter(|l| l.contains("error[config]"))
                    .collect::<Vec<_>>(),
                [expected],
                "{config}"
            );
        }
        let mut names: Vec<_> = std::fs::read_dir(s.repo())
            .expect("repo")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".git", ".sigs-lint.yaml", "sigs.yaml"], "{config}");
        assert_eq!(
            std::fs::read_to_string(s.repo().join(".git/config")).expect("kept"),
            GIT_CONFIG
        );
        s.assert_canary();
    }
    // The same names are fine where nothing clashes.
    let s = Scratch::new("config-paths-ok");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "outputs:\n  list: ./docs//groups.md\n");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(s.repo().join("docs/groups.md").is_file(), "{out}");
    s.assert_canary();
}

#[test]
fn a_dir_whose_readme_is_an_output_is_refused() {
    let s = Scratch::new("dir-readme-output");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "outputs:\n  list: sig-docs/README.md\n");
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:2:10: error[safe-dir]: the README of SIG \"Docs\" cannot be written there: `sig-docs/README.md` is another file or folder the generator uses"),
        "{out}"
    );
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:1:1: error[safe-dir]: nothing was generated: the README of SIG \"Docs\" cannot be written under `sig-docs`: `sig-docs/README.md` is another file or folder the generator uses"),
        "{out}"
    );
    assert!(!s.repo().join("sig-docs").exists(), "generate wrote");
    s.assert_canary();
}

#[test]
fn a_data_file_linked_out_of_the_root_into_git_or_to_a_fifo_is_refused_with_its_reason() {
    // The reason is sigs-lint's own (the error's kind alone said "permission denied").
    let cases = [
        ("out", "it leads outside the repository (a link to "),
        (
            "git",
            "it is inside `.git` (the repository's own metadata, where CI keeps credentials)",
        ),
        (
            "fifo",
            "it is not a regular file (a FIFO, device, socket or directory)",
        ),
    ];
    for (shape, reason) in cases {
        let s = Scratch::new(&format!("data-link-{shape}"));
        s.write(".git/config", GIT_CONFIG);
        match shape {
            "out" => s.link("sigs.yaml", &s.base.join("canary/secret.txt")),
            "git" => s.link("sigs.yaml", Path::new(".git/config")),
            _ => {
                let fifo = s.repo().join("pipe");
                let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
                assert!(made.success());
                s.link("sigs.yaml", Path::new("pipe"));
            }
        }
        for command in [
            &["check"][..],
            &["check", "--fix"],
            &["fmt"],
            &["fmt", "--check"],
        ] {
            let mut args = command.to_vec();
            args.extend(["--format", "short"]);
            let (code, out) = s.run(&args);
            assert_eq!(code, Some(2), "{command:?}: {out}");
            let expected = format!("sigs-lint: error[io]: cannot read `REPO/sigs.yaml`: {reason}");
            assert!(out.starts_with(&expected), "{command:?}: {out}");
            assert!(!out.contains(CANARY) && !out.contains("c2VjcmV0"), "{out}");
        }
        assert_eq!(
            std::fs::read_to_string(s.repo().join(".git/config")).expect("kept"),
            GIT_CONFIG
        );
        s.assert_canary();
    }
}

#[test]
fn a_template_that_writes_a_custom_content_marker_is_not_regenerated_forever() {
    // The generator appends the block after the template's text; a marker in that text makes
    // its next run capture the lines after it as well: the file grows on every run.
    let s = Scratch::new("unsettled");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    s.write(
        "generator/list.tmpl",
        "List\n<!-- BEGIN CUSTOM CONTENT -->\nmine\n<!-- END CUSTOM CONTENT -->\n",
    );
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:1:1: error[doc-stale]: `REPO/sig-list.md` was not written: the generator would change it again on every run"),
        "{out}"
    );
    assert!(!s.repo().join("sig-list.md").exists(), "{out}");
    // With --force, what the generator writes; `check` then says why it is never up to date,
    // and every run adds a line, as the Go generator's runs do.
    let (code, out) = s.run(&["generate", "--force", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    let first = std::fs::read_to_string(s.repo().join("sig-list.md")).expect("written");
    assert_eq!(
        first,
        "List\n<!-- BEGIN CUSTOM CONTENT -->\nmine\n<!-- END CUSTOM CONTENT -->\n<!-- BEGIN CUSTOM CONTENT -->\n\n<!-- END CUSTOM CONTENT -->\n"
    );
    let (code, out) = s.run(&["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("help: the template writes a custom-content marker of its own: the"),
        "{out}"
    );
    let (_, out) = s.run(&["generate", "--force", "--format", "short"]);
    let second = std::fs::read_to_string(s.repo().join("sig-list.md")).expect("written");
    assert_eq!(second.lines().count(), first.lines().count() + 1, "{out}");
    // Markers with nothing between them capture nothing: that file settles, and is written.
    s.write(
        "generator/list.tmpl",
        "List\n<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\n",
    );
    std::fs::remove_file(s.repo().join("sig-list.md")).expect("removed");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    s.assert_canary();
}

#[test]
fn a_lone_carriage_return_never_reaches_the_terminal() {
    // A CR alone ends a line for YAML and for miette's line count, but miette printed it inside
    // the snippet's line: the terminal's cursor went back over what was shown (and the
    // snippet's line numbers were off by the CRs before it).
    let s = Scratch::new("lone-cr");
    s.write("sigs.yaml", "sigs:\r  - dir: sig-docs\r    name: [\r\r");
    let (code, out) = s.run(&["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(!out.contains('\r'), "{out:?}");
    assert!(
        out.contains("  × invalid YAML: unclosed bracket '['\n   ╭─[REPO/sigs.yaml:3:11]\n 2 │   - dir: sig-docs\n 3 │     name: [\n   ·           ▲\n   ·           ╰── here\n 4 │ \n   ╰────"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn fmt_does_not_replace_a_linked_data_file() {
    // `fmt` renamed its file over the link: the link was gone and the file it named kept the
    // old text (`check --fix` and `generate` already refused links).
    let s = Scratch::new("fmt-link");
    let unsorted = "sigs:\n- name: Zeta\n  dir: sig-zeta\n  label: zeta\n- name: Alpha\n  dir: sig-alpha\n  label: alpha\n";
    s.write("data/real.yaml", unsorted);
    s.write(".sigs-lint.yaml", "generator: kubernetes-K35\n");
    s.link("sigs.yaml", Path::new("data/real.yaml"));
    let (code, out) = s.run(&["fmt", "--format", "short"]);
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(
        out,
        "sigs-lint: error[io]: cannot rewrite `REPO/sigs.yaml`: `sigs.yaml` is a link; sigs-lint does not replace links\n1 error, 0 warnings (io: 1)\n"
    );
    let (code, _) = s.run(&["check", "--fix", "--format", "short"]);
    assert_eq!(code, Some(2));
    assert!(
        std::fs::symlink_metadata(s.repo().join("sigs.yaml"))
            .expect("kept")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(s.repo().join("data/real.yaml")).expect("kept"),
        unsorted
    );
    s.assert_canary();
}

#[test]
fn a_file_name_with_a_newline_is_one_line_in_every_location() {
    // A folder `x\n::error::y` holding a generated-looking README is an orphan: its name was
    // printed with its newline in locations (the short format's one line per finding became
    // two; the human snippet's header broke) and in the message.
    let s = Scratch::new("name-newline");
    s.write("sigs.yaml", SIGS);
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    s.write(
        "x\n::error::y/README.md",
        "<!-- This is an autogenerated file! -->\n",
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.lines().any(|l| l == "REPO/x\\u{a}::error::y/README.md:1:1: warning[doc-orphan]: `REPO/x\\u{a}::error::y/README.md` carries the generator's header, but no group in sigs.yaml produces it any more"),
        "{out}"
    );
    let (_, out) = s.run(&["check"]);
    assert!(
        out.contains("╭─[REPO/x\\u{a}::error::y/README.md:1:1]\n"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn system_errors_are_said_in_our_words() {
    // A README that is a link to itself, a `generator` that is a file, a group folder through a
    // link loop: the system's words were printed ("Too many levels of symbolic links (os error
    // 40)", "Not a directory (os error 20)", "dangling" for a loop).
    let s = Scratch::new("os-words");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: sig-docs\n    name: Docs\n    label: docs\n  - dir: sig-loop\n    name: Loop\n    label: loop\n",
    );
    s.write("generator", "a file\n");
    std::fs::create_dir_all(s.repo().join("sig-docs")).expect("mkdir");
    s.link("sig-docs/README.md", Path::new("README.md"));
    s.link("sig-loop", Path::new("sig-loop2"));
    s.link("sig-loop2", Path::new("sig-loop"));
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    for line in [
        "sigs-lint: error[io]: `REPO/sig-docs/README.md` is neither read nor written: a link on its path leads back to itself (a link loop)",
        "REPO/sigs.yaml:1:1: note[generator-flavour]: generator/app.go was not read: a part of its path is a file, not a folder; the generator was recognised without it",
        "REPO/sigs.yaml:5:10: error[safe-dir]: the README of SIG \"Loop\" cannot be written there: it goes through a link that leads nowhere (dangling, or a loop)",
    ] {
        assert!(out.lines().any(|l| l == line), "{line}\n{out}");
    }
    assert!(!out.contains("os error"), "{out}");
    s.assert_canary();
}

#[test]
fn no_format_prints_a_bidirectional_control() {
    // U+202E and the isolates reorder the text around them as a terminal or a review page
    // shows it: a finding about a value could read other than it is. `text-hygiene` reports
    // them; every format printed them as they are.
    let s = Scratch::new("bidi");
    s.write(
        "sigs.yaml",
        "sigs:\n- dir: sig-docs\n  name: \"Docs \\u202Eevil\\u2066\"\n  label: docs\n",
    );
    s.write(
        "sig-docs/README.md",
        "<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\nreads \u{2067}backwards\n",
    );
    let bidi = |c: char| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
    let mut shown = Vec::new();
    for format in ["human", "short", "json", "sarif", "github", "markdown"] {
        let out = Command::cargo_bin("sigs-lint")
            .expect("binary")
            .args(["check", "--format", format])
            .arg(s.repo())
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(1), "{format}");
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!both.chars().any(bidi), "{format}:\n{both}");
        shown.push(
            // Text, JSON, markdown (its backslash escaped).
            [
                "\\u{202e}evil\\u{2066}",
                "\\u202eevil\\u2066",
                "\\\\u{202e}evil\\\\u{2066}",
            ]
            .iter()
            .any(|e| both.contains(e)),
        );
    }
    // The name is in a finding's message in every format (escaped), or in its snippet (`?`).
    assert_eq!(shown, [true; 6]);
    // Code scanning shows SARIF's texts as they are once parsed: escaped as text there too.
    let out = Command::cargo_bin("sigs-lint")
        .expect("binary")
        .args(["check", "--format", "sarif"])
        .arg(s.repo())
        .output()
        .expect("runs");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("sarif");
    // Every text shown (messages, fix descriptions), not a fix's replacement (file content).
    let mut texts = Vec::new();
    let mut stack = vec![("", &sarif)];
    while let Some((key, v)) = stack.pop() {
        match v {
            serde_json::Value::Object(m) if key != "insertedContent" => {
                if let Some(serde_json::Value::String(t)) = m.get("text") {
                    texts.push(t.clone());
                }
                stack.extend(m.iter().map(|(k, v)| (k.as_str(), v)));
            }
            serde_json::Value::Array(a) => stack.extend(a.iter().map(|v| (key, v))),
            _ => {}
        }
    }
    let with_bidi: Vec<&String> = texts.iter().filter(|t| t.chars().any(bidi)).collect();
    assert_eq!(with_bidi, Vec::<&String>::new());
    assert!(
        texts
            .iter()
            .any(|t| t.contains("SIG \"Docs \\u{202e}evil\\u{2066}\" has no chair"))
    );
    s.assert_canary();
}

#[test]
fn no_format_prints_a_line_a_ci_log_would_run_as_a_workflow_command() {
    // GitHub's runner runs a log line that starts, after blanks, with `::`, or that holds
    // `##[` anywhere, whatever the step meant to print. A name with a newline reached the human
    // format's help text at a line's start; a README's lines reached diffs; `fmt --diff` and
    // `check --fix --diff` printed the data file's lines as they are.
    let s = Scratch::new("ci-log");
    s.write(
        "sigs.yaml",
        "sigs:\n- dir: sig-docs\n  name: \"Docs\\n::stop-commands::tok\"\n  label: docs\n- dir: sig-zeta\n  name: Zeta\n  label: zeta # ##[add-mask]x\n",
    );
    s.write(
        "sig-docs/README.md",
        "<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\n::error::fake\n  ##[warning]legacy\n",
    );
    let commands = |out: &str| -> Vec<String> {
        out.lines()
            .filter(|l| {
                let ours = ["::error ", "::warning ", "::notice "]
                    .iter()
                    .any(|p| l.starts_with(p));
                !ours && (l.trim_start().starts_with("::") || l.contains("##["))
            })
            .map(str::to_string)
            .collect()
    };
    let mut runs = Vec::new();
    for args in [
        &["check"][..],
        &["check", "--format", "short"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["check", "--format", "github"],
        &["generate", "--check"],
        &["fmt", "--diff"],
        &["check", "--fix", "--diff"],
    ] {
        if args[0] == "fmt" {
            // A flavour with a canonical form (the built-in one has none).
            s.write(".sigs-lint.yaml", "generator: kubernetes-K35\n");
        }
        let out = Command::cargo_bin("sigs-lint")
            .expect("binary")
            .args(args)
            .arg(s.repo())
            .output()
            .expect("runs");
        let both = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(commands(&both), Vec::<String>::new(), "{args:?}:\n{both}");
        // Shown, escaped: the name's line in the help, the README's lines in the diff, the
        // data file's comment in the canonical form's diff.
        let shown = [
            "\\u{3a}:stop-commands::tok",
            "-  \\u{23}#[warning]legacy",
            "\\u0023#[warning]legacy",
            "label: zeta # \\u{23}#[add-mask]x",
        ]
        .iter()
        .filter(|e| both.contains(*e))
        .count();
        runs.push(shown);
    }
    // human: the help, the diff and a snippet; short: values on one line; json: the diff;
    // sarif: no diff; github: escaped its own way (`%0A`); generate --check: the diff; fmt and
    // fix: the data file's comment. (A diff line starts with `-`, `+` or a space and a snippet
    // line with its number: `::` there is no command.)
    assert_eq!(runs, [3, 0, 1, 0, 0, 1, 1, 1]);
    s.assert_canary();
}

#[test]
fn a_templates_folder_linked_out_of_the_root_is_not_read() {
    // Templates were read "inside" their own folder, not the repository: a `generator/` linked
    // to any folder had its templates read, rendered and shown (and written by `generate`).
    let s = Scratch::new("template-dir-link");
    s.write("sigs.yaml", SIGS);
    std::fs::write(s.base.join("canary/list.tmpl"), CANARY).expect("canary");
    s.link("generator", &s.base.join("canary"));
    for command in [&["check"][..], &["generate", "--force"]] {
        let mut args = command.to_vec();
        args.extend(["--format", "short"]);
        let (code, out) = s.run(&args);
        assert_eq!(code, Some(1), "{out}");
        assert!(!out.contains("do-not-leak"), "{out}");
        assert!(
            out.contains("error[template-error]: `REPO/sig-list.md` cannot be generated: cannot read the template list.tmpl: it leads outside the repository (a link to "),
            "{out}"
        );
    }
    assert!(!s.repo().join("sig-list.md").exists());
    std::fs::remove_file(s.base.join("canary/list.tmpl")).expect("canary");
    s.assert_canary();
}

#[test]
fn a_folder_spelled_three_ways_is_one_readme() {
    // `sig`, `sig/.` and `sig/` are one folder to the generator's filepath.Join: its README was
    // planned three times, written three times ("updated" twice, exit 0), and `check` then
    // found two of them stale forever where the Go generator's verify passes.
    let s = Scratch::new("dir-spellings");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: sig\n    name: Docs\n    label: docs\n  - dir: sig/.\n    name: Other\n    label: other\n  - dir: sig/\n    name: Third\n    label: third\n",
    );
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(out.matches("README.md").count(), 1, "{out}");
    assert!(out.contains("created REPO/sig/README.md\n"), "{out}");
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("doc-stale"), "{out}");
    assert!(
        out.contains("REPO/sigs.yaml:5:10: warning[duplicate-names]: SIG \"Other\" has the same dir `sig/.` as SIG \"Docs\"\n")
            && out.contains("REPO/sigs.yaml:8:10: warning[duplicate-names]: SIG \"Third\" has the same dir `sig/` as SIG \"Docs\"\n"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn two_folders_that_are_one_through_a_link_are_one_readme() {
    // `sig-docs -> sig-release` inside the root: the generator writes the one file twice and
    // the last write stays, so its verify passes; sigs-lint compared the first group's README
    // with the file the second group wrote and reported it stale forever.
    let s = Scratch::new("dir-linked");
    s.write(
        "sigs.yaml",
        "sigs:\n  - dir: sig-docs\n    name: Docs\n    label: docs\n  - dir: sig-release\n    name: Release\n    label: release\n",
    );
    std::fs::create_dir_all(s.repo().join("sig-release")).expect("mkdir");
    s.link("sig-docs", Path::new("sig-release"));
    // The generator writes the groups in the order of their dirs: Release's README is last.
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("created REPO/sig-release/README.md\n") && !out.contains("sig-docs"),
        "{out}"
    );
    let written = std::fs::read_to_string(s.repo().join("sig-release/README.md")).expect("read");
    assert!(
        written.contains("# Release Special Interest Group"),
        "{written}"
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        !out.contains("doc-stale") && !out.contains("safe-dir"),
        "{out}"
    );
    assert!(!out.contains("no group in sigs.yaml produces it"), "{out}");
    let (code, out) = s.run(&["generate", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("4 generated files up to date\n"), "{out}");
    // One group's README by the linked folder's name: the file it resolves to, as the group
    // that writes it last writes it.
    let readme = s.repo().join("sig-release/README.md");
    let written = std::fs::read_to_string(&readme).expect("read");
    std::fs::write(&readme, written.replace("# Release", "# Stale")).expect("write");
    let (code, out) = s.run(&["generate", "--only", "sig-docs", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("updated REPO/sig-release/README.md\n"),
        "{out}"
    );
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("doc-stale"), "{out}");
    s.assert_canary();
}

#[test]
fn an_app_go_that_cannot_be_read_is_named_not_taken_for_absent() {
    // A FIFO or a link out of the root named generator/app.go was silently skipped: the
    // generator was recognised from the templates without a word about it.
    for (shape, reason) in [
        (
            "fifo",
            "it is not a regular file (a FIFO, device, socket or directory)",
        ),
        (
            "zero",
            "it leads outside the repository (a link to /dev/zero)",
        ),
    ] {
        let s = Scratch::new(&format!("app-go-{shape}"));
        s.write("sigs.yaml", SIGS);
        std::fs::create_dir_all(s.repo().join("generator")).expect("mkdir");
        if shape == "fifo" {
            let made = Command::new("mkfifo")
                .arg(s.repo().join("generator/app.go"))
                .status()
                .expect("mkfifo");
            assert!(made.success());
        } else {
            s.link("generator/app.go", Path::new("/dev/zero"));
        }
        let (code, out) = s.run(&["check", "--format", "short"]);
        // A note: the verdict is the templates' (none here: nothing to compare).
        assert_eq!(code, Some(0), "{out}");
        let expected = format!(
            "REPO/sigs.yaml:1:1: note[generator-flavour]: generator/app.go was not read: {reason}; the generator was recognised without it\n"
        );
        assert!(out.contains(&expected), "{out}");
        s.assert_canary();
    }
}

#[test]
fn a_baseline_inside_the_repository_is_not_written_through_a_link() {
    // `--write-baseline ci/baseline.json` with `ci` linked out of the root: refused (exit 2),
    // nothing written beside the repository; a baseline elsewhere is the user's own.
    let s = Scratch::new("baseline-link");
    s.write("sigs.yaml", SIGS);
    s.link("ci", &s.base.join("canary"));
    let run = |target: &Path| {
        Command::cargo_bin("sigs-lint")
            .expect("binary")
            .arg("check")
            .arg(s.repo())
            .arg("--write-baseline")
            .arg(target)
            .output()
            .expect("runs")
    };
    let out = run(&s.repo().join("ci/baseline.json"));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).replace(&s.repo().display().to_string(), "REPO"),
        format!(
            "error: `REPO/ci/baseline.json` was not written: `ci/baseline.json` goes through a link to {}, outside the repository\n",
            s.base
                .join("canary")
                .canonicalize()
                .expect("canary")
                .display()
        )
    );
    s.assert_canary();
    let elsewhere = s.base.join("baseline.json");
    let out = run(&elsewhere);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        std::fs::read_to_string(&elsewhere)
            .expect("written")
            .contains("\"version\": 1")
    );
}

#[test]
fn an_orphan_finding_keeps_two_lines_of_its_file_not_the_file() {
    // Each orphan's finding held its whole file (up to 16 MiB): 50 of them made 842 MB, and the
    // human format printed the second line whole.
    let s = Scratch::new("orphan-head");
    s.write("sigs.yaml", SIGS);
    let long = "y".repeat(5000);
    s.write(
        "wg-old/README.md",
        &format!("<!-- This is an autogenerated file! -->\n{long}\nthird line\n"),
    );
    let (code, out) = s.run(&["check", "--no-docs"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = s.run(&["check"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!(
            "╰── left over\n 2 │ {}\n   ╰────",
            "y".repeat(1024)
        )),
        "{out}"
    );
    assert!(!out.contains(&"y".repeat(1025)));
    assert!(!out.contains("third line"));
    s.assert_canary();
}

#[test]
fn orphan_findings_are_capped_and_the_rest_counted() {
    // 100,000 orphan folders held 100,000 findings (114 MB); rules keep their first 1,000.
    let s = Scratch::new("orphan-flood");
    s.write("sigs.yaml", SIGS);
    for i in 0..1003 {
        s.write(
            &format!("wg-old-{i:04}/README.md"),
            "<!-- This is an autogenerated file! -->\nold\n",
        );
    }
    let (code, out) = s.run(&["generate"]);
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(0), "{out}");
    let orphans: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("warning[doc-orphan]"))
        .collect();
    assert_eq!(orphans.len(), 1000, "{out}");
    assert!(orphans[0].contains("wg-old-0000/README.md"), "{out}");
    assert!(orphans[999].contains("wg-old-0999/README.md"), "{out}");
    assert!(!out.contains("wg-old-1000"), "{out}");
    assert!(
        out.contains(
            "sigs.yaml:1:1: note[doc-orphan]: 3 more `doc-orphan` findings are not shown (the first 1000 are)\n"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("0 errors, 1004 warnings, 1 note (doc-orphan: 1001, required-chairs: 1, sig-required-fields: 3)\n"),
        "{out}"
    );
    s.assert_canary();
}

#[test]
fn a_buffer_on_stdin_has_the_data_files_cap() {
    // Standard input was read whole and checked at any size: `< /dev/zero` took 23 GB.
    let s = Scratch::new("stdin-cap");
    s.write("sigs.yaml", SIGS);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sigs-lint"))
        .args(["check", "--stdin", "--format", "short", "--stdin-filename"])
        .arg(s.repo().join("sigs.yaml"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let feed = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = vec![b'#'; 1 << 20];
        // 66 MiB of comments, past the 64 MiB cap; sigs-lint stops reading after it.
        for _ in 0..66 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().expect("exits");
    feed.join().expect("fed");
    assert_eq!(out.status.code(), Some(2));
    let out = String::from_utf8_lossy(&out.stdout).replace(&s.repo().display().to_string(), "REPO");
    assert_eq!(
        out,
        "sigs-lint: error[io]: cannot read `REPO/sigs.yaml`: it is larger than 67108864 bytes\n1 error, 0 warnings (io: 1)\n"
    );
    s.assert_canary();
}

#[test]
fn files_named_on_the_command_line_have_the_caps_of_the_repositorys() {
    // `--config /dev/zero` and `--baseline /dev/zero` read until memory ran out (6 GB in 20 s),
    // and a FIFO without a writer hung; a pipe from the shell (`--config <(…)`) still works.
    let s = Scratch::new("named-files");
    s.write("sigs.yaml", SIGS);
    let refused = "it is not a regular file (a FIFO, device, socket or directory)";
    let dir = s.base.join("canary");
    for flag in ["--config", "--baseline"] {
        for (path, why) in [
            ("/dev/zero", refused),
            (dir.to_str().expect("UTF-8"), refused),
        ] {
            let (code, out) = s.run(&["check", "--format", "short", flag, path]);
            assert_eq!(code, Some(2), "{out}");
            assert!(
                out.contains(&format!(
                    "sigs-lint: error[io]: cannot read `{path}`: {why}\n"
                )),
                "{out}"
            );
        }
    }
    let big = s.repo().join("big.yaml");
    std::fs::write(&big, "#".repeat((16 << 20) + 1)).expect("write");
    let (code, out) = s.run(&[
        "check",
        "--format",
        "short",
        "--config",
        big.to_str().expect("UTF-8"),
    ]);
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(
        out,
        "sigs-lint: error[io]: cannot read `REPO/big.yaml`: it is larger than 16777216 bytes\n1 error, 0 warnings (io: 1)\n"
    );
    std::fs::remove_file(&big).expect("remove");
    let pipe = s.repo().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .expect("mkfifo")
            .success()
    );
    let writer = {
        let pipe = pipe.clone();
        std::thread::spawn(move || std::fs::write(pipe, "generator: nonsense\n").expect("fed"))
    };
    let (code, out) = s.run(&[
        "check",
        "--format",
        "short",
        "--config",
        pipe.to_str().expect("UTF-8"),
    ]);
    writer.join().expect("writer");
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(
        out,
        "REPO/pipe:1:12: error[config]: unknown generator `nonsense`\n1 error, 0 warnings (config: 1)\n"
    );
    s.assert_canary();
}

#[test]
fn a_canonical_form_past_the_data_files_cap_is_not_written() {
    // A 13 MB data file whose canonical form is 69 MB (a multi-line string re-emitted as an
    // indented block): `fmt` wrote a file sigs-lint then refused to read, and `check --fix`
    // called its refusal "a sigs-lint bug".
    let s = Scratch::new("canonical-cap");
    let templates = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/k8s-style/generator");
    for t in std::fs::read_dir(templates).expect("templates") {
        let t = t.expect("template").path();
        let name = t.file_name().expect("name").to_string_lossy().into_owned();
        s.write(
            &format!("generator/{name}"),
            &std::fs::read_to_string(&t).expect("template"),
        );
    }
    let data = format!(
        "sigs:\n  - dir: sig-docs\n    name: Docs\n    subprojects:\n      - name: x\n        meetings:\n          - description: \"{}\"\n",
        "a\\n".repeat(4_300_000)
    );
    s.write("sigs.yaml", &data);
    let (code, out) = s.run(&["fmt", "--format", "short"]);
    assert_eq!(code, Some(2), "{out}");
    assert_eq!(
        out,
        "sigs-lint: error[io]: cannot rewrite `REPO/sigs.yaml`: the file would be 68800350 bytes, more than a data file may have (67108864): sigs-lint could not read it back\n1 error, 0 warnings (io: 1)\n"
    );
    let (code, out) = s.run(&["check", "--fix", "--format", "short"]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.starts_with("REPO/sigs.yaml was not changed\n"), "{out}");
    assert_eq!(
        std::fs::read_to_string(s.repo().join("sigs.yaml")).expect("read"),
        data
    );
    s.assert_canary();
}

#[test]
fn more_groups_than_the_limit_are_refused_before_rules_and_rendering() {
    // A million one-line groups (47 MB, under the data file's cap) took a minute and 3.7 GB.
    let s = Scratch::new("many-groups");
    let mut yaml = String::from("sigs:\n");
    for i in 0..10_000 {
        yaml.push_str(&format!("- {{dir: sig-g{i}, name: G{i}, label: g{i}}}\n"));
    }
    s.write("sigs.yaml", &yaml);
    // At the limit: loaded, the rules run.
    let (code, out) = s.run(&["check", "--no-docs", "--format", "short"]);
    assert_eq!(code, Some(0), "{}", &out[out.len().saturating_sub(500)..]);
    assert!(
        !out.contains("yaml-budget"),
        "{}",
        &out[..500.min(out.len())]
    );
    // One more, a working group: refused, pointing at the first one past the limit. Reading
    // stops there (the event pass); with an anchor, the serde-saphyr pass reads the file and
    // counts after.
    yaml.push_str("workinggroups:\n- {dir: wg-x, name: X, label: x}\n");
    for (text, commands) in [
        (
            yaml.replacen("- {dir: sig-g5,", "- &a {dir: sig-g5,", 1),
            &["check"][..],
        ),
        (yaml, &["check", "generate"][..]),
    ] {
        s.write("sigs.yaml", &text);
        for command in commands {
            let (code, out) = s.run(&[command, "--format", "short"]);
            assert_eq!(code, Some(1), "{out}");
            assert_eq!(
                out.lines()
                    .filter(|l| l.contains("error["))
                    .collect::<Vec<_>>(),
                [
                    "REPO/sigs.yaml:10003:3: error[yaml-budget]: YAML resource limit exceeded: the file has more than 10000 groups, sigs-lint's limit (a community has tens)"
                ],
                "{command}"
            );
        }
    }
    let names: Vec<_> = std::fs::read_dir(s.repo())
        .expect("repo")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["sigs.yaml"], "generate wrote nothing");
    s.assert_canary();
}

#[test]
fn a_template_of_more_than_a_million_tokens_is_refused() {
    // 333,334 `{{1}}` are 1,000,002 tokens: the parse tree of a 16 MiB such template took 2 GB.
    let s = Scratch::new("tokens");
    s.write("sigs.yaml", SIGS);
    s.write(".sigs-lint.yaml", "generator: sigs-lint\n");
    s.write("generator/list.tmpl", &"{{1}}".repeat(333_334));
    let (code, out) = s.run(&["check", "--format", "short"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("REPO/generator/list.tmpl:1:1666668: error[template-error]: `REPO/sig-list.md` cannot be generated: template: list.tmpl:1: the template has more than 1000000 tokens (sigs-lint's limit: a generator's templates have about 1,000)\n"),
        "{out}"
    );
    // One token fewer than the cap parses and renders.
    s.write("generator/list.tmpl", &"{{1}}".repeat(333_333));
    let (_, out) = s.run(&["check", "--format", "short"]);
    assert!(
        out.contains("error[doc-missing]: `REPO/sig-list.md` is missing"),
        "{out}"
    );
    s.assert_canary();
}
