//! Custom-content extraction and re-insertion on any committed file and rendered text: no panic,
//! and the block sigs-lint writes is a fixed point (capturing it again gives the same content,
//! and writing it again gives the same file), as the Go generator's second run keeps its block.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigs_lint::generate::custom::{Markers, capture, dropped, with_block};

fuzz_target!(|input: &[u8]| {
    let text = String::from_utf8_lossy(input);
    let (committed, rendered) = text.split_once('\u{0}').unwrap_or((&text, "R\n"));
    for markers in [Markers::Markdown, Markers::Yaml] {
        // A rendered template holds no marker (`marker-in-value` refuses data that would).
        if rendered.contains(markers.begin()) || rendered.contains(markers.end()) {
            continue;
        }
        let _ = dropped(committed, markers);
        let captured = capture(committed, markers);
        let once = with_block(rendered, &captured, markers);
        let again = with_block(rendered, &capture(&once, markers), markers);
        if !captured.contains(markers.begin()) && !captured.contains(markers.end()) {
            assert_eq!(once, again, "the written block is not stable");
        }
    }
});
