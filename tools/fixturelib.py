"""Shared code for the recorded-fixture tools: the request matcher, a replay server and the
AWS CLI oracle.

The matcher and the server mirror tests/replay/ (the Rust replay test): a fixture means the same
thing to both. Standard library only (the AWS CLI is run as a program, found on PATH).
"""

import base64
import hashlib
import hmac
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
# The identity pools' API (cognito-identity), which `aws-credentials` calls.
IDENTITY_TARGET_PREFIX = "AWSCognitoIdentityService."
CONTENT_TYPE = "application/x-amz-json-1.1"
# The fake credentials the runners set when a fixture says "credentials": true.
FAKE_ACCESS_KEY = "AKIDREPLAYEXAMPLE0000"
FAKE_SECRET_KEY = "replay+fake/secret/KEY/never/valid/EXAMPLE00"
FAKE_REGION = "us-east-1"

# ---------------------------------------------------------------------------------------------
# Placeholders: "<<name>>" inside an expected string matches a run of characters of a class.

PLACEHOLDER_CLASSES = {
    "any": None,  # any characters, possibly none
    "digits": "0123456789",
    "hex": "0123456789abcdefABCDEF",
    "alpha": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "base64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=",
    "base64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=",
    "q": "'",  # an optional single quote (zero or one)
}
PLACEHOLDER_MIN = {"any": 0, "q": 0}
PLACEHOLDER_MAX = {"q": 1}
PLACEHOLDER_RE = re.compile(r"<<([a-z0-9]+)>>")


def parse_template(template):
    """Splits a template into literal strings and placeholder names ('<<x>>' -> ('ph', 'x'))."""
    parts = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(template):
        if m.group(1) not in PLACEHOLDER_CLASSES:
            raise ValueError(f"unknown placeholder <<{m.group(1)}>> in {template!r}")
        if m.start() > pos:
            parts.append(("lit", template[pos : m.start()]))
        parts.append(("ph", m.group(1)))
        pos = m.end()
    if pos < len(template):
        parts.append(("lit", template[pos:]))
    return parts


def template_matches(template, text):
    """True if `text` matches `template` (literal text with <<placeholders>>)."""
    parts = parse_template(template)

    def go(i, pos):
        if i == len(parts):
            return pos == len(text)
        kind, value = parts[i]
        if kind == "lit":
            return text.startswith(value, pos) and go(i + 1, pos + len(value))
        allowed = PLACEHOLDER_CLASSES[value]
        minimum = PLACEHOLDER_MIN.get(value, 1)
        maximum = PLACEHOLDER_MAX.get(value, len(text))
        end = pos
        # Longest run first, then shorter ones (backtracking).
        while end < len(text) and end - pos < maximum and (allowed is None or text[end] in allowed):
            end += 1
        for stop in range(end, pos + minimum - 1, -1):
            if go(i + 1, stop):
                return True
        return False

    return go(0, 0)


def is_template(s):
    return isinstance(s, str) and PLACEHOLDER_RE.search(s) is not None


def match_value(expected, actual, path="body"):
    """Mismatches between an expected JSON value (with placeholders) and an actual one.

    Objects compare by key set (order ignored), arrays element by element, strings exactly or
    by template; the whole-value string "<<any>>" matches any JSON value.
    """
    if expected == "<<any>>":
        return []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {json.dumps(actual)}"]
        out = []
        for k in expected:
            if k not in actual:
                out.append(f"{path}.{k}: missing (expected {json.dumps(expected[k])})")
            else:
                out += match_value(expected[k], actual[k], f"{path}.{k}")
        for k in actual:
            if k not in expected:
                out.append(f"{path}.{k}: unexpected member (got {json.dumps(actual[k])})")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected an array, got {json.dumps(actual)}"]
        out = []
        if len(expected) != len(actual):
            out.append(f"{path}: expected {len(expected)} elements, got {len(actual)}")
        for i, (e, a) in enumerate(zip(expected, actual)):
            out += match_value(e, a, f"{path}[{i}]")
        return out
    if isinstance(expected, str) and is_template(expected):
        if isinstance(actual, str) and template_matches(expected, actual):
            return []
        return [f"{path}: expected a match for {expected!r}, got {json.dumps(actual)}"]
    # Exact comparison; bool is not int here (json: true != 1).
    if type(expected) is not type(actual) or expected != actual:
        return [f"{path}: expected {json.dumps(expected)}, got {json.dumps(actual)}"]
    return []


# ---------------------------------------------------------------------------------------------
# SigV4 (header signing, as the cognito-idp JSON protocol uses it).

