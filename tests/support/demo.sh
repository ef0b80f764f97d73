#!/usr/bin/env bash
# `make demo`: the story cogtok comes from, on this machine, with no AWS account.
# `make demo-server` (--serve) and `make demo-server-stop` (--stop): the server the README's
# examples run against, left running in the background.
#
# A local moto server plays Amazon Cognito and IAM, checking every SigV4 signature and IAM
# policy (tests/support/demo_moto.py: moto as it ships, except that it serves unsigned the
# operations AWS serves unsigned, RespondToAuthChallenge among them, so SRP sign-ins finish). A
# Python bootstrap makes an IAM user with cognito-idp:* and a user pool with an app client
# (cogtok has no create-user-pool).
#
# The demo, then cogtok alone: an admin creates a user with a temporary password, and one
# `cogtok login` signs them in, answers NEW_PASSWORD_REQUIRED and prints the tokens; a second
# login shows the new password is permanent.
#
# --serve: starts that moto and tests/support/echo_api.py (a stand-in for "your API", which
# answers a bearer token with whom it is for) on free ports of 127.0.0.1, detached, and prints
# `export` lines for `eval "$(make -s demo-server)"`: AWS_ENDPOINT_URL, AWS_DEFAULT_REGION,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (the IAM user cogtok-admin), POOL, CLIENT, API_URL,
# IDENTITY_POOL (an identity pool whose provider is POOL and CLIENT) and ROLE_ARN (a role with
# cognito-idp:*, for the basic flow's AssumeRoleWithWebIdentity).
# Its state (logs, pids, the export lines) is in $DEMO_DIR (default .tmp/demo-server); while it
# runs, --serve prints the same lines again. --stop stops it and removes $DEMO_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
PY="$ROOT/.venv/bin/python"
MODE="${1:-demo}"
case "$MODE" in demo|--serve|--stop) ;; *) echo "usage: $0 [--serve | --stop]" >&2; exit 2;; esac

# shellcheck source=tests/support/style.sh
. tests/support/style.sh
show() { printf '$ %s\n' "$*"; }
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# wait_http URL LOG: until URL answers HTTP (any status), at most 20 s; else LOG's end, exit 1.
wait_http() {
  "$PY" - "$1" <<'PYEOF' && return 0
import sys, time, urllib.error, urllib.request
deadline = time.time() + 20
while True:
    try:
        urllib.request.urlopen(sys.argv[1], timeout=1).read()
        break
    except urllib.error.HTTPError:
        break
    except Exception:
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.1)
PYEOF
  echo "$1 did not answer within 20 s; the end of its log ($2):" >&2
  tail -n 30 "$2" >&2
  return 1
}
# start_moto LOG: moto (demo_moto.py) on a free port of 127.0.0.1, enforcing SigV4 and IAM once
# the bootstrap's N actions are done; sets MOTO_PID, URL and N. $DETACH (setsid) for --serve.
start_moto() {
  local port
  port="$(free_port)"
  URL="http://127.0.0.1:$port"
  N="$("$PY" tests/support/moto_bootstrap.py --action-count)"
  INITIAL_NO_AUTH_ACTION_COUNT="$N" $DETACH "$PY" tests/support/demo_moto.py -H 127.0.0.1 -p "$port" \
    </dev/null >"$1" 2>&1 &
  MOTO_PID=$!
}
# field KEY... : a value from the bootstrap's JSON in $BOOT
field() {
  "$PY" -c 'import json, sys
v = json.loads(sys.argv[1])
for k in sys.argv[2:]:
    v = v[k]
print(str(v).lower() if isinstance(v, bool) else v)' "$BOOT" "$@"
}

# ---------------------------------------------------------------------------------------------
# make demo-server-stop
DEMO_DIR="${DEMO_DIR:-$ROOT/.tmp/demo-server}"
stop_server() {
  if [ -f "$DEMO_DIR/pids" ]; then
    # shellcheck disable=SC2046 # one pid a line
    kill $(cat "$DEMO_DIR/pids") 2>/dev/null || true
  fi
  rm -rf "$DEMO_DIR"
}
if [ "$MODE" = --stop ]; then
  stop_server
  echo "demo server stopped" >&2
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# make demo-server: the export lines on stdout (for eval), everything else on stderr.
if [ "$MODE" = --serve ]; then
  # shellcheck disable=SC2046 # one pid a line
  if [ -f "$DEMO_DIR/env" ] && kill -0 $(cat "$DEMO_DIR/pids") 2>/dev/null; then
    echo "demo server: already running (make demo-server-stop stops it); its variables:" >&2
    cat "$DEMO_DIR/env"
    exit 0
  fi
  stop_server
  mkdir -p "$DEMO_DIR"
  # Detached, so that a Ctrl-C in the shell that ran `eval "$(make -s demo-server)"` spares them.
  DETACH="$(command -v setsid || true)"
  trap 'stop_server' ERR
  start_moto "$DEMO_DIR/moto.log"
  echo "$MOTO_PID" >"$DEMO_DIR/pids"
  API_PORT="$(free_port)"
  $DETACH "$PY" tests/support/echo_api.py "$API_PORT" </dev/null >"$DEMO_DIR/api.log" 2>&1 &
  echo $! >>"$DEMO_DIR/pids"
  API_URL="http://127.0.0.1:$API_PORT/"
  wait_http "$URL/moto-api/" "$DEMO_DIR/moto.log"
  wait_http "$API_URL" "$DEMO_DIR/api.log"
  BOOT="$("$PY" tests/support/moto_bootstrap.py "$URL" --with-pool)"
  if [ "$(field enforcing)" != true ]; then
    echo "demo server: moto does not check signatures after the bootstrap" >&2
    false
  fi
  # The user's own settings would win over these (AWS_REGION over AWS_DEFAULT_REGION, a
  # profile's or session's keys, the service-specific endpoint): they are unset in that shell.
  {
    echo "# cogtok demo server (make demo-server-stop stops it): moto checking SigV4 and IAM, and an API"
    echo "unset AWS_REGION AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER AWS_ENDPOINT_URL_COGNITO_IDENTITY AWS_ENDPOINT_URL_STS"
    printf 'export AWS_ENDPOINT_URL=%q AWS_DEFAULT_REGION=%q\n' "$URL" "$(field region)"
    # The demo's keys are the only credentials: never ask an instance metadata service.
    echo "export AWS_EC2_METADATA_DISABLED=true"
    printf 'export AWS_ACCESS_KEY_ID=%q AWS_SECRET_ACCESS_KEY=%q\n' \
      "$(field admin access_key_id)" "$(field admin secret_access_key)"
    printf 'export POOL=%q CLIENT=%q API_URL=%q\n' "$(field user_pool_id)" "$(field client_id)" "$API_URL"
    printf 'export IDENTITY_POOL=%q ROLE_ARN=%q\n' "$(field identity_pool_id)" "$(field role_arn)"
  } >"$DEMO_DIR/env"
  echo "demo server: moto on $URL, the API on $API_URL (logs in $DEMO_DIR)" >&2
  cat "$DEMO_DIR/env"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
