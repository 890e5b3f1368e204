//! load + rules on the kubernetes-community sigs.yaml (about 190 KB), side by side with what the YAML
//! parser underneath costs: its bare event stream, serde-saphyr skipping every value, and serde-saphyr
//! into a derived, `Spanned` struct model (the "spanned parse"); and the whole `check --no-docs`
//! in-process (reading the files, recognising the generator, load, validation, rules). The target:
//! `check --no-docs` within 1.5x of the bare event parse. Needs ../shared/corpus; without it, it
//! says so and measures nothing.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use serde::Deserialize;
use serde_saphyr::Spanned;
use sigs_lint::config::Config;
use sigs_lint::model;
use sigs_lint::source::SourceFile;

type S = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SFile {
    sigs: Option<Vec<SGroup>>,
    workinggroups: Option<Vec<SGroup>>,
    usergroups: Option<Vec<SGroup>>,
    committees: Option<Vec<SGroup>>,
    gb_rep: Option<SPerson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SGroup {
    dir: Option<S>,
    name: Option<S>,
    mission_statement: Option<S>,
    charter_link: Option<S>,
    stakeholder_sigs: Option<Vec<S>>,
    label: Option<S>,
    leadership: Option<SLeadership>,
    meetings: Option<Vec<SMeeting>>,
    contact: Option<SContact>,
    subprojects: Option<Vec<SSubproject>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SLeadership {
    chairs: Option<Vec<SPerson>>,
    tech_leads: Option<Vec<SPerson>>,
    emeritus_leads: Option<Vec<SPerson>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SPerson {
    github: Option<S>,
    name: Option<S>,
    company: Option<S>,
    email: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SMeeting {
    description: Option<S>,
    day: Option<S>,
    time: Option<S>,
    tz: Option<S>,
    frequency: Option<S>,
    url: Option<S>,
    archive_url: Option<S>,
    recordings_url: Option<S>,
    calendar_url: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SContact {
    slack: Option<S>,
    discord: Option<SDiscord>,
    mailing_list: Option<S>,
    private_mailing_list: Option<S>,
    teams: Option<Vec<STeam>>,
    liaison: Option<SPerson>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SDiscord {
    name: Option<S>,
    url: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct STeam {
    name: Option<S>,
    description: Option<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct SSubproject {
    name: Option<S>,
    description: Option<S>,
    contact: Option<SContact>,
    owners: Option<Vec<S>>,
    leads: Option<Vec<SPerson>>,
    meetings: Option<Vec<SMeeting>>,
}

fn bench(c: &mut Criterion) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/kubernetes-community/sigs.yaml"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("\n!!!!!!!! NOTICE: {path} is absent: benchmark SKIPPED !!!!!!!!\n");
        return;
    };
    let config = Config::default();
    let mut g = c.benchmark_group("kubernetes-community sigs.yaml");
    g.bench_function("granit-parser events (bare parse)", |b| {
        b.iter(|| {
            let n = granit_parser::Parser::new_from_str(black_box(&text)).count();
            black_box(n)
        })
    });
    g.bench_function("serde-saphyr IgnoredAny (bare parse through serde)", |b| {
        b.iter(|| {
            let v: serde::de::IgnoredAny =
                serde_saphyr::from_str(black_box(&text)).expect("parses");
            black_box(v)
        })
    });
    g.bench_function(
        "serde-saphyr into a Spanned struct model (spanned parse)",
        |b| {
            b.iter(|| {
                let v: SFile = serde_saphyr::from_str(black_box(&text)).expect("parses");
                black_box(v)
            })
        },
    );
    g.bench_function("sigs-lint load", |b| {
        b.iter(|| {
            let file = SourceFile::new("sigs.yaml", black_box(text.as_str()));
            black_box(model::load(&file).model.sigs.len())
        })
    });
    g.bench_function("sigs-lint load + rules", |b| {
        b.iter(|| {
            let file = SourceFile::new("sigs.yaml", black_box(text.as_str()));
            let loaded = model::load(&file);
            let findings = sigs_lint::rules::run(&loaded.model, &file, &config);
            black_box(findings.len())
        })
    });
    let opts = sigs_lint::commands::check::CheckOptions {
        path: std::path::Path::new(path)
            .parent()
            .expect("the slice")
            .to_path_buf(),
        no_docs: true,
        ..Default::default()
    };
    g.bench_function("sigs-lint check --no-docs (in-process)", |b| {
        b.iter(|| {
            black_box(
                sigs_lint::commands::check::check(black_box(&opts))
                    .run
                    .findings
                    .len(),
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
