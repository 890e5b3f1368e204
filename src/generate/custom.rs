//! Custom-content blocks, exactly as the Go generator keeps them: the lines strictly between a line
//! containing the begin marker and a line containing the end marker are captured from the committed
//! file and written after the rendered template as begin marker, `\n`, the captured lines joined
//! with `\n`, `\n`, end marker, `\n`. A missing end marker captures to the end of the file; text
//! after the end marker (and a second block) is dropped.

/// Which markers a file uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markers {
    /// `<!-- BEGIN CUSTOM CONTENT -->` / `<!-- END CUSTOM CONTENT -->`
    Markdown,
    /// `## BEGIN CUSTOM CONTENT` / `## END CUSTOM CONTENT` (OWNERS_ALIASES)
    Yaml,
}

impl Markers {
    pub fn begin(self) -> &'static str {
        match self {
            Markers::Markdown => "<!-- BEGIN CUSTOM CONTENT -->",
            Markers::Yaml => "## BEGIN CUSTOM CONTENT",
        }
    }

    pub fn end(self) -> &'static str {
        match self {
            Markers::Markdown => "<!-- END CUSTOM CONTENT -->",
            Markers::Yaml => "## END CUSTOM CONTENT",
        }
    }
}

/// Where the first line that may hold a marker starts, and its 0-based number: no line before it
/// holds "CUSTOM CONTENT", which every marker does (a committed file is scanned for it at memory
/// speed instead of line by line). `None`: no marker in the text.
fn first_marker_line(text: &str) -> Option<usize> {
    // Built once: a searcher's set-up costs more than scanning a README.
    static MARKER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"CUSTOM CONTENT"));
    let at = MARKER.find(text.as_bytes())?;
    Some(memchr::memrchr(b'\n', &text.as_bytes()[..at]).map_or(0, |i| i + 1))
}

/// What the generator captures from an existing file (Go's `getExistingContent`): per line, an
/// end marker anywhere stops capturing, a line is kept while capturing, a begin marker anywhere
/// starts capturing. Several blocks are merged; text between and after them is lost.
pub fn capture(existing: &str, markers: Markers) -> String {
    match first_marker_line(existing) {
        Some(start) => capture_from(&existing[start..], markers),
        None => String::new(),
    }
}

/// [`capture`]'s scan, line by line from the start of `text`.
fn capture_from(text: &str, markers: Markers) -> String {
    let mut captured: Vec<&str> = Vec::new();
    let mut on = false;
    for line in text.split('\n') {
        if line.contains(markers.end()) {
            on = false;
        }
        if on {
            captured.push(line);
        }
        if line.contains(markers.begin()) {
            on = true;
        }
    }
    captured.join("\n")
}

/// The file the generator writes: the rendered template, then the custom-content block.
pub fn with_block(rendered: &str, captured: &str, markers: Markers) -> String {
    let mut out = String::with_capacity(rendered.len() + captured.len() + 64);
    out.push_str(rendered);
    out.push_str(markers.begin());
    out.push('\n');
    out.push_str(captured);
    out.push('\n');
    out.push_str(markers.end());
    out.push('\n');
    out
}

/// Text the next regeneration would drop: (byte offset, text) of every non-empty line after
/// an end marker that no later begin marker takes back into a block, and of the marker lines'
/// own extra text. Lines are the generator's (split at LF only); reports place them by offset,
/// where a line count would differ in a file with a lone CR.
pub fn dropped(existing: &str, markers: Markers) -> Vec<(usize, String)> {
    match first_marker_line(existing) {
        Some(start) => dropped_from(&existing[start..], start, markers),
        None => Vec::new(),
    }
}

