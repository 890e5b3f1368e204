#!/usr/bin/env bash
# The worst input of each hostile class (issue 12), whole process: wall time, peak memory (max
# RSS) and exit code of `sigs-lint check` on a repository built for it in a temporary folder.
# The numbers in the README's "Limits and safety" table come from this script.
#
# Needs GNU time (apt-get install time) and python3 (to write the large inputs).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/time ]; then
  echo "NOTICE: GNU time is absent (apt-get install time): nothing measured"
  exit 0
fi
cargo build --release -q --bin sigs-lint
bin=$PWD/target/release/sigs-lint
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sigs='sigs:
  - dir: sig-docs
    name: Docs
    label: docs
'

# repo NAME: a fresh repository folder with the small data file and sigs-lint's own templates.
repo() {
  mkdir -p "$work/$1"
  printf '%s' "$sigs" >"$work/$1/sigs.yaml"
  printf 'generator: sigs-lint\n' >"$work/$1/.sigs-lint.yaml"
  echo "$work/$1"
}

# measure LABEL DIR PATTERN ARGS…: one run of `sigs-lint check ARGS DIR` (`--format short`
# unless ARGS give one) under GNU time; shows the first output line matching PATTERN.
measure() {
  local label=$1 dir=$2 pattern=$3
  shift 3
  local code=0 format=(--format short)
  case " $* " in *" --format "*) format=() ;; esac
  /usr/bin/time -f "%e %M" -o "$work/t" "$bin" check "${format[@]}" "$@" "$dir" >"$work/out" 2>&1 ||
    code=$?
  read -r secs kb < <(tail -1 "$work/t")
  printf '| %s | %.2f s | %d MB | %d | %s |\n' "$label" "$secs" $((kb / 1024)) "$code" \
    "$(grep -m1 -oE "$pattern.{0,100}" "$work/out" | sed "s|$work/[a-z0-9-]*/||g; s/|/\\|/g" || true)"
}

echo "| input | time | peak memory | exit | first finding |"
echo "|---|---|---|---|---|"

d=$(repo alias-bomb)
cp fixtures/alias-bomb/sigs.yaml "$d/sigs.yaml"
measure "alias bomb (fixtures/alias-bomb)" "$d" "error\[yaml-budget\]" --no-docs

d=$(repo nesting)
python3 -c 'print("sigs: " + "[" * 100000 + "]" * 100000)' >"$d/sigs.yaml"
measure "100,000 nested flow sequences" "$d" "error\[yaml" --no-docs

d=$(repo big-data)
python3 -c '
import sys
sys.stdout.write("sigs:\n")
row = "  - {dir: sig-g%d, name: G%d, label: g%d}\n"
size, i = 9, 0
while size <= 64 * 1024 * 1024:
    line = row % (i, i, i)
    sys.stdout.write(line); size += len(line); i += 1
' >"$d/sigs.yaml"
measure "a data file over the 64 MiB cap" "$d" "error\[io\]" --no-docs

d=$(repo many-groups)
python3 -c '
import sys
sys.stdout.write("sigs:\n")
row = "  - {dir: sig-g%d, name: G%d, label: g%d}\n"
size, i = 6, 0
while True:
    line = row % (i, i, i)
    if size + len(line) > 64 * 1024 * 1024:
        break
    sys.stdout.write(line); size += len(line); i += 1
' >"$d/sigs.yaml"
measure "a data file just under the 64 MiB cap: 1.24 million one-line groups" "$d" "error\[yaml-budget\]"

d=$(repo many-chairs)
python3 -c '
import sys
w = sys.stdout.write
w("sigs:\n- dir: sig-docs\n  name: Docs\n  label: docs\n  leadership:\n    chairs:\n")
for i in range(800000):
    w("    - {github: u%d, name: U%d, company: C}\n" % (i, i))
' >"$d/sigs.yaml"
measure "one SIG with 800,000 chairs, 40 MB" "$d" "[0-9]+ errors?, "

d=$(repo one-line)
python3 -c '
groups = ", ".join("{dir: sig-g%d, name: G%d, label: g%d}" % (i, i, i) for i in range(10000))
print("sigs: [" + groups + "]")' >"$d/sigs.yaml"
measure "a 447 KB one-line data file of 10,000 groups (human)" "$d" "[0-9]+ errors?, " --no-docs --format human

d=$(repo did-you-mean)
python3 -c '
import sys
long = "n" * 120
sys.stdout.write("sigs:\n")
for i in range(2000):
    sys.stdout.write("  - {dir: sig-g%d, name: %s%d, label: g%d}\n" % (i, long, i, i))
sys.stdout.write("workinggroups:\n")
for i in range(2000):
    sys.stdout.write("  - {dir: wg-w%d, name: W%d, label: w%d, stakeholder_sigs: [%s%dx]}\n" % (i, i, i, long, i))
' >"$d/sigs.yaml"
measure "2,000 unknown 125-character stakeholder names (did you mean)" "$d" "[0-9]+ errors?, " --no-docs

d=$(repo defines)
mkdir -p "$d/generator"
python3 -c '
print("".join("{{define \"d%d\"}}x{{end}}" % i for i in range(100000)) + "{{template \"d99999\"}}")' \
  >"$d/generator/list.tmpl"
