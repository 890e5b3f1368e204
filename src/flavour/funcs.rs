//! The generator's template functions, per flavour: `tzUrlEncode`, `trimSpace` (K15+),
//! `trimSuffix`, `githubURL`, `orgRepoPath` (K24+), `now`, `lastYear`, `toUpper` (K25+), and the
//! annual-report functions (K27+), on top of Go's builtins. Semantics: GENERATOR-API.md section 5.

use super::Flavour;
use crate::template::funcs::query_escape;
use crate::template::value::{Method, Struct, StructType, Value};
use crate::template::{FuncMap, Param};
use std::rc::Rc;

fn arg(a: &[Value], i: usize) -> &str {
    a.get(i).and_then(Value::as_str).unwrap_or("")
}

/// The function map a flavour's templates are executed with.
pub fn func_map(flavour: &Flavour) -> FuncMap {
    use Param::*;
    let mut m = FuncMap::builtins();
    for name in flavour.func_names() {
        match name {
            "tzUrlEncode" => m.add(name, &[Str], |a| {
                Ok(Value::str(&query_escape(arg(a, 0)).replace('+', "%20")))
            }),
            "trimSpace" => m.add(name, &[Str], |a| Ok(Value::str(arg(a, 0).trim()))),
            "trimSuffix" => m.add(name, &[Str, Str], |a| {
                let (s, suffix) = (arg(a, 0), arg(a, 1));
                Ok(Value::str(s.strip_suffix(suffix).unwrap_or(s)))
            }),
            "toUpper" => m.add(name, &[Str], |a| Ok(Value::str(&arg(a, 0).to_uppercase()))),
            "githubURL" => m.add(name, &[Str], |a| Ok(Value::str(&github_url(arg(a, 0))))),
            "orgRepoPath" => m.add(name, &[Str], |a| {
                Ok(Value::str(&org_repo_path(arg(a, 0))))
            }),
            "now" => m.add(name, &[], |_| Ok(now())),
            "lastYear" => m.add(name, &[], |_| {
                Ok(Value::str(&(civil_today().0 - 1).to_string()))
            }),
            // The annual-report functions read the network (KEPs, GitHub releases) and git
            // history: sigs-lint never renders annual reports, so they only make templates parse.
            _ => m.add(name, &[], |_| {
                Err("sigs-lint does not fetch the KEP list, releases or git history (annual reports only)".into())
            }),
        }
    }
    m
}

/// A match of one of the generator's two URL regexes (RE2, unanchored, the dots unescaped):
/// `https://raw.githubusercontent.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(?P<branch>[^/]+)/(?P<path>.*)`
/// and `https://github.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(blob|tree)/(?P<branch>[^/]+)/(?P<path>.*)`.
/// Matched by hand (the regexes would cost more to compile than a whole check spends on URLs): a
/// `[^/]+` group can only end at the next `/`, so the first start position where the pattern fits
/// is the leftmost-first match and its groups are unique; `.` is any character but a newline.
struct UrlMatch<'a> {
    org: &'a str,
    repo: &'a str,
    branch: &'a str,
    path: &'a str,
}

/// The length of `s`'s prefix that matches `pattern`, where `.` in the pattern is any character
/// but `\n`.
fn wild_prefix(s: &str, pattern: &str) -> Option<usize> {
    let mut chars = s.char_indices();
    for p in pattern.chars() {
        let (_, c) = chars.next()?;
        if (p == '.' && c == '\n') || (p != '.' && c != p) {
            return None;
        }
    }
    Some(chars.next().map_or(s.len(), |(i, _)| i))
}

/// `[^/]+/`: the segment and what follows its slash.
fn segment(s: &str) -> Option<(&str, &str)> {
    let i = memchr::memchr(b'/', s.as_bytes())?;
    (i > 0).then(|| (&s[..i], &s[i + 1..]))
}

/// Where `https://` starts in a text (built once: a searcher costs more to build than a search).
static HTTPS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("https://"));

