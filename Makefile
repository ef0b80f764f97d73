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

.PHONY: help venv node test build demo fmt lint clean-venv clean-node

# List the targets.
help:
	@echo "make venv    create .venv/ with the pinned test tools (moto server, AWS CLI)"
	@echo "make node    install node_modules/ with the pinned cognito-local (npm ci)"
	@echo "make test    make venv and node, then cargo test --locked against them"
	@echo "make build   cargo build --release"
	@echo "make demo    the sign-in story against a local moto, with cogtok only"
	@echo "make fmt     cargo fmt"
	@echo "make lint    cargo clippy, warnings are errors"

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

# Run every test (unit, fixtures, real servers) with the tools from .venv/ and node_modules/.
test: venv node
	COGTOK_TEST_VENV=$(CURDIR)/$(VENV) COGTOK_TEST_NODE_MODULES=$(CURDIR)/$(NODE_DIR) cargo test --locked

# Build the release binary: target/release/cogtok.
build:
	cargo build --release --locked

# Sign a demo user in against a local moto, using only cogtok's own commands.
demo:
	bash tests/support/demo.sh

# Format the Rust sources.
fmt:
	cargo fmt --all

# Lint everything, tests included; warnings fail.
lint:
	cargo clippy --locked --all-targets -- -D warnings

# Remove .venv/ (the next `make test` recreates it).
clean-venv:
	rm -rf $(VENV)

# Remove node_modules/ (the next `make test` reinstalls it).
clean-node:
	rm -rf $(NODE_DIR)
