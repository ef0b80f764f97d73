# cogtok: build, test and demo. Plain targets; `make help` lists them.
#
# The tests run against real local servers: moto and the AWS CLI from PyPI, installed into
# .venv/ (git-ignored) from tests/support/requirements.txt, and cognito-local from npm, installed
# into node_modules/ (git-ignored) from package.json and package-lock.json. `make test` installs
# them when missing; nothing is used from outside the repository but python3, node, npm and cargo.

PYTHON ?= python3
VENV   := .venv
REQS   := tests/support/requirements.txt
# The stamp's name carries a hash of the requirements, so editing them reinstalls.
STAMP  := $(VENV)/.stamp-$(shell sha256sum $(REQS) | cut -c1-16)

NPM        ?= npm
NODE       ?= node
NODE_DIR   := node_modules
NODE_FILES := package.json package-lock.json
# Keyed on the lockfile (and package.json) the same way; `npm ci` empties node_modules/ first,
# so an old stamp never survives a reinstall.
NODE_STAMP := $(NODE_DIR)/.stamp-$(shell cat $(NODE_FILES) | sha256sum | cut -c1-16)
# cognito-local 5.3.0 loads otplib, which require()s the ES-module-only @noble/hashes: that works
# from Node.js 20.19 (22.12 on the 22 line) on.
NODE_OK    := const [a, b] = process.versions.node.split(".").map(Number); \
              process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)

.PHONY: help venv node test check build static release release-check bench demo demo-server demo-server-stop fmt lint clean-venv clean-node \
        fuzz-install fuzz-build fuzz fuzz-ci fuzz-seeds

# List the targets.
help:
	@echo "make venv    create .venv/ with the pinned test tools (moto server, AWS CLI)"
	@echo "make node    install node_modules/ with the pinned cognito-local (npm ci)"
	@echo "make test    make venv, node and static, then cargo test --locked against them"
	@echo "make check   generated code current, vendored models intact, cargo fmt --check, make lint"
	@echo "make build   cargo build --release"
	@echo "make static  a statically linked release binary (musl, else glibc); its path goes to target/static-bin"
	@echo "make release the release artifacts in $(DIST_DIR): tarballs (x86_64, aarch64), SBOMs, SHA256SUMS"
	@echo "make release-check  make release, then again from nothing at another path: the bytes must match"
	@echo "make bench   cogtok vs the AWS CLI and a bare reqwest+sigv4 program against one local moto;"
	@echo "             cogtok mint for 1,000 users vs boto3 and AWS CLI loops, against bench/instant-server"
	@echo "make demo    the sign-in story against a local moto, with cogtok only"
	@echo "make demo-server       a local moto and API for the README's examples: eval \"\$$(make -s demo-server)\""
	@echo "make demo-server-stop  stop it"
	@echo "make fmt     cargo fmt"
	@echo "make lint    cargo clippy (warnings are errors) and hadolint on the Dockerfile"
	@echo "make fuzz T=NAME [SECS=600]  fuzz one target (see fuzz/Cargo.toml; corpus in fuzz/corpus/NAME)"
	@echo "make fuzz-ci run every fuzz target for $(FUZZ_CI_SECS) s; fails on a crash, hang or memory blow-up"
	@echo "make fuzz-seeds  rebuild the seed corpora from the fixtures and test data (-merge=1)"

# Create .venv/ and install the pinned Python tools; a no-op while the stamp is there.
venv: $(STAMP)

$(STAMP): $(REQS)
	@rm -f $(VENV)/.stamp-*
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "error: '$(PYTHON) -m venv $(VENV)' failed: install Python 3 with venv and pip" >&2; \
	  echo "       (Debian/Ubuntu: apt-get install -y python3-venv python3-pip)" >&2; \
	  exit 1; }
	PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
	  $(VENV)/bin/python -m pip install --progress-bar off -q -r $(REQS)
	@$(VENV)/bin/moto_server --help >/dev/null && $(VENV)/bin/aws --version
	@touch $@

