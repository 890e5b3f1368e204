//! Rendering cost per format: the human report (miette snippets) beside `short`, over the
//! findings of the kubernetes-community sigs.yaml at 1x and 10x (every group repeated with new
//! names). The human report must stay within a small factor of `short` at every size: a
//! snippet's cost does not depend on where its span is in the file. Needs ../shared/corpus.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use sigs_lint::commands::check::check_text;
use sigs_lint::config::Config;
use sigs_lint::report::{Human, Renderer, Short};

mod support;
use support::scaled;

fn bench(c: &mut Criterion) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(text) =
        std::fs::read_to_string(root.join("../shared/corpus/kubernetes-community/sigs.yaml"))
    else {
        eprintln!("NOTICE: ../shared/corpus is absent: nothing measured");
        return;
    };
    for n in [1usize, 10] {
        let run = check_text("sigs.yaml", &scaled(&text, n), &Config::default());
        eprintln!("{n}x: {} findings", run.findings.len());
        let human = Human {
            color: false,
            width: 100,
        };
        c.bench_function(&format!("human {n}x"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                human.render(black_box(&run), &mut out).expect("renders");
                out
            })
        });
        c.bench_function(&format!("short {n}x"), |b| {
            b.iter(|| {
                let mut out = Vec::new();
                Short::default()
                    .render(black_box(&run), &mut out)
                    .expect("renders");
                out
            })
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
