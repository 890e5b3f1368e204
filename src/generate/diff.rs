//! The unified diff shown for a stale file (and for a data file not in canonical form).

/// How long the search for a small diff may take. Past it the diff is still a true one (it
/// turns the committed file into the generated one), only not the smallest: two 2.5 MB files of
/// 1.28 million short lines, both random, took 20 s, and time grows faster than the size.
pub const DIFF_DEADLINE: std::time::Duration = std::time::Duration::from_secs(1);

/// The longest the diffs of one `check` may search in all: each stops at [`DIFF_DEADLINE`], but
/// 1,000 stale READMEs that each take it (one 2.5 MB file of random lines, committed 1,000 times:
/// git stores it once) would take 18 minutes (20 of them took 22 s). Past it, each diff is the
/// quick one (still true, only not the smallest).
pub const RUN_DIFF_BUDGET: std::time::Duration = std::time::Duration::from_secs(10);

/// The line diff of two texts, its search bounded by `timeout`.
fn line_diff<'a>(
    old: &'a str,
    new: &'a str,
    timeout: std::time::Duration,
) -> similar::TextDiff<'a, 'a, str> {
    similar::TextDiff::configure()
        .timeout(timeout)
        .diff_lines(old, new)
}

/// A unified diff (3 lines of context) from the committed text to the expected one; also the
/// first differing line of the committed file and the number of changed lines.
pub fn unified_diff(committed: &str, expected: &str, name: &str) -> (usize, String, usize) {
    unified_diff_within(committed, expected, name, DIFF_DEADLINE)
}

/// [`unified_diff`], its search bounded by `timeout`.
pub fn unified_diff_within(
    committed: &str,
    expected: &str,
    name: &str,
    timeout: std::time::Duration,
) -> (usize, String, usize) {
    use similar::ChangeTag;
    let diff = line_diff(committed, expected, timeout);
    let mut first = None;
    let mut changed = 0;
    for op in diff.ops() {
        for change in diff.iter_changes(op) {
            if change.tag() != ChangeTag::Equal {
                changed += 1;
                if first.is_none() {
                    first = Some(
                        change
                            .old_index()
                            .map_or_else(|| op.old_range().start + 1, |i| i + 1),
                    );
                }
            }
        }
    }
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("{name} (committed)"),
            &format!("{name} (generated)"),
        )
        .to_string();
    (first.unwrap_or(1), text, changed)
}

/// A unified diff (3 lines of context) between two texts, under the given header names.
pub fn diff_with_headers(old: &str, new: &str, old_header: &str, new_header: &str) -> String {
    line_diff(old, new, DIFF_DEADLINE)
        .unified_diff()
        .context_radius(3)
        .header(old_header, new_header)
        .to_string()
}
