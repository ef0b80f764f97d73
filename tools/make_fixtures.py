#!/usr/bin/env python3
"""Writes fixtures/exchanges/<command>/<case>.json: the recorded exchanges the replay test serves.

Every secret in them is fake; tokens are JWT-shaped but signed by nobody. Response shapes follow
the API model (../shared/aws-models/cognito-idp-2016-04-18.json) and real answers quoted in
public bug reports (the error messages); the real service sends members in alphabetical order
and errors with both a JSON body and x-amzn-ErrorType / x-amzn-ErrorMessage headers.

For the raw commands the expected stdout is not written by hand: the script replays the same
exchange to the AWS CLI (`aws cognito-idp ...`, from PATH, with cli_timestamp_format=iso8601
as in AWS CLI v2, TZ=UTC) and records what it printed, after checking that the AWS CLI's own
request matches the fixture's request. So a raw fixture's expectation is, by construction, what
the AWS CLI does.

Usage: python3 tools/make_fixtures.py [--no-awscli] [--only SUBSTRING]
With --no-awscli, raw-command expectations are kept from the files already on disk.
"""

import argparse
import hashlib
import json
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixturelib as fl  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "fixtures", "exchanges")

# --- Fake identities and secrets --------------------------------------------------------------

REGION = "us-east-1"
POOL = "us-east-1_Example1"
CLIENT = "3n4b5urk1ft4fl3mg5e62d9ado"
SECRET_CLIENT = "6s7e8c9r0e1t2c3l4i5e6n7t8a"
CLIENT_SECRET = "fake1client2secret3for4replay5tests6only7abcdefgh"
USER = "alice"
EMAIL = "alice@example.com"
SUB = "8e1d2f3a-4b5c-4d6e-9f70-81a2b3c4d5e6"
PASSWORD = "fake-Passw0rd"
NEW_PASSWORD = "fake-N3w-Passw0rd"
TEMP_PASSWORD = "fake-Temp0rary-Pw"
TOTP_SEED = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
ISSUER = f"https://cognito-idp.{REGION}.amazonaws.com/{POOL}"
IAT = 1767225600  # 2026-01-01T00:00:00Z
DATE_HEADER = "Thu, 01 Jan 2026 00:00:00 GMT"


def fake_bytes(label, n):
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{i}".encode()).digest()
        i += 1
    return out[:n]


def session(label):
    # Real sessions start "AYABe" and run to ~900 base64url characters.
    return "AYABe" + fl.b64url(fake_bytes("session/" + label, 360))


def jwt(token_use, username, sub, client_id, iat=IAT, lifetime=3600, extra=None):
    header = {"kid": "fAkeKeyIdForReplayTests0000000000000000000=", "alg": "RS256"}
    payload = {"sub": sub}
    if token_use == "id":
        payload.update(
            {
                "email_verified": True,
                "iss": ISSUER,
                "cognito:username": username,
                "origin_jti": str(uuid.uuid5(uuid.NAMESPACE_URL, f"jti/{username}/{iat}")),
                "aud": client_id,
                "event_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"event/{username}/{iat}")),
                "token_use": "id",
                "auth_time": iat,
                "exp": iat + lifetime,
                "iat": iat,
                "jti": str(uuid.uuid5(uuid.NAMESPACE_URL, f"idjti/{username}/{iat}")),
                "email": EMAIL,
            }
        )
    else:
        payload.update(
            {
                "iss": ISSUER,
                "client_id": client_id,
                "origin_jti": str(uuid.uuid5(uuid.NAMESPACE_URL, f"jti/{username}/{iat}")),
                "event_id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"event/{username}/{iat}")),
                "token_use": "access",
                "scope": "aws.cognito.signin.user.admin",
                "auth_time": iat,
                "exp": iat + lifetime,
                "iat": iat,
                "jti": str(uuid.uuid5(uuid.NAMESPACE_URL, f"atjti/{username}/{iat}")),
                "username": username,
            }
        )
    if extra:
        payload.update(extra)
    enc = lambda o: fl.b64url(json.dumps(o, separators=(",", ":")).encode())  # noqa: E731
    sig = fl.b64url(fake_bytes(f"sig/{token_use}/{username}/{iat}", 256))
    return f"{enc(header)}.{enc(payload)}.{sig}"


def refresh_token(label):
    # Real refresh tokens are JWE (five parts); nobody can read them but Cognito.
    header = fl.b64url(b'{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}')
    parts = [fl.b64url(fake_bytes(f"rt/{label}/{i}", n)) for i, n in enumerate((256, 12, 600, 16))]
    return ".".join([header] + parts)


ID_TOKEN = jwt("id", USER, SUB, CLIENT)
ACCESS_TOKEN = jwt("access", USER, SUB, CLIENT)
REFRESH_TOKEN = refresh_token("alice")
ID_TOKEN_2 = jwt("id", USER, SUB, CLIENT, iat=IAT + 7200)
ACCESS_TOKEN_2 = jwt("access", USER, SUB, CLIENT, iat=IAT + 7200)
REFRESH_TOKEN_2 = refresh_token("alice-rotated")
S_ID_TOKEN = jwt("id", SUB, SUB, SECRET_CLIENT)
S_ACCESS_TOKEN = jwt("access", SUB, SUB, SECRET_CLIENT)
S_REFRESH_TOKEN = refresh_token("secret-client")
SESSION_1 = session("one")
SESSION_2 = session("two")

SECRETS = {
    "password": PASSWORD,
    "new password": NEW_PASSWORD,
    "temporary password": TEMP_PASSWORD,
    "client secret": CLIENT_SECRET,
    "TOTP seed": TOTP_SEED,
    "session": SESSION_1,
    "session 2": SESSION_2,
    "id token": ID_TOKEN,
    "access token": ACCESS_TOKEN,
    "refresh token": REFRESH_TOKEN,
    "id token 2": ID_TOKEN_2,
    "access token 2": ACCESS_TOKEN_2,
    "refresh token 2": REFRESH_TOKEN_2,
    "secret-client id token": S_ID_TOKEN,
    "secret-client access token": S_ACCESS_TOKEN,
    "secret-client refresh token": S_REFRESH_TOKEN,
}


def result(access=ACCESS_TOKEN, id_token=ID_TOKEN, refresh=REFRESH_TOKEN, expires=3600):
    """An AuthenticationResult as the service sends it (members in alphabetical order)."""
    out = {"AccessToken": access, "ExpiresIn": expires, "IdToken": id_token}
    if refresh:
        out["RefreshToken"] = refresh
    out["TokenType"] = "Bearer"
    return out


# --- Responses ----------------------------------------------------------------------------------

_request_ids = {}


def request_id(label):
    return _request_ids.setdefault(label, str(uuid.uuid5(uuid.NAMESPACE_URL, f"req/{label}")))


def headers(label, content_type=fl.CONTENT_TYPE):
    return {
        "Date": DATE_HEADER,
        "Content-Type": content_type,
        "x-amzn-RequestId": request_id(label),
    }


def ok(body, label):
    return {"status": 200, "headers": headers(label), "body": body}


def ok_text(text, label):
    return {"status": 200, "headers": headers(label), "body_text": text}


def err(code, message, label, status=400):
    """A service error as Cognito sends it: JSON body plus the x-amzn-Error* headers."""
    h = headers(label)
    h["x-amzn-ErrorType"] = f"{code}:"
    h["x-amzn-ErrorMessage"] = message
    return {"status": status, "headers": h, "body": {"__type": code, "message": message}}


def exchange(op, signed, body, response, allow_retries=None, unmodelled=None):
    ex = {
        "request": {"target": fl.TARGET_PREFIX + op, "signed": signed, "body": body},
        "response": response,
    }
    if allow_retries:
        ex["allow_retries"] = allow_retries
    if unmodelled:
        ex["unmodelled_members"] = unmodelled
    return ex


# --- Fixture assembly ---------------------------------------------------------------------------

FIXTURES = []
AWSCLI = object()  # marker: the expectation comes from the AWS CLI oracle


def fixture(command, case, description, args, exchanges, expect, credentials=False, env=None, pending=None, oracle=True):
    FIXTURES.append(
        {
            "path": os.path.join(command, case + ".json"),
            "doc": {
                "description": description,
                **({"pending": pending} if pending else {}),
                "args": args,
                **({"env": env} if env else {}),
                "credentials": credentials,
                "exchanges": exchanges,
                "expect": expect,
            },
            "oracle": oracle and command != "login",
        }
    )


UNSIGNED_ENV = {"AWS_REGION": REGION}

SERVICE_ERROR_NOTE = (
    " Error body and x-amzn-ErrorType/x-amzn-ErrorMessage headers as Cognito sends them"
    " (message text quoted from real answers in public bug reports)."
)


def service_error_expect(code, message):
    return {"exit": 254, "stdout": "", "stderr_contains": [code, message], "stderr_lines": 1}


