//! The `meeting-format` rule: Meeting `day`, `time`, `tz` and `frequency` are in the forms the
//! generated docs expect. Its documentation, with the examples a test runs, is `rules/meeting-
//! format.md`.

use super::util::nearest;
use super::{Context, Sink};
use crate::model::{Str, present};

declare_rule!(MeetingFormat, "meeting-format", Warning);

const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Weekday names in other languages that communities write, and the English name.
const FOREIGN_DAYS: &[(&str, &str)] = &[
    ("montag", "Monday"),
    ("dienstag", "Tuesday"),
    ("mittwoch", "Wednesday"),
    ("donnerstag", "Thursday"),
    ("freitag", "Friday"),
    ("samstag", "Saturday"),
    ("sonntag", "Sunday"),
    ("lundi", "Monday"),
    ("mardi", "Tuesday"),
    ("mercredi", "Wednesday"),
    ("jeudi", "Thursday"),
    ("vendredi", "Friday"),
    ("samedi", "Saturday"),
    ("dimanche", "Sunday"),
    ("lunes", "Monday"),
    ("martes", "Tuesday"),
    ("miércoles", "Wednesday"),
    ("jueves", "Thursday"),
    ("viernes", "Friday"),
    ("sábado", "Saturday"),
    ("domingo", "Sunday"),
];

/// Time zones in the form upstream asks for: `ABBR (Long Name)`, and the bare `UTC` / `GMT`.
const ZONES: &[(&str, &str)] = &[
    ("PT", "Pacific Time"),
    ("MT", "Mountain Time"),
    ("CT", "Central Time"),
    ("ET", "Eastern Time"),
    ("GMT", "Greenwich Mean Time"),
    ("BST", "British Summer Time"),
    ("WET", "Western European Time"),
    ("CET", "Central European Time"),
    ("EET", "Eastern European Time"),
    ("IST", "India Standard Time"),
    ("CST", "China Standard Time"),
    ("SGT", "Singapore Time"),
    ("JST", "Japan Standard Time"),
    ("KST", "Korea Standard Time"),
    ("AET", "Australian Eastern Time"),
    ("NZT", "New Zealand Time"),
];

/// Common spellings that are not in the upstream form, and the zone they mean.
const ALIASES: &[(&str, &str)] = &[
    ("PST", "PT"),
    ("PDT", "PT"),
    ("PACIFIC", "PT"),
    ("MST", "MT"),
    ("MDT", "MT"),
    ("CDT", "CT"),
    ("EST", "ET"),
    ("EDT", "ET"),
    ("EASTERN", "ET"),
    ("CEST", "CET"),
    ("POLAND", "CET"),
    ("GERMANY", "CET"),
    ("FRANCE", "CET"),
    ("SPAIN", "CET"),
    ("ITALY", "CET"),
    ("NETHERLANDS", "CET"),
    ("BERLIN", "CET"),
    ("PARIS", "CET"),
    ("WARSAW", "CET"),
    ("AMSTERDAM", "CET"),
    ("EEST", "EET"),
    ("LONDON", "GMT"),
    ("UK", "GMT"),
    ("INDIA", "IST"),
    ("CHINA", "CST"),
    ("BEIJING", "CST"),
    ("SHANGHAI", "CST"),
    ("JAPAN", "JST"),
    ("TOKYO", "JST"),
    ("KOREA", "KST"),
    ("SEOUL", "KST"),
    ("SINGAPORE", "SGT"),
    ("AEST", "AET"),
    ("AEDT", "AET"),
    ("SYDNEY", "AET"),
    ("NZST", "NZT"),
    ("NZDT", "NZT"),
];

const CADENCES: &[&str] = &[
    "weekly",
    "biweekly",
    "bi-weekly",
    "monthly",
    "bimonthly",
    "bi-monthly",
    "quarterly",
    "daily",
    "fortnightly",
    "every ",
    "first ",
    "second ",
    "third ",
    "fourth ",
    "last ",
    "twice ",
    "ad hoc",
    "ad-hoc",
    "as needed",
    "on demand",
];

/// A clock time: `H:MM` on a 24-hour clock (`([01]?[0-9]|2[0-3]):[0-5][0-9]`), or an hour of a
/// 12-hour clock with optional minutes, an optional space and AM/PM in any case
/// (`(0?[1-9]|1[0-2])(:[0-5][0-9])? ?[AaPp][Mm]`). Written out: a regex costs more to build than
/// every time of a large file costs to test.
fn is_clock_time(t: &str) -> bool {
    let b = t.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let hour = b[..digits]
        .iter()
        .fold(0u32, |h, d| h * 10 + u32::from(d - b'0'));
    let (minutes, rest) = match &b[digits..] {
        [b':', m, n, rest @ ..] if (b'0'..=b'5').contains(m) && n.is_ascii_digit() => (true, rest),
        rest => (false, rest),
    };
    if rest.is_empty() {
        return minutes && hour <= 23;
    }
    let rest = rest.strip_prefix(b" ").unwrap_or(rest);
    (1..=12).contains(&hour) && matches!(rest, [a, m] if b"AaPp".contains(a) && b"Mm".contains(m))
}

