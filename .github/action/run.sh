#!/usr/bin/env bash
# The GitHub Action's sign-in step (action.yml): `cogtok login` or `cogtok token` with
# `--output github`, which masks each token and appends id_token, access_token, refresh_token
# and expires_at to $GITHUB_OUTPUT (action.yml maps them to its outputs).
#
# Every input comes in as an INPUT_* variable and goes to cogtok as the variable cogtok reads
# (COGTOK_USER_POOL_ID, COGTOK_CLIENT_ID, COGTOK_USERNAME, COGTOK_PASSWORD,
# COGTOK_CLIENT_SECRET, COGTOK_TOTP_SECRET, COGTOK_FLOW, COGTOK_SCOPE, AWS_REGION,
# AWS_ENDPOINT_URL): cogtok's command line is only fixed words, so no input value is ever in
# a process's argument list. An empty input leaves the job's own variable as it is. The
# secrets are masked (`::add-mask::`, each line) before anything runs, even when they come from
# somewhere other than `secrets.*`, which the runner masks by itself.
set -euo pipefail

fail() { printf '::error title=cogtok::%s\n' "$*"; exit 1; }

# INPUT_X → the variable cogtok reads, when the input is not empty.
pass() {
  local input="$1" var="$2"
  if [ -n "${!input:-}" ]; then
    export "$var=${!input}"
  fi
  unset "$input"
}

# Masks each line of a secret (the runner masks line by line). printf is a shell builtin: the
# value is in no process's argument list.
mask() {
  local line
  while IFS= read -r line || [ -n "$line" ]; do
    if [ -n "$line" ]; then printf '::add-mask::%s\n' "$line"; fi
  done <<< "$1"
}

for secret in INPUT_PASSWORD INPUT_CLIENT_SECRET INPUT_TOTP_SECRET; do
  if [ -n "${!secret:-}" ]; then mask "${!secret}"; fi
done

command="${INPUT_COMMAND:-login}"
export_env="${INPUT_EXPORT:-false}"
unset INPUT_COMMAND INPUT_EXPORT
pass INPUT_USER_POOL_ID COGTOK_USER_POOL_ID
pass INPUT_CLIENT_ID COGTOK_CLIENT_ID
pass INPUT_USERNAME COGTOK_USERNAME
pass INPUT_PASSWORD COGTOK_PASSWORD
pass INPUT_CLIENT_SECRET COGTOK_CLIENT_SECRET
pass INPUT_TOTP_SECRET COGTOK_TOTP_SECRET
pass INPUT_FLOW COGTOK_FLOW
pass INPUT_SCOPE COGTOK_SCOPE
pass INPUT_REGION AWS_REGION
pass INPUT_ENDPOINT_URL AWS_ENDPOINT_URL

args=(--output github)
case "$export_env" in
  true) args+=(--export) ;;
  false | "") ;;
  *) fail "export must be true or false, not '$export_env'" ;;
esac
command -v cogtok >/dev/null || fail "cogtok is not on PATH: the install step did not run"
case "$command" in
  login) exec cogtok login "${args[@]}" ;;
  token) exec cogtok token "${args[@]}" ;;
  *) fail "command must be login, token or install, not '$command'" ;;
esac
