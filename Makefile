# cogtok: build, test and demo. Plain targets; `make help` lists them.
#
# The tests run against real local servers from PyPI (moto, the AWS CLI), installed into
# .venv/ (git-ignored) from tests/support/requirements.txt. `make test` installs them when
# missing; nothing is used from outside the repository but python3 and cargo.

PYTHON ?= python3
VENV   := .venv
REQS   := tests/support/requirements.txt
# The stamp's name carries a hash of the requirements, so editing them reinstalls.
STAMP  := $(VENV)/.stamp-$(shell sha256sum $(REQS) | cut -c1-16)

.PHONY: help venv test build demo fmt lint clean-venv

# List the targets.
help:
	@echo "make venv    create .venv/ with the pinned test tools (moto server, AWS CLI)"
	@echo "make test    make venv, then cargo test --locked against them"
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

# Run every test (unit, fixtures, real servers) with the tools from .venv/.
test: venv
	COGTOK_TEST_VENV=$(CURDIR)/$(VENV) cargo test --locked

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