# ======================= admin-initiate-auth =======================

AIA = "AdminInitiateAuth"
AIA_ARGS = [
    "admin-initiate-auth",
    "--user-pool-id", POOL,
    "--client-id", CLIENT,
    "--auth-flow", "ADMIN_USER_PASSWORD_AUTH",
    "--auth-parameters", f"USERNAME={USER},PASSWORD={PASSWORD}",
]
AIA_BODY = {
    "UserPoolId": POOL,
    "ClientId": CLIENT,
    "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
    "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD},
}

fixture(
    "admin-initiate-auth", "success",
    "ADMIN_USER_PASSWORD_AUTH with the AuthParameters shorthand; the service answers with tokens"
    " (AuthenticationResult then an empty ChallengeParameters, as the service orders them)."
    " Expected stdout: what the AWS CLI prints (members in the API model's order).",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "aia-ok"))],
    AWSCLI, credentials=True,
)

NPR_PARAMS = {
    "USER_ID_FOR_SRP": USER,
    "requiredAttributes": "[]",
    "userAttributes": json.dumps({"email_verified": "true", "email": EMAIL}, separators=(",", ":")),
}
fixture(
    "admin-initiate-auth", "new-password-required",
    "A user created by an administrator signs in with the temporary password: NEW_PASSWORD_REQUIRED"
    " with a Session and the ChallengeParameters Cognito sends (USER_ID_FOR_SRP, requiredAttributes,"
    " userAttributes as JSON strings).",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": NPR_PARAMS, "Session": SESSION_1}, "aia-npr"))],
    AWSCLI, credentials=True,
)

fixture(
    "admin-initiate-auth", "json-auth-parameters-and-client-metadata",
    "--auth-parameters given as a JSON object and --client-metadata as shorthand with two keys.",
    AIA_ARGS[:-1]
    + [json.dumps({"USERNAME": USER, "PASSWORD": PASSWORD}), "--client-metadata", "source=ci,build=42"],
    [exchange(AIA, True, {**AIA_BODY, "ClientMetadata": {"source": "ci", "build": "42"}}, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "aia-json"))],
    AWSCLI, credentials=True,
)

fixture(
    "admin-initiate-auth", "query-id-token-text",
    "--query AuthenticationResult.IdToken --output text prints the bare token, as the AWS CLI does.",
    AIA_ARGS + ["--query", "AuthenticationResult.IdToken", "--output", "text"],
    [exchange(AIA, True, AIA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "aia-query"))],
    AWSCLI, credentials=True,
)

AIA_ERRORS = [
    ("not-authorized", "NotAuthorizedException", "Incorrect username or password.", {}),
    ("user-not-found", "UserNotFoundException", "User does not exist.", {}),
    ("user-not-confirmed", "UserNotConfirmedException", "User is not confirmed.", {}),
    ("password-reset-required", "PasswordResetRequiredException", "Password reset required for the user", {}),
    ("resource-not-found", "ResourceNotFoundException", f"User pool client {CLIENT} does not exist.", {}),
    ("too-many-requests", "TooManyRequestsException", "Rate exceeded", {"allow_retries": 4}),
    ("user-disabled", "NotAuthorizedException", "User is disabled.", {}),
]
for case, code, message, extra in AIA_ERRORS:
    fixture(
        "admin-initiate-auth", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE
        + (" Throttling may be retried: the exchange may be repeated." if extra.get("allow_retries") else ""),
        AIA_ARGS,
        [exchange(AIA, True, AIA_BODY, err(code, message, "aia-" + case), **extra)],
        service_error_expect(code, message), credentials=True,
    )

fixture(
    "admin-initiate-auth", "error-invalid-parameter",
    "AuthParameters without USERNAME: InvalidParameterException (HTTP 400)." + SERVICE_ERROR_NOTE,
    AIA_ARGS[:-1] + [f"PASSWORD={PASSWORD}"],
    [exchange(AIA, True, {**AIA_BODY, "AuthParameters": {"PASSWORD": PASSWORD}}, err("InvalidParameterException", "Missing required parameter USERNAME", "aia-invalid-param"))],
    service_error_expect("InvalidParameterException", "Missing required parameter USERNAME"), credentials=True,
)

fixture(
    "admin-initiate-auth", "error-namespaced-type",
    "__type carries the model namespace (com.amazonaws.cognito.identity.idp.model#NotAuthorizedException)"
    " and no x-amzn-ErrorType header: the code is the part after '#'.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 400, "headers": headers("aia-ns"), "body": {"__type": "com.amazonaws.cognito.identity.idp.model#NotAuthorizedException", "message": "Incorrect username or password."}})],
    {**service_error_expect("NotAuthorizedException", "Incorrect username or password."), "stderr_not_contains": ["com.amazonaws"]},
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-header-only",
    "The error is named only by the x-amzn-ErrorType header (with its ':' suffix) and"
    " x-amzn-ErrorMessage; the body is empty. The code comes from the header.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 400, "headers": {**headers("aia-hdr"), "x-amzn-ErrorType": "NotAuthorizedException:http://internal.amazon.com/coral/com.amazon.coral.service/", "x-amzn-ErrorMessage": "Incorrect username or password."}, "body_text": ""})],
    {"exit": 254, "stdout": "", "stderr_contains": ["NotAuthorizedException"], "stderr_lines": 1, "stderr_not_contains": ["http://internal.amazon.com"]},
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-access-denied",
    "IAM denies the call: AccessDeniedException with the message under a capitalised 'Message' key,"
    " as AWS answers IAM denials (not an error the model lists; common to all AWS APIs).",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 400, "headers": {**headers("aia-denied"), "x-amzn-ErrorType": "AccessDeniedException:"}, "body": {"__type": "AccessDeniedException", "Message": f"User: arn:aws:iam::123456789012:user/ci is not authorized to perform: cognito-idp:AdminInitiateAuth on resource: arn:aws:cognito-idp:{REGION}:123456789012:userpool/{POOL} because no identity-based policy allows the cognito-idp:AdminInitiateAuth action"}})],
    service_error_expect("AccessDeniedException", "is not authorized to perform: cognito-idp:AdminInitiateAuth"),
    credentials=True,
)

SIG_MESSAGE = ("The request signature we calculated does not match the signature you provided. Check your"
               " AWS Secret Access Key and signing method. Consult the service documentation for details.")
