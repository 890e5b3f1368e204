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

/// What the generator captures from an existing file (Go's `getExistingContent`).
pub fn capture(existing: &str, markers: Markers) -> String {
    let mut captured: Vec<&str> = Vec::new();
    let mut on = false;
    for line in existing.split('\n') {
        if line.contains(markers.end()) {
            return captured.join("\n");
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

/// Text the next regeneration would drop: (1-based line, text) of every non-empty line after the
/// line holding the end marker, and of the marker lines' own extra text.
pub fn dropped(existing: &str, markers: Markers) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut state = 0; // 0 before begin, 1 inside, 2 after end
    for (i, line) in existing.split('\n').enumerate() {
        let n = i + 1;
        match state {
            2 if !line.trim().is_empty() => out.push((n, line.to_string())),
            2 => {}
            _ if line.contains(markers.end()) => {
                if line.trim() != markers.end() {
                    out.push((n, line.to_string()));
                }
                state = 2;
            }
            0 if line.contains(markers.begin()) => {
                if line.trim() != markers.begin() {
                    out.push((n, line.to_string()));
                }
                state = 1;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Markers = Markers::Markdown;

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
                (1, "pre <!-- BEGIN CUSTOM CONTENT --> post".into()),
                (3, "z <!-- END CUSTOM CONTENT -->".into()),
                (4, "lost".into())
            ]
        );
        // No end marker: to the end of the file (the final empty line included).
        assert_eq!(capture("<!-- BEGIN CUSTOM CONTENT -->\nq\n", M), "q\n");
        // Stable afterwards.
        let once = with_block(
            "R\n",
            &capture("R\n<!-- BEGIN CUSTOM CONTENT -->\nq\n", M),
            M,
        );
        assert_eq!(with_block("R\n", &capture(&once, M), M), once);
    }
}
