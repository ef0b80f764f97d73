#!/usr/bin/env bash
# Packs static binaries into release artifacts (`make release` runs it after the builds):
#
#   tools/release.sh OUT_DIR TRIPLE=BINARY [TRIPLE=BINARY...]
#
# For each target, in OUT_DIR:
#   cogtok-<version>-<target>.tar.gz    a folder of the same name holding cogtok, README.md,
#                                       LICENSE-MIT and LICENSE-APACHE
#   cogtok-<version>-<target>.cdx.json  the CycloneDX 1.5 SBOM of the crates built for that target
# and SHA256SUMS over all of them (`sha256sum -c SHA256SUMS` checks a download).
#
# Everything is reproducible: the tar entries are sorted, owned by 0:0, dated SOURCE_DATE_EPOCH
# (the last commit's time, which the Makefile exports), gzip records no name or time, and the
# SBOM's timestamp, serial number and paths are made deterministic (tools/sbom_normalize.py).
# Refuses a binary that is not what a release must be: over the size budget, without the
# embedded dependency list (cargo-auditable's .dep-v0 section), or, when it runs here, whose
# `--version` does not name the version and the target.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'release: error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 2 ] || die "usage: tools/release.sh OUT_DIR TRIPLE=BINARY [TRIPLE=BINARY...]"
out="$1"
shift
: "${SOURCE_DATE_EPOCH:?SOURCE_DATE_EPOCH is not set (the Makefile sets it from the last commit)}"
size_budget="${SIZE_BUDGET:-2500000}"
version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
[ -n "$version" ] || die "no version in Cargo.toml"
command -v cargo-cyclonedx >/dev/null || die "cargo-cyclonedx is missing (make release installs it)"
python="${PYTHON:-python3}"

rm -rf "$out"
mkdir -p "$out"
stage="$(mktemp -d)"
# cargo-cyclonedx writes beside Cargo.toml: its raw files go too, whatever happens.
trap 'rm -rf "$stage"; rm -f ./*.cdx.raw.json' EXIT

for pair in "$@"; do
  triple="${pair%%=*}"
  bin="${pair#*=}"
  [ -f "$bin" ] || die "$bin ($triple) is not a file"
  name="cogtok-$version-$triple"

  size="$(stat -c %s "$bin")"
  [ "$size" -le "$size_budget" ] || die "$bin is $size bytes, over the budget of $size_budget"
  # The section cargo-auditable adds; `cargo audit bin`, syft, trivy and grype read it.
  readelf -S -W "$bin" | grep -q ' \.dep-v0 ' \
    || die "$bin has no .dep-v0 section: build it with cargo-auditable (make static installs it)"
  # A binary for another machine is checked when this one can run it: under qemu-user.
  run='' runnable=yes
  case "$triple" in
    "$(uname -m)"-*) ;;
    *) if command -v "qemu-${triple%%-*}-static" >/dev/null; then run="qemu-${triple%%-*}-static"; else runnable=''; fi ;;
  esac
  if [ -z "$runnable" ]; then
    echo "release: $triple: not run here (no way to execute a $triple binary on this machine)"
  elif said="$($run "$bin" --version 2>/dev/null)"; then
    case "$said" in
      "cogtok $version ("*" $triple)") echo "release: $triple: $said${run:+ (run under $run)}" ;;
      *) die "$bin --version says '$said', not 'cogtok $version (<commit> $triple)'" ;;
    esac
  else
    die "$bin --version fails${run:+ under $run}: not packed"
  fi

  mkdir -p "$stage/$name"
  install -m 0755 "$bin" "$stage/$name/cogtok"
  install -m 0644 README.md LICENSE-MIT LICENSE-APACHE "$stage/$name/"
  tar --sort=name --format=gnu --owner=0 --group=0 --numeric-owner \
      --mtime="@$SOURCE_DATE_EPOCH" --mode='u+w,go-w,a+rX' \
      -C "$stage" -cf - "$name" | gzip -9 -n > "$out/$name.tar.gz"

  # The SBOM: the crates the build for this target compiles (not build scripts' own
  # dependencies), from Cargo.lock, as cargo-cyclonedx reports them.
  cargo cyclonedx --quiet --format json --spec-version 1.5 --target "$triple" --no-build-deps \
    --override-filename "$name.cdx.raw" >/dev/null
  "$python" tools/sbom_normalize.py "$name.cdx.raw.json" "$out/$name.cdx.json"
  rm -f "$name.cdx.raw.json"
  echo "release: $out/$name.tar.gz ($(stat -c %s "$out/$name.tar.gz") bytes; cogtok $size bytes) and $name.cdx.json"
done

(cd "$out" && sha256sum -- *.tar.gz *.cdx.json > SHA256SUMS)
echo "release: $out/SHA256SUMS"
cat "$out/SHA256SUMS"

# What the GitHub Action's install step does with a release (action.yml), done with this one:
# the names, SHA256SUMS's format and the tarball's layout are the ones it expects.
if [ "$(uname -m)" = x86_64 ] && [ -f "$out/cogtok-$version-x86_64-unknown-linux-musl.tar.gz" ]; then
  runner="$stage/runner"
  mkdir -p "$runner/releases" "$runner/tool-cache" "$runner/temp"
  ln -s "$(cd "$out" && pwd)" "$runner/releases/v$version"
  : > "$runner/path"
  : > "$runner/output"
  COGTOK_VERSION="$version" COGTOK_RELEASE_URL="file://$runner/releases" RUNNER_OS=Linux RUNNER_ARCH=X64 \
    RUNNER_TOOL_CACHE="$runner/tool-cache" RUNNER_TEMP="$runner/temp" \
    GITHUB_PATH="$runner/path" GITHUB_OUTPUT="$runner/output" \
    bash .github/action/install.sh > "$runner/log" 2>&1 \
    || { cat "$runner/log"; die "the action's install step fails on this release (above)"; }
  echo "release: the action's install step takes it: $(grep -m1 '^cogtok [0-9]' "$runner/log")"
fi