# Install node_modules/ exactly as package-lock.json says; a no-op while the stamp is there.
# --ignore-scripts: nothing in the tree needs an install script (aws-sdk's only prints a notice).
node: $(NODE_STAMP)

$(NODE_STAMP): $(NODE_FILES)
	@command -v $(NPM) >/dev/null && command -v $(NODE) >/dev/null || { \
	  echo "error: '$(NPM)' or '$(NODE)' is not installed: the tests need Node.js 20.19+ with npm" >&2; \
	  echo "       (Debian 13/trixie: apt-get install -y nodejs npm; older releases: NodeSource)" >&2; \
	  exit 1; }
	@$(NODE) -e '$(NODE_OK)' || { \
	  echo "error: cognito-local needs Node.js 20.19+ or 22.12+; '$(NODE)' is $$($(NODE) --version)" >&2; \
	  exit 1; }
	$(NPM) ci --ignore-scripts --no-audit --no-fund --no-update-notifier
	@# Load every operation it serves (otplib included), so a broken install fails here.
	@$(NODE) -e 'require("./$(NODE_DIR)/cognito-local/lib/targets/targets.js")' || { \
	  echo "error: cognito-local does not load with '$(NODE)' $$($(NODE) --version) (above)" >&2; \
	  exit 1; }
	@$(NODE) -p '"cognito-local " + require("./$(NODE_DIR)/cognito-local/package.json").version'
	@touch $@

# Run every test (unit, fixtures, real servers) with the tools from .venv/ and node_modules/,
# and the static binary of `make static` (tests/static_root.rs: size budget, empty root).
# tools/check_fixtures.py first checks every recorded exchange against the API model.
# The empty-root (chroot) tests need root: they are #[ignore]d and run here with --ignored when
# make runs as root (CI does); otherwise cargo reports them as ignored, never as passed.
TEST_ENV = COGTOK_TEST_VENV=$(CURDIR)/$(VENV) COGTOK_TEST_NODE_MODULES=$(CURDIR)/$(NODE_DIR) \
           COGTOK_STATIC_BIN=$(CURDIR)/$$(cat $(STATIC_BIN_FILE))
test: venv node static
	cd fixtures/aws-models && sha256sum --quiet -c SHA256SUMS
	$(PYTHON) tools/check_fixtures.py
	$(TEST_ENV) cargo test --locked
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "make test: root, so the empty-root tests run too"; \
	  $(TEST_ENV) cargo test --locked --test static_root -- --ignored; \
	else \
	  echo "make test: NOTE: not root, so the empty-root (chroot) tests were not run: sudo make test"; \
	fi

# What CI checks besides the tests: the generated code is current, the vendored models are the
# recorded ones, the code is formatted and clippy finds nothing.
check: lint
	$(PYTHON) tools/gen_ops.py --check
	cd fixtures/aws-models && sha256sum --quiet -c SHA256SUMS
	cargo fmt --all --check
	cd fuzz && cargo fmt --all --check

# Build the release binary: target/release/cogtok.
build:
	cargo build --release --locked

