//! The `github-login` rule: GitHub logins are possible GitHub logins. Its documentation, with the
//! examples a test runs, is `rules/github-login.md`.

use super::util::github_login_problem;
use super::{Context, Sink};
use crate::model::present;

declare_rule!(GithubLogin, "github-login", Warning);

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for pr in cx.persons() {
        let Some(login) = present(&pr.person.github) else {
            continue;
        };
        let Some(problem) = github_login_problem(&login.value) else {
            continue;
        };
        let mut f = sink
            .finding(format!(
                "`{}` is not a possible GitHub login: {problem}",
                login.value
            ))
            .label(login.span, "impossible GitHub login");
        f = if let Some(rest) = login.value.strip_prefix('@') {
            f.help(format!("write the login without `@`: `{rest}`"))
        } else if login.value.contains("github.com/") {
            f.help("write the login alone, not the profile URL")
        } else {
            f.help("GitHub logins are 1-39 ASCII letters, digits and single hyphens, not at either end; copy the login from the person's profile URL")
        };
        sink.push(f);
    }
}
