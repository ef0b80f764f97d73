#!/usr/bin/env bash
# `make release-check`: the release artifacts are reproducible, byte for byte.
#
#   tools/release-check.sh DIST_DIR [MAKE_ARGS...]
#
# DIST_DIR holds what `make release` just built in this checkout (build A: target/, possibly
# incremental). The tree is then copied, as git sees it (tracked files and untracked ones that
# are not ignored, so uncommitted edits count, and neither target/ nor .venv/ go), to a fresh
# directory at another path, and `make release` runs there from nothing: a new target
# directory, the standard library and every crate compiled again (build B). Every file of the
# two DIST_DIRs must be the same bytes. The other path is the point: it proves that
# --remap-path-prefix leaves no path of the checkout in the binary. Both builds share this
# machine's toolchain, cargo home and C compiler; what differs between machines is remapped too
# (Makefile: REMAP_RUSTFLAGS), but only this machine is tested.
#
# COGTOK_COMMIT and SOURCE_DATE_EPOCH are handed to build B (the copy has no .git). With
# KEEP=1 the copy is kept for a look at what differs.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { printf 'release-check: error: %s\n' "$*" >&2; exit 1; }

[ $# -ge 1 ] || die "usage: tools/release-check.sh DIST_DIR [MAKE_ARGS...]"
dist_a="$1"
shift
[ -f "$dist_a/SHA256SUMS" ] || die "$dist_a/SHA256SUMS is missing: run make release first"
: "${SOURCE_DATE_EPOCH:?SOURCE_DATE_EPOCH is not set (the Makefile sets it)}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/cogtok-release-check.XXXXXX")"
if [ "${KEEP:-}" = 1 ]; then
  trap 'echo "release-check: the copy is kept in $scratch"' EXIT
else
  trap 'rm -rf "$scratch"' EXIT
fi
copy="$scratch/elsewhere/cogtok-src"
mkdir -p "$copy"
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$copy"
echo "release-check: build B in $copy (a fresh target directory), commit ${COGTOK_COMMIT:-unknown}"

start=$(date +%s)
# CARGO_TARGET_DIR would send build B into build A's cache; MAKEFLAGS would carry this make's
# settings over. The copy's own target/ is new and empty.
env -u CARGO_TARGET_DIR -u MAKEFLAGS -u MAKELEVEL \
  make -C "$copy" --no-print-directory release \
  COGTOK_COMMIT="${COGTOK_COMMIT:-}" SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" "$@" \
  > "$scratch/build-b.log" 2>&1 || { tail -n 40 "$scratch/build-b.log"; die "build B failed (above)"; }
echo "release-check: build B took $(( $(date +%s) - start )) s"
dist_b="$copy/$dist_a"

same=0
differ=0
names="$( { (cd "$dist_a" && ls); (cd "$dist_b" && ls); } | sort -u)"
for name in $names; do
  a="$dist_a/$name"
  b="$dist_b/$name"
  if [ ! -f "$a" ] || [ ! -f "$b" ]; then
    echo "release-check: $name is only in $([ -f "$a" ] && echo "build A" || echo "build B")"
    differ=$((differ + 1))
  elif cmp -s "$a" "$b"; then
    echo "release-check: same bytes: $name ($(sha256sum < "$a" | cut -c1-16)…)"
    same=$((same + 1))
  else
    echo "release-check: DIFFERENT: $name ($(stat -c %s "$a") vs $(stat -c %s "$b") bytes; first differences:)"
    cmp -l "$a" "$b" | head -n 5 || true
    differ=$((differ + 1))
  fi
done
# The binaries themselves, so that a difference is traced to them or to the packing.
for tarball in "$dist_a"/*.tar.gz; do
  name="$(basename "$tarball" .tar.gz)"
  if ! cmp -s <(tar -xzOf "$tarball" "$name/cogtok") <(tar -xzOf "$dist_b/$name.tar.gz" "$name/cogtok"); then
    echo "release-check: the binaries of $name differ (KEEP=1 keeps build B for a look)"
  fi
done
echo "release-check: $same passed, $differ failed"
[ "$differ" = 0 ] || die "the release is not reproducible: $differ file(s) differ between two builds"