# make demo
step "Installing the local test tools into .venv/ (once) and building cogtok"
make --no-print-directory venv
cargo build --locked --quiet
COGTOK="$ROOT/target/debug/cogtok"

# Nothing from the user's own AWS setup: a throwaway HOME, no AWS_* or COGTOK_* variables.
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cogtok-demo.XXXXXX")"
MOTO_PID=""
cleanup() {
  if [ -n "$MOTO_PID" ]; then kill "$MOTO_PID" 2>/dev/null || true; wait "$MOTO_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for v in $(compgen -e); do
  case "$v" in AWS_*|COGTOK_*) unset "$v" ;; esac
done
export HOME="$WORK/home" NO_PROXY='*' AWS_EC2_METADATA_DISABLED=true
mkdir -p "$HOME"

step "Starting moto (a local AWS) with SigV4 and IAM enforcement"
DETACH=""
start_moto "$WORK/moto.log"
wait_http "$URL/moto-api/" "$WORK/moto.log"
echo "moto is listening on $URL (log: $WORK/moto.log); enforcement starts after $N actions"

step "Bootstrap (Python, boto3): IAM users and their keys, a user pool and an app client"
BOOT="$("$PY" tests/support/moto_bootstrap.py "$URL" --with-pool)"
POOL="$(field user_pool_id)"
CLIENT="$(field client_id)"
export AWS_ACCESS_KEY_ID="$(field admin access_key_id)"
export AWS_SECRET_ACCESS_KEY="$(field admin secret_access_key)"
export AWS_DEFAULT_REGION=us-east-1
echo "IAM user cogtok-admin (cognito-idp:*): AWS_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID"
echo "user pool: $POOL"
echo "app client: $CLIENT (ADMIN_USER_PASSWORD, USER_PASSWORD, USER_SRP, REFRESH_TOKEN)"
echo "moto enforces signatures and IAM now: $(field enforcing)"

step "An admin creates the test user with a temporary password (signed with SigV4)"
show "cogtok --endpoint-url $URL --region us-east-1 admin-create-user --user-pool-id $POOL --username demo@example.com --temporary-password 'Temp-Passw0rd!' --message-action SUPPRESS --user-attributes Name=email,Value=demo@example.com Name=email_verified,Value=true"
"$COGTOK" --endpoint-url "$URL" --region us-east-1 admin-create-user \
  --user-pool-id "$POOL" --username demo@example.com \
  --temporary-password 'Temp-Passw0rd!' --message-action SUPPRESS \
  --user-attributes Name=email,Value=demo@example.com Name=email_verified,Value=true

step "First sign-in: AdminInitiateAuth gets NEW_PASSWORD_REQUIRED, cogtok answers it in the same run"
show "COGTOK_PASSWORD='Temp-Passw0rd!' COGTOK_NEW_PASSWORD='Perm-Passw0rd!' cogtok --endpoint-url $URL login --flow admin --user-pool-id $POOL --client-id $CLIENT --username demo@example.com --new-password-env COGTOK_NEW_PASSWORD --output json"
COGTOK_PASSWORD='Temp-Passw0rd!' COGTOK_NEW_PASSWORD='Perm-Passw0rd!' \
  "$COGTOK" --endpoint-url "$URL" login --flow admin \
  --user-pool-id "$POOL" --client-id "$CLIENT" --username demo@example.com \
  --new-password-env COGTOK_NEW_PASSWORD --output json

step "Second sign-in with the new password: no challenge any more; just the ID token"
show "COGTOK_PASSWORD='Perm-Passw0rd!' cogtok --endpoint-url $URL login --flow admin --user-pool-id $POOL --client-id $CLIENT --username demo@example.com --output id-token"
ID_TOKEN="$(COGTOK_PASSWORD='Perm-Passw0rd!' \
  "$COGTOK" --endpoint-url "$URL" login --flow admin \
  --user-pool-id "$POOL" --client-id "$CLIENT" --username demo@example.com --output id-token)"
echo "$ID_TOKEN"

step "The ID token's claims (its middle part, base64url-decoded)"
"$PY" -c '
import base64, json, sys
p = sys.argv[1].split(".")[1]
print(json.dumps(json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))), indent=4))
' "$ID_TOKEN"

step "Done: moto is stopped and the temporary HOME removed"
