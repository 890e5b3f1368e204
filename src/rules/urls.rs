//! URL field values as the URL rules read them: parsed by the `url` crate, except the common
//! plain `http(s)://host/path?query` form, which is read in place. That form is one the `url`
//! crate leaves exactly as written (a lowercase ASCII domain whose last label starts with a letter,
//! no port, user, fragment, percent sign or dot segment, only characters no component encodes),
//! so both give the same scheme, host, path and query: a test compares them on every URL of the
//! corpus and fixtures and on generated strings. Parsing with the `url` crate was a third of the
//! rules' time on real data (4,700 instructions a URL, most of it host and path handling).

use std::borrow::Cow;

use url::Url;

/// A parsed URL field value.
pub enum ParsedUrl<'a> {
    /// A plain URL read in place.
    Plain {
        scheme: &'static str,
        host: &'a str,
        /// `/` when the URL has no path (what the `url` crate gives).
        path: &'a str,
        query: Option<&'a str>,
    },
    Full(Url),
}

/// Parses `s` as the `url` crate does.
pub fn parse(s: &str) -> Result<ParsedUrl<'_>, url::ParseError> {
    match plain(s) {
        Some(p) => Ok(p),
        None => Url::parse(s).map(ParsedUrl::Full),
    }
}

/// The plain form, or `None` for anything else (left to the `url` crate).
fn plain(s: &str) -> Option<ParsedUrl<'_>> {
    let (scheme, rest) = if let Some(rest) = s.strip_prefix("https://") {
        ("https", rest)
    } else {
        ("http", s.strip_prefix("http://")?)
    };
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, rest) = rest.split_at(host_end);
    if !plain_host(host) {
        return None;
    }
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let path_ok = path.bytes().all(|b| b == b'/' || plain_char(b))
        && path.split('/').all(|seg| seg != "." && seg != "..");
    let query_ok = query.is_none_or(|q| q.bytes().all(|b| b == b'/' || b == b'?' || plain_char(b)));
    if !path_ok || !query_ok {
        return None;
    }
    Some(ParsedUrl::Plain {
        scheme,
        host,
        path: if path.is_empty() { "/" } else { path },
        query,
    })
}

/// Dot-separated labels of lowercase letters, digits and inner hyphens, none an IDNA (`xn--`)
/// label, the last starting with a letter (a last label that is a number makes an IPv4 host).
fn plain_host(host: &str) -> bool {
    let label_ok = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b.iter()
                .all(|&c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
            && b[0] != b'-'
            && b[b.len() - 1] != b'-'
            && !l.starts_with("xn--")
    };
    host.split('.').all(label_ok)
        && host
            .rsplit('.')
            .next()
            .is_some_and(|l| l.as_bytes()[0].is_ascii_lowercase())
}

/// A character that no component of a special URL encodes or reads specially (besides `/` and
/// `?`, which the caller places).
fn plain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&()*+,;=:@".contains(&b)
}