/// [`dropped`]'s scan, line by line from the start of `text`, which starts at byte `base` of
/// the file.
fn dropped_from(text: &str, base: usize, markers: Markers) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let (mut on, mut after_end) = (false, false);
    let mut at = base;
    for line in text.split('\n') {
        let (has_end, has_begin) = (line.contains(markers.end()), line.contains(markers.begin()));
        let extra = (has_end && line.trim() != markers.end())
            || (has_begin && line.trim() != markers.begin());
        if has_end || has_begin {
            if extra {
                out.push((at, line.to_string()));
            }
        } else if !on && after_end && !line.trim().is_empty() {
            out.push((at, line.to_string()));
        }
        if has_end {
            on = false;
            after_end = true;
        }
        if has_begin {
            on = true;
        }
        at += line.len() + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Markers = Markers::Markdown;

    /// Skipping to the first line that may hold a marker changes nothing: every arrangement of
    /// markers, marker-like text and plain lines, both kinds of markers.
    #[test]
    fn the_skip_to_the_first_marker_changes_nothing() {
        let pieces = [
            "a",
            "",
            " ",
            "x CUSTOM CONTENT",
            "<!-- BEGIN CUSTOM CONTENT -->",
            "<!-- END CUSTOM CONTENT -->",
            "## BEGIN CUSTOM CONTENT",
            "## END CUSTOM CONTENT",
            "t <!-- END CUSTOM CONTENT --> u",
            "\r",
            "CUSTOM",
            "é",
        ];
        let mut compared = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for sep in ["\n", "", "\n\n"] {
                        let text = format!("{a}{sep}{b}\n{c}{sep}");
                        for m in [Markers::Markdown, Markers::Yaml] {
                            assert_eq!(capture(&text, m), capture_from(&text, m), "{text:?}");
                            assert_eq!(dropped(&text, m), dropped_from(&text, 0, m), "{text:?}");
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(compared, 12 * 12 * 12 * 3 * 2);
    }

    #[test]
    fn capture_like_go() {
        let f = "a\n<!-- BEGIN CUSTOM CONTENT -->\nx\n\ny\n<!-- END CUSTOM CONTENT -->\n";
        assert_eq!(capture(f, M), "x\n\ny");
        assert_eq!(
            with_block("R\n", &capture(f, M), M),
            "R\n<!-- BEGIN CUSTOM CONTENT -->\nx\n\ny\n<!-- END CUSTOM CONTENT -->\n"
        );
        // New file: an empty block.
        assert_eq!(
            with_block("R\n", "", M),
            "R\n<!-- BEGIN CUSTOM CONTENT -->\n\n<!-- END CUSTOM CONTENT -->\n"
        );
        // Markers count anywhere in a line; text after the end is dropped.
        let g = "pre <!-- BEGIN CUSTOM CONTENT --> post\nk\nz <!-- END CUSTOM CONTENT -->\nlost\n";
        assert_eq!(capture(g, M), "k");
        assert_eq!(
            dropped(g, M),
            vec![
                (0, "pre <!-- BEGIN CUSTOM CONTENT --> post".into()),
                (41, "z <!-- END CUSTOM CONTENT -->".into()),
                (71, "lost".into())
            ]
        );
        for (at, line) in dropped(g, M) {
            assert!(g[at..].starts_with(&line));
        }
        // No end marker: to the end of the file (the final empty line included).
        assert_eq!(capture("<!-- BEGIN CUSTOM CONTENT -->\nq\n", M), "q\n");
        // Several blocks are merged; text between and after them is lost.
        let h = "a\n<!-- BEGIN CUSTOM CONTENT -->\none\n<!-- END CUSTOM CONTENT -->\nbetween\n<!-- BEGIN CUSTOM CONTENT -->\ntwo\n<!-- END CUSTOM CONTENT -->\nafter\n";
        assert_eq!(capture(h, M), "one\ntwo");
        assert_eq!(
            dropped(h, M),
            vec![(64, "between".into()), (134, "after".into())]
        );
        for (at, line) in dropped(h, M) {
            assert!(h[at..].starts_with(&line));
        }
        // Stable afterwards.
        let once = with_block(
            "R\n",
            &capture("R\n<!-- BEGIN CUSTOM CONTENT -->\nq\n", M),
            M,
        );
        assert_eq!(with_block("R\n", &capture(&once, M), M), once);
    }
}