AUTH_RE = re.compile(
    r"^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, "
    r"SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$"
)


def _hmac(key, msg):
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def check_signature(method, path, headers, body, secret_key, expect_key, expect_region):
    """Mismatches in the request's SigV4 signature (headers: dict of lowercase name -> value)."""
    auth = headers.get("authorization")
    if auth is None:
        return ["signed request: no Authorization header"]
    m = AUTH_RE.match(auth)
    if not m:
        return [f"signed request: malformed Authorization header {auth!r}"]
    key, date, region, service, signed, signature = m.groups()
    out = []
    if key != expect_key:
        out.append(f"signed request: credential key {key!r}, expected {expect_key!r}")
    if region != expect_region:
        out.append(f"signed request: region {region!r}, expected {expect_region!r}")
    if service != "cognito-idp":
        out.append(f"signed request: service {service!r}, expected 'cognito-idp'")
    amz_date = headers.get("x-amz-date", "")
    if not re.fullmatch(r"\d{8}T\d{6}Z", amz_date):
        out.append(f"signed request: X-Amz-Date {amz_date!r} is not YYYYMMDDTHHMMSSZ")
        return out
    if amz_date[:8] != date:
        out.append(f"signed request: credential date {date} differs from X-Amz-Date {amz_date}")
    names = signed.split(";")
    for required in ("host", "x-amz-date", "x-amz-target", "content-type"):
        if required not in names:
            out.append(f"signed request: SignedHeaders {signed!r} lacks {required}")
    if names != sorted(names):
        out.append(f"signed request: SignedHeaders {signed!r} not sorted")
    missing = [n for n in names if n not in headers]
    if missing:
        out.append(f"signed request: signed headers {missing} not sent")
        return out
    canonical_headers = "".join(f"{n}:{' '.join(headers[n].strip().split())}\n" for n in names)
    payload_hash = headers.get("x-amz-content-sha256") or hashlib.sha256(body).hexdigest()
    canonical = "\n".join([method, path, "", canonical_headers, signed, payload_hash])
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    k = _hmac(("AWS4" + secret_key).encode(), date)
    for part in (region, service, "aws4_request"):
        k = _hmac(k, part)
    want = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
    if want != signature:
        out.append("signed request: the signature does not verify with the fake secret key")
    return out


# ---------------------------------------------------------------------------------------------
# Checking one request against one recorded exchange.


def check_request(exchange_request, method, path, headers, body, user_agent_prefix="cogtok/"):
    """Mismatches between a received request and the fixture's expected request."""
    out = []
    target = exchange_request["target"]
    if method != "POST":
        out.append(f"method: expected POST, got {method}")
    if path != "/":
        out.append(f"path: expected /, got {path}")
    ct = headers.get("content-type")
    if ct != CONTENT_TYPE:
        out.append(f"Content-Type: expected {CONTENT_TYPE}, got {ct!r}")
    got_target = headers.get("x-amz-target")
    if got_target != target:
        out.append(f"X-Amz-Target: expected {target}, got {got_target!r}")
    ua = headers.get("user-agent", "")
    if user_agent_prefix and not ua.startswith(user_agent_prefix):
        out.append(f"User-Agent: expected to start with {user_agent_prefix!r}, got {ua!r}")
    if exchange_request.get("signed"):
        out += check_signature(
            method, path, headers, body, FAKE_SECRET_KEY, FAKE_ACCESS_KEY, FAKE_REGION
        )
    elif "authorization" in headers:
        out.append("Authorization: the operation is unsigned but the request carries one")
    try:
        actual = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return out + [f"body: not JSON ({e})"]
    out += match_value(exchange_request["body"], actual)
    return out


def response_bytes(response):
    if "body_text" in response:
        return response["body_text"].encode("utf-8")
    if "body" in response:
        return json.dumps(response["body"], separators=(",", ":"), ensure_ascii=False).encode()
    return b""


# ---------------------------------------------------------------------------------------------
# A replay server (for the AWS CLI oracle; the Rust test has its own).


