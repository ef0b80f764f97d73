#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): puts the cogtok release binary for this runner
# on the job's PATH.
#
# In: COGTOK_VERSION (x.y.z), COGTOK_RELEASE_URL (<url>/v<version>/<file>: https, or file://
# for a local copy), and what the runner sets: RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE,
# RUNNER_TEMP, GITHUB_PATH, GITHUB_OUTPUT.
#
# The tarball cogtok-<version>-<target>.tar.gz is checked against the release's SHA256SUMS
# before anything in it is used, on every run: a mismatch or a missing line fails the step.
# SHA256SUMS is fetched each time (a few hundred bytes); the tarball is kept in
# $RUNNER_TOOL_CACHE/cogtok/<version>/<target> (which action.yml's actions/cache step saves and
# restores by version, OS and architecture) and downloaded only when the kept one is missing or
# no longer matches. A cache is a place anything in a job, or an earlier job, may have written:
# nothing from it runs unverified. The binary is unpacked for this job into $RUNNER_TEMP.
# Outputs: `path` (the folder put on PATH) and `version` (what `cogtok --version` prints).
set -euo pipefail

fail() { printf '::error title=cogtok install::%s\n' "$*"; exit 1; }

version="${COGTOK_VERSION:-}"
base="${COGTOK_RELEASE_URL:-https://github.com/cogtok/cogtok/releases/download}"
base="${base%/}"
# A version is a path component and part of a URL: nothing but what a version holds.
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]] \
  || fail "version '$version' is not a release version such as 0.1.0"
case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
  Linux/X64) target=x86_64-unknown-linux-musl ;;
  Linux/ARM64) target=aarch64-unknown-linux-musl ;;
  *) fail "cogtok releases are for Linux runners, X64 or ARM64; this one is ${RUNNER_OS:-?} ${RUNNER_ARCH:-?}" ;;
esac
: "${GITHUB_PATH:?GITHUB_PATH is not set: this runs as a step of a GitHub Actions job}"
: "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set: this runs as a step of a GitHub Actions job}"

name="cogtok-$version-$target"
cache="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-/tmp}}/cogtok/$version/$target"
work="$(mktemp -d "${RUNNER_TEMP:-/tmp}/cogtok-install.XXXXXX")"
trap 'rm -rf "$work/download"' EXIT
mkdir -p "$work/download"
# https for downloads and their redirects; file:// for a release folder on the runner.
fetch() { curl --fail --silent --show-error --location --proto '=https,file' --proto-redir '=https' \
            --retry 3 --connect-timeout 20 --output "$work/download/$1" "$base/v$version/$1"; }
fetch SHA256SUMS || fail "could not download $base/v$version/SHA256SUMS"
# The one line for this file, exactly (two spaces: sha256sum's text mode).
line="$(grep -E "^[0-9a-f]{64}  $name\.tar\.gz\$" "$work/download/SHA256SUMS" || true)"
[ -n "$line" ] || fail "SHA256SUMS of $version has no checksum for $name.tar.gz"
matches() { (cd "$1" && printf '%s\n' "$line" | sha256sum --check --strict --status); }
# The kept tarball is copied out before it is checked, and only the checked copy is unpacked.
if [ -f "$cache/$name.tar.gz" ] && cp "$cache/$name.tar.gz" "$work/download/" && matches "$work/download"; then
  echo "cogtok $version is in the tool cache, and matches SHA256SUMS: $cache"
else
  echo "downloading $name.tar.gz from $base/v$version"
  fetch "$name.tar.gz" || fail "could not download $base/v$version/$name.tar.gz"
  matches "$work/download" || fail "$name.tar.gz does not match its checksum in SHA256SUMS: not installed"
  mkdir -p "$cache"
  cp "$work/download/$name.tar.gz" "$cache/$name.tar.gz.tmp"
  mv "$cache/$name.tar.gz.tmp" "$cache/$name.tar.gz"
fi
echo "checksum verified: $line"
dir="$work/bin"
mkdir -p "$dir"
tar -xzf "$work/download/$name.tar.gz" -C "$work/download" "$name/cogtok"
install -m 0755 "$work/download/$name/cogtok" "$dir/cogtok"
said="$("$dir/cogtok" --version)" || fail "the installed $dir/cogtok does not run"
[[ "$said" == "cogtok $version ("* ]] || fail "the release of $version says it is: $said"

echo "$said"
echo "cogtok is on PATH: $dir"
echo "$dir" >> "$GITHUB_PATH"
{
  echo "path=$dir"
  echo "version=$said"
} >> "$GITHUB_OUTPUT"