measure "a template with 100,000 defines" "$d" "error\[doc-missing\]: .{0,60}sig-list"

d=$(repo template-cap)
mkdir -p "$d/generator"
python3 -c 'print("{{1}}" * 333000, end="")' >"$d/generator/sig_readme.tmpl"
for t in wg_readme ug_readme committee_readme list aliases liaisons; do
  cp "$d/generator/sig_readme.tmpl" "$d/generator/$t.tmpl"
done
{ printf '{{define "header"}}{{end}}'; cat "$d/generator/list.tmpl"; } >"$d/generator/header.tmpl"
measure "8 templates (header included) of 999,000 tokens, 1.6 MB each (the token cap)" "$d" "[0-9]+ errors?, "

d=$(repo template-16m)
mkdir -p "$d/generator"
python3 -c 'import sys; sys.stdout.write("{{1}}" * (16 * 1024 * 1024 // 5))' >"$d/generator/sig_readme.tmpl"
for t in wg_readme committee_readme list; do
  cp "$d/generator/sig_readme.tmpl" "$d/generator/$t.tmpl"
done
measure "4 templates of 16 MiB, 3.3 million {{1}} each" "$d" "error\[template-error\]: .{0,140}"

d=$(repo diff)
mkdir -p "$d/generator" "$d/sig-docs"
( cd "$d" && python3 -c '
import random
random.seed(1)
for f in ("generator/sig_readme.tmpl", "sig-docs/README.md"):
    open(f, "w").write("".join(random.choice("xyz") + "\n" for i in range(1280000)))' )
measure "a stale README and its template: 1,280,000 random one-letter lines each, 2.5 MB (diff)" "$d" "error\[doc-stale\]: .{0,80}"

d=$(repo doubling)
mkdir -p "$d/generator"
printf '%s' '{{define "d"}}{{template "d" (printf "%s%s" . .)}}{{end}}{{template "d" "x"}}' \
  >"$d/generator/list.tmpl"
measure "a doubling printf template" "$d" "error calling printf: .{0,60}"

d=$(repo slow-steps)
mkdir -p "$d/generator"
python3 -c '
print("sigs:")
for i in range(10000):
    print("  - {dir: sig-g%d, name: G%d, label: g%d}" % (i, i, i))' >"$d/sigs.yaml"
printf '%s' '{{$m := printf "%1000000s" "x"}}{{$b := printf "%s%s%s%s%s%s%s%s" $m $m $m $m $m $m $m $m}}{{range .Sigs}}{{if eq $b $b}}{{end}}{{if eq $b $b}}{{end}}{{if eq $b $b}}{{end}}{{end}}' \
  >"$d/generator/list.tmpl"
measure "30,000 steps comparing 8 MB strings (deadline)" "$d" "executing .{0,80}"

d=$(repo held-strings)
mkdir -p "$d/generator"
printf '%s' '{{define "a"}}{{$x := printf "%s%s%s%s" . . . .}}{{template "a" .}}{{end}}{{$b := printf "%1000000s" "x"}}{{template "a" (printf "%s%s%s%s" $b $b $b $b)}}' \
  >"$d/generator/list.tmpl"
measure "16 MB strings held by 200 nested templates" "$d" "error calling printf: .{0,60}"

d=$(repo zero)
mkdir -p "$d/sig-docs"
ln -s /dev/zero "$d/sig-docs/README.md"
measure "a committed README linked to /dev/zero" "$d" "sig-docs/README.md"

d=$(repo fifo)
mkdir -p "$d/sig-docs"
mkfifo "$d/sig-docs/README.md"
measure "a FIFO named like a committed README" "$d" "sig-docs/README.md"

d=$(repo big-readme)
mkdir -p "$d/sig-docs"
python3 -c 'import sys; sys.stdout.write("x" * (16 * 1024 * 1024 + 1))' >"$d/sig-docs/README.md"
measure "a committed README over the 16 MiB cap" "$d" "sig-docs/README.md"

d=$(repo dropped-lines)
mkdir -p "$d/sig-docs"
python3 -c '
import sys
sys.stdout.write("<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\n")
sys.stdout.write("".join("dropped\r%d\n" % i for i in range(1000000)))' >"$d/sig-docs/README.md"
measure "a 15 MB README: 1,000,000 lines after its custom block, each with a lone CR (human)" "$d" "[0-9]+ errors?, " --format human

d=$(repo app-go)
rm "$d/.sigs-lint.yaml" # the generator is recognised from app.go
mkdir -p "$d/generator"
python3 -c '
import sys
sys.stdout.write("package main\n\nvar funcMap = template.FuncMap{\n")
sys.stdout.write("".join("\"f%d\": x,\n" % i for i in range(1000000)))
sys.stdout.write("}\n")' >"$d/generator/app.go"
measure "a 15 MB generator/app.go declaring 1,000,000 template functions" "$d" "note\[generator-flavour\].{0,60}"

d=$(repo git-link)
mkdir -p "$d/.git" "$d/sig-docs"
printf '[http]\n\textraheader = AUTHORIZATION: basic c2VjcmV0\n' >"$d/.git/config"
ln -s ../.git/config "$d/sig-docs/README.md"
measure "a committed README linked to .git/config" "$d" "sig-docs/README.md"