class Replay:
    def __init__(self, exchanges, user_agent_prefix):
        self.exchanges = exchanges
        self.ua = user_agent_prefix
        self.served = [0] * len(exchanges)
        self.next = 0
        self.last = None
        self.mismatches = []
        self.requests = []
        self.lock = threading.Lock()

    def pick(self, target):
        """Index of the exchange that answers a request for `target`, or None."""
        # The oracle runs with one attempt, so it sees each exchange's final response only:
        # earlier_attempts are cogtok's retries. repeats_up_to are rounds of a flow.
        if self.last is not None:
            ex = self.exchanges[self.last]
            repeats = ex.get("repeats_up_to", 0)
            if ex["request"]["target"] == target and self.served[self.last] <= repeats:
                if self.next >= len(self.exchanges) or self.exchanges[self.next]["request"]["target"] != target:
                    return self.last
        if self.next < len(self.exchanges):
            i = self.next
            self.next += 1
            return i
        return None

    def handle(self, method, path, headers, body):
        with self.lock:
            n = len(self.requests) + 1
            self.requests.append({"headers": headers, "body": body})
            target = (headers.get("x-amz-target") or "").strip()
            i = self.pick(target)
            if i is None:
                self.mismatches.append(f"request #{n} ({target}): no recorded exchange left")
                return 400, [("Content-Type", CONTENT_TYPE)], json.dumps(
                    {"__type": "ReplayMismatchException", "message": "no recorded exchange left"}
                ).encode()
            self.served[i] += 1
            self.last = i
            ex = self.exchanges[i]
            for m in check_request(ex["request"], method, path, headers, body, self.ua):
                self.mismatches.append(f"request #{n} (exchange {i + 1}, {ex['request']['target']}): {m}")
            resp = ex["response"]
            return resp["status"], list(resp.get("headers", {}).items()), response_bytes(resp)

    def unconsumed(self):
        return [
            f"exchange {i + 1} ({ex['request']['target']}) was never requested"
            for i, ex in enumerate(self.exchanges)
            if self.served[i] == 0
        ]


def serve(replay):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n)
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, resp_headers, resp_body = replay.handle("POST", self.path, headers, body)
            self.send_response(status)
            for k, v in resp_headers:
                if k.lower() != "content-length":
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(resp_body)))
            self.end_headers()
            self.wfile.write(resp_body)

        do_GET = do_PUT = do_POST

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


# ---------------------------------------------------------------------------------------------
# The AWS CLI oracle: the same args and recorded answers, run through `aws cognito-idp`.


def awscli_path():
    return shutil.which("aws")


def awscli_version():
    exe = awscli_path()
    if not exe:
        return None
    r = subprocess.run([exe, "--version"], capture_output=True, text=True)
    return (r.stdout or r.stderr).strip()


def run_awscli(fixture, timeout=60):
    """Runs the fixture's raw command through the AWS CLI against a replay of its exchanges.

    Returns (exit code, stdout, stderr, mismatches of the AWS CLI's own requests, unconsumed).
    The AWS CLI's requests are checked with the same matcher, except for the User-Agent.
    """
    replay = Replay(fixture["exchanges"], user_agent_prefix="aws-cli/")
    server = serve(replay)
    home = tempfile.mkdtemp(prefix="cogtok-oracle-")
    try:
        config = os.path.join(home, "config")
        with open(config, "w") as f:
            # AWS CLI v2's default; v1 (the PyPI package) prints the wire value otherwise.
            f.write("[default]\ncli_timestamp_format = iso8601\n")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": home,
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
            "AWS_CONFIG_FILE": config,
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_RETRY_MODE": "standard",
            "NO_PROXY": "*",
            "PYTHONIOENCODING": "utf-8",
        }
        for k in ("PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV"):
            if k in os.environ:
                env[k] = os.environ[k]
        env.update(fixture.get("env", {}))
        if "AWS_REGION" in env:  # AWS CLI v1 reads only AWS_DEFAULT_REGION
            env.setdefault("AWS_DEFAULT_REGION", env["AWS_REGION"])
        if fixture.get("credentials"):
            env.update(
                {
                    "AWS_ACCESS_KEY_ID": FAKE_ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY": FAKE_SECRET_KEY,
                    "AWS_REGION": FAKE_REGION,
                    "AWS_DEFAULT_REGION": FAKE_REGION,
                }
            )
        url = f"http://127.0.0.1:{server.server_address[1]}"
        argv = [awscli_path(), "cognito-idp"] + fixture["args"] + ["--endpoint-url", url]
        r = subprocess.run(
            argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
        )
        return (
            r.returncode,
            r.stdout.decode("utf-8", "replace"),
            r.stderr.decode("utf-8", "replace"),
            list(replay.mismatches),
            replay.unconsumed(),
        )
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(home, ignore_errors=True)


def render_json(value):
    """What the AWS CLI (and cogtok) print for a JSON document."""
    return json.dumps(value, indent=4, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------
# Helpers for making fake secrets.


def secret_hash(client_secret, username, client_id):
    mac = hmac.new(client_secret.encode(), (username + client_id).encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
