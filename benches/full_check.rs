//! Full `check` (load, rules, render every output, compare with the committed files) of a
//! kubernetes-community-sized repository: built in a temporary directory from
//! ../shared/corpus/kubernetes-community/sigs.yaml and the k8s-style templates of
//! fixtures/k8s-style/generator, its docs generated first so that the comparison finds them up to
//! date. Target: <= 10 ms median. Also 10x and 100x copies (every group repeated with new names),
//! whose times should grow linearly. Needs ../shared/corpus; without it, it says so.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use sigs_lint::commands::check::{CheckOptions, check};
use sigs_lint::commands::generate::generate;

mod support;
use support::scaled;

fn repo(root: &Path, sigs: &str, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("sigs-lint-bench-{n}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("generator")).expect("mkdir");
    std::fs::write(dir.join("sigs.yaml"), scaled(sigs, n)).expect("write");
    for e in std::fs::read_dir(root.join("fixtures/k8s-style/generator"))
        .expect("templates")
        .flatten()
    {
        std::fs::copy(e.path(), dir.join("generator").join(e.file_name())).expect("copy");
    }
    let opts = CheckOptions {
        path: dir.clone(),
        ..Default::default()
    };
    let g = generate(&opts, true);
    assert!(!g.failed, "{:?}", g.checked.run.findings.first());
    dir
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let Ok(sigs) =
        std::fs::read_to_string(root.join("../shared/corpus/kubernetes-community/sigs.yaml"))
    else {
        eprintln!("\n!!!!!!!! NOTICE: ../shared/corpus is absent: benchmark SKIPPED !!!!!!!!\n");
        return;
    };
    let mut g = c.benchmark_group("full check, k8s-style templates");
    g.sample_size(20);
    for n in [1usize, 10, 100] {
        let dir = repo(root, &sigs, n);
        let opts = CheckOptions {
            path: dir.clone(),
            ..Default::default()
        };
        let first = check(&opts);
        let stale = first
            .run
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("doc-"))
            .count();
        assert_eq!(stale, 0, "x{n}: the generated docs are not up to date");
        g.bench_function(format!("kubernetes-community x{n}"), |b| {
            b.iter(|| black_box(check(black_box(&opts)).run.findings.len()))
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