# ---------------------------------------------------------------------------------------------
# The static binary: x86_64-unknown-linux-musl when that Rust target is installed (or
# `rustup target add` can install it), with musl-gcc for ring's C code (Debian's musl-tools,
# installed with apt-get when missing); otherwise glibc with +crt-static, which works (glibc
# 2.34+ has its /etc/hosts and DNS lookups built in) but cannot meet the size budget: static
# glibc costs about 0.9 MB more than musl. `make static STATIC_TARGET=<triple>` forces one.
# -z pack-relative-relocs (RELR) keeps the binary position-independent (ASLR) while shrinking
# its relocation table from ~110 KB to ~1.4 KB. tools/discard-unwind-tables.ld and
# --no-eh-frame-hdr drop the unwind tables (~300 KB) that a panic = "abort" binary never uses.
# The same flags every time, so cargo rebuilds only when a source changes. The path of the
# binary is written to $(STATIC_BIN_FILE).
MUSL_TARGET      := x86_64-unknown-linux-musl
GNU_TARGET       := x86_64-unknown-linux-gnu
STATIC_TARGET    ?=
# The link is made by rust-lld, which every rustup toolchain ships (gcc-ld/ld.lld in the host's
# rustlib), for its identical code folding: --icf=all merges functions whose machine code is
# the same (generic code instantiated for types of the same layout), about 20 KB. Without it
# (a toolchain without rust-lld), the system linker is used and the binary is that much larger.
HOST_TRIPLE      := $(shell rustc -vV 2>/dev/null | sed -n 's/^host: //p')
LLD_DIR          := $(shell rustc --print sysroot 2>/dev/null)/lib/rustlib/$(HOST_TRIPLE)/bin/gcc-ld
comma            := ,
LLD_RUSTFLAGS    := $(if $(wildcard $(LLD_DIR)/ld.lld),-C link-arg=-B$(LLD_DIR) -C link-arg=-fuse-ld=lld -C link-arg=-Wl$(comma)--icf=all)
# Reproducible builds (`make release-check` proves it): no path of this machine in the binary.
# The checkout, cargo's home (the crates' sources) and the toolchain's library sources (which
# -Zbuild-std compiles) are renamed in panic locations and debug info, the C compiler is told
# the same for ring's C code, and build.rs puts in no timestamp. SOURCE_DATE_EPOCH (the last
# commit's time) dates the tarballs' files. COGTOK_COMMIT is what `cogtok --version` names (see
# build.rs); `-dirty` when tracked files differ from the commit.
SYSROOT           := $(shell rustc --print sysroot 2>/dev/null)
RUSTC_COMMIT      := $(shell rustc -vV 2>/dev/null | sed -n 's/^commit-hash: //p')
CARGO_HOME_DIR    := $(or $(CARGO_HOME),$(HOME)/.cargo)
REMAP_RUSTFLAGS   := --remap-path-prefix=$(CURDIR)=/cogtok --remap-path-prefix=$(CARGO_HOME_DIR)=/cargo \
                     --remap-path-prefix=$(SYSROOT)/lib/rustlib/src/rust=/rustc/$(RUSTC_COMMIT)
REMAP_CFLAGS      := -ffile-prefix-map=$(CURDIR)=/cogtok -ffile-prefix-map=$(CARGO_HOME_DIR)=/cargo
GIT_HEAD          := $(shell git rev-parse HEAD 2>/dev/null)
COGTOK_COMMIT     ?= $(if $(GIT_HEAD),$(GIT_HEAD)$(shell git diff --quiet HEAD -- 2>/dev/null || echo -dirty))
SOURCE_DATE_EPOCH ?= $(or $(shell git log -1 --format=%ct 2>/dev/null),0)
export COGTOK_COMMIT SOURCE_DATE_EPOCH
STATIC_RUSTFLAGS := -C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs \
                    -C link-arg=-Wl,--no-eh-frame-hdr -C link-arg=-Wl,-T,$(CURDIR)/tools/discard-unwind-tables.ld \
                    $(LLD_RUSTFLAGS) $(REMAP_RUSTFLAGS)
# The dependency list goes into the binary with cargo-auditable (a `.dep-v0` section of
# zlib-compressed JSON, crate names, versions and sources: 2,095 bytes, and the binary grows by
# 2,168), so that `cargo audit bin`, syft, trivy or grype can tell what a shipped binary was
# built from. Pinned: its output is part of the reproducible bytes. `make static` installs it when missing (about 25 s) and builds without
# it, with a warning, when that fails; `make release` refuses a binary without it.
AUDITABLE_VERSION := 0.7.7
# AUDITABLE=0 builds without it (to weigh it: `make static AUDITABLE=0`).
AUDITABLE         ?= 1
# The standard library is rebuilt with the binary's own size profile (-Zbuild-std) and without
# backtrace symbolization (the feature `backtrace-trace-only`: a stripped binary has no symbols
# to show anyway) nor speed-over-size algorithms (`optimize_for_size`): about 310 KB less than
# the prebuilt one, whose DWARF reader (gimli, addr2line, miniz_oxide) alone is ~165 KB. Panic
# messages stay. It needs the toolchain's rust-src (`rustup component add rust-src`) and, for
# these two cargo flags on a stable toolchain, RUSTC_BOOTSTRAP=1; without rust-src the prebuilt
# standard library is used, with a warning, and the binary is that much larger.
BUILD_STD_FLAGS  := -Zbuild-std=std,panic_abort -Zbuild-std-features=backtrace-trace-only,optimize_for_size
STATIC_BIN_FILE  := target/static-bin
# The ARM build (`make static STATIC_TARGET=aarch64-unknown-linux-musl`, which `make release`
# runs): the same musl target from rustup, with Debian's cross gcc for ring's C code and as
# the link driver (still rust-lld). It is run under qemu-user when qemu-aarch64-static is there.
AARCH64_TARGET   := aarch64-unknown-linux-musl
AARCH64_CC       ?= aarch64-linux-gnu-gcc
HOST_ARCH        := $(firstword $(subst -, ,$(HOST_TRIPLE)))
SIZE_BUDGET      := 2500000

