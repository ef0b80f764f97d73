#!/usr/bin/env bash
# `make demo`: the story cogtok comes from, on this machine, with no AWS account.
#
# A local moto server plays Amazon Cognito and IAM, checking every SigV4 signature and IAM
# policy. A Python bootstrap makes an IAM user with cognito-idp:* and a user pool with an app
# client (cogtok has no create-user-pool). Then cogtok alone: an admin creates a user with a
# temporary password, and one `cogtok login` signs them in, answers NEW_PASSWORD_REQUIRED and
# prints the tokens; a second login shows the new password is permanent.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

# shellcheck source=tests/support/style.sh
. tests/support/style.sh
show() { printf '$ %s\n' "$*"; }

step "Installing the local test tools into .venv/ (once) and building cogtok"
make --no-print-directory venv
cargo build --locked --quiet
COGTOK="$ROOT/target/debug/cogtok"
PY="$ROOT/.venv/bin/python"

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
export HOME="$WORK/home" NO_PROXY='*'
mkdir -p "$HOME"

step "Starting moto (a local AWS) with SigV4 and IAM enforcement"
PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
URL="http://127.0.0.1:$PORT"
# moto serves the bootstrap's first N actions unauthenticated, then checks every request.
N="$("$PY" tests/support/moto_bootstrap.py --action-count)"
INITIAL_NO_AUTH_ACTION_COUNT="$N" "$ROOT/.venv/bin/moto_server" -H 127.0.0.1 -p "$PORT" \
  >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
"$PY" - "$URL" <<'EOF' || { echo "moto did not start; its log:" >&2; tail -n 30 "$WORK/moto.log" >&2; exit 1; }
import sys, time, urllib.request
deadline = time.time() + 20
while True:
    try:
        urllib.request.urlopen(sys.argv[1] + "/moto-api/", timeout=1).read()
        break
    except Exception:
        if time.time() > deadline:
            sys.exit(1)
        time.sleep(0.1)
EOF
echo "moto is listening on $URL (log: $WORK/moto.log); enforcement starts after $N actions"

step "Bootstrap (Python, boto3): IAM users and their keys, a user pool and an app client"
BOOT="$("$PY" tests/support/moto_bootstrap.py "$URL" --with-pool)"
field() {  # field KEY... : a value from the bootstrap's JSON
  "$PY" -c 'import json, sys
v = json.loads(sys.argv[1])
for k in sys.argv[2:]:
    v = v[k]
print(str(v).lower() if isinstance(v, bool) else v)' "$BOOT" "$@"
}
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
