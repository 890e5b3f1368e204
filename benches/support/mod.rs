//! What the benches share.

/// The corpus sigs.yaml with every group repeated `n` times (dirs, names and labels suffixed).
pub fn scaled(text: &str, n: usize) -> String {
    let mut out = String::new();
    // Top-level sections: a line without indentation starts one.
    let mut sections: Vec<Vec<&str>> = Vec::new();
    for line in text.lines() {
        if (!line.is_empty() && !line.starts_with(' ')) || sections.is_empty() {
            sections.push(Vec::new());
        }
        sections.last_mut().expect("a section").push(line);
    }
    for sec in sections {
        let head = sec[0];
        let is_list = matches!(
            head,
            "sigs:" | "workinggroups:" | "usergroups:" | "committees:"
        );
        out.push_str(head);
        out.push('\n');
        let copies = if is_list { n } else { 1 };
        for i in 0..copies {
            for line in &sec[1..] {
                let renamed = i > 0
                    && (line.starts_with("  - dir: ")
                        || line.starts_with("    name: ")
                        || line.starts_with("    label: "));
                out.push_str(line);
                if renamed {
                    out.push_str(&format!("-x{i}"));
                }
                out.push('\n');
            }
        }
    }
    out
}
