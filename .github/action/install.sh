#!/usr/bin/env bash
# Installs the sigs-lint release binary for this runner: downloads the archive and its SHA-256
# sum from the release of the version asked for (default: the action's own Cargo.toml), checks
# the sum, and puts the binary on the job's PATH.
#
# Exit codes: 0 installed; 3 no release binary to be had (no release for this version or
# runner, or the download failed): the action then builds it with `cargo install --locked`;
# 1 the archive does not match its checksum: refused, nothing installed (no fallback: a
# mismatch is a sign of tampering, not of a missing release).
#
# Environment: SIGS_LINT_VERSION (e.g. 0.1.0; empty: the action's), ACTION_PATH, RUNNER_OS,
# RUNNER_ARCH, RUNNER_TEMP, GITHUB_PATH (set by Actions); SIGS_LINT_RELEASE_BASE (default: the
# GitHub releases of sigs-lint; tests give a file:// folder) and SIGS_LINT_BIN_DIR.
set -euo pipefail

version="${SIGS_LINT_VERSION:-}"
if [ -z "$version" ]; then
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "${ACTION_PATH:?}/Cargo.toml" | head -n 1)"
fi
version="${version#v}"
base="${SIGS_LINT_RELEASE_BASE:-https://github.com/sigs-lint/sigs-lint/releases/download}"

case "${RUNNER_OS:-}-${RUNNER_ARCH:-}" in
  Linux-X64) target=x86_64-unknown-linux-musl ;;
  Linux-ARM64) target=aarch64-unknown-linux-musl ;;
  macOS-X64) target=x86_64-apple-darwin ;;
  macOS-ARM64) target=aarch64-apple-darwin ;;
  Windows-X64) target=x86_64-pc-windows-msvc ;;
  *)
    echo "sigs-lint: no release binary for ${RUNNER_OS:-?}/${RUNNER_ARCH:-?}: building it with cargo"
    exit 3
    ;;
esac
name="sigs-lint-v${version}-${target}"
case "$target" in
  *windows*) archive="$name.zip" ;;
  *) archive="$name.tar.gz" ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
if ! curl -fsSL --retry 3 -o "$tmp/$archive" "$base/v$version/$archive" \
  || ! curl -fsSL --retry 3 -o "$tmp/$archive.sha256" "$base/v$version/$archive.sha256"; then
  echo "sigs-lint: no release binary v$version for $target: building it with cargo"
  exit 3
fi

expected="$(cut -d ' ' -f 1 < "$tmp/$archive.sha256" | tr -d '\r\n')"
if command -v sha256sum >/dev/null 2>&1; then
  actual="$(sha256sum "$tmp/$archive" | cut -d ' ' -f 1)"
else
  actual="$(shasum -a 256 "$tmp/$archive" | cut -d ' ' -f 1)"
fi
if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
  echo "::error title=sigs-lint::$archive does not match its checksum (expected ${expected:-nothing}, got $actual): not installed"
  exit 1
fi

dest="${SIGS_LINT_BIN_DIR:-${RUNNER_TEMP:-$tmp}/sigs-lint-v$version}"
mkdir -p "$dest"
case "$archive" in
  *.zip) unzip -q -o -j "$tmp/$archive" -d "$dest" ;;
  *) tar -xzf "$tmp/$archive" -C "$dest" --strip-components=1 ;;
esac
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$dest" >> "$GITHUB_PATH"
fi
"$dest/sigs-lint" --version
