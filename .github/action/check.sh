#!/usr/bin/env bash
# The action's check: annotations on the pull request (`--format github`), every finding in the
# job summary (GitHub shows at most 10 error and 10 warning annotations per step), and the SARIF
# file for code scanning when asked for. Exits with `sigs-lint check`'s code.
#
# Environment: SIGS_LINT_PATH, SIGS_LINT_ARGS (split on spaces), SIGS_LINT_SUMMARY (true|false),
# SIGS_LINT_SARIF_FILE (empty: none), GITHUB_STEP_SUMMARY (set by Actions).
set -uo pipefail

# Split on blanks, never globbed (`*` in an argument stays `*`).
read -r -a args <<< "${SIGS_LINT_ARGS:-}"
path="${SIGS_LINT_PATH:-.}"

sigs-lint check "$path" --format github "${args[@]}"
code=$?

if [ "${SIGS_LINT_SUMMARY:-true}" = "true" ] && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  sigs-lint check "$path" --format markdown "${args[@]}" >> "$GITHUB_STEP_SUMMARY"
fi
if [ -n "${SIGS_LINT_SARIF_FILE:-}" ]; then
  sigs-lint check "$path" --format sarif "${args[@]}" > "$SIGS_LINT_SARIF_FILE"
  echo "sigs-lint: SARIF written to $SIGS_LINT_SARIF_FILE"
fi
exit "$code"
