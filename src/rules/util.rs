//! Helpers that several rules share: derived names, walks over the model's values, and value checks.

use crate::model::GroupKind;

/// The directory the upstream generator derives from a group's name: its `DirName`
/// ([`crate::flavour::data::dir_name`]: `<prefix>-` + the name with spaces turned into `-`,
/// lower-cased as Go does).
pub fn derived_dir(kind: GroupKind, name: &str) -> String {
    crate::flavour::data::dir_name(kind.prefix(), name)
}

/// The label the upstream generator derives: the derived dir without its prefix.
pub fn derived_label(name: &str) -> String {
    crate::flavour::data::go_lower(&name.replace(' ', "-"))
}

/// Lowercase kebab-case: `a-b1-c`.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The value with surrounding whitespace and invisible format characters (zero-width spaces, BOMs)
/// removed: `text-hygiene` reports those, the value rules judge what is left.
pub fn core_value(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
}

pub use crate::source::is_invisible;

/// The words that say "not known yet": the one vocabulary `text-hygiene` reports and the value
/// rules (`valid-url`) leave to it.
pub const PLACEHOLDERS: &[&str] = &["TBD", "TODO", "TBA", "FIXME", "N/A", "XXX"];

/// A value that is only a placeholder word, in any case (`tbd`, `N/A.`).
pub fn is_placeholder_word(s: &str) -> bool {
    let word = core_value(s).trim_matches(['.', '!', '?']);
    PLACEHOLDERS.iter().any(|p| p.eq_ignore_ascii_case(word))
}

pub use crate::model::walk::looks_like_email;

/// Checks an email address: one `@`, a non-empty local part without spaces, and a domain of
/// at least two dot-separated labels of letters, digits and hyphens. Returns the problem.
pub fn email_problem(s: &str) -> Option<&'static str> {
    let Some((local, domain)) = s.split_once('@') else {
        return Some("it has no `@`");
    };
    if domain.contains('@') {
        return Some("it has more than one `@`");
    }
    if local.is_empty() {
        return Some("the part before `@` is empty");
    }
    if local
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c))
    {
        return Some("the part before `@` has a character that is not allowed there");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("the part before `@` has a misplaced dot");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("the domain has no dot");
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    if !labels.iter().all(|l| label_ok(l)) {
        return Some("the domain is not a valid host name");
    }
    None
}

/// Why a GitHub login is impossible, if it is: 1-39 ASCII letters, digits and single hyphens, not
/// at either end.
pub fn github_login_problem(login: &str) -> Option<String> {
    if login.is_empty() {
        return Some("it is empty".into());
    }
    if login.len() > 39 {
        return Some(format!(
            "it is {} characters long (at most 39)",
            login.chars().count()
        ));
    }
    if let Some(c) = login
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some(format!(
            "`{}` is not allowed (only ASCII letters, digits and `-`)",
            c.escape_debug()
        ));
    }
    if login.starts_with('-') || login.ends_with('-') {
        return Some("it starts or ends with `-`".into());
    }
    if login.contains("--") {
        return Some("it has two `-` in a row".into());
    }
    None
}

/// A comparison key that ignores case and surrounding whitespace; borrows when nothing changes.
pub fn fold_key(s: &str) -> std::borrow::Cow<'_, str> {
    let s = s.trim();
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// The character pairs a rule's suggestions may compare in one run (value length times the
/// candidates' lengths, summed): 2,000 unknown names of 125 characters against 2,000 such SIG
/// names took 55 s before this bound; now the first suggestions are made and the rest of the
/// findings come without one.
pub const SUGGEST_BUDGET: usize = 50_000_000;

/// The closest candidate by Jaro-Winkler similarity (bounded like `did_you_mean`: long names
/// and candidates past the first few thousand are not compared).
pub fn nearest<'a>(value: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    use crate::model::load_limits::{SUGGEST_MAX_CANDIDATES, SUGGEST_MAX_LEN};
    if value.len() > SUGGEST_MAX_LEN {
        return None;
    }
    let lower = value.to_lowercase();
    candidates
        .into_iter()
        .filter(|c| c.len() <= SUGGEST_MAX_LEN)
        .take(SUGGEST_MAX_CANDIDATES)
        .map(|c| (strsim::jaro_winkler(&lower, &c.to_lowercase()), c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The fix that writes the value `e` derived from the group's name in place of `s`: only from a
/// clean name (one with stray whitespace or invisible characters is fixed first, by
/// `text-hygiene`, and the derived value follows in the next round).
pub fn derived_fix(
    cx: &super::Context<'_>,
    g: &crate::model::Group,
    s: &crate::model::Str,
    e: &str,
) -> Option<crate::diagnostic::Fix> {
    let name = crate::model::present(&g.name)?;
    if core_value(&name.value) != &*name.value {
        return None;
    }
    crate::model::scalar::replace(cx.file, s, e).map(|edit| crate::diagnostic::Fix {
        title: format!("write `{e}`"),
        edits: vec![edit],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_bounded() {
        assert_eq!(nearest("Nodes", ["Node", "Docs"]), Some("Node"));
        let long = "N".repeat(200);
        assert_eq!(nearest(&long, ["Node"]), None);
        let many: Vec<String> = (0..5000).map(|i| format!("x{i}")).collect();
        // Only the first candidates are compared: a match past them is not found.
        let mut names: Vec<&str> = many.iter().map(String::as_str).collect();
        names.push("Node");
        assert_ne!(nearest("Node", names.iter().copied()), Some("Node"));
    }

    #[test]
    fn logins() {
        assert_eq!(github_login_problem("eddev"), None);
        assert_eq!(github_login_problem("a-b-c9"), None);
        assert!(
            github_login_problem("Cyrus_Vorwald")
                .unwrap()
                .contains("`_`")
        );
        assert!(github_login_problem("-a").is_some());
        assert!(github_login_problem("a--b").is_some());
        assert!(github_login_problem(&"a".repeat(40)).is_some());
        assert_eq!(github_login_problem(&"a".repeat(39)), None);
    }

    #[test]
    fn emails() {
        assert_eq!(email_problem("a.b@kubernetes.io"), None);
        assert_eq!(email_problem("ab@c"), Some("the domain has no dot"));
        assert_eq!(
            email_problem("a b@c.d"),
            Some("the part before `@` has a character that is not allowed there")
        );
        assert_eq!(email_problem("a@b@c.d"), Some("it has more than one `@`"));
        assert_eq!(email_problem("abc"), Some("it has no `@`"));
        assert_eq!(email_problem("@c.d"), Some("the part before `@` is empty"));
    }

    #[test]
    fn derived() {
        assert_eq!(
            derived_dir(GroupKind::Sig, "API Machinery"),
            "sig-api-machinery"
        );
        assert_eq!(
            derived_dir(GroupKind::Committee, "Code of Conduct"),
            "committee-code-of-conduct"
        );
        assert_eq!(
            derived_label("Contributor experience"),
            "contributor-experience"
        );
        assert!(is_kebab("k8s-infra"));
        assert!(!is_kebab("K8s-infra"));
        assert!(!is_kebab("a--b"));
        assert!(!is_kebab("-a"));
    }
}
