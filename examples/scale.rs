//! `cargo run --release --example scale -- N < sigs.yaml > scaled.yaml`: the data file with every
//! group repeated N times under new names (dirs, names and labels suffixed `-xI`), as the benches
//! scale it. Used by benches/compare-go.sh to build the 10x and 100x repositories.

#[path = "../benches/support/mod.rs"]
mod support;

use std::io::{Read, Write};

fn main() {
    let n: usize = match std::env::args().nth(1).map(|a| a.parse()) {
        Some(Ok(n)) if n > 0 => n,
        _ => {
            eprintln!("usage: scale N < sigs.yaml > scaled.yaml (N >= 1)");
            std::process::exit(2);
        }
    };
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("scale: cannot read standard input: {e}");
        std::process::exit(2);
    }
    let out = support::scaled(&text, n);
    if let Err(e) = std::io::stdout().write_all(out.as_bytes()) {
        eprintln!("scale: cannot write: {e}");
        std::process::exit(2);
    }
}
