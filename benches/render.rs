//! Rendering the k8s-style `sig-list` template (`fixtures/k8s-style/generator/list.tmpl`) over the
//! kubernetes-community corpus: the target is <= 1 ms median for the execution. Also shown: parsing
//! the template, and building the template data (sorting, derived fields) from the model.
//! Needs ../shared/corpus; without it, it says so and measures nothing.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use sigs_lint::generate::context;
use sigs_lint::generate::render::load_template;
use sigs_lint::model;
use sigs_lint::source::SourceFile;

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sigs = root.join("../shared/corpus/kubernetes-community/sigs.yaml");
    let Ok(text) = std::fs::read_to_string(&sigs) else {
        eprintln!(
            "\n!!!!!!!! NOTICE: {} is absent: benchmark SKIPPED !!!!!!!!\n",
            sigs.display()
        );
        return;
    };
    let file = SourceFile::new("sigs.yaml", text);
    let loaded = model::load(&file);
    let tmpl_path = root.join("fixtures/k8s-style/generator/list.tmpl");
    let template = load_template(&tmpl_path).expect("template parses");
    let ctx = context(&loaded.model);
    let mut g = c.benchmark_group("k8s-style sig-list over kubernetes-community");
    g.bench_function("execute list.tmpl", |b| {
        b.iter(|| black_box(template.render(black_box(&ctx)).expect("renders").len()))
    });
    g.bench_function("parse list.tmpl + header.tmpl", |b| {
        b.iter(|| black_box(load_template(&tmpl_path).expect("parses").name.len()))
    });
    g.bench_function("template data from the model", |b| {
        b.iter(|| black_box(context(black_box(&loaded.model))))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
