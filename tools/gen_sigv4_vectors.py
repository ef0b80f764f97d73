#!/usr/bin/env python3
"""Generate the SigV4 test vectors in fixtures/sigv4/*.json with botocore's SigV4Auth.

Run with the project's venv (it has botocore, pinned in tests/support/requirements.txt):

    .venv/bin/python tools/gen_sigv4_vectors.py [OUT_DIR]      (default: fixtures/sigv4)

The clock is frozen (botocore.auth.get_current_datetime is patched), so the output is the same
on every run: regenerate after a botocore bump and review the diff.

Each vector signs one cognito-idp JSON-protocol POST the way botocore's client does: the request
carries the headers in "headers" (in the order botocore's client sets them; the client's
User-Agent is left out of all but one vector, as SigV4Auth never signs it), SigV4Auth adds
X-Amz-Date (and X-Amz-Security-Token with a session token) and Authorization. botocore signs
every header present at signing time except a fixed list (user-agent, x-amzn-trace-id,
connection, expect, keep-alive, proxy-*, te, trailer, transfer-encoding, upgrade), plus `host`
derived from the URL (with the port when it is not the scheme's default). Content-Length is not
signed because botocore sets it after signing. No X-Amz-Content-SHA256 header is added for
cognito-idp: the payload hash appears only as the last line of the canonical request.

Fields of each file:
    description, region, service, time (RFC 3339 UTC), access_key_id, secret_access_key,
    session_token (or null), method, url, headers (object, order as sent), body (string, UTF-8),
    expected: {authorization, x-amz-date, x-amz-security-token (or null), signed_headers,
               canonical_request, string_to_sign, signature, payload_sha256, host}
"""

import datetime
import hashlib
import hmac
import json
import os
import sys

import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY_ID = "AKIDEXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN//////////wEaCXVzLWVhc3QtMSJHMEUCIQD"
    "EXAMPLE+session/token=="
)
SERVICE = "cognito-idp"
TIME = datetime.datetime(2024, 5, 1, 12, 34, 56)  # UTC, naive like botocore's own
TARGET = "AWSCognitoIdentityProviderService."
JSON_11 = "application/x-amz-json-1.1"
UA = (
    "aws-cli/1.45.11 md/Botocore#1.43.11 ua/2.1 os/linux#6.1 md/arch#x86_64 "
    "lang/python#3.11.7 md/pyimpl#CPython m/b,Z cfg/retry-mode#legacy botocore/1.43.11"
)


def body(obj, ascii_only=True):
    # botocore's JSON serializer writes compact-ish JSON with ", " and ": " separators and
    # \\u escapes for non-ASCII; the unicode vector sends raw UTF-8 instead.
    return json.dumps(obj, ensure_ascii=ascii_only)


ADMIN_AUTH = {
    "UserPoolId": "us-east-1_EXAMPLE1",
    "ClientId": "1example23456789abcdefghij",
    "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
    "AuthParameters": {"USERNAME": "demo@example.com", "PASSWORD": "Temp-Passw0rd!"},
}

VECTORS = [
    {
        "name": "01-admin-initiate-auth",
        "description": "AdminInitiateAuth, us-east-1, long-term keys (no session token)",
        "region": "us-east-1",
        "url": "https://cognito-idp.us-east-1.amazonaws.com/",
        "target": "AdminInitiateAuth",
        "body": body(ADMIN_AUTH),
        "session_token": None,
    },
    {
        "name": "02-admin-initiate-auth-session-token",
        "description": "AdminInitiateAuth, us-east-1, temporary credentials: "
        "X-Amz-Security-Token is added and signed",
        "region": "us-east-1",
        "url": "https://cognito-idp.us-east-1.amazonaws.com/",
        "target": "AdminInitiateAuth",
        "body": body(ADMIN_AUTH),
        "session_token": SESSION_TOKEN,
    },
    {
        "name": "03-admin-respond-eu-west-1",
        "description": "AdminRespondToAuthChallenge NEW_PASSWORD_REQUIRED in eu-west-1",
        "region": "eu-west-1",
        "url": "https://cognito-idp.eu-west-1.amazonaws.com/",
        "target": "AdminRespondToAuthChallenge",
        "body": body(
            {
                "UserPoolId": "eu-west-1_EXAMPLE2",
                "ClientId": "2example23456789abcdefghij",
                "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "ChallengeResponses": {
                    "USERNAME": "demo@example.com",
                    "NEW_PASSWORD": "Perm-Passw0rd!",
                },
                "Session": "AYABeEXAMPLESESSION",
            }
        ),
        "session_token": None,
    },
    {
        "name": "04-admin-create-user-ap-northeast-1",
        "description": "AdminCreateUser in ap-northeast-1 with a session token",
        "region": "ap-northeast-1",
        "url": "https://cognito-idp.ap-northeast-1.amazonaws.com/",
        "target": "AdminCreateUser",
        "body": body(
            {
                "UserPoolId": "ap-northeast-1_EXAMPLE3",
                "Username": "demo@example.com",
                "TemporaryPassword": "Temp-Passw0rd!",
                "MessageAction": "SUPPRESS",
                "UserAttributes": [
                    {"Name": "email", "Value": "demo@example.com"},
                    {"Name": "email_verified", "Value": "true"},
                ],
            }
        ),
        "session_token": SESSION_TOKEN,
    },
    {
        "name": "05-local-endpoint-with-port",
        "description": "AdminInitiateAuth against a local endpoint (--endpoint-url "
        "http://127.0.0.1:5000/): the host header carries the port",
        "region": "us-east-1",
        "url": "http://127.0.0.1:5000/",
        "target": "AdminInitiateAuth",
        "body": body(ADMIN_AUTH),
        "session_token": None,
    },
    {
        "name": "06-unicode-body",
        "description": "AdminCreateUser whose body has raw UTF-8 (not \\u escapes): the payload "
        "hash is over the UTF-8 bytes",
        "region": "us-east-1",
        "url": "https://cognito-idp.us-east-1.amazonaws.com/",
        "target": "AdminCreateUser",
        "body": body(
            {
                "UserPoolId": "us-east-1_EXAMPLE1",
                "Username": "josé.müller@example.com",
                "UserAttributes": [
                    {"Name": "name", "Value": "José Müller 山田太郎 🚀"},
                    {"Name": "email", "Value": "josé.müller@example.com"},
                ],
            },
            ascii_only=False,
        ),
        "session_token": None,
    },
    {
        "name": "07-user-agent-not-signed",
        "description": "AdminInitiateAuth with the User-Agent header the AWS CLI sends: "
        "botocore does not sign user-agent",
        "region": "us-east-1",
        "url": "https://cognito-idp.us-east-1.amazonaws.com/",
        "target": "AdminInitiateAuth",
        "body": body(ADMIN_AUTH),
        "session_token": None,
        "user_agent": UA,
    },
]


