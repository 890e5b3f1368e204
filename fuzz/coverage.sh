#!/usr/bin/env bash
# The plateau measure of issue 12: which edges a fuzz target's corpus covers, by where the code
# comes from (sigs-lint's src/, the fuzz target, std, each dependency), for snapshots of the
# corpus by age. libFuzzer's own `cov:` counts every crate linked in; a corpus whose edges in
# src/ stay put while the count grows is finding new paths through parsers, regex engines and
# std, not through sigs-lint.
#
#   bash fuzz/coverage.sh <target> <corpus folder> [cut ...]
#
# Each cut is a time `date -d` reads ("2026-12-03 01:00"); snapshot k holds the corpus files
# last changed at or before cut k, and a last snapshot holds them all. The target is built with
# AddressSanitizer (libFuzzer symbolizes covered code through its runtime) into
# fuzz/target-coverage (a build of a few minutes); BIN=<binary> uses one already built so.
# Every snapshot is replayed once (-runs=0 -print_coverage=1: minutes for thousands of inputs)
# with TMPDIR in a scratch folder, JOBS=<n> of them at once; logs stay in $OUT (default: a new
# temporary folder).
# Needs llvm-symbolizer (Debian: llvm).
set -euo pipefail
[ $# -ge 2 ] || {
  sed -n '2,18p' "$0"
  exit 2
}
target=$1
corpus=$(cd "$2" && pwd)
shift 2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)/src/
symbolizer=$(command -v llvm-symbolizer || ls /usr/lib/llvm-*/bin/llvm-symbolizer 2>/dev/null | tail -1)
[ -n "$symbolizer" ] || {
  echo "coverage.sh: llvm-symbolizer is needed (apt-get install llvm)" >&2
  exit 2
}
if [ -z "${BIN:-}" ]; then
  (cd "$here" && RUSTC_BOOTSTRAP=1 cargo fuzz build -s address --target-dir target-coverage "$target")
  BIN=$here/target-coverage/x86_64-unknown-linux-gnu/release/$target
fi
OUT=${OUT:-$(mktemp -d)}
mkdir -p "$OUT"

# Snapshots: folders of links to the corpus files old enough.
cuts=("$@")
n=${#cuts[@]}
for k in $(seq 0 "$n"); do
  rm -rf "$OUT/snap$k" && mkdir -p "$OUT/snap$k"
done
epochs=()
for k in $(seq 0 $((n - 1))); do
  epochs[k]=$(date -d "${cuts[$k]}" +%s)
done
for f in "$corpus"/*; do
  t=$(stat -c %Y "$f")
  for k in $(seq 0 $((n - 1))); do
    if [ "$t" -le "${epochs[k]}" ]; then ln -s "$f" "$OUT/snap$k/"; fi
  done
  ln -s "$f" "$OUT/snap$n/"
done

replay() {
  mkdir -p "$OUT/tmp$1"
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 ASAN_SYMBOLIZER_PATH=$symbolizer \
    TMPDIR=$OUT/tmp$1 "$BIN" -runs=0 -print_coverage=1 -max_len=1048576 -timeout=900 \
    -rss_limit_mb=4096 "$OUT/snap$1" >"$OUT/cov$1.log" 2>&1 || true
  rm -rf "$OUT/tmp$1"
}
# JOBS snapshots are replayed at once (default 1: a replay is single-threaded).
running=0
for k in $(seq 0 "$n"); do
  label=${cuts[$k]:-all}
  echo "snapshot $k ($label): $(ls "$OUT/snap$k" | wc -l) inputs" >&2
  if [ "$running" -ge "${JOBS:-1}" ]; then
    wait -n
    running=$((running - 1))
  fi
  replay "$k" &
  running=$((running + 1))
done
wait

# One column per snapshot: covered edges of the functions from each origin (a function's
# inlined callees count where the function is).
for k in $(seq 0 "$n"); do
  awk -v src="$src" -v here="$here/" -v k="$k" '
    /^(UN)?COVERED_FUNC: / {
      split($5, e, "/"); file = $NF; sub(/:[0-9]+$/, "", file)
      if (index(file, src) == 1) o = "sigs-lint src/"
      else if (index(file, here) == 1) o = "fuzz target"
      else if (file ~ /^\/rustc\//) o = "std"
      else if (match(file, /\/registry\/src\/[^\/]+\/[^\/]+\//)) {
        o = substr(file, RSTART, RLENGTH); sub(/\/$/, "", o); sub(/.*\//, "", o)
        sub(/-[0-9]+\.[0-9]+.*$/, "", o)
      } else if (match(file, /\/rust\/deps\/[^\/]+\//)) {
        o = substr(file, RSTART + 11, RLENGTH - 12); sub(/-[0-9]+\.[0-9]+.*$/, "", o)
      } else o = "other"
      cov[o] += e[1]; tot[o] += e[2]
    }
    END { for (o in cov) printf "%s\t%d\t%d\t%d\n", o, k, cov[o], tot[o] }' "$OUT/cov$k.log"
done | awk -F'\t' -v n="$n" '
  { c[$1, $2] = $3; t[$1] = $4; seen[$1] = 1; all[$2] += $3 }
  END {
    printf "999999999\t%-20s", "covered edges"; for (k = 0; k <= n; k++) printf "%12s", "snap" k
    printf "%12s\n", "of"
    for (o in seen) {
      printf "%d\t%-20s", c[o, n], o
      for (k = 0; k <= n; k++) printf "%12d", c[o, k]
      printf "%12d\n", t[o]
    }
    printf "%d\t%-20s", -1, "all"; for (k = 0; k <= n; k++) printf "%12d", all[k]; printf "\n"
  }' | sort -t "$(printf '\t')" -k1,1nr | cut -f2-
echo "logs: $OUT" >&2