fixture(
    "admin-initiate-auth", "error-invalid-signature-json",
    "The JSON answer AWS JSON-protocol services give for a bad SigV4 signature (InvalidSignatureException, HTTP 400).",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, err("InvalidSignatureException", SIG_MESSAGE, "aia-badsig"))],
    service_error_expect("InvalidSignatureException", "The request signature we calculated does not match"),
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-signature-xml-403",
    "A gateway answers HTTP 403 with an XML ErrorResponse naming SignatureDoesNotMatch: the code is"
    " read from <Code>, so this is a service error (254).",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 403, "headers": {"Date": DATE_HEADER, "Content-Type": "text/xml", "x-amzn-RequestId": request_id("aia-xml")}, "body_text": (
        '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n'
        "  <Error>\n"
        "    <Type>Sender</Type>\n"
        "    <Code>SignatureDoesNotMatch</Code>\n"
        f"    <Message>{SIG_MESSAGE}</Message>\n"
        "  </Error>\n"
        f"  <RequestId>{request_id('aia-xml')}</RequestId>\n"
        "</ErrorResponse>\n")})],
    {"exit": 254, "stdout": "", "stderr_contains": ["SignatureDoesNotMatch", "The request signature we calculated does not match"], "stderr_lines": 1, "stderr_not_contains": ["<Message>", "<Code>"]},
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-502-html",
    "A load balancer in front of the service answers 502 with an HTML page: no error code can be"
    " read, so exit 255 with the HTTP status in the one-line message. May be retried.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 502, "headers": {"Server": "awselb/2.0", "Date": DATE_HEADER, "Content-Type": "text/html"}, "body_text": (
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
        "<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")}, allow_retries=4)],
    {"exit": 255, "stdout": "", "stderr_contains": ["502"], "stderr_lines": 1, "stderr_not_contains": ["<html>", "<center>"]},
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-500-garbage",
    "HTTP 500 with a body that is neither JSON nor XML nor HTML: exit 255 with the status. May be retried.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 500, "headers": {"Date": DATE_HEADER, "Content-Type": "application/octet-stream"}, "body_text": "\u0000\u0001garbage \u00ff{{{ not an answer"}, allow_retries=4)],
    {"exit": 255, "stdout": "", "stderr_contains": ["500"], "stderr_lines": 1},
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-internal-error-500",
    "HTTP 500 with a JSON InternalErrorException: a service error (254). May be retried.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, err("InternalErrorException", "Internal server error.", "aia-500", status=500), allow_retries=4)],
    service_error_expect("InternalErrorException", "Internal server error."),
    credentials=True,
)

fixture(
    "admin-initiate-auth", "error-200-not-json",
    "HTTP 200 whose body is not JSON (a captive portal or a misrouted endpoint): an unexpected"
    " answer, exit 255, with the HTTP status in the message.",
    AIA_ARGS,
    [exchange(AIA, True, AIA_BODY, {"status": 200, "headers": {"Date": DATE_HEADER, "Content-Type": "text/html"}, "body_text": "<html><body>Welcome to the guest network</body></html>\n"})],
    {"exit": 255, "stdout": "", "stderr_contains": ["200"], "stderr_lines": 1},
    credentials=True, oracle=False,
)

fixture(
    "admin-initiate-auth", "no-credentials",
    "A signed operation with no AWS credentials anywhere (empty HOME, no AWS_* variables, IMDS"
    " disabled): exit 253 before any request.",
    AIA_ARGS, [],
    {"exit": 253, "stdout": "", "stderr_contains": ["credentials"], "stderr_lines": 1},
    credentials=False, oracle=False,
)

fixture(
    "admin-initiate-auth", "missing-auth-flow",
    "A required option is missing: exit 252 before any request, naming the option.",
    [a for a in AIA_ARGS if a not in ("--auth-flow", "ADMIN_USER_PASSWORD_AUTH")], [],
    {"exit": 252, "stdout": "", "stderr_contains": ["--auth-flow"], "stderr_lines": 1},
    credentials=True, oracle=False,
)

# ======================= admin-respond-to-auth-challenge =======================

ARAC = "AdminRespondToAuthChallenge"
ARAC_NPR_ARGS = [
    "admin-respond-to-auth-challenge",
    "--user-pool-id", POOL,
    "--client-id", CLIENT,
    "--challenge-name", "NEW_PASSWORD_REQUIRED",
    "--challenge-responses", f"NEW_PASSWORD={NEW_PASSWORD},USERNAME={USER}",
    "--session", SESSION_1,
]
ARAC_NPR_BODY = {
    "UserPoolId": POOL,
    "ClientId": CLIENT,
    "ChallengeName": "NEW_PASSWORD_REQUIRED",
    "ChallengeResponses": {"NEW_PASSWORD": NEW_PASSWORD, "USERNAME": USER},
    "Session": SESSION_1,
}
fixture(
    "admin-respond-to-auth-challenge", "new-password",
    "Answers NEW_PASSWORD_REQUIRED with --challenge-responses NEW_PASSWORD=...,USERNAME=... and"
    " --session; the service answers with tokens.",
    ARAC_NPR_ARGS,
    [exchange(ARAC, True, ARAC_NPR_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "arac-npr"))],
    AWSCLI, credentials=True,
)

ARAC_MFA_ARGS = [
    "admin-respond-to-auth-challenge",
    "--user-pool-id", POOL,
    "--client-id", CLIENT,
    "--challenge-name", "SOFTWARE_TOKEN_MFA",
    "--challenge-responses", f"USERNAME={USER},SOFTWARE_TOKEN_MFA_CODE=123456",
    "--session", SESSION_2,
]
ARAC_MFA_BODY = {
    "UserPoolId": POOL,
    "ClientId": CLIENT,
    "ChallengeName": "SOFTWARE_TOKEN_MFA",
    "ChallengeResponses": {"USERNAME": USER, "SOFTWARE_TOKEN_MFA_CODE": "123456"},
    "Session": SESSION_2,
}
fixture(
    "admin-respond-to-auth-challenge", "software-token-mfa",
    "Answers SOFTWARE_TOKEN_MFA with a six-digit code (a numeric-looking shorthand value stays a string).",
    ARAC_MFA_ARGS,
    [exchange(ARAC, True, ARAC_MFA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "arac-mfa"))],
    AWSCLI, credentials=True,
)

for case, args, body, code, message in [
    ("invalid-password", ARAC_NPR_ARGS, ARAC_NPR_BODY, "InvalidPasswordException", "Password does not conform to policy: Password must have symbol characters"),
    ("session-expired", ARAC_NPR_ARGS, ARAC_NPR_BODY, "NotAuthorizedException", "Invalid session for the user, session is expired."),
    ("invalid-parameter", ARAC_NPR_ARGS, ARAC_NPR_BODY, "InvalidParameterException", "Invalid attributes given, name is missing"),
    ("code-mismatch", ARAC_MFA_ARGS, ARAC_MFA_BODY, "CodeMismatchException", "Invalid code or auth state for the user."),
    ("user-not-found", ARAC_NPR_ARGS, ARAC_NPR_BODY, "UserNotFoundException", "User does not exist."),
    ("resource-not-found", ARAC_NPR_ARGS, ARAC_NPR_BODY, "ResourceNotFoundException", f"User pool {POOL} does not exist."),
    ("too-many-requests", ARAC_NPR_ARGS, ARAC_NPR_BODY, "TooManyRequestsException", "Rate exceeded"),
]:
    fixture(
        "admin-respond-to-auth-challenge", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        args,
        [exchange(ARAC, True, body, err(code, message, "arac-" + case), allow_retries=4 if code == "TooManyRequestsException" else None)],
        service_error_expect(code, message), credentials=True,
    )

# ======================= initiate-auth =======================

IA = "InitiateAuth"
IA_ARGS = [
    "initiate-auth",
    "--client-id", CLIENT,
    "--auth-flow", "USER_PASSWORD_AUTH",
    "--auth-parameters", f"USERNAME={USER},PASSWORD={PASSWORD}",
]
IA_BODY = {"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": USER, "PASSWORD": PASSWORD}}

