"""A Cognito stand-in that throttles, for tests/mint.rs: it checks how `cogtok mint` paces itself.

Neither moto nor cognito-local ever answers TooManyRequestsException, so the limiter's backing
off, the transport's retries and mint's rounds per user can only be seen against a server that
does. Python 3 standard library only; run with `python -I -S throttle_server.py CONFIG.json`.

It serves the cognito-idp JSON protocol on 127.0.0.1 for:

- InitiateAuth USER_PASSWORD_AUTH: when more than `limit` InitiateAuth requests (this one
  included, throttled ones too: they reach the service all the same) arrived in the last second
  (a sliding window), HTTP 400 TooManyRequestsException; else, when the password is the user's,
  an AuthenticationResult (or, with `new_password_required`, the NEW_PASSWORD_REQUIRED
  challenge first); else HTTP 400 NotAuthorizedException, as Cognito words it.
- RespondToAuthChallenge NEW_PASSWORD_REQUIRED with a Session this server handed out: tokens.
  Not throttled: Cognito counts challenge answers in a quota of their own.

The tokens are JWT-shaped (an unsigned header, claims with sub, username, token_use, iat and
exp) and good for an hour.

Config (JSON): {"limit": 20, "delay_ms": 0, "password": "P", "passwords": {"user": "other P"},
"new_password_required": false, "log": "PATH"}. `delay_ms` holds every answer back that long
(a slow service, for the interrupt test); `passwords` overrides `password` for some users.

stdout: the port, one line, once listening. The log file: one JSON object a line per request,
written when the answer is decided: {"t": arrival time (seconds, time.time()), "op":
"InitiateAuth", "username": "...", "answer": "tokens" | "challenge" | "TooManyRequestsException"
| "NotAuthorizedException" | ...}. The server exits after LIFETIME seconds or when its standard
input closes (the test holds it open and kills the server when done).
"""

import base64
import collections
import http.server
import json
import os
import secrets
import sys
import threading
import time

LIFETIME = 300  # seconds; a test run is far shorter
INCORRECT = "Incorrect username or password."
PREFIX = "AWSCognitoIdentityProviderService."


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fake_jwt(claims):
    header = b64url(json.dumps({"alg": "none", "kid": "throttle-server"}).encode())
    body = b64url(json.dumps(claims).encode())
    return f"{header}.{body}.{b64url(secrets.token_bytes(16))}"


class Refused(Exception):
    """An error answer: HTTP 400 with the code as `__type`, logged under the username."""

    def __init__(self, code, message, username=""):
        super().__init__(code)
        self.code = code
        self.message = message
        self.username = username


class Service:
    def __init__(self, config):
        self.limit = int(config.get("limit", 20))
        self.delay = float(config.get("delay_ms", 0)) / 1000
        self.password = config.get("password", "")
        self.passwords = config.get("passwords", {})
        self.new_password_required = bool(config.get("new_password_required", False))
        self.lock = threading.Lock()
        self.window = collections.deque()  # arrival times of InitiateAuth, the last second's
        self.sessions = {}  # Session -> username
        self.log_file = open(config["log"], "a", encoding="utf-8")

    def log(self, arrived, operation, username, answer):
        line = json.dumps({"t": arrived, "op": operation, "username": username, "answer": answer})
        with self.lock:
            self.log_file.write(line + "\n")
            self.log_file.flush()

    def throttled(self, arrived):
        """Counts this arrival; True when it makes more than `limit` in the last second."""
        with self.lock:
            self.window.append(arrived)
            while self.window and self.window[0] <= arrived - 1.0:
                self.window.popleft()
            return len(self.window) > self.limit

    def tokens(self, client_id, username):
        now = int(time.time())
        common = {"sub": username, "iat": now, "exp": now + 3600}
        return {
            "AuthenticationResult": {
                "AccessToken": fake_jwt({**common, "username": username, "client_id": client_id,
                                         "token_use": "access"}),
                "IdToken": fake_jwt({**common, "cognito:username": username, "aud": client_id,
                                     "token_use": "id"}),
                "RefreshToken": b64url(secrets.token_bytes(48)),
                "ExpiresIn": 3600,
                "TokenType": "Bearer",
            },
            "ChallengeParameters": {},
        }

    def InitiateAuth(self, body, arrived):
        params = body.get("AuthParameters") or {}
        username = params.get("USERNAME", "")
        if self.throttled(arrived):
            raise Refused("TooManyRequestsException", "Too many requests", username)
        if body.get("AuthFlow") != "USER_PASSWORD_AUTH":
            raise Refused("InvalidParameterException", "Only USER_PASSWORD_AUTH is served here.",
                          username)
        if params.get("PASSWORD") != self.passwords.get(username, self.password):
            raise Refused("NotAuthorizedException", INCORRECT, username)
        if self.new_password_required:
            session = b64url(secrets.token_bytes(32))
            with self.lock:
                self.sessions[session] = username
            answer = {
                "ChallengeName": "NEW_PASSWORD_REQUIRED",
                "Session": session,
                "ChallengeParameters": {"USER_ID_FOR_SRP": username, "requiredAttributes": "[]",
                                        "userAttributes": "{}"},
            }
            return answer, username, "challenge"
        return self.tokens(body.get("ClientId", ""), username), username, "tokens"

    def RespondToAuthChallenge(self, body, arrived):
        responses = body.get("ChallengeResponses") or {}
        username = responses.get("USERNAME", "")
        with self.lock:
            owner = self.sessions.pop(body.get("Session") or "", None)
        if body.get("ChallengeName") != "NEW_PASSWORD_REQUIRED" or owner != username:
            raise Refused("NotAuthorizedException", "Invalid session for the user.", username)
        if not responses.get("NEW_PASSWORD"):
            raise Refused("InvalidParameterException", "NEW_PASSWORD is missing.", username)
        return self.tokens(body.get("ClientId", ""), username), username, "tokens"


class Handler(http.server.BaseHTTPRequestHandler):
    # Keep-alive, as Cognito: mint holds a pool of connections, one thread each here.
    protocol_version = "HTTP/1.1"
    service = None  # set in main

    def do_POST(self):
        arrived = time.time()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        target = self.headers.get("X-Amz-Target", "")
        operation = target[len(PREFIX):] if target.startswith(PREFIX) else target
        username = ""
        try:
            if operation not in ("InitiateAuth", "RespondToAuthChallenge"):
                raise Refused("UnknownOperationException", "")
            try:
                body = json.loads(raw)
            except ValueError:
                raise Refused("SerializationException", "")
            answer, username, what = getattr(self.service, operation)(body, arrived)
            status = 200
        except Refused as r:
            answer, username, what = {"__type": r.code, "message": r.message}, r.username, r.code
            status = 400
        except Exception as e:  # a bug here must show in the test, not hang it
            answer = {"__type": "InternalErrorException", "message": str(e)}
            what, status = "error", 500
            print(f"error {operation}: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
        self.service.log(arrived, operation, username, what)
        if self.service.delay:
            time.sleep(self.service.delay)
        self.send(status, answer)

    def send(self, status, answer):
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass  # the JSON log has one line per request


def exit_when_stdin_closes():
    """The harness holds our stdin; when it is gone (the test ended, even by a crash), so are we."""
    sys.stdin.buffer.read()
    os._exit(0)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    Handler.service = Service(config)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    threading.Timer(LIFETIME, lambda: os._exit(0)).start()
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
