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

.PHONY: help venv node test check build static bench demo demo-server demo-server-stop fmt lint clean-venv clean-node \
        fuzz-install fuzz-build fuzz fuzz-ci fuzz-seeds

# List the targets.
help:
	@echo "make venv    create .venv/ with the pinned test tools (moto server, AWS CLI)"
	@echo "make node    install node_modules/ with the pinned cognito-local (npm ci)"
	@echo "make test    make venv, node and static, then cargo test --locked against them"
	@echo "make check   generated code current, vendored models intact, cargo fmt --check, make lint"
	@echo "make build   cargo build --release"
	@echo "make static  a statically linked release binary (musl, else glibc); its path goes to target/static-bin"
	@echo "make bench   cogtok vs the AWS CLI and a bare reqwest+sigv4 program against one local moto;"
	@echo "             cogtok mint for 1,000 users vs boto3 and AWS CLI loops, against bench/instant-server"
	@echo "make demo    the sign-in story against a local moto, with cogtok only"
	@echo "make demo-server       a local moto and API for the README's examples: eval \"\$$(make -s demo-server)\""
	@echo "make demo-server-stop  stop it"
	@echo "make fmt     cargo fmt"
	@echo "make lint    cargo clippy, warnings are errors"
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
	  echo "make test: NOTE: not root, so the 4 empty-root (chroot) tests were not run: sudo make test"; \
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
STATIC_RUSTFLAGS := -C target-feature=+crt-static -C link-arg=-Wl,-z,pack-relative-relocs \
                    -C link-arg=-Wl,--no-eh-frame-hdr -C link-arg=-Wl,-T,$(CURDIR)/tools/discard-unwind-tables.ld \
                    $(LLD_RUSTFLAGS)
# The standard library is rebuilt with the binary's own size profile (-Zbuild-std) and without
# backtrace symbolization (the feature `backtrace-trace-only`: a stripped binary has no symbols
# to show anyway) nor speed-over-size algorithms (`optimize_for_size`): about 310 KB less than
# the prebuilt one, whose DWARF reader (gimli, addr2line, miniz_oxide) alone is ~165 KB. Panic
# messages stay. It needs the toolchain's rust-src (`rustup component add rust-src`) and, for
# these two cargo flags on a stable toolchain, RUSTC_BOOTSTRAP=1; without rust-src the prebuilt
# standard library is used, with a warning, and the binary is that much larger.
BUILD_STD_FLAGS  := -Zbuild-std=std,panic_abort -Zbuild-std-features=backtrace-trace-only,optimize_for_size
STATIC_BIN_FILE  := target/static-bin
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
	RUSTC_BOOTSTRAP=1 RUSTFLAGS='$(STATIC_RUSTFLAGS)' cargo build --release --locked --target "$$triple" $$build_std; \
	bin=target/$$triple/release/cogtok; \
	linkage="$$(ldd "$$bin" 2>&1 || true)"; \
	case "$$linkage" in *"statically linked"*|*"not a dynamic executable"*) ;; \
	  *) echo "make static: error: $$bin is not static; ldd says: $$linkage" >&2; exit 1;; esac; \
	if command -v file >/dev/null; then \
	  kind="$$(file -b "$$bin")"; \
	  case "$$kind" in *"static-pie linked"*|*"statically linked"*) ;; \
	    *) echo "make static: error: $$bin is not static; file says: $$kind" >&2; exit 1;; esac; \
	fi; \
	"$$bin" --version >/dev/null || { echo "make static: error: $$bin does not run" >&2; exit 1; }; \
	printf '%s\n' "$$bin" > $(STATIC_BIN_FILE); \
	size=$$(stat -c %s "$$bin"); \
	if [ "$$size" -le $(SIZE_BUDGET) ]; then verdict="within the budget of $(SIZE_BUDGET)"; \
	else verdict="OVER the budget of $(SIZE_BUDGET) by $$((size - $(SIZE_BUDGET)))"; fi; \
	echo "make static: $$bin: $$size bytes, static ($$(echo "$$linkage" | sed 's/^[[:space:]]*//')), $$verdict"

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
lint:
	cargo clippy --locked --all-targets -- -D warnings
	cargo clippy --locked --all-targets --features fuzzing -- -D warnings

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