static:
	@set -e; \
	as_root() { if [ "$$(id -u)" = 0 ]; then "$$@"; elif command -v sudo >/dev/null; then sudo -n "$$@"; else return 1; fi; }; \
	triple='$(STATIC_TARGET)'; why="STATIC_TARGET=$$triple"; \
	if [ -z "$$triple" ]; then \
	  why="the $(MUSL_TARGET) Rust target is not installed"; \
	  if rustup target list --installed 2>/dev/null | grep -qx '$(MUSL_TARGET)'; then \
	    triple=$(MUSL_TARGET); \
	  elif command -v rustup >/dev/null; then \
	    echo "make static: the $(MUSL_TARGET) Rust target is missing; trying 'rustup target add $(MUSL_TARGET)'"; \
	    if timeout 180 rustup target add $(MUSL_TARGET); then triple=$(MUSL_TARGET); \
	    else triple=$(GNU_TARGET); fi; \
	  else \
	    triple=$(GNU_TARGET); \
	  fi; \
	fi; \
	if [ "$$triple" = $(MUSL_TARGET) ] && ! command -v musl-gcc >/dev/null && [ -z "$${CC_x86_64_unknown_linux_musl:-}" ]; then \
	  echo "make static: musl-gcc is missing (ring's C code needs it); trying 'apt-get install musl-tools'"; \
	  if command -v apt-get >/dev/null; then \
	    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq musl-tools >/dev/null 2>&1 \
	    || { as_root apt-get update -qq >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq musl-tools >/dev/null 2>&1; } \
	    || true; \
	  fi; \
	  command -v musl-gcc >/dev/null || echo "make static: warning: still no musl-gcc; ring's C code is compiled with the default cc (set CC_x86_64_unknown_linux_musl to choose)"; \
	fi; \
	if [ "$$triple" = $(AARCH64_TARGET) ]; then \
	  if ! command -v $(AARCH64_CC) >/dev/null && [ -z "$${CC_aarch64_unknown_linux_musl:-}" ] && command -v apt-get >/dev/null; then \
	    echo "make static: $(AARCH64_CC) is missing (ring's C code and the link need it); trying 'apt-get install gcc-aarch64-linux-gnu'"; \
	    { as_root apt-get update -qq >/dev/null 2>&1 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc-aarch64-linux-gnu >/dev/null 2>&1; } || true; \
	  fi; \
	  export CC_aarch64_unknown_linux_musl="$${CC_aarch64_unknown_linux_musl:-$(AARCH64_CC)}"; \
	  export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER="$${CARGO_TARGET_AARCH64_UNKNOWN_LINUX_MUSL_LINKER:-$(AARCH64_CC)}"; \
	fi; \
	$(if $(LLD_RUSTFLAGS),echo "make static: linking with rust-lld (identical code folding)";,echo "make static: warning: no rust-lld in $(LLD_DIR): the system linker, without identical code folding (about 20 KB larger)";) \
	build_std=''; \
	if rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then build_std='$(BUILD_STD_FLAGS)'; \
	elif command -v rustup >/dev/null && { echo "make static: rust-src is missing; trying 'rustup component add rust-src'"; timeout 180 rustup component add rust-src; }; then \
	  build_std='$(BUILD_STD_FLAGS)'; \
	fi; \
	if [ -n "$$build_std" ]; then echo "make static: the standard library rebuilt for size, without backtrace symbolization"; \
	else echo "make static: warning: no rust-src: the prebuilt standard library (about 310 KB larger)"; fi; \
	case "$$triple" in \
	  $(MUSL_TARGET)) echo "make static: musl ($$triple), fully static";; \
	  $(GNU_TARGET)) echo "make static: glibc with +crt-static ($$triple): $$why"; \
	    echo "make static: note: static glibc adds ~0.9 MB over musl; this binary will not fit the $(SIZE_BUDGET)-byte budget";; \
	  *) echo "make static: $$triple";; \
	esac; \
	build=build; \
	if [ '$(AUDITABLE)' = 0 ]; then echo "make static: AUDITABLE=0: no dependency list in the binary"; \
	elif ! cargo install --list | grep -qx 'cargo-auditable v$(AUDITABLE_VERSION):'; then \
	  echo "make static: installing cargo-auditable $(AUDITABLE_VERSION) (the dependency list inside the binary)"; \
	  cargo install --locked --quiet cargo-auditable --version $(AUDITABLE_VERSION) || true; \
	fi; \
	if [ '$(AUDITABLE)' = 0 ]; then :; \
	elif cargo install --list | grep -qx 'cargo-auditable v$(AUDITABLE_VERSION):'; then build='auditable build'; \
	  echo "make static: cargo auditable: the dependency list goes into the binary"; \
	else echo "make static: warning: no cargo-auditable $(AUDITABLE_VERSION): the binary carries no dependency list"; fi; \
	echo "make static: commit $${COGTOK_COMMIT:-unknown}, SOURCE_DATE_EPOCH $$SOURCE_DATE_EPOCH"; \
	RUSTC_BOOTSTRAP=1 RUSTFLAGS='$(STATIC_RUSTFLAGS)' \
	  env "CFLAGS_$$(echo "$$triple" | tr - _)=$(REMAP_CFLAGS)" \
	  cargo $$build --release --locked --target "$$triple" $$build_std; \
	bin=target/$$triple/release/cogtok; \
	linkage="$$(ldd "$$bin" 2>&1 || true)"; \
	case "$$linkage" in *"statically linked"*|*"not a dynamic executable"*) ;; \
	  *) echo "make static: error: $$bin is not static; ldd says: $$linkage" >&2; exit 1;; esac; \
	if command -v file >/dev/null; then \
	  kind="$$(file -b "$$bin")"; \
	  case "$$kind" in *"static-pie linked"*|*"statically linked"*) ;; \
	    *) echo "make static: error: $$bin is not static; file says: $$kind" >&2; exit 1;; esac; \
	fi; \
	run=''; case "$$triple" in $(HOST_ARCH)-*) ;; aarch64-*) run=qemu-aarch64-static;; esac; \
	if [ -z "$$run" ] || command -v "$$run" >/dev/null; then \
	  $$run "$$bin" --version >/dev/null || { echo "make static: error: $$bin does not run$${run:+ under $$run}" >&2; exit 1; }; \
	else echo "make static: $$bin not run: no $$run here (Debian: qemu-user-static)"; fi; \
	printf '%s\n' "$$bin" > $(STATIC_BIN_FILE); \
	size=$$(stat -c %s "$$bin"); \
	if [ "$$size" -le $(SIZE_BUDGET) ]; then verdict="within the budget of $(SIZE_BUDGET)"; \
	else verdict="OVER the budget of $(SIZE_BUDGET) by $$((size - $(SIZE_BUDGET)))"; fi; \
	echo "make static: $$bin: $$size bytes, static ($$(echo "$$linkage" | sed 's/^[[:space:]]*//')), $$verdict"