fn url_match<'a>(s: &'a str, prefix: &str, blob_or_tree: bool) -> Option<UrlMatch<'a>> {
    for i in HTTPS.find_iter(s.as_bytes()) {
        let rest = &s[i..];
        // The common case: the dots are dots.
        let n = if rest.starts_with(prefix) {
            prefix.len()
        } else {
            match wild_prefix(rest, prefix) {
                Some(n) => n,
                None => continue,
            }
        };
        let found = (|| {
            let (org, r) = segment(&rest[n..])?;
            let (repo, mut r) = segment(r)?;
            if blob_or_tree {
                r = r
                    .strip_prefix("blob/")
                    .or_else(|| r.strip_prefix("tree/"))?;
            }
            let (branch, r) = segment(r)?;
            let path = &r[..memchr::memchr(b'\n', r.as_bytes()).unwrap_or(r.len())];
            Some(UrlMatch {
                org,
                repo,
                branch,
                path,
            })
        })();
        if found.is_some() {
            return found;
        }
    }
    None
}

fn raw_match(s: &str) -> Option<UrlMatch<'_>> {
    url_match(s, "https://raw.githubusercontent.com/", false)
}

fn github_match(s: &str) -> Option<UrlMatch<'_>> {
    url_match(s, "https://github.com/", true)
}

/// Whether an owners URL passes the generator's validation (either regex matches anywhere).
pub fn owners_url_ok(url: &str) -> bool {
    raw_match(url).is_some() || github_match(url).is_some()
}

/// The raw-URL regex as the generator prints it in its validation message.
pub const RAW_REGEX_TEXT: &str = r"https://raw.githubusercontent.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(?P<branch>[^/]+)/(?P<path>.*)";

/// `githubURL`: when the raw-URL regex matches anywhere (unanchored, unescaped dots), the github.com
/// page `https://github.com/ORG/REPO/blob/BRANCH/PATH` built from the match (text before it is
/// dropped); any other string unchanged — github.com URLs too.
pub fn github_url(url: &str) -> String {
    match raw_match(url) {
        Some(m) => [
            "https://github.com/",
            m.org,
            "/",
            m.repo,
            "/blob/",
            m.branch,
            "/",
            m.path,
        ]
        .concat(),
        None => url.to_string(),
    }
}

/// `orgRepoPath`: `ORG/REPO/PATH` of the first regex that matches (raw, then github.com; branch
/// and `blob|tree` dropped, text before the match dropped); otherwise the string unchanged. It
/// strips nothing else: templates drop `/OWNERS` with `trimSuffix`.
pub fn org_repo_path(url: &str) -> String {
    match raw_match(url).or_else(|| github_match(url)) {
        Some(m) => [m.org, "/", m.repo, "/", m.path].concat(),
        None => url.to_string(),
    }
}

/// Go's `time.Time` as `now` returns it: `UTC` and `Local` give the time again (the clock is read
/// in UTC: CI machines run in UTC), `Year`, `Month` (as a number), `Day` and `YearDay` the date.
static TIME: StructType = StructType {
    name: "time.Time",
    fields: &[],
    methods: &[
        Method {
            name: "UTC",
            args: 0,
            ptr: false,
            results: 1,
            call: |_, _| Ok(now()),
        },
        Method {
            name: "Local",
            args: 0,
            ptr: false,
            results: 1,
            call: |_, _| Ok(now()),
        },
        Method {
            name: "Year",
            args: 0,
            ptr: false,
            results: 1,
            call: |_, _| Ok(Value::Int(civil_today().0)),
        },
        Method {
            name: "Day",
            args: 0,
            ptr: false,
            results: 1,
            call: |_, _| Ok(Value::Int(civil_today().2 as i64)),
        },
    ],
};

fn now() -> Value {
    Value::Struct(
        Rc::new(Struct {
            ty: &TIME,
            fields: Vec::new(),
        }),
        false,
    )
}