impl ParsedUrl<'_> {
    pub fn scheme(&self) -> &str {
        match self {
            ParsedUrl::Plain { scheme, .. } => scheme,
            ParsedUrl::Full(u) => u.scheme(),
        }
    }

    pub fn host_str(&self) -> Option<&str> {
        match self {
            ParsedUrl::Plain { host, .. } => Some(host),
            ParsedUrl::Full(u) => u.host_str(),
        }
    }

    pub fn path(&self) -> &str {
        match self {
            ParsedUrl::Plain { path, .. } => path,
            ParsedUrl::Full(u) => u.path(),
        }
    }

    /// The path's segments, `None` for a URL that cannot be a base (`mailto:`).
    pub fn path_segments(&self) -> Option<std::str::Split<'_, char>> {
        match self {
            ParsedUrl::Plain { path, .. } => Some(path[1..].split('/')),
            ParsedUrl::Full(u) => u.path_segments(),
        }
    }

    pub fn query(&self) -> Option<&str> {
        match self {
            ParsedUrl::Plain { query, .. } => *query,
            ParsedUrl::Full(u) => u.query(),
        }
    }

    /// The query's `key=value` pairs, decoded.
    pub fn query_pairs(&self) -> impl Iterator<Item = (Cow<'_, str>, Cow<'_, str>)> {
        url::form_urlencoded::parse(self.query().unwrap_or("").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain reading agrees with the `url` crate wherever it applies.
    fn agrees(s: &str) -> bool {
        let Some(p) = plain(s) else { return false };
        let u =
            Url::parse(s).unwrap_or_else(|e| panic!("{s:?}: plain, but the url crate says {e}"));
        fn segments(x: Option<std::str::Split<'_, char>>) -> Option<Vec<String>> {
            x.map(|i| i.map(str::to_string).collect())
        }
        assert_eq!(p.scheme(), u.scheme(), "{s:?}");
        assert_eq!(p.host_str(), u.host_str(), "{s:?}");
        assert_eq!(p.path(), u.path(), "{s:?}");
        assert_eq!(p.query(), u.query(), "{s:?}");
        assert_eq!(
            segments(p.path_segments()),
            segments(u.path_segments()),
            "{s:?}"
        );
        let pairs = |x: &ParsedUrl<'_>| {
            x.query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(pairs(&p), pairs(&ParsedUrl::Full(u)), "{s:?}");
        true
    }

    #[test]
    fn plain_urls_read_as_the_url_crate_reads_them() {
        for s in [
            "https://github.com",
            "https://github.com/",
            "https://github.com/kubernetes/community/tree/master/sig-apps",
            "http://k8s.io/a/b.md?x=1&y=2",
            "https://zoom.us/j/508079177?pwd=ZmEvMk",
            "https://host?q",
            "https://host/?",
            "https://a.b-c.d/a:b@c/(x)/~y/*;,+=$!",
            "https://1.2.example/x//y/",
            "https://a/.../b",
        ] {
            assert!(agrees(s), "{s:?} should be read in place");
        }
    }

    #[test]
    fn everything_else_goes_to_the_url_crate() {
        for s in [
            "HTTPS://github.com",
            "https://GitHub.com",
            "https://github.com:443/",
            "https://user@github.com/",
            "https://github.com/a/./b",
            "https://github.com/a/../b",
            "https://github.com/a/..",
            "https://github.com/a%2e/b",
            "https://github.com/a#b",
            "https://github.com/a b",
            "https://github.com/a\\b",
            "https://1.2.3.4/",
            "https://example.123/",
            "https://xn--nxasmq6b.com/",
            "https://a..b/",
            "https://a./",
            "https://-a.com/",
            "https:///a",
            "https://",
            "https://café.com/",
            "https://github.com/'",
            "ftp://github.com/",
            "mailto:a@b.c",
            "github.com/a",
        ] {
            assert!(plain(s).is_none(), "{s:?} should go to the url crate");
        }
    }

    /// Strings built from the characters that matter, read in place or not: where read in place,
    /// the reading is the url crate's.
    #[test]
    fn generated_strings_agree() {
        // Pieces the plain form takes (the first `plain` of each list) and pieces it leaves to
        // the url crate, drawn so that both kinds of string are frequent.
        let host: &[&str] = &[
            "a", "k8s", "z9", "a-b", ".io", ".x1", "-", ".", "..", "0", "1", "xn--", "Z", "é",
            ":8", "@",
        ];
        let parts: &[&str] = &[
            "/", "a", "Z", "0", ".", "-", "?", "=", "&", ":", "@", "~", "+", "1.2", "x", ".md",
            "(", "*", "%", "#", "'", " ", "..", "/./", "/../", "\\", "é", "%2e", "/.", "<",
        ];
        let (host_plain, parts_plain) = (6, 17);
        // The same strings in every run.
        let mut next = crate::testutil::xorshift(0x9E37_79B9_7F4A_7C15);
        let (mut read_in_place, mut left) = (0, 0);
        for _ in 0..200_000 {
            let mut s = String::from(["https://", "http://"][next(2)]);
            // One string in two drawn mostly from the plain pieces.
            let mostly_plain = next(2) == 0;
            let (hosts, rest) = (1 + next(4), next(12));
            // A plain host starts with a label.
            if mostly_plain {
                s.push_str(host[next(4)]);
            }
            let mut draw = |list: &[&str], plain: usize, s: &mut String| {
                let n = if mostly_plain && next(8) != 0 {
                    plain
                } else {
                    list.len()
                };
                s.push_str(list[next(n)]);
            };
            for _ in 0..hosts {
                draw(host, host_plain, &mut s);
            }
            for _ in 0..rest {
                draw(parts, parts_plain, &mut s);
            }
            if agrees(&s) {
                read_in_place += 1;
            } else {
                left += 1;
            }
        }
        // The generator reaches both sides.
        assert!(
            read_in_place > 20_000 && left > 20_000,
            "{read_in_place} {left}"
        );
    }
}