# ---------------------------------------------------------------------------------------------
# Release artifacts (README: Install). `make release` builds the static musl binary of every
# target in RELEASE_TARGETS (x86_64 by `make static`, aarch64 by `make static
# STATIC_TARGET=…`, whose path goes to target/static-bin-<target>) and packs them with
# tools/release.sh into $(DIST_DIR): cogtok-<version>-<target>.tar.gz (the binary, README,
# licences), its CycloneDX SBOM cogtok-<version>-<target>.cdx.json, and SHA256SUMS. A target
# that cannot be built fails the run; `make release RELEASE_TARGETS=$(MUSL_TARGET)` leaves
# aarch64 out. cargo-cyclonedx, pinned, is installed when missing (about 2 minutes).
# `make release-check` builds it all a second time from nothing, in a copy of the tree at
# another path, and compares the bytes (tools/release-check.sh).
DIST_DIR          := target/dist
RELEASE_TARGETS   ?= $(MUSL_TARGET) $(AARCH64_TARGET)
CYCLONEDX_VERSION := 0.5.9

release: static
	@set -e; \
	case "$$(cat $(STATIC_BIN_FILE))" in */$(MUSL_TARGET)/*) ;; \
	  *) echo "make release: error: $$(cat $(STATIC_BIN_FILE)) is not a $(MUSL_TARGET) binary (see make static's output)" >&2; exit 1;; esac; \
	pairs=''; \
	for t in $(RELEASE_TARGETS); do \
	  case "$$t" in \
	    $(MUSL_TARGET)) pairs="$$pairs $$t=$$(cat $(STATIC_BIN_FILE))";; \
	    $(AARCH64_TARGET)) \
	      rustup target list --installed 2>/dev/null | grep -qx "$$t" || timeout 180 rustup target add "$$t" \
	        || { echo "make release: error: the $$t Rust target is missing and 'rustup target add' failed; RELEASE_TARGETS=$(MUSL_TARGET) leaves it out" >&2; exit 1; }; \
	      $(MAKE) --no-print-directory static STATIC_TARGET=$$t STATIC_BIN_FILE=target/static-bin-$$t; \
	      pairs="$$pairs $$t=$$(cat target/static-bin-$$t)";; \
	    *) echo "make release: error: no recipe for the target $$t (RELEASE_TARGETS)" >&2; exit 1;; \
	  esac; \
	done; \
	if ! cargo install --list | grep -qx 'cargo-cyclonedx v$(CYCLONEDX_VERSION):'; then \
	  echo "make release: installing cargo-cyclonedx $(CYCLONEDX_VERSION) (the SBOM)"; \
	  cargo install --locked --quiet cargo-cyclonedx --version $(CYCLONEDX_VERSION); \
	fi; \
	SIZE_BUDGET=$(SIZE_BUDGET) PYTHON=$(PYTHON) bash tools/release.sh $(DIST_DIR) $$pairs

release-check: release
	@start=$$(date +%s); \
	bash tools/release-check.sh $(DIST_DIR) RELEASE_TARGETS='$(RELEASE_TARGETS)'; \
	echo "make release-check: took $$(( $$(date +%s) - start )) s after make release"

# Benchmark against one local moto (bench/run.py): cogtok's static binary vs the AWS CLI from
# .venv and vs bench/baseline (a bare reqwest + rustls + aws-sigv4 program built the same way).
# Then `cogtok mint` for 1,000 users vs a boto3 loop and an AWS CLI shell loop, against
# bench/instant-server (a dependency-free stand-in that answers at once, built for the host:
# it is not measured, only asked to be fast).
# Prints medians and ratios against the budgets in the README ("Static binary and figures"); exits non-zero only when it
# cannot run (a server that does not start, a build that fails), never on a budget miss.
BENCH_RUNS ?= 30
# Runs of each unpaced `cogtok mint` (~0.1 s each), of the paced one (~10 s) and of the boto3
# loop (a few s); users of the AWS CLI loop's sample (~0.4 s each).
BENCH_MINT_RUNS  ?= 5
BENCH_MINT_PACED ?= 1
BENCH_MINT_BOTO3 ?= 3
BENCH_MINT_AWS   ?= 50
bench: venv static
	@set -e; \
	bin=$$(cat $(STATIC_BIN_FILE)); triple=$$(echo "$$bin" | cut -d/ -f2); \
	echo "make bench: building bench/baseline for $$triple with the same profile and flags"; \
	build_std=''; rustup component list --installed 2>/dev/null | grep -q '^rust-src' && build_std='$(BUILD_STD_FLAGS)'; \
	RUSTC_BOOTSTRAP=1 RUSTFLAGS='$(STATIC_RUSTFLAGS)' CARGO_TARGET_DIR=$(CURDIR)/target/bench-baseline \
	  cargo build --release --locked --quiet --manifest-path bench/baseline/Cargo.toml --target "$$triple" $$build_std; \
	echo "make bench: building bench/instant-server"; \
	CARGO_TARGET_DIR=$(CURDIR)/target/bench-server \
	  cargo build --release --locked --quiet --manifest-path bench/instant-server/Cargo.toml; \
	mkdir -p target/bench; \
	{ command -v musl-gcc >/dev/null && musl-gcc -O2 -static -o target/bench/spawn bench/spawn.c; } \
	  || cc -O2 -static -o target/bench/spawn bench/spawn.c \
	  || { echo "make bench: warning: no static C library for bench/spawn.c: peak RSS has a dynamic launcher's floor"; \
	       cc -O2 -o target/bench/spawn bench/spawn.c; }; \
	$(VENV)/bin/python bench/run.py --runs $(BENCH_RUNS) --cogtok "$$bin" \
	  --baseline target/bench-baseline/$$triple/release/cogtok-baseline --spawn target/bench/spawn \
	  --venv $(VENV) --size-budget $(SIZE_BUDGET) --readme README.md \
	  --server target/bench-server/release/instant-server --mint-runs $(BENCH_MINT_RUNS) \
	  --mint-paced-runs $(BENCH_MINT_PACED) --mint-boto3-runs $(BENCH_MINT_BOTO3) --mint-aws-sample $(BENCH_MINT_AWS)

# Sign a demo user in against a local moto, using only cogtok's own commands.
demo:
	bash tests/support/demo.sh

# Start the server the README's examples run against (moto checking SigV4 and IAM, a pool, an
# app client, an IAM user, and an API stand-in) in the background, and print the export lines
# for `eval "$$(make -s demo-server)"`. DEMO_DIR (default .tmp/demo-server) holds its state.
# .venv/ is made when it has no moto yet, with its output on stderr: stdout is for eval.
demo-server:
	@[ -x $(VENV)/bin/moto_server ] || $(MAKE) --no-print-directory venv >&2
	@bash tests/support/demo.sh --serve

# Stop the demo server.
demo-server-stop:
	@bash tests/support/demo.sh --stop

# Format the Rust sources.
fmt:
	cargo fmt --all

# Lint everything, tests included; warnings fail. The fuzzing facade (feature `fuzzing`) too.
# hadolint (from .venv/, pinned in tests/support/requirements.txt) lints the Dockerfile: any
# finding of level warning or above fails; the few rules the Dockerfile sets aside say why there.
lint: venv
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --features fuzzing -- -D warnings
	$(VENV)/bin/hadolint --failure-threshold warning Dockerfile

# Fuzzing (README, "Fuzzing"): cargo-fuzz drives libFuzzer over the targets in fuzz/fuzz_targets/,
# each a call into src/fuzzing.rs. libFuzzer's instrumentation flags are nightly-only, so the
# stable toolchain is unlocked for this build alone (RUSTC_BOOTSTRAP=1). No sanitizer: the
# library forbids unsafe code, and the hunt is for panics, overflows (-a: debug assertions and
# overflow checks in an optimised build), hangs and memory growth.
FUZZ_TARGETS  := shorthand params query ini answer jwt sts_xml cache_entry srp users_file
FUZZ_BUILD    := --sanitizer none -O -a
FUZZ_CI_SECS  ?= 60
SECS          ?= 600
# Memory bounded, a slow input is a hang; inputs up to 8 KiB (an answer page, a config file).
FUZZ_LIMITS   := -rss_limit_mb=256 -timeout=2 -max_len=8192
FUZZ          := cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz
# A target's dictionary, when it has one.
fuzz_dict = $(if $(wildcard fuzz/dicts/$(1).dict),-dict=dicts/$(1).dict)

# cargo-fuzz itself, when missing.
fuzz-install:
	@command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	@cargo fuzz --version

fuzz-build: fuzz-install
	$(FUZZ) build $(FUZZ_BUILD)

# One target for SECS seconds: new inputs go to fuzz/corpus/T (minimise it with `make
# fuzz-seeds` before checking it in), a crash to fuzz/artifacts/T/.
fuzz: fuzz-build
	@test -n "$(T)" || { echo "usage: make fuzz T=<one of: $(FUZZ_TARGETS)> [SECS=600]" >&2; exit 2; }
	mkdir -p fuzz/corpus/$(T) fuzz/regressions/$(T)
	$(FUZZ) run $(FUZZ_BUILD) $(T) corpus/$(T) regressions/$(T) -- \
	  $(FUZZ_LIMITS) -max_total_time=$(SECS) -print_final_stats=1 $(call fuzz_dict,$(T))

# CI: each target for FUZZ_CI_SECS seconds from its checked-in corpus and its regressions (each
# saved crash is run first); new inputs go to a scratch directory, so the tree is not changed.
# Any crash, timeout or out-of-memory fails the run.
fuzz-ci: fuzz-build
	@scratch="$$(mktemp -d)"; trap 'rm -rf "$$scratch"' EXIT; passed=0; \
	for t in $(FUZZ_TARGETS); do \
	  echo "== fuzz $$t for $(FUZZ_CI_SECS) s"; mkdir -p "$$scratch/$$t" fuzz/regressions/$$t; \
	  ( $(FUZZ) run $(FUZZ_BUILD) $$t "$$scratch/$$t" corpus/$$t regressions/$$t -- \
	      $(FUZZ_LIMITS) -max_total_time=$(FUZZ_CI_SECS) -print_final_stats=1 \
	      $$([ -f fuzz/dicts/$$t.dict ] && echo -dict=dicts/$$t.dict) \
	  ) > "$$scratch/$$t.log" 2>&1 || { tail -n 60 "$$scratch/$$t.log"; \
	    echo "fuzz-ci: target $$t FAILED (crash, hang or memory blow-up; input in fuzz/artifacts/$$t/)" >&2; \
	    echo "fuzz: $$passed passed, 1 failed"; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$$scratch/$$t.log" | tail -n 2; \
	  passed=$$((passed + 1)); \
	done; \
	echo "fuzz: $$passed passed, 0 failed"

# Rebuilds the seed corpora: fuzz/seeds.py writes inputs from the fixtures and test data, and
# libFuzzer's -merge=1 keeps those (and the corpus' current files) that add coverage.
fuzz-seeds: fuzz-build
	@scratch="$$(mktemp -d)"; trap 'rm -rf "$$scratch"' EXIT; \
	$(PYTHON) fuzz/seeds.py "$$scratch/seeds" && \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p "$$scratch/seeds/$$t" fuzz/corpus/$$t && mv fuzz/corpus/$$t "$$scratch/old-$$t" && mkdir fuzz/corpus/$$t && \
	  ( $(FUZZ) run $(FUZZ_BUILD) $$t corpus/$$t "$$scratch/seeds/$$t" "$$scratch/old-$$t" -- -merge=1 $(FUZZ_LIMITS) ) \
	    > "$$scratch/$$t.log" 2>&1 || { tail -n 30 "$$scratch/$$t.log"; exit 1; }; \
	  echo "$$t: $$(ls fuzz/corpus/$$t | wc -l) inputs"; \
	done

# Remove .venv/ (the next `make test` recreates it).
clean-venv:
	rm -rf $(VENV)

# Remove node_modules/ (the next `make test` reinstalls it).
clean-node:
	rm -rf $(NODE_DIR)
