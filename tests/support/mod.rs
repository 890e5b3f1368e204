//! Shared by the template tests: the cases file format of `tests/templates/cases.txt`.
//!
//! `=== NAME` starts a case; `--- data` (generic YAML), `--- sigs` (a sigs.yaml), `--- template`,
//! `--- output`, `--- error` (`KIND: message`) start sections; a section's text is its lines joined
//! with `\n`. A section whose text is `@NAME` takes that section of the case `@NAME`.

#[allow(dead_code)]
pub struct Case {
    pub name: String,
    pub sections: Vec<(String, String)>,
}

#[allow(dead_code)]
impl Case {
    pub fn get(&self, s: &str) -> Option<&str> {
        self.sections
            .iter()
            .find(|(k, _)| k == s)
            .map(|(_, v)| v.as_str())
    }
}

#[allow(dead_code)]
pub fn parse_cases(text: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    let mut section: Option<String> = None;
    let mut lines: Vec<&str> = Vec::new();
    let body = text.strip_suffix('\n').unwrap_or(text);
    let flush = |cases: &mut Vec<Case>, section: &Option<String>, lines: &mut Vec<&str>| {
        if let (Some(c), Some(s)) = (cases.last_mut(), section) {
            c.sections.push((s.clone(), lines.join("\n")));
        }
        lines.clear();
    };
    for line in body.split('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            flush(&mut cases, &section, &mut lines);
            cases.push(Case {
                name: name.to_string(),
                sections: Vec::new(),
            });
            section = None;
        } else if let (Some(s), false) = (line.strip_prefix("--- "), cases.is_empty()) {
            flush(&mut cases, &section, &mut lines);
            section = Some(s.to_string());
        } else {
            lines.push(line);
        }
    }
    flush(&mut cases, &section, &mut lines);
    // Resolve @references.
    let shared: Vec<(String, Vec<(String, String)>)> = cases
        .iter()
        .filter(|c| c.name.starts_with('@'))
        .map(|c| (c.name.clone(), c.sections.clone()))
        .collect();
    cases.retain(|c| !c.name.starts_with('@'));
    for c in &mut cases {
        for (k, v) in &mut c.sections {
            if let Some((_, secs)) = shared.iter().find(|(n, _)| n == v)
                && let Some((_, text)) = secs.iter().find(|(sk, _)| sk == k)
            {
                *v = text.clone();
            }
        }
    }
    cases
}

/// Copies a directory tree (fixtures are copied before a test writes into them).
#[allow(dead_code)]
pub fn copy_dir(src: &std::path::Path, dst: &std::path::Path) {
    std::fs::create_dir_all(dst).expect("mkdir");
    for e in std::fs::read_dir(src).expect("read_dir").flatten() {
        let to = dst.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &to);
        } else {
            std::fs::copy(e.path(), &to).expect("copy");
        }
    }
}

/// A run as the human format prints it without color at 80 columns (the snapshots' form).
#[allow(dead_code)]
pub fn human_text(run: &sigs_lint::report::Run) -> String {
    use sigs_lint::report::{Human, Renderer};
    let mut out = Vec::new();
    Human {
        color: false,
        width: 80,
    }
    .render(run, &mut out)
    .expect("renders");
    String::from_utf8(out).expect("reports are UTF-8")
}

/// The sigs-lint binary, run in `dir`, with the color variables of the environment removed (so
/// that reports are what the snapshots hold).
#[allow(dead_code)]
pub fn sigs_lint(dir: &std::path::Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("sigs-lint").expect("the binary builds");
    c.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("COLUMNS");
    c
}
