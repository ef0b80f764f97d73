#!/usr/bin/env python3
"""A stand-in for "your API" in the README's examples: `$API_URL` of `make demo-server`.

Usage: echo_api.py PORT   (listens on 127.0.0.1:PORT until killed)

GET any path with `Authorization: Bearer <JWT>`: 200 and one JSON line naming who the token is
for ({"hello": email or cognito:username, "token_use": "id" or "access"}); without a bearer JWT:
401. It decodes the token's claims and checks no signature: it shows that the token arrived.
Standard library only.
"""

import base64
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def claims(authorization):
    """The claims of the bearer JWT in an Authorization header, or None."""
    kind, _, token = (authorization or "").partition(" ")
    parts = token.split(".")
    if kind != "Bearer" or len(parts) != 3:
        return None
    try:
        body = parts[1] + "=" * (-len(parts[1]) % 4)
        return json.loads(base64.urlsafe_b64decode(body))
    except ValueError:
        return None


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        c = claims(self.headers.get("Authorization"))
        if c is None:
            status, answer = 401, {"message": "no bearer JWT in the Authorization header"}
        else:
            who = c.get("email") or c.get("cognito:username") or c.get("username")
            status, answer = 200, {"hello": who, "token_use": c.get("token_use")}
        body = (json.dumps(answer) + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):  # one line per request on stderr, without the token
        sys.stderr.write(f"{self.command} {self.path} -> {args[1] if len(args) > 1 else ''}\n")


if __name__ == "__main__":
    ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
