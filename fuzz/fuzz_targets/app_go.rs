//! Generator recognition over any `generator/app.go` (and `go.mod`): the input is the app.go text,
//! a NUL byte, the go.mod text. Reading the declarations, choosing the nearest flavour and
//! wording the differences must not panic, whatever the bytes, and stay linear in the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sigs_lint::flavour::detect::{from_app_go, parse_app_go};

fuzz_target!(|input: &[u8]| {
    let mut parts = input.splitn(2, |b| *b == 0);
    let app = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let go_mod = parts.next().map(String::from_utf8_lossy);
    let parsed = parse_app_go(&app);
    let detected = from_app_go(
        &parsed,
        "generator",
        go_mod.as_deref(),
        "generator/app.go",
        false,
    );
    let _ = detected.report();
});