fn check(cx: &Context<'_>, sink: &mut Sink) {
    for (_, m) in cx.model.meetings() {
        if let Some(day) = present(&m.day) {
            check_day(sink, day);
        }
        if let Some(time) = present(&m.time) {
            let t = time.value.trim();
            if !is_clock_time(t) {
                let f = sink
                    .finding(format!("meeting time `{}` is not a clock time", time.value))
                    .label(time.span, "expected a time like `9:00`")
                    .help("write `H:MM` (24-hour, e.g. `13:30`) or `H:MM AM/PM`; put the date or cadence in `frequency`");
                sink.push(f);
            }
        }
        if let Some(tz) = present(&m.tz) {
            check_tz(sink, tz, &cx.config.extra_timezones);
        }
        if let Some(freq) = present(&m.frequency) {
            let lower = freq.value.trim().to_lowercase();
            if !CADENCES.iter().any(|c| lower.starts_with(c)) {
                let near = nearest(&lower, ["weekly", "biweekly", "monthly", "quarterly"])
                    .unwrap_or("weekly");
                let f = sink
                    .finding(format!("meeting frequency `{}` does not start with a known cadence", freq.value))
                    .label(freq.span, "unknown cadence")
                    .help(format!("start it with a cadence such as `{near}` (weekly, biweekly, monthly, quarterly, every …, first … of the month)"));
                sink.push(f);
            }
        }
    }
}

fn check_day(sink: &mut Sink, day: &Str) {
    let v = day.value.trim();
    if DAYS.contains(&v) {
        return;
    }
    let lower = v.to_lowercase();
    // A weekday mentioned in the text ("Thursdays (starting …)", "first Wednesday"), in English or
    // another language, then an abbreviation ("Thu"), then the closest spelling ("Tuesaday").
    let suggestion = DAYS
        .iter()
        .copied()
        .find(|d| lower.contains(&d.to_lowercase()))
        .or_else(|| {
            FOREIGN_DAYS
                .iter()
                .find(|(f, _)| lower.contains(f))
                .map(|(_, d)| *d)
        })
        .or_else(|| {
            let first: String = lower.chars().take_while(|c| c.is_alphabetic()).collect();
            (first.len() >= 2)
                .then(|| {
                    DAYS.iter()
                        .copied()
                        .find(|d| d.to_lowercase().starts_with(&first))
                })
                .flatten()
        })
        .or_else(|| nearest(v, DAYS.iter().copied()))
        .unwrap_or("Monday");
    let f = sink
        .finding(format!("meeting day `{v}` is not a weekday name"))
        .label(day.span, "expected one weekday, e.g. `Thursday`")
        .help(format!(
            "the docs print \"{{day}}s at {{time}}\": use `{suggestion}` and put other details in `frequency`"
        ));
    sink.push(f);
}

fn canonical(abbr: &str) -> String {
    match ZONES.iter().find(|(a, _)| *a == abbr) {
        Some((a, long)) if !matches!(*a, "GMT") => format!("{a} ({long})"),
        Some((a, _)) => a.to_string(),
        None => abbr.to_string(),
    }
}

fn check_tz(sink: &mut Sink, tz: &Str, extra: &[String]) {
    let v = tz.value.trim();
    let valid = v == "UTC"
        || v == "GMT"
        || extra.iter().any(|e| e == v)
        || ZONES.iter().any(|(a, long)| v == format!("{a} ({long})"));
    if valid {
        return;
    }
    let upper = v.to_uppercase();
    let words: Vec<&str> = upper
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let suggestion = ZONES
        .iter()
        .find(|(_, long)| upper.contains(&long.to_uppercase()))
        .map(|(a, _)| canonical(a))
        .or_else(|| {
            words.iter().find_map(|w| {
                if *w == "UTC" {
                    return Some("UTC".to_string());
                }
                ZONES
                    .iter()
                    .find(|(a, _)| a == w)
                    .map(|(a, _)| canonical(a))
                    .or_else(|| {
                        ALIASES
                            .iter()
                            .find(|(k, _)| k == w)
                            .map(|(_, a)| canonical(a))
                    })
            })
        })
        .unwrap_or_else(|| {
            let all: Vec<String> = ZONES.iter().map(|(a, _)| canonical(a)).collect();
            nearest(v, all.iter().map(String::as_str))
                .unwrap_or("UTC")
                .to_string()
        });
    let f = sink
        .finding(format!(
            "time zone `{v}` is not in the form the docs' converter link expects"
        ))
        .label(tz.span, "expected e.g. `PT (Pacific Time)` or `UTC`")
        .help(format!("use `{suggestion}`"));
    sink.push(f);
}

#[cfg(test)]
mod clock_tests {
    use super::is_clock_time;

    #[test]
    fn clock_times_are_what_the_patterns_match() {
        // The two patterns the rule was first written with, as the oracle.
        let h24 = regex::Regex::new(r"^([01]?[0-9]|2[0-3]):[0-5][0-9]$").expect("valid");
        let h12 =
            regex::Regex::new(r"^(0?[1-9]|1[0-2])(:[0-5][0-9])? ?([AaPp][Mm])$").expect("valid");
        // Every string of up to five characters over an alphabet that reaches every branch.
        let alphabet: Vec<char> = "0125679: aPmMé".chars().collect();
        let mut words = vec![String::new()];
        let mut start = 0;
        let (mut tested, mut matched) = (0, 0);
        for _ in 0..5 {
            let end = words.len();
            for i in start..end {
                for &c in &alphabet {
                    let w = format!("{}{c}", words[i]);
                    words.push(w);
                }
            }
            start = end;
        }
        // And every hour and minute pair with each suffix.
        for h in [
            "0", "00", "1", "01", "9", "09", "10", "12", "13", "19", "20", "23", "24", "99", "123",
        ] {
            for m in ["", ":00", ":5", ":59", ":60", ":09", ":099"] {
                for x in ["", "am", " PM", "  am", "pm ", "Am", "x", " "] {
                    words.push(format!("{h}{m}{x}"));
                }
            }
        }
        for w in &words {
            let want = h24.is_match(w) || h12.is_match(w);
            assert_eq!(is_clock_time(w), want, "{w:?}");
            tested += 1;
            matched += usize::from(want);
        }
        assert!(tested > 500_000 && matched > 800, "{tested} {matched}");
    }
}
