#!/usr/bin/env bash
# Builds the fuzz targets' seed corpora in fuzz/corpus/<target>/ (gitignored) from what the
# repository holds: the fixtures, the built-in templates and, when present, ../shared/corpus.
# Run from anywhere; existing corpus files are kept (seeds are named by content).
#   check_repo:     sigs.yaml NUL template NUL committed README, for every fixture/slice and
#                   every template it has (or the built-in ones)
#   sigs_yaml:      every data file, and 120-line pieces of the long ones (so that mutations
#                   reach the structure of a small input)
#   template:       every template file
#   custom_content: every committed markdown file NUL a rendered stand-in
#   app_go:         every generator's app.go NUL the repository's go.mod (or nothing)
#   repo_tree:      every fixture/slice as a tree (its data, config, generator and docs first,
#                   up to 1 MB), and each fixture of fuzz/trees/ (hostile shapes: links, FIFOs)
set -euo pipefail
cd "$(dirname "$0")"
root=..
shared=$root/../shared/corpus
mkdir -p corpus/check_repo corpus/sigs_yaml corpus/template corpus/custom_content corpus/app_go \
  corpus/repo_tree

seed() { # target, then the file's bytes on stdin
  local tmp
  tmp=$(mktemp)
  cat >"$tmp"
  mv "$tmp" "corpus/$1/$(sha1sum "$tmp" | cut -c1-40)"
}

repos=("$root"/fixtures/*/)
[ -d "$shared" ] && repos+=("$shared"/*/)

