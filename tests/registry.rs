//! One list of every finding id: each id a producer in `src/` creates a finding with is a rule
//! (`rules::RULES`) or a check (`diagnostic::CHECKS`), and each check is produced somewhere.

use std::collections::BTreeSet;
use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for e in std::fs::read_dir(dir).expect("src").flatten() {
        let p = e.path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            let text = std::fs::read_to_string(&p).expect("source");
            out.push((p.display().to_string(), text));
        }
    }
}

#[test]
fn every_produced_id_is_registered_and_every_check_is_produced() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    // The id argument of the finding constructors: `Finding::new("id"`, and the loader's
    // `parser_error("id"` / `push_at(e, "id"`.
    let produced_at = regex::Regex::new(
        r#"(?:Finding::new|parser_error|push_at)\(\s*(?:[a-z_]+,\s*)?"([a-z]+(?:-[a-z]+)*)""#,
    )
    .expect("regex");
    let mut produced = BTreeSet::new();
    for (path, text) in &files {
        if path.ends_with("diagnostic.rs") {
            continue; // the registry itself (and its tests)
        }
        for c in produced_at.captures_iter(text) {
            produced.insert((c[1].to_string(), path.clone()));
        }
    }
    assert!(produced.len() > 20, "{produced:?}");
    for (id, path) in &produced {
        assert!(
            sigs_lint::rules::find(id).is_some() || sigs_lint::diagnostic::check(id).is_some(),
            "`{id}` ({path}) is neither a rule nor in diagnostic::CHECKS"
        );
    }
    let ids: BTreeSet<&str> = produced.iter().map(|(id, _)| id.as_str()).collect();
    for check in sigs_lint::diagnostic::CHECKS {
        assert!(
            ids.contains(check.id),
            "`{}` is registered but nothing produces it",
            check.id
        );
        assert!(
            sigs_lint::rules::find(check.id).is_none(),
            "`{}` is both a rule and a check",
            check.id
        );
    }
}
