#!/usr/bin/env bash
# Whole-process timing of the editor-on-save path (`check --no-docs`) on the kubernetes corpus, beside
# `--version` (start-up alone), the full check and `fmt --check` (target: within 1.5x of
# `check --no-docs`). Compare with the in-process "spanned parse" of `cargo bench --bench check`.
# Needs hyperfine (apt-get install hyperfine) and ../shared/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
corpus=../shared/corpus/kubernetes-community
[ -f "$corpus/sigs.yaml" ] || { echo "NOTICE: $corpus is absent: nothing measured"; exit 0; }
hyperfine -N -i --warmup 10 --runs 200 \
  './target/release/sigs-lint --version' \
  "./target/release/sigs-lint check $corpus --no-docs --format short" \
  "./target/release/sigs-lint check $corpus --format short" \
  "./target/release/sigs-lint fmt $corpus --check --format short"