class RecordingSigV4Auth(SigV4Auth):
    """botocore's SigV4Auth, keeping the intermediate strings of the last add_auth."""

    def canonical_request(self, request):
        self.canonical = super().canonical_request(request)
        return self.canonical

    def string_to_sign(self, request, canonical_request):
        self.sts = super().string_to_sign(request, canonical_request)
        return self.sts

    def signature(self, string_to_sign, request):
        self.sig = super().signature(string_to_sign, request)
        return self.sig


def independent_signature(secret, date, region, service, string_to_sign):
    """The signing-key derivation done again without botocore, as a self-check."""

    def h(key, msg):
        return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()

    k = h(("AWS4" + secret).encode("utf-8"), date)
    k = h(k, region)
    k = h(k, service)
    k = h(k, "aws4_request")
    return hmac.new(k, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def make(v):
    headers = {"X-Amz-Target": TARGET + v["target"], "Content-Type": JSON_11}
    if v.get("user_agent"):
        headers["User-Agent"] = v["user_agent"]
    data = v["body"].encode("utf-8")
    req = AWSRequest(method="POST", url=v["url"], data=data, headers=dict(headers))
    creds = Credentials(ACCESS_KEY_ID, SECRET_ACCESS_KEY, v["session_token"])
    auth = RecordingSigV4Auth(creds, SERVICE, v["region"])
    auth.add_auth(req)

    canonical, sts, signature = auth.canonical, auth.sts, auth.sig
    authorization = req.headers["Authorization"]
    signed = authorization.split("SignedHeaders=")[1].split(",")[0]
    amz_date = req.headers["X-Amz-Date"]

    # Self-checks: the Authorization header is what the parts say, and an implementation
    # written here from the spec agrees with botocore.
    assert amz_date == TIME.strftime("%Y%m%dT%H%M%SZ"), amz_date
    assert authorization == (
        f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY_ID}/{amz_date[:8]}/{v['region']}/{SERVICE}"
        f"/aws4_request, SignedHeaders={signed}, Signature={signature}"
    ), authorization
    assert canonical.endswith("\n" + hashlib.sha256(data).hexdigest())
    assert sts.split("\n")[3] == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert signature == independent_signature(
        SECRET_ACCESS_KEY, amz_date[:8], v["region"], SERVICE, sts
    )
    assert "X-Amz-Content-SHA256" not in req.headers

    host = next(
        line.split(":", 1)[1] for line in canonical.split("\n") if line.startswith("host:")
    )
    return {
        "description": v["description"],
        "region": v["region"],
        "service": SERVICE,
        "time": TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "access_key_id": ACCESS_KEY_ID,
        "secret_access_key": SECRET_ACCESS_KEY,
        "session_token": v["session_token"],
        "method": "POST",
        "url": v["url"],
        "headers": headers,
        "body": v["body"],
        "expected": {
            "authorization": authorization,
            "x-amz-date": amz_date,
            "x-amz-security-token": req.headers.get("X-Amz-Security-Token"),
            "signed_headers": signed,
            "signature": signature,
            "host": host,
            "payload_sha256": hashlib.sha256(data).hexdigest(),
            "canonical_request": canonical,
            "string_to_sign": sts,
        },
    }


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "sigv4"
    )
    os.makedirs(out_dir, exist_ok=True)
    botocore.auth.get_current_datetime = lambda remove_tzinfo=True: TIME
    for v in VECTORS:
        path = os.path.join(out_dir, v["name"] + ".json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(make(v), f, indent=2, ensure_ascii=False)
            f.write("\n")
        print(os.path.relpath(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
