#!/usr/bin/env bash
# sigs-lint beside the community's own Go generator, whole process, side by side.
#
# For each size (1x, 10x, 100x: the kubernetes HEAD slice with every group repeated under new
# names, by examples/scale.rs) it builds a repository in a temporary folder, lets the Go generator
# write its docs there (sigs-lint generate without Go), then runs, round after round, interleaved
# (A B C D A B C D …):
#   A  sigs-lint check --format short      (the full check: load, rules, render, compare)
#   B  the Go generator                    (built by ../shared/oracle/build-generator; run in the copy)
#   C  sigs-lint check --no-docs --format short
#   D  sigs-lint check                     (the human report)
# and prints the median CPU time (user + system) per run, the ratios the performance targets are
# stated in, and the peak memory (max RSS) of each.
#
# Needs GNU time (apt-get install time), ../shared/corpus; Go and ../shared/oracle for column B.
# Environment: SIZES="1 10 100", ROUNDS=5, CORPUS=<slice>.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CORPUS:-../shared/corpus/kubernetes-community}
sizes=${SIZES:-1 10 100}
rounds=${ROUNDS:-5}
if [ ! -f "$corpus/sigs.yaml" ]; then
  echo "NOTICE: $corpus is absent: nothing measured"
  exit 0
fi
if [ ! -x /usr/bin/time ]; then
  echo "NOTICE: GNU time is absent (apt-get install time): nothing measured"
  exit 0
fi
corpus=$(cd "$corpus" && pwd)
cargo build --release -q --bin sigs-lint --example scale
bin=$PWD/target/release/sigs-lint
scale=$PWD/target/release/examples/scale
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gen=
if command -v go >/dev/null && [ -x ../shared/oracle/build-generator ]; then
  if ../shared/oracle/build-generator "$corpus" "$work/gen" >"$work/build.log" 2>&1; then
    gen=$work/gen
  else
    echo "NOTICE: the Go generator did not build (see below): column B is empty"
    cat "$work/build.log"
  fi
else
  echo "NOTICE: Go or ../shared/oracle is absent: column B is empty"
fi

# $work/go DIR: the generator in DIR, as the community runs it.
printf '#!/bin/sh\ncd "$1" && exec env -u WHAT -u ANNUAL_REPORT -u MAINTAINERS_LIST "%s"\n' \
  "$work/gen" >"$work/go"
chmod +x "$work/go"

# measure K OUT CMD…: CMD run K times in a row under GNU time; appends "cpu_ms_per_run peak_kb".
measure() {
  local k=$1 out=$2
  shift 2
  /usr/bin/time -f "%U %S %M" -o "$work/t" \
    bash -c 'for ((i = 0; i < $0; i++)); do "$@" >/dev/null 2>&1 || true; done' "$k" "$@"
  awk -v k="$k" '{ printf "%.2f %d\n", ($1 + $2) * 1000 / k, $3 }' "$work/t" >>"$out"
}

# median FILE COLUMN
median() {
  sort -g -k"$2","$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END {
    if (NR == 0) { print "-"; exit }
    if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.3f\n", a / b }'
}

mb() {
  awk -v k="$1" 'BEGIN { if (k == "-") print "-"; else printf "%.0f\n", k / 1024 }'
}

printf '\n%-5s %9s %8s | %10s %10s %7s | %10s %7s | %10s %7s | %s\n' \
  size data findings "check ms" "Go ms" "ratio" "no-docs ms" "/check" "human ms" "/short" \
  "peak MB: check no-docs human Go"
for n in $sizes; do
  repo=$work/r$n
  cp -r "$corpus" "$repo"
  "$scale" "$n" <"$corpus/sigs.yaml" >"$repo/sigs.yaml"
  if [ -n "$gen" ]; then
    "$work/go" "$repo" >/dev/null
  else
    "$bin" generate "$repo" -q >/dev/null || true
  fi
  # Batches long enough for the 10 ms resolution GNU time prints (about 1% of a batch of
  # sigs-lint runs; with shorter batches the ratios moved by 0.005 from run to run).
  case $n in
    1) k=40 ;;
    [2-9] | 1[0-9]) k=10 ;;
    *) k=1 ;;
  esac
  : >"$work/A" >"$work/B" >"$work/C" >"$work/D"
  for ((r = 0; r < rounds; r++)); do
    measure "$k" "$work/A" "$bin" check "$repo" --format short
    [ -n "$gen" ] && measure "$k" "$work/B" "$work/go" "$repo"
    measure "$k" "$work/C" "$bin" check "$repo" --no-docs --format short
    measure "$k" "$work/D" "$bin" check "$repo" --color never
  done
  a=$(median "$work/A" 1) b=$(median "$work/B" 1) c=$(median "$work/C" 1) d=$(median "$work/D" 1)
  findings=$("$bin" check "$repo" --format short 2>/dev/null | grep -c ': \(error\|warning\|note\)\[' || true)
  size=$(du -k "$repo/sigs.yaml" | cut -f1)
  printf '%-5s %7sKB %8s | %10s %10s %7s | %10s %7s | %10s %7s | %s %s %s %s\n' \
    "${n}x" "$size" "$findings" "$a" "$b" "$(ratio "$a" "$b")" "$c" "$(ratio "$c" "$a")" \
    "$d" "$(ratio "$d" "$a")" "$(mb "$(median "$work/A" 2)")" "$(mb "$(median "$work/C" 2)")" \
    "$(mb "$(median "$work/D" 2)")" "$(mb "$(median "$work/B" 2)")"
  rm -rf "$repo"
done
echo
echo "ms: median CPU (user + system) per run over $rounds rounds; ratio: check / Go (target <= 0.08);"
echo "/check: --no-docs / check; /short: human / short (target <= 1.3); peak: median max RSS."
