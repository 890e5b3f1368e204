//! The community generator's template functions: `tzUrlEncode`, `trimSpace`, `trimSuffix`,
//! `toUpper`, `githubURL`, `orgRepoPath`, `now`, `lastYear`, on top of Go's builtins.

use std::rc::Rc;

use crate::template::funcs::query_escape;
use crate::template::value::{Method, Struct, StructType, Value};
use crate::template::{FuncMap, Param};

fn arg(a: &[Value], i: usize) -> &str {
    a.get(i).and_then(Value::as_str).unwrap_or("")
}

/// The function map the generator's templates are executed with.
pub fn generator_funcs() -> FuncMap {
    use Param::*;
    let mut m = FuncMap::builtins();
    m.add("tzUrlEncode", &[Str], |a| {
        Ok(Value::str(&query_escape(arg(a, 0)).replace('+', "%20")))
    });
    m.add("trimSpace", &[Str], |a| Ok(Value::str(arg(a, 0).trim())));
    m.add("trimSuffix", &[Str, Str], |a| {
        let (s, suffix) = (arg(a, 0), arg(a, 1));
        Ok(Value::str(s.strip_suffix(suffix).unwrap_or(s)))
    });
    m.add("toUpper", &[Str], |a| {
        Ok(Value::str(&arg(a, 0).to_uppercase()))
    });
    m.add("githubURL", &[Str], |a| {
        Ok(Value::str(&github_url(arg(a, 0))))
    });
    m.add("orgRepoPath", &[Str], |a| {
        Ok(Value::str(&org_repo_path(arg(a, 0))))
    });
    m.add("now", &[], |_| Ok(now()));
    m.add("lastYear", &[], |_| Ok(Value::Int(civil_today().0 - 1)));
    m
}

const RAW_PREFIX: &str = "https://raw.githubusercontent.com/";
const GITHUB_PREFIX: &str = "https://github.com/";

/// A raw.githubusercontent.com URL as the github.com page of the file:
/// `https://raw.githubusercontent.com/ORG/REPO/REST` -> `https://github.com/ORG/REPO/blob/REST`.
/// Any other URL is returned unchanged.
pub fn github_url(url: &str) -> String {
    let Some(rest) = url.strip_prefix(RAW_PREFIX) else {
        return url.to_string();
    };
    let parts: Vec<&str> = rest.splitn(3, '/').collect();
    match parts.as_slice() {
        [org, repo, tail] => format!("{GITHUB_PREFIX}{org}/{repo}/blob/{tail}"),
        _ => url.to_string(),
    }
}

/// `ORG/REPO/PATH` of a GitHub file URL, without the branch and without a final `OWNERS`:
/// `https://raw.githubusercontent.com/ORG/REPO/BRANCH/PATH/OWNERS` and
/// `https://github.com/ORG/REPO/blob/BRANCH/PATH/OWNERS` both give `ORG/REPO/PATH`; another file
/// name stays (`…/master/MAINTAINERS` gives `ORG/REPO/MAINTAINERS`, as in the kubernetes corpus).
/// Any other URL is returned unchanged.
pub fn org_repo_path(url: &str) -> String {
    let (rest, skip) = if let Some(r) = url.strip_prefix(RAW_PREFIX) {
        (r, 1)
    } else if let Some(r) = url.strip_prefix(GITHUB_PREFIX) {
        (r, 2)
    } else {
        return url.to_string();
    };
    let parts: Vec<&str> = rest.split('/').collect();
    if parts.len() < 2 + skip + 1 {
        return url.to_string();
    }
    let mut out: Vec<&str> = parts[..2].to_vec();
    out.extend(&parts[2 + skip..]);
    if out.last() == Some(&"OWNERS") {
        out.pop();
    }
    out.join("/")
}

static TIME: StructType = StructType {
    name: "time.Time",
    fields: &[],
    methods: &[
        Method {
            name: "Year",
            args: 0,
            call: |_, _| Ok(Value::Int(civil_today().0)),
        },
        Method {
            name: "Day",
            args: 0,
            call: |_, _| Ok(Value::Int(civil_today().2 as i64)),
        },
    ],
};

fn now() -> Value {
    Value::Struct(Rc::new(Struct {
        ty: &TIME,
        fields: Vec::new(),
    }))
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
            "kubernetes-sigs/kube-api-linter/heads/main"
        );
        assert_eq!(
            org_repo_path(
                "https://raw.githubusercontent.com/kubernetes/website/master/content/en/blog/OWNERS"
            ),
            "kubernetes/website/content/en/blog"
        );
        assert_eq!(
            org_repo_path("https://github.com/oracle/cluster-api-provider-oci/blob/main/OWNERS"),
            "oracle/cluster-api-provider-oci"
        );
        assert_eq!(
            org_repo_path("https://raw.githubusercontent.com/etcd-io/cetcd/master/MAINTAINERS"),
            "etcd-io/cetcd/MAINTAINERS"
        );
        let (y, m, d) = civil_today();
        assert!(y >= 2024 && (1..=12).contains(&m) && (1..=31).contains(&d));
    }
}