for repo in "${repos[@]}"; do
  data=$repo/sigs.yaml
  [ -f "$data" ] || continue
  seed sigs_yaml <"$data"
  lines=$(wc -l <"$data")
  if [ "$lines" -gt 240 ]; then
    for start in $(seq 1 600 "$lines"); do
      sed -n "${start},$((start + 119))p" "$data" | seed sigs_yaml
    done
  fi
  templates=("$repo"/generator/*.tmpl)
  [ -e "${templates[0]}" ] || templates=("$root"/templates/*.tmpl)
  readme=$(find "$repo" -mindepth 2 -maxdepth 2 -name README.md | sort | head -1)
  for template in "${templates[@]}"; do
    seed template <"$template"
    { cat "$data"; printf '\0'; cat "$template"; printf '\0'; if [ -n "$readme" ]; then cat "$readme"; fi; } |
      head -c 1048576 | seed check_repo
  done
  find "$repo" -name '*.md' -size -256k | sort | head -20 | while read -r md; do
    { cat "$md"; printf '\0R\n'; } | seed custom_content
  done
done
for repo in "${repos[@]}"; do
  for app in "$repo"/generator/app.go "$repo"/tools/sigs/generator/app.go; do
    [ -f "$app" ] || continue
    { cat "$app"; printf '\0'; if [ -f "$repo/go.mod" ]; then cat "$repo/go.mod"; fi; } | seed app_go
  done
done
tree() { # a repository folder: its files and links as repo_tree entries on stdout
  (
    cd "$1"
    find . -mindepth 1 \( -type f -o -type l \) -not -path './.git/*' | sed 's|^\./||' |
      awk '{ first = ($0 ~ /^(sigs\.yaml|\.sigs-lint\.yaml|go\.mod|generator\/)/) ? 0 : 1; print first "\t" $0 }' |
      sort | cut -f2 | while IFS= read -r path; do
      if [ -L "$path" ]; then
        printf '%s -> %s\0' "$path" "$(readlink "$path")"
      else
        printf '%s\n' "$path"
        cat "$path"
        printf '\0'
      fi
    done
  ) | head -c 1048576 || true
}
for repo in "${repos[@]}"; do
  tree "$repo" | seed repo_tree
done
# Hostile shapes over a small sound community: each seed is its data file, then one twist.
hostile() { # entries after sigs.yaml, as printf arguments
  { printf 'sigs.yaml\n'; cat "$root/fixtures/docs-good/sigs.yaml"; printf '\0'; printf "$@"; } | seed repo_tree
}
hostile 'sig-docs/README.md -> /outside/README.md\0'
hostile 'sig-docs/README.md -> ../.git/config\0'
hostile 'sig-docs/README.md -> /dev/zero\0sig-release/README.md -> /proc/self/environ\0'
hostile 'sig-docs/README.md|\0OWNERS_ALIASES|\0'
hostile 'sig-docs -> /outside/dir\0'
hostile 'sig-docs -> ../.git\0'
hostile 'sig-docs/README.md -> ../sig-release/README.md\0sig-release/README.md\nx\0'
hostile 'generator -> /outside\0'
hostile 'sig-list.md -> /dev/null\0'
hostile '.sigs-lint.yaml\noutputs:\n  list: ../outside/list.md\n  aliases: sig-docs/README.md\n\0'
hostile '.sigs-lint.yaml\ntemplates: tmpl\n\0tmpl -> /outside\0'
hostile '.sigs-lint.yaml -> /outside/secret\0'
hostile 'generator/app.go -> ../.git/config\0generator/list.tmpl\n{{range .Sigs}}{{.Dir}}\n{{end}}\0'
# Shapes of this session's defects: a template writing a marker, a folder spelled three ways,
# a name with a newline and a README line that a CI log would run, a linked data file.
hostile '.sigs-lint.yaml\ngenerator: sigs-lint\n\0generator/list.tmpl\nL\n<!-- BEGIN CUSTOM CONTENT -->\nx\n<!-- END CUSTOM CONTENT -->\n\0'
hostile '.sigs-lint.yaml\ndata-file: extra.yaml\n\0extra.yaml\nsigs:\n  - {dir: sig, name: A, label: a}\n  - {dir: sig/., name: B, label: b}\n  - {dir: sig/, name: C, label: c}\n\0'
hostile 'data/real.yaml\nsigs:\n- {name: Zeta, dir: sig-zeta, label: zeta}\n\0.sigs-lint.yaml\ngenerator: kubernetes-K35\ndata-file: linked.yaml\n\0linked.yaml -> data/real.yaml\0'
hostile 'sig-docs/README.md\n<!-- BEGIN CUSTOM CONTENT -->\n<!-- END CUSTOM CONTENT -->\n ::error::x\n##[warning]y\n\0'
# And of the next session's: a group folder linked to another's, a `dir` spelled `./`, a
# bidirectional control in a name and a README, an orphan folder named with an escape sequence, a link
# loop, a `generator` that is a file, a named generator without its templates.
hostile '.sigs-lint.yaml\ndata-file: two.yaml\n\0two.yaml\nsigs:\n  - {dir: sig-docs, name: Docs, label: docs}\n  - {dir: ./sig-zeta, name: Zeta, label: zeta}\n\0sig-zeta/\0sig-docs -> sig-zeta\0'
hostile '.sigs-lint.yaml\ndata-file: bidi.yaml\n\0bidi.yaml\nsigs:\n  - {dir: sig-docs, name: "Docs \\u202Eevil", label: docs}\n\0sig-docs/README.md\nreads \xe2\x81\xa7back\n\0'
hostile 'x\x1b[31my/README.md\n<!-- This is an autogenerated file! -->\n\0'
hostile 'sig-loop -> sig-loop2\0sig-loop2 -> sig-loop\0sig-docs/README.md -> README.md\0'
hostile 'generator\na file\n\0.sigs-lint.yaml\ngenerator: kubernetes-K35\n\0'
# And of this session's: links and a FIFO under the temporary names a run picks (`@pid`), an
# output named like `.git` on Windows.
hostile 'sig-docs/.README.md.sigs-lint-@pid.tmp -> /outside/secret\0.sig-list.md.sigs-lint-@pid.tmp|\0sig-release/.README.md.sigs-lint-@pid.tmp -> /outside/new\0'
# (with a stale generated README, so that `generate` writes one)
hostile 'sig-docs/README.md\n<!---\nThis is an autogenerated file!\n--->\nstale\n\0sig-docs/.README.md.sigs-lint-@pid.tmp -> /outside/secret\0'
hostile '.sigs-lint.yaml\ngenerator: sigs-lint\noutputs:\n  list: GIT~1/config\n\0'
for target in check_repo sigs_yaml template custom_content app_go repo_tree; do
  echo "$target: $(ls corpus/$target | wc -l) seeds"
done