fixture(
    "initiate-auth", "user-password-auth",
    "USER_PASSWORD_AUTH: an unsigned operation, no AWS credentials needed (region from AWS_REGION).",
    IA_ARGS,
    [exchange(IA, False, IA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "ia-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)

fixture(
    "initiate-auth", "refresh-token-auth",
    "REFRESH_TOKEN_AUTH: the answer has no RefreshToken (Cognito does not rotate it on this flow).",
    ["initiate-auth", "--client-id", CLIENT, "--auth-flow", "REFRESH_TOKEN_AUTH", "--auth-parameters", f"REFRESH_TOKEN={REFRESH_TOKEN}"],
    [exchange(IA, False, {"ClientId": CLIENT, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": REFRESH_TOKEN}},
              ok({"AuthenticationResult": result(ACCESS_TOKEN_2, ID_TOKEN_2, None), "ChallengeParameters": {}}, "ia-refresh"))],
    AWSCLI, env=UNSIGNED_ENV,
)

SRP_A = fake_bytes("srp-a", 384).hex()
SRP_B = fake_bytes("srp-b", 384).hex()
SALT = fake_bytes("salt", 16).hex()
SECRET_BLOCK = __import__("base64").b64encode(fake_bytes("secret-block", 1200)).decode()
fixture(
    "initiate-auth", "user-srp-auth",
    "USER_SRP_AUTH with a caller-computed SRP_A: the PASSWORD_VERIFIER challenge with SALT,"
    " SECRET_BLOCK, SRP_B, USERNAME and USER_ID_FOR_SRP (values fake).",
    ["initiate-auth", "--client-id", CLIENT, "--auth-flow", "USER_SRP_AUTH", "--auth-parameters", f"USERNAME={USER},SRP_A={SRP_A}"],
    [exchange(IA, False, {"ClientId": CLIENT, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": USER, "SRP_A": SRP_A}},
              ok({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"SALT": SALT, "SECRET_BLOCK": SECRET_BLOCK, "SRP_B": SRP_B, "USERNAME": USER, "USER_ID_FOR_SRP": USER}}, "ia-srp"))],
    AWSCLI, env=UNSIGNED_ENV,
)

fixture(
    "initiate-auth", "new-password-required",
    "USER_PASSWORD_AUTH for a FORCE_CHANGE_PASSWORD user: NEW_PASSWORD_REQUIRED with a Session.",
    IA_ARGS,
    [exchange(IA, False, IA_BODY, ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": NPR_PARAMS, "Session": SESSION_1}, "ia-npr"))],
    AWSCLI, env=UNSIGNED_ENV,
)

fixture(
    "initiate-auth", "query-access-token-text",
    "--query AuthenticationResult.AccessToken --output text prints the bare access token.",
    IA_ARGS + ["--query", "AuthenticationResult.AccessToken", "--output", "text"],
    [exchange(IA, False, IA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "ia-query"))],
    AWSCLI, env=UNSIGNED_ENV,
)

QUOTED_PW = "fake,Pass=w0rd"
fixture(
    "initiate-auth", "shorthand-quoted-value",
    "A shorthand value holding ',' and '=' inside double quotes (AWS CLI shorthand quoting).",
    ["initiate-auth", "--client-id", CLIENT, "--auth-flow", "USER_PASSWORD_AUTH", "--auth-parameters", f'USERNAME={USER},PASSWORD="{QUOTED_PW}"'],
    [exchange(IA, False, {"ClientId": CLIENT, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": USER, "PASSWORD": QUOTED_PW}},
              ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "ia-quoted"))],
    AWSCLI, env=UNSIGNED_ENV,
)
SECRETS["quoted password"] = QUOTED_PW

IA_ERRORS = [
    ("not-authorized", "NotAuthorizedException", "Incorrect username or password.", IA_ARGS, IA_BODY),
    ("user-not-found", "UserNotFoundException", "User does not exist.", IA_ARGS, IA_BODY),
    ("user-not-confirmed", "UserNotConfirmedException", "User is not confirmed.", IA_ARGS, IA_BODY),
    ("password-reset-required", "PasswordResetRequiredException", "Password reset required for the user", IA_ARGS, IA_BODY),
    ("invalid-parameter", "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client", IA_ARGS, IA_BODY),
    ("resource-not-found", "ResourceNotFoundException", f"User pool client {CLIENT} does not exist.", IA_ARGS, IA_BODY),
    ("too-many-requests", "TooManyRequestsException", "Rate exceeded", IA_ARGS, IA_BODY),
    ("secret-hash-missing", "NotAuthorizedException", f"Client {CLIENT} is configured with secret but SECRET_HASH was not received", IA_ARGS, IA_BODY),
    ("refresh-token-invalid", "NotAuthorizedException", "Invalid Refresh Token",
     ["initiate-auth", "--client-id", CLIENT, "--auth-flow", "REFRESH_TOKEN_AUTH", "--auth-parameters", f"REFRESH_TOKEN={REFRESH_TOKEN}"],
     {"ClientId": CLIENT, "AuthFlow": "REFRESH_TOKEN_AUTH", "AuthParameters": {"REFRESH_TOKEN": REFRESH_TOKEN}}),
]
for case, code, message, args, body in IA_ERRORS:
    fixture(
        "initiate-auth", "error-" + case,
        f"The service answers {code} (HTTP 400) to an unsigned InitiateAuth." + SERVICE_ERROR_NOTE,
        args,
        [exchange(IA, False, body, err(code, message, "ia-" + case), allow_retries=4 if code == "TooManyRequestsException" else None)],
        service_error_expect(code, message), env=UNSIGNED_ENV,
    )

# ======================= respond-to-auth-challenge =======================

RAC = "RespondToAuthChallenge"
RAC_NPR_ARGS = [
    "respond-to-auth-challenge",
    "--client-id", CLIENT,
    "--challenge-name", "NEW_PASSWORD_REQUIRED",
    "--challenge-responses", f"NEW_PASSWORD={NEW_PASSWORD},USERNAME={USER}",
    "--session", SESSION_1,
]
RAC_NPR_BODY = {
    "ClientId": CLIENT,
    "ChallengeName": "NEW_PASSWORD_REQUIRED",
    "ChallengeResponses": {"NEW_PASSWORD": NEW_PASSWORD, "USERNAME": USER},
    "Session": SESSION_1,
}
fixture(
    "respond-to-auth-challenge", "new-password",
    "Unsigned answer to NEW_PASSWORD_REQUIRED; tokens come back.",
    RAC_NPR_ARGS,
    [exchange(RAC, False, RAC_NPR_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "rac-npr"))],
    AWSCLI, env=UNSIGNED_ENV,
)
RAC_MFA_ARGS = [
    "respond-to-auth-challenge",
    "--client-id", CLIENT,
    "--challenge-name", "SOFTWARE_TOKEN_MFA",
    "--challenge-responses", f"USERNAME={USER},SOFTWARE_TOKEN_MFA_CODE=654321",
    "--session", SESSION_2,
]
RAC_MFA_BODY = {
    "ClientId": CLIENT,
    "ChallengeName": "SOFTWARE_TOKEN_MFA",
    "ChallengeResponses": {"USERNAME": USER, "SOFTWARE_TOKEN_MFA_CODE": "654321"},
    "Session": SESSION_2,
}
fixture(
    "respond-to-auth-challenge", "software-token-mfa",
    "Unsigned answer to SOFTWARE_TOKEN_MFA; tokens come back.",
    RAC_MFA_ARGS,
    [exchange(RAC, False, RAC_MFA_BODY, ok({"AuthenticationResult": result(), "ChallengeParameters": {}}, "rac-mfa"))],
    AWSCLI, env=UNSIGNED_ENV,
)
for case, args, body, code, message in [
    ("invalid-password", RAC_NPR_ARGS, RAC_NPR_BODY, "InvalidPasswordException", "Password does not conform to policy: Password not long enough"),
    ("session-expired", RAC_NPR_ARGS, RAC_NPR_BODY, "NotAuthorizedException", "Invalid session for the user, session is expired."),
    ("code-mismatch", RAC_MFA_ARGS, RAC_MFA_BODY, "CodeMismatchException", "Invalid code or auth state for the user."),
    ("expired-code", RAC_MFA_ARGS, RAC_MFA_BODY, "ExpiredCodeException", "Invalid code provided, please request a code again."),
    ("software-token-mfa-not-found", RAC_MFA_ARGS, RAC_MFA_BODY, "SoftwareTokenMFANotFoundException", "Software Token MFA does not exist for the user."),
]:
    fixture(
        "respond-to-auth-challenge", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        args,
        [exchange(RAC, False, body, err(code, message, "rac-" + case))],
        service_error_expect(code, message), env=UNSIGNED_ENV,
    )

# ======================= admin-create-user =======================

ACU = "AdminCreateUser"
ACU_ARGS = [
    "admin-create-user",
    "--user-pool-id", POOL,
    "--username", USER,
    "--user-attributes", f"Name=email,Value={EMAIL}", "Name=email_verified,Value=true",
    "--temporary-password", TEMP_PASSWORD,
    "--message-action", "SUPPRESS",
]
ACU_BODY = {
    "UserPoolId": POOL,
    "Username": USER,
    "UserAttributes": [{"Name": "email", "Value": EMAIL}, {"Name": "email_verified", "Value": "true"}],
    "TemporaryPassword": TEMP_PASSWORD,
    "MessageAction": "SUPPRESS",
}
# The wire form of timestamps: epoch seconds in scientific notation, as Cognito writes them.
ACU_RESPONSE_TEXT = (
    '{"User":{"Attributes":[{"Name":"email","Value":"' + EMAIL + '"},{"Name":"email_verified","Value":"true"},'
    '{"Name":"sub","Value":"' + SUB + '"}],"Enabled":true,"UserCreateDate":1.767225600123E9,'
    '"UserLastModifiedDate":1.7672256E9,"UserStatus":"FORCE_CHANGE_PASSWORD","Username":"' + USER + '"}}'
)
fixture(
    "admin-create-user", "suppress-with-attributes",
    "The list shorthand --user-attributes Name=email,Value=... Name=email_verified,Value=true,"
    " --temporary-password and --message-action SUPPRESS. The answer's timestamps are epoch seconds"
    " in scientific notation on the wire; the AWS CLI v2 prints them as ISO 8601 (UTC here).",
    ACU_ARGS,
    [exchange(ACU, True, ACU_BODY, ok_text(ACU_RESPONSE_TEXT, "acu-ok"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-create-user", "json-attributes-delivery-mediums",
    "--user-attributes as JSON, --desired-delivery-mediums EMAIL and --force-alias-creation;"
    " no temporary password (Cognito makes one and mails it).",
    ["admin-create-user", "--user-pool-id", POOL, "--username", USER,
     "--user-attributes", json.dumps([{"Name": "email", "Value": EMAIL}]),
     "--desired-delivery-mediums", "EMAIL", "--force-alias-creation"],
    [exchange(ACU, True, {"UserPoolId": POOL, "Username": USER, "UserAttributes": [{"Name": "email", "Value": EMAIL}], "DesiredDeliveryMediums": ["EMAIL"], "ForceAliasCreation": True},
              ok_text(ACU_RESPONSE_TEXT.replace(',{"Name":"email_verified","Value":"true"}', ""), "acu-json"))],
    AWSCLI, credentials=True,
)
for case, code, message in [
    ("username-exists", "UsernameExistsException", "User account already exists"),
    ("invalid-password", "InvalidPasswordException", "Password did not conform with password policy: Password must have numeric characters"),
    ("invalid-parameter", "InvalidParameterException", "Invalid email address format."),
]:
    fixture(
        "admin-create-user", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        ACU_ARGS,
        [exchange(ACU, True, ACU_BODY, err(code, message, "acu-" + case))],
        service_error_expect(code, message), credentials=True,
    )

# ======================= admin-set-user-password =======================

ASUP = "AdminSetUserPassword"
ASUP_ARGS = ["admin-set-user-password", "--user-pool-id", POOL, "--username", USER, "--password", NEW_PASSWORD]
ASUP_BODY = {"UserPoolId": POOL, "Username": USER, "Password": NEW_PASSWORD}
fixture(
    "admin-set-user-password", "permanent",
    "--permanent sets Permanent: true; the answer is an empty object, so nothing is printed.",
    ASUP_ARGS + ["--permanent"],
    [exchange(ASUP, True, {**ASUP_BODY, "Permanent": True}, ok({}, "asup-perm"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-set-user-password", "no-permanent",
    "--no-permanent sends Permanent: false.",
    ASUP_ARGS + ["--no-permanent"],
    [exchange(ASUP, True, {**ASUP_BODY, "Permanent": False}, ok({}, "asup-noperm"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-set-user-password", "debug-redacts-secrets",
    "--debug traces the exchange on stderr but never shows the password or the AWS secret key"
    " (the runner checks the fake secret key in every fixture).",
    ["--debug"] + ASUP_ARGS + ["--permanent"],
    [exchange(ASUP, True, {**ASUP_BODY, "Permanent": True}, ok({}, "asup-debug"))],
    {"exit": 0, "stdout": "", "stderr_contains": ["AdminSetUserPassword"]},
    credentials=True, oracle=False,
)
for case, code, message in [
    ("invalid-password", "InvalidPasswordException", "Password does not conform to policy: Password not long enough"),
    ("user-not-found", "UserNotFoundException", "User does not exist."),
    ("password-history", "PasswordHistoryPolicyViolationException", "The password does not meet the requirements of the password history policy."),
]:
    fixture(
        "admin-set-user-password", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        ASUP_ARGS + ["--permanent"],
        [exchange(ASUP, True, {**ASUP_BODY, "Permanent": True}, err(code, message, "asup-" + case))],
        service_error_expect(code, message), credentials=True,
    )

# ======================= admin-get-user =======================

AGU = "AdminGetUser"
AGU_ARGS = ["admin-get-user", "--user-pool-id", POOL, "--username", USER]
AGU_BODY = {"UserPoolId": POOL, "Username": USER}
AGU_RESPONSE_TEXT = (
    '{"Enabled":true,"MFAOptions":[],"PreferredMfaSetting":"SOFTWARE_TOKEN_MFA",'
    '"UserAttributes":[{"Name":"sub","Value":"' + SUB + '"},{"Name":"email_verified","Value":"true"},'
    '{"Name":"name","Value":"Zoë Ångström"},{"Name":"email","Value":"' + EMAIL + '"}],'
    '"UserCreateDate":1.767225600123E9,"UserLastModifiedDate":1.7672292E9,'
    '"UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"UserStatus":"CONFIRMED","Username":"' + USER + '"}'
)
fixture(
    "admin-get-user", "confirmed-user",
    "A confirmed user with TOTP MFA and a non-ASCII attribute value (printed as UTF-8, not \\u"
    " escapes, as the AWS CLI does). Timestamps in scientific notation on the wire, ISO 8601 in the output.",
    AGU_ARGS,
    [exchange(AGU, True, AGU_BODY, ok_text(AGU_RESPONSE_TEXT, "agu-ok"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-get-user", "query-user-status-text",
    "--query UserStatus --output text prints the bare value.",
    AGU_ARGS + ["--query", "UserStatus", "--output", "text"],
    [exchange(AGU, True, AGU_BODY, ok_text(AGU_RESPONSE_TEXT, "agu-query"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-get-user", "unknown-members-dropped",
    "The answer carries a member the API model does not know (NewFeatureFlag); the AWS CLI drops"
    " members outside the output shape.",
    AGU_ARGS,
    [exchange(AGU, True, AGU_BODY, ok({"Enabled": True, "NewFeatureFlag": "on", "UserAttributes": [{"Name": "sub", "Value": SUB}], "UserCreateDate": 1767225600, "UserLastModifiedDate": 1767225600, "UserStatus": "CONFIRMED", "Username": USER}, "agu-unknown"), unmodelled=["NewFeatureFlag"])],
    AWSCLI, credentials=True,
)
for case, code, message in [
    ("user-not-found", "UserNotFoundException", "User does not exist."),
    ("resource-not-found", "ResourceNotFoundException", f"User pool {POOL} does not exist."),
]:
    fixture(
        "admin-get-user", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        AGU_ARGS,
        [exchange(AGU, True, AGU_BODY, err(code, message, "agu-" + case))],
        service_error_expect(code, message), credentials=True,
    )

# ======================= admin-delete-user =======================

ADU = "AdminDeleteUser"
ADU_ARGS = ["admin-delete-user", "--user-pool-id", POOL, "--username", USER]
ADU_BODY = {"UserPoolId": POOL, "Username": USER}
fixture(
    "admin-delete-user", "success",
    "AdminDeleteUser has no output shape: HTTP 200 with an empty body, nothing printed.",
    ADU_ARGS,
    [exchange(ADU, True, ADU_BODY, {"status": 200, "headers": headers("adu-ok"), "body_text": ""})],
    AWSCLI, credentials=True,
)
fixture(
    "admin-delete-user", "error-user-not-found",
    "The service answers UserNotFoundException (HTTP 400)." + SERVICE_ERROR_NOTE,
    ADU_ARGS,
    [exchange(ADU, True, ADU_BODY, err("UserNotFoundException", "User does not exist.", "adu-nf"))],
    service_error_expect("UserNotFoundException", "User does not exist."), credentials=True,
)

# ======================= admin-confirm-sign-up =======================

ACSU = "AdminConfirmSignUp"
ACSU_ARGS = ["admin-confirm-sign-up", "--user-pool-id", POOL, "--username", USER]
ACSU_BODY = {"UserPoolId": POOL, "Username": USER}
fixture(
    "admin-confirm-sign-up", "success",
    "Confirms an UNCONFIRMED user; the answer is {} and nothing is printed.",
    ACSU_ARGS,
    [exchange(ACSU, True, ACSU_BODY, ok({}, "acsu-ok"))],
    AWSCLI, credentials=True,
)
fixture(
    "admin-confirm-sign-up", "error-already-confirmed",
    "Confirming a CONFIRMED user: NotAuthorizedException (HTTP 400)." + SERVICE_ERROR_NOTE,
    ACSU_ARGS,
    [exchange(ACSU, True, ACSU_BODY, err("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED", "acsu-conf"))],
    service_error_expect("NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"), credentials=True,
)

# ======================= sign-up =======================

SU = "SignUp"
SU_ARGS = ["sign-up", "--client-id", CLIENT, "--username", USER, "--password", PASSWORD, "--user-attributes", f"Name=email,Value={EMAIL}"]
SU_BODY = {"ClientId": CLIENT, "Username": USER, "Password": PASSWORD, "UserAttributes": [{"Name": "email", "Value": EMAIL}]}
SU_RESPONSE = {"CodeDeliveryDetails": {"AttributeName": "email", "DeliveryMedium": "EMAIL", "Destination": "a***@e***"}, "UserConfirmed": False, "UserSub": SUB}
fixture(
    "sign-up", "success",
    "Unsigned self sign-up with an email attribute; the code goes to the masked address.",
    SU_ARGS,
    [exchange(SU, False, SU_BODY, ok(SU_RESPONSE, "su-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
SU_HASH = fl.secret_hash(CLIENT_SECRET, USER, SECRET_CLIENT)
fixture(
    "sign-up", "secret-hash",
    "An app client with a secret: the caller passes --secret-hash (base64 HMAC-SHA256 of username+client id).",
    ["sign-up", "--client-id", SECRET_CLIENT, "--secret-hash", SU_HASH, "--username", USER, "--password", PASSWORD, "--user-attributes", f"Name=email,Value={EMAIL}"],
    [exchange(SU, False, {"ClientId": SECRET_CLIENT, "SecretHash": SU_HASH, "Username": USER, "Password": PASSWORD, "UserAttributes": [{"Name": "email", "Value": EMAIL}]}, ok(SU_RESPONSE, "su-hash"))],
    AWSCLI, env=UNSIGNED_ENV,
)
for case, code, message in [
    ("username-exists", "UsernameExistsException", "User already exists"),
    ("invalid-password", "InvalidPasswordException", "Password did not conform with policy: Password not long enough"),
    ("invalid-parameter", "InvalidParameterException", "Invalid email address format."),
]:
    fixture(
        "sign-up", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        SU_ARGS,
        [exchange(SU, False, SU_BODY, err(code, message, "su-" + case))],
        service_error_expect(code, message), env=UNSIGNED_ENV,
    )

# ======================= confirm-sign-up =======================

CSU = "ConfirmSignUp"
CSU_ARGS = ["confirm-sign-up", "--client-id", CLIENT, "--username", USER, "--confirmation-code", "123456"]
CSU_BODY = {"ClientId": CLIENT, "Username": USER, "ConfirmationCode": "123456"}
fixture(
    "confirm-sign-up", "success",
    "Confirms with the emailed code; the answer is {} and nothing is printed.",
    CSU_ARGS,
    [exchange(CSU, False, CSU_BODY, ok({}, "csu-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
for case, code, message in [
    ("code-mismatch", "CodeMismatchException", "Invalid verification code provided, please try again."),
    ("expired-code", "ExpiredCodeException", "Invalid code provided, please request a code again."),
    ("already-confirmed", "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED"),
]:
    fixture(
        "confirm-sign-up", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        CSU_ARGS,
        [exchange(CSU, False, CSU_BODY, err(code, message, "csu-" + case))],
        service_error_expect(code, message), env=UNSIGNED_ENV,
    )

# ======================= get-user =======================

GU = "GetUser"
GU_ARGS = ["get-user", "--access-token", ACCESS_TOKEN]
GU_BODY = {"AccessToken": ACCESS_TOKEN}
fixture(
    "get-user", "success",
    "GetUser with an access token (unsigned): Username and UserAttributes.",
    GU_ARGS,
    [exchange(GU, False, GU_BODY, ok({"UserAttributes": [{"Name": "sub", "Value": SUB}, {"Name": "email_verified", "Value": "true"}, {"Name": "email", "Value": EMAIL}], "Username": USER}, "gu-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
for case, code, message in [
    ("token-revoked", "NotAuthorizedException", "Access Token has been revoked"),
    ("token-expired", "NotAuthorizedException", "Access Token has expired"),
    ("invalid-token", "NotAuthorizedException", "Invalid Access Token"),
]:
    fixture(
        "get-user", "error-" + case,
        f"The service answers {code} (HTTP 400)." + SERVICE_ERROR_NOTE,
        GU_ARGS,
        [exchange(GU, False, GU_BODY, err(code, message, "gu-" + case))],
        service_error_expect(code, message), env=UNSIGNED_ENV,
    )

# ======================= global-sign-out =======================

GSO = "GlobalSignOut"
GSO_ARGS = ["global-sign-out", "--access-token", ACCESS_TOKEN]
GSO_BODY = {"AccessToken": ACCESS_TOKEN}
fixture(
    "global-sign-out", "success",
    "GlobalSignOut revokes the user's tokens; the answer is {} and nothing is printed.",
    GSO_ARGS,
    [exchange(GSO, False, GSO_BODY, ok({}, "gso-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "global-sign-out", "error-token-revoked",
    "Signing out with an already revoked token: NotAuthorizedException." + SERVICE_ERROR_NOTE,
    GSO_ARGS,
    [exchange(GSO, False, GSO_BODY, err("NotAuthorizedException", "Access Token has been revoked", "gso-rev"))],
    service_error_expect("NotAuthorizedException", "Access Token has been revoked"), env=UNSIGNED_ENV,
)

# ======================= revoke-token =======================

RT = "RevokeToken"
fixture(
    "revoke-token", "success",
    "Revokes a refresh token for a public client; the answer is {} and nothing is printed.",
    ["revoke-token", "--token", REFRESH_TOKEN, "--client-id", CLIENT],
    [exchange(RT, False, {"Token": REFRESH_TOKEN, "ClientId": CLIENT}, ok({}, "rt-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "revoke-token", "client-secret",
    "Revokes for a confidential client: --client-secret goes in the body as ClientSecret.",
    ["revoke-token", "--token", S_REFRESH_TOKEN, "--client-id", SECRET_CLIENT, "--client-secret", CLIENT_SECRET],
    [exchange(RT, False, {"Token": S_REFRESH_TOKEN, "ClientId": SECRET_CLIENT, "ClientSecret": CLIENT_SECRET}, ok({}, "rt-secret"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "revoke-token", "error-unsupported-token-type",
    "Revoking an access token instead of a refresh token: UnsupportedTokenTypeException (message text"
    " not confirmed from a real answer).",
    ["revoke-token", "--token", ACCESS_TOKEN, "--client-id", CLIENT],
    [exchange(RT, False, {"Token": ACCESS_TOKEN, "ClientId": CLIENT}, err("UnsupportedTokenTypeException", "Unsupported token type", "rt-unsup"))],
    service_error_expect("UnsupportedTokenTypeException", "Unsupported token type"), env=UNSIGNED_ENV,
)

# ======================= get-tokens-from-refresh-token =======================

GTFRT = "GetTokensFromRefreshToken"
fixture(
    "get-tokens-from-refresh-token", "rotation",
    "GetTokensFromRefreshToken with refresh-token rotation on: a new RefreshToken comes back.",
    ["get-tokens-from-refresh-token", "--refresh-token", REFRESH_TOKEN, "--client-id", CLIENT],
    [exchange(GTFRT, False, {"RefreshToken": REFRESH_TOKEN, "ClientId": CLIENT}, ok({"AuthenticationResult": result(ACCESS_TOKEN_2, ID_TOKEN_2, REFRESH_TOKEN_2)}, "gtfrt-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "get-tokens-from-refresh-token", "client-secret",
    "For a confidential client: --client-secret goes in the body as ClientSecret (no SECRET_HASH).",
    ["get-tokens-from-refresh-token", "--refresh-token", S_REFRESH_TOKEN, "--client-id", SECRET_CLIENT, "--client-secret", CLIENT_SECRET],
    [exchange(GTFRT, False, {"RefreshToken": S_REFRESH_TOKEN, "ClientId": SECRET_CLIENT, "ClientSecret": CLIENT_SECRET}, ok({"AuthenticationResult": result(S_ACCESS_TOKEN, S_ID_TOKEN, None)}, "gtfrt-secret"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "get-tokens-from-refresh-token", "error-invalid-refresh-token",
    "The refresh token is invalid or revoked: NotAuthorizedException." + SERVICE_ERROR_NOTE,
    ["get-tokens-from-refresh-token", "--refresh-token", REFRESH_TOKEN, "--client-id", CLIENT],
    [exchange(GTFRT, False, {"RefreshToken": REFRESH_TOKEN, "ClientId": CLIENT}, err("NotAuthorizedException", "Invalid Refresh Token", "gtfrt-inv"))],
    service_error_expect("NotAuthorizedException", "Invalid Refresh Token"), env=UNSIGNED_ENV,
)

# ======================= associate-software-token =======================

AST = "AssociateSoftwareToken"
fixture(
    "associate-software-token", "access-token",
    "Associates a TOTP authenticator for a signed-in user: the answer has the base32 SecretCode.",
    ["associate-software-token", "--access-token", ACCESS_TOKEN],
    [exchange(AST, False, {"AccessToken": ACCESS_TOKEN}, ok({"SecretCode": TOTP_SEED}, "ast-at"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "associate-software-token", "session",
    "During MFA_SETUP, associates with the sign-in --session: a new Session comes back with the SecretCode.",
    ["associate-software-token", "--session", SESSION_1],
    [exchange(AST, False, {"Session": SESSION_1}, ok({"SecretCode": TOTP_SEED, "Session": SESSION_2}, "ast-session"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "associate-software-token", "error-token-revoked",
    "NotAuthorizedException for a revoked access token." + SERVICE_ERROR_NOTE,
    ["associate-software-token", "--access-token", ACCESS_TOKEN],
    [exchange(AST, False, {"AccessToken": ACCESS_TOKEN}, err("NotAuthorizedException", "Access Token has been revoked", "ast-rev"))],
    service_error_expect("NotAuthorizedException", "Access Token has been revoked"), env=UNSIGNED_ENV,
)

# ======================= verify-software-token =======================

VST = "VerifySoftwareToken"
fixture(
    "verify-software-token", "success",
    "Verifies the first TOTP code with a --friendly-device-name: Status SUCCESS.",
    ["verify-software-token", "--access-token", ACCESS_TOKEN, "--user-code", "123456", "--friendly-device-name", "ci-phone"],
    [exchange(VST, False, {"AccessToken": ACCESS_TOKEN, "UserCode": "123456", "FriendlyDeviceName": "ci-phone"}, ok({"Status": "SUCCESS"}, "vst-ok"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "verify-software-token", "session",
    "During MFA_SETUP, verifies with the --session: Status SUCCESS and a new Session.",
    ["verify-software-token", "--session", SESSION_2, "--user-code", "123456"],
    [exchange(VST, False, {"Session": SESSION_2, "UserCode": "123456"}, ok({"Session": SESSION_1, "Status": "SUCCESS"}, "vst-session"))],
    AWSCLI, env=UNSIGNED_ENV,
)
fixture(
    "verify-software-token", "error-code-mismatch",
    "A wrong first code: EnableSoftwareTokenMFAException." + SERVICE_ERROR_NOTE,
    ["verify-software-token", "--access-token", ACCESS_TOKEN, "--user-code", "000000"],
    [exchange(VST, False, {"AccessToken": ACCESS_TOKEN, "UserCode": "000000"}, err("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA", "vst-mm"))],
    service_error_expect("EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA"), env=UNSIGNED_ENV,
)

# ======================= login =======================

LOGIN_ADMIN = ["login", "--flow", "admin", "--user-pool-id", POOL, "--client-id", CLIENT, "--username", USER]
LOGIN_ENV = {"COGTOK_PASSWORD": PASSWORD}
AR_JSON = result()  # service order: AccessToken, ExpiresIn, IdToken, RefreshToken, TokenType
# What `login --output json` prints: the AuthenticationResult as the AWS CLI prints it with
# `--query AuthenticationResult`, members in the API model's order.
AR_PRINTED = {k: AR_JSON[k] for k in ("AccessToken", "ExpiresIn", "TokenType", "RefreshToken", "IdToken")}


def login_npr_params(user_id=USER, required="[]"):
    return {
        "USER_ID_FOR_SRP": user_id,
        "requiredAttributes": required,
        "userAttributes": json.dumps({"email_verified": "true", "email": EMAIL}, separators=(",", ":")),
    }


ADMIN_AUTH_OK = exchange(AIA, True, AIA_BODY, ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-aia-ok"))

fixture(
    "login", "admin-json",
    "cogtok login --flow admin with the password from COGTOK_PASSWORD: one signed AdminInitiateAuth"
    " (ADMIN_USER_PASSWORD_AUTH) and the AuthenticationResult printed as JSON, 4-space indent,"
    " exactly as `aws cognito-idp admin-initiate-auth ... --query AuthenticationResult` prints it"
    " (members in the API model's order, not the service's alphabetical one).",
    LOGIN_ADMIN, [ADMIN_AUTH_OK],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True, env=LOGIN_ENV,
)

fixture(
    "login", "admin-new-password",
    "The whole story of DESIGN.md in one command: AdminInitiateAuth answers NEW_PASSWORD_REQUIRED;"
    " cogtok answers with AdminRespondToAuthChallenge (USERNAME = the challenge's USER_ID_FOR_SRP, here"
    " the internal username, not the alias typed; NEW_PASSWORD from --new-password-env NEWPW; the same"
    " Session) and prints the tokens.",
    ["login", "--flow", "admin", "--user-pool-id", POOL, "--client-id", CLIENT, "--username", EMAIL, "--new-password-env", "NEWPW"],
    [
        exchange(AIA, True, {**AIA_BODY, "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": PASSWORD}},
                 ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": login_npr_params(SUB), "Session": SESSION_1}, "login-npr-1")),
        exchange(ARAC, True, {"UserPoolId": POOL, "ClientId": CLIENT, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": SESSION_1,
                              "ChallengeResponses": {"USERNAME": SUB, "NEW_PASSWORD": NEW_PASSWORD}},
                 ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-npr-2")),
    ],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True, env={"COGTOK_PASSWORD": PASSWORD, "NEWPW": NEW_PASSWORD},
)

fixture(
    "login", "admin-new-password-required-attributes",
    "NEW_PASSWORD_REQUIRED whose requiredAttributes lists userAttributes.name: --attribute name=..."
    " is sent as the challenge response userAttributes.name.",
    LOGIN_ADMIN + ["--new-password-env", "NEWPW", "--attribute", "name=Alice Example"],
    [
        exchange(AIA, True, AIA_BODY, ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": login_npr_params(USER, '["userAttributes.name"]'), "Session": SESSION_1}, "login-attr-1")),
        exchange(ARAC, True, {"UserPoolId": POOL, "ClientId": CLIENT, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": SESSION_1,
                              "ChallengeResponses": {"USERNAME": USER, "NEW_PASSWORD": NEW_PASSWORD, "userAttributes.name": "Alice Example"}},
                 ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-attr-2")),
    ],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True, env={"COGTOK_PASSWORD": PASSWORD, "NEWPW": NEW_PASSWORD},
)

fixture(
    "login", "admin-new-password-unanswerable",
    "NEW_PASSWORD_REQUIRED without --new-password-env (and no COGTOK_NEW_PASSWORD, no terminal): exit"
    " 254 naming the challenge and the option that answers it; the Session never shows.",
    LOGIN_ADMIN,
    [exchange(AIA, True, AIA_BODY, ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": login_npr_params(), "Session": SESSION_1}, "login-unans"))],
    {"exit": 254, "stdout": "", "stderr_contains": ["NEW_PASSWORD_REQUIRED", "--new-password-env"], "stderr_lines": 1},
    credentials=True, env=LOGIN_ENV,
)

fixture(
    "login", "admin-not-authorized",
    "A wrong password: the service error ends the run with 254; the password never shows.",
    LOGIN_ADMIN,
    [exchange(AIA, True, AIA_BODY, err("NotAuthorizedException", "Incorrect username or password.", "login-na"))],
    service_error_expect("NotAuthorizedException", "Incorrect username or password."),
    credentials=True, env=LOGIN_ENV,
)

fixture(
    "login", "admin-password-env-option",
    "--password-env names the variable holding the password (COGTOK_PASSWORD is not set).",
    LOGIN_ADMIN + ["--password-env", "MY_PW"], [ADMIN_AUTH_OK],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True, env={"MY_PW": PASSWORD},
)

fixture(
    "login", "admin-env-defaults",
    "Pool, client, username and password all from COGTOK_* variables.",
    ["login", "--flow", "admin"], [ADMIN_AUTH_OK],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True,
    env={"COGTOK_USER_POOL_ID": POOL, "COGTOK_CLIENT_ID": CLIENT, "COGTOK_USERNAME": USER, "COGTOK_PASSWORD": PASSWORD},
)

# --output formats (admin flow, one exchange each)
for fmt, stdout in [
    ("id-token", ID_TOKEN + "\n"),
    ("access-token", ACCESS_TOKEN + "\n"),
    ("refresh-token", REFRESH_TOKEN + "\n"),
    ("header", f"Authorization: Bearer {ID_TOKEN}\n"),
]:
    fixture(
        "login", "output-" + fmt,
        f"--output {fmt} prints one line and nothing else.",
        LOGIN_ADMIN + ["--output", fmt], [ADMIN_AUTH_OK],
        {"exit": 0, "stdout": stdout}, credentials=True, env=LOGIN_ENV,
    )

Q = "<<q>>"
ENV_TEMPLATE = (
    f"COGNITO_ID_TOKEN={Q}{ID_TOKEN}{Q}\nCOGNITO_ACCESS_TOKEN={Q}{ACCESS_TOKEN}{Q}\n"
    f"COGNITO_REFRESH_TOKEN={Q}{REFRESH_TOKEN}{Q}\nCOGNITO_EXPIRES_AT={Q}<<digits>>{Q}\n"
)
fixture(
    "login", "output-env",
    "--output env: four shell assignments in this order; the values are shell-safe, so each may be"
    " bare or single-quoted; COGNITO_EXPIRES_AT is unix seconds (any digits: now + ExpiresIn or the exp claim).",
    LOGIN_ADMIN + ["--output", "env"], [ADMIN_AUTH_OK],
    {"exit": 0, "stdout_template": ENV_TEMPLATE}, credentials=True, env=LOGIN_ENV,
)

# --flow password: unsigned InitiateAuth / RespondToAuthChallenge
LOGIN_PW = ["login", "--flow", "password", "--user-pool-id", POOL, "--client-id", CLIENT, "--username", USER]
fixture(
    "login", "password-flow",
    "--flow password: one unsigned InitiateAuth (USER_PASSWORD_AUTH); no AWS credentials at all.",
    LOGIN_PW + ["--output", "id-token"],
    [exchange(IA, False, IA_BODY, ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-pw"))],
    {"exit": 0, "stdout": ID_TOKEN + "\n"}, env=LOGIN_ENV,
)
fixture(
    "login", "password-flow-new-password",
    "--flow password with NEW_PASSWORD_REQUIRED: unsigned InitiateAuth then unsigned"
    " RespondToAuthChallenge with USERNAME = USER_ID_FOR_SRP and the Session.",
    LOGIN_PW + ["--new-password-env", "NEWPW"],
    [
        exchange(IA, False, IA_BODY, ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": login_npr_params(SUB), "Session": SESSION_1}, "login-pw-npr-1")),
        exchange(RAC, False, {"ClientId": CLIENT, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": SESSION_1,
                              "ChallengeResponses": {"USERNAME": SUB, "NEW_PASSWORD": NEW_PASSWORD}},
                 ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-pw-npr-2")),
    ],
    {"exit": 0, "stdout_json": AR_PRINTED}, env={"COGTOK_PASSWORD": PASSWORD, "NEWPW": NEW_PASSWORD},
)

# Client secret: SECRET_HASH over the username typed, then over the internal username.
S_AR = result(S_ACCESS_TOKEN, S_ID_TOKEN, S_REFRESH_TOKEN)
HASH_EMAIL = fl.secret_hash(CLIENT_SECRET, EMAIL, SECRET_CLIENT)
HASH_SUB = fl.secret_hash(CLIENT_SECRET, SUB, SECRET_CLIENT)
fixture(
    "login", "admin-client-secret-new-password",
    "An app client with a secret (--client-secret-env CS): SECRET_HASH = base64(HMAC-SHA256(secret,"
    " username + client id)) is in AuthParameters computed over the username typed (an email alias),"
    " then in ChallengeResponses computed over USER_ID_FOR_SRP (the internal username).",
    ["login", "--flow", "admin", "--user-pool-id", POOL, "--client-id", SECRET_CLIENT, "--username", EMAIL,
     "--client-secret-env", "CS", "--new-password-env", "NEWPW", "--output", "access-token"],
    [
        exchange(AIA, True, {"UserPoolId": POOL, "ClientId": SECRET_CLIENT, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                             "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": PASSWORD, "SECRET_HASH": HASH_EMAIL}},
                 ok({"ChallengeName": "NEW_PASSWORD_REQUIRED", "ChallengeParameters": login_npr_params(SUB), "Session": SESSION_1}, "login-cs-1")),
        exchange(ARAC, True, {"UserPoolId": POOL, "ClientId": SECRET_CLIENT, "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": SESSION_1,
                              "ChallengeResponses": {"USERNAME": SUB, "NEW_PASSWORD": NEW_PASSWORD, "SECRET_HASH": HASH_SUB}},
                 ok({"AuthenticationResult": S_AR, "ChallengeParameters": {}}, "login-cs-2")),
    ],
    {"exit": 0, "stdout": S_ACCESS_TOKEN + "\n"},
    credentials=True, env={"COGTOK_PASSWORD": PASSWORD, "NEWPW": NEW_PASSWORD, "CS": CLIENT_SECRET},
)
fixture(
    "login", "password-flow-client-secret",
    "--flow password with a client secret from COGTOK_CLIENT_SECRET: SECRET_HASH in the unsigned"
    " InitiateAuth's AuthParameters.",
    ["login", "--flow", "password", "--user-pool-id", POOL, "--client-id", SECRET_CLIENT, "--username", EMAIL, "--output", "refresh-token"],
    [exchange(IA, False, {"ClientId": SECRET_CLIENT, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {"USERNAME": EMAIL, "PASSWORD": PASSWORD, "SECRET_HASH": HASH_EMAIL}},
              ok({"AuthenticationResult": S_AR, "ChallengeParameters": {}}, "login-pw-cs"))],
    {"exit": 0, "stdout": S_REFRESH_TOKEN + "\n"},
    env={"COGTOK_PASSWORD": PASSWORD, "COGTOK_CLIENT_SECRET": CLIENT_SECRET},
)

# MFA and SRP flows (DESIGN.md §5 roadmap); a fixture stays "pending" until the binary has it.
TIMESTAMP_TEMPLATE = "<<alpha>> <<alpha>> <<digits>> <<digits>>:<<digits>>:<<digits>> UTC <<digits>>"
fixture(
    "login", "admin-software-token-mfa",
    "SOFTWARE_TOKEN_MFA answered from --totp-secret-env: the six-digit RFC 6238 code depends on the"
    " clock, so it is matched as digits.",
    LOGIN_ADMIN + ["--totp-secret-env", "TOTP"],
    [
        exchange(AIA, True, AIA_BODY, ok({"ChallengeName": "SOFTWARE_TOKEN_MFA", "ChallengeParameters": {"USER_ID_FOR_SRP": USER}, "Session": SESSION_2}, "login-totp-1")),
        exchange(ARAC, True, {"UserPoolId": POOL, "ClientId": CLIENT, "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": SESSION_2,
                              "ChallengeResponses": {"USERNAME": USER, "SOFTWARE_TOKEN_MFA_CODE": "<<digits>>"}},
                 ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-totp-2")),
    ],
    {"exit": 0, "stdout_json": AR_PRINTED}, credentials=True, env={"COGTOK_PASSWORD": PASSWORD, "TOTP": TOTP_SEED},
)
fixture(
    "login", "srp-default-flow",
    "The default --flow srp: InitiateAuth USER_SRP_AUTH with a random SRP_A (hex), the"
    " PASSWORD_VERIFIER challenge, and RespondToAuthChallenge with USERNAME = USER_ID_FOR_SRP, the"
    " SECRET_BLOCK echoed, a base64 PASSWORD_CLAIM_SIGNATURE and TIMESTAMP like 'Tue Jan 6 03:04:05 UTC"
    " 2026'. Values are fake, so only shapes are checked.",
    ["login", "--user-pool-id", POOL, "--client-id", CLIENT, "--username", USER, "--output", "id-token"],
    [
        exchange(IA, False, {"ClientId": CLIENT, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": USER, "SRP_A": "<<hex>>"}},
                 ok({"ChallengeName": "PASSWORD_VERIFIER", "ChallengeParameters": {"SALT": SALT, "SECRET_BLOCK": SECRET_BLOCK, "SRP_B": SRP_B, "USERNAME": USER, "USER_ID_FOR_SRP": SUB}}, "login-srp-1")),
        exchange(RAC, False, {"ClientId": CLIENT, "ChallengeName": "PASSWORD_VERIFIER",
                              "ChallengeResponses": {"USERNAME": SUB, "PASSWORD_CLAIM_SECRET_BLOCK": SECRET_BLOCK, "PASSWORD_CLAIM_SIGNATURE": "<<base64>>", "TIMESTAMP": TIMESTAMP_TEMPLATE}},
                 ok({"AuthenticationResult": AR_JSON, "ChallengeParameters": {}}, "login-srp-2")),
    ],
    {"exit": 0, "stdout": ID_TOKEN + "\n"}, env=LOGIN_ENV,
    pending="SRP (roadmap)",
)


# --- Writing ------------------------------------------------------------------------------------


def expected_text(expect):
    if "stdout" in expect:
        return expect["stdout"]
    if "stdout_json" in expect:
        return fl.render_json(expect["stdout_json"])
    t = expect.get("stdout_template", [])
    return t if isinstance(t, str) else "".join(t)


def add_never_contains(doc):
    """Every fake secret that the run is given (args, env, answers) and that must not be printed."""
    expect = doc["expect"]
    given = json.dumps([doc["args"], doc.get("env", {}), doc["exchanges"]], ensure_ascii=False)
    shown = expected_text(expect)
    never = sorted({v for v in SECRETS.values() if v in given and v not in shown})
    if never:
        expect["never_contains"] = never


def load_existing(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return None


def fill_from_awscli(item, use_awscli):
    doc = item["doc"]
    path = os.path.join(OUT, item["path"])
    if doc["expect"] is not AWSCLI:
        return
    if not use_awscli:
        old = load_existing(path)
        if old is None:
            sys.exit(f"{item['path']}: no AWS CLI and no earlier file to take the expectation from")
        doc["expect"] = old["expect"]
        doc["description"] = old["description"]
        return
    code, out, errtext, mismatches, unconsumed = fl.run_awscli(doc)
    if code != 0 or mismatches or unconsumed:
        sys.exit(f"{item['path']}: the AWS CLI disagrees with the fixture:\n exit {code}\n"
                 + "\n".join(mismatches + unconsumed) + f"\n stdout: {out}\n stderr: {errtext}")
    expect = {"exit": 0}
    try:
        parsed = json.loads(out, object_pairs_hook=dict) if out.strip() else None
    except json.JSONDecodeError:
        parsed = None
    def has_float(v):
        if isinstance(v, float):
            return True
        if isinstance(v, dict):
            return any(has_float(x) for x in v.values())
        if isinstance(v, list):
            return any(has_float(x) for x in v)
        return False

    # stdout_json only where the Rust runner renders it byte for byte as Python does (no floats).
    if parsed is not None and isinstance(parsed, (dict, list)) and fl.render_json(parsed) == out and not has_float(parsed):
        expect["stdout_json"] = parsed
    else:
        expect["stdout"] = out
    doc["expect"] = expect
    doc["description"] += f" Expected stdout recorded from {fl.awscli_version().split()[0]}."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--no-awscli", action="store_true", help="keep raw-command expectations from the files on disk")
    ap.add_argument("--only", default="", help="write only fixtures whose path contains this")
    opts = ap.parse_args()
    use_awscli = not opts.no_awscli
    if use_awscli and not fl.awscli_path():
        sys.exit("the AWS CLI (aws) is not on PATH: install awscli or pass --no-awscli")
    seen = set()
    for item in FIXTURES:
        if item["path"] in seen:
            sys.exit(f"duplicate fixture {item['path']}")
        seen.add(item["path"])
        if opts.only not in item["path"]:
            continue
        fill_from_awscli(item, use_awscli and item["oracle"])
        if item["doc"]["expect"] is AWSCLI:
            sys.exit(f"{item['path']}: expectation left unset")
        add_never_contains(item["doc"])
        path = os.path.join(OUT, item["path"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            json.dump(item["doc"], f, indent=2, ensure_ascii=False)
            f.write("\n")
    print(f"wrote {sum(1 for i in FIXTURES if opts.only in i['path'])} fixtures under {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