/// Today's (year, month, day) in UTC, from the system clock (days-to-civil conversion).
pub fn civil_today() -> (i64, u32, u32) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand matcher agrees with the regexes themselves (Rust's regex has RE2's semantics).
    #[test]
    fn hand_matcher_equals_the_regexes() {
        let raw = regex::Regex::new(RAW_REGEX_TEXT).unwrap();
        let gh = regex::Regex::new(
            r"https://github.com/(?P<org>[^/]+)/(?P<repo>[^/]+)/(blob|tree)/(?P<branch>[^/]+)/(?P<path>.*)",
        )
        .unwrap();
        // Strings shaped like the URLs, each piece sometimes replaced by a near miss.
        let pick = |seed: &mut u64, options: &[&'static str]| -> &'static str {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            options[(*seed >> 33) as usize % options.len()]
        };
        let mut inputs = vec![
            "see https://github.com/a/b/blob/main/OWNERS?plain=1".to_string(),
            "https://raw.githubusercontent.com/o/r/b/p\nq".to_string(),
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            for options in [
                &["", "x ", "https://raw.githubusercontent.com/a/b/c/d ", "\n"][..],
                &["https://", "http://", "https:/", ""],
                &[
                    "raw.githubusercontent.com",
                    "rawXgithubusercontentYcom",
                    "github.com",
                    "githubZcom",
                    "raw.githubusercontent.co",
                ],
                &["/", "//", ""],
                &["o", "", "é\n", "o/p"],
                &["/", ""],
                &["r", "", "r\nr"],
                &["/", "//"],
                &["blob", "tree", "main", "", "blobx"],
                &["/", ""],
                &["main", "", "b\n"],
                &["/", "", "//"],
                &[
                    "OWNERS",
                    "",
                    "a/b/OWNERS?q=1",
                    "x\ny",
                    " https://github.com/z/y/tree/m/p",
                ],
            ] {
                s.push_str(pick(&mut seed, options));
            }
            inputs.push(s);
        }
        let matched = inputs
            .iter()
            .filter(|s| raw.is_match(s) || gh.is_match(s))
            .count();
        assert!(matched > 2_000 && matched < 18_000, "{matched}");
        for s in &inputs {
            let want = raw.captures(s).map(|c| {
                format!(
                    "https://github.com/{}/{}/blob/{}/{}",
                    &c["org"], &c["repo"], &c["branch"], &c["path"]
                )
            });
            assert_eq!(raw_match(s).map(|_| github_url(s)), want, "{s:?}");
            let want = raw
                .captures(s)
                .or_else(|| gh.captures(s))
                .map(|c| format!("{}/{}/{}", &c["org"], &c["repo"], &c["path"]));
            let got =
                (raw_match(s).is_some() || github_match(s).is_some()).then(|| org_repo_path(s));
            assert_eq!(got, want, "{s:?}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(
            github_url(
                "https://raw.githubusercontent.com/kubernetes-sigs/kube-api-linter/refs/heads/main/OWNERS"
            ),
            "https://github.com/kubernetes-sigs/kube-api-linter/blob/refs/heads/main/OWNERS"
        );
        assert_eq!(
            github_url("https://github.com/a/b/blob/main/OWNERS"),
            "https://github.com/a/b/blob/main/OWNERS"
        );
        assert_eq!(
            org_repo_path(
                "https://raw.githubusercontent.com/kubernetes-sigs/kube-api-linter/refs/heads/main/OWNERS"
            ),
            "kubernetes-sigs/kube-api-linter/heads/main/OWNERS"
        );
        assert_eq!(
            org_repo_path(
                "https://raw.githubusercontent.com/kubernetes/website/master/content/en/blog/OWNERS"
            ),
            "kubernetes/website/content/en/blog/OWNERS"
        );
        assert_eq!(
            org_repo_path("https://github.com/oracle/cluster-api-provider-oci/blob/main/OWNERS"),
            "oracle/cluster-api-provider-oci/OWNERS"
        );
        // GENERATOR-API.md's examples.
        assert_eq!(
            org_repo_path("https://github.com/kubernetes/kubernetes/tree/master/pkg"),
            "kubernetes/kubernetes/pkg"
        );
        assert_eq!(
            org_repo_path("see https://github.com/a/b/blob/main/OWNERS?plain=1"),
            "a/b/OWNERS?plain=1"
        );
        assert_eq!(
            org_repo_path("https://raw.githubusercontent.com/o/r/main"),
            "https://raw.githubusercontent.com/o/r/main"
        );
        assert_eq!(
            github_url("https://raw.githubusercontent.com/o/r/main"),
            "https://raw.githubusercontent.com/o/r/main"
        );
        assert_eq!(
            github_url("x https://raw.githubusercontent.com/o/r/b/p/OWNERS"),
            "https://github.com/o/r/blob/b/p/OWNERS"
        );
        assert_eq!(
            org_repo_path("http://github.com/a/b/blob/main/OWNERS"),
            "http://github.com/a/b/blob/main/OWNERS"
        );
        assert_eq!(
            org_repo_path("https://raw.githubusercontent.com/etcd-io/cetcd/master/MAINTAINERS"),
            "etcd-io/cetcd/MAINTAINERS"
        );
        let (y, m, d) = civil_today();
        assert!(y >= 2024 && (1..=12).contains(&m) && (1..=31).contains(&d));
    }
}
