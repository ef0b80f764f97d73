"""A Cognito stand-in that verifies SRP proofs, for tests/srp_verify.rs.

Written apart from cogtok's Rust code (and in another language) so that it is an independent
check of the client: moto does not check PASSWORD_CLAIM_SIGNATURE at all. Python 3 standard
library only; run with `python -I -S srp_server.py CONFIG.json [MAX_REQUESTS]`, or with
`--self-test` to check its own checks.

It serves the cognito-idp JSON protocol on 127.0.0.1 for:

- InitiateAuth USER_SRP_AUTH -> PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK and a
  USER_ID_FOR_SRP that differs from the login name (the login is an alias; the verifier belongs
  to the internal username, as in Cognito);
- RespondToAuthChallenge PASSWORD_VERIFIER -> the proof checked against the stored verifier with
  the TIMESTAMP the client sent, which must be in Cognito's exact format and near now; then
  tokens, with NewDeviceMetadata for a client that tracks devices;
- ConfirmDevice (keeps the device's verifier and salt), then DEVICE_SRP_AUTH ->
  DEVICE_PASSWORD_VERIFIER on later sign-ins that send the DEVICE_KEY, checked the same way.

The protocol, from amazon-cognito-identity-js's AuthenticationHelper (the reference of every
client): RFC 5054's 3072-bit group, g = 2, H = SHA-256, values hashed as padHex (the minimal
hex digits, an even count, and "00" in front when the first digit is 8 to f),
k = H(padHex(N) | padHex(g)), x = H(padHex(salt) | H(pool | user | ":" | password)),
B = k*v + g^b, u = H(padHex(A) | padHex(B)), S = (A * v^u)^b, key = HKDF(salt = padHex(u),
ikm = padHex(S), info = "Caldera Derived Key")[:16], and the signature is
HMAC-SHA256(key, pool | user | SECRET_BLOCK bytes | TIMESTAMP). A device uses its group key for
the pool name and its key for the user.

Each user of the config names the shapes its values must take (see `shape`): the salt's, and
the SRP_B of each successive handshake (`srp_b`, `device_srp_b`, cycled), so that across the
tests the client meets a salt and a B whose top bit is set (padHex adds "00"), with leading zero
bytes (padHex drops them), and of odd hex length.

Config (JSON): {"user_pool_id": "us-east-1_X", "clients": {"ID": {"secret": null or "S",
"device_tracking": bool}}, "users": [{"username": "internal", "aliases": ["login"],
"password": "P", "salt": SHAPE, "srp_b": [SHAPE, ...], "device_srp_b": [SHAPE, ...]}]}.

stdout: the port, one line, once listening. stderr: one line per request, saying what was
verified or why it was refused (the HTTP answer only says "Incorrect username or password.", as
Cognito's does). The server exits after MAX_REQUESTS requests, after LIFETIME seconds, or when
its standard input closes (the test harness holds it open and kills the server when dropped).
"""

import base64
import datetime
import hashlib
import hmac
import http.server
import json
import os
import re
import secrets
import sys
import threading
import time
import uuid

N = int(
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    16,
)
G = 2
N_BYTES = 384
SALT_BYTES = 16

LIFETIME = 600  # seconds; a test run is far shorter
DEFAULT_MAX_REQUESTS = 400
MAX_SEARCH = 200_000  # tries to find a b or a salt of a wanted shape; ~600 are expected
TIMESTAMP_SKEW = 300  # seconds the TIMESTAMP may be away from now
INCORRECT = "Incorrect username or password."

SHAPES = ("high-bit", "plain", "odd-length", "leading-zero", "leading-zero-high-bit")


def pad_hex(value):
    """padHex of amazon-cognito-identity-js, on the hex string as the SDK does it."""
    digits = format(value, "x")
    if len(digits) % 2 == 1:
        digits = "0" + digits
    elif digits[0] in "89abcdef":
        digits = "00" + digits
    return bytes.fromhex(digits)


def sha256(*parts):
    return hashlib.sha256(b"".join(parts)).digest()


K = int.from_bytes(sha256(pad_hex(N), pad_hex(G)), "big")


def compute_x(realm, user, password, salt):
    inner = sha256(f"{realm}{user}:{password}".encode())
    return int.from_bytes(sha256(pad_hex(salt), inner), "big")


def hkdf16(ikm, salt):
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def shape(value, width):
    """How `value`, a number of `width` bytes, looks to padHex.

    high-bit: no leading zero byte and the top bit set (padHex puts "00" in front);
    plain: no leading zero byte, top bit clear; odd-length: the first byte is 01..0f, so the
    minimal hex has an odd number of digits; leading-zero: at least one leading zero byte (the
    minimal hex is shorter than the full width), the first byte after them below 80;
    leading-zero-high-bit: the same with that byte 80 or more ("00" again, over fewer bytes).
    """
    raw = value.to_bytes(width, "big")
    if raw[0] >= 0x80:
        return "high-bit"
    if raw[0] >= 0x10:
        return "plain"
    if raw[0] >= 0x01:
        return "odd-length"
    rest = raw.lstrip(b"\0")
    return "leading-zero-high-bit" if rest and rest[0] >= 0x80 else "leading-zero"


def make_salt(wanted):
    """A random 16-byte salt of the wanted shape: drawn until it has it (bounded)."""
    for _ in range(MAX_SEARCH):
        salt = int.from_bytes(secrets.token_bytes(SALT_BYTES), "big")
        if salt and shape(salt, SALT_BYTES) == wanted:
            return salt
    raise RuntimeError(f"no salt of shape {wanted} in {MAX_SEARCH} draws")


def make_b(verifier, wanted):
    """A secret b whose B = k*v + g^b mod N has the wanted shape.

    Walks b, b+1, ... from a random start, so each step costs one multiplication by g.
    """
    b = secrets.randbits(256) | (1 << 255)
    gb = pow(G, b, N)
    kv = K * verifier % N
    for _ in range(MAX_SEARCH):
        big_b = (kv + gb) % N
        if big_b and shape(big_b, N_BYTES) == wanted:
            return b, big_b
        b += 1
        gb = gb * G % N
    raise RuntimeError(f"no SRP_B of shape {wanted} in {MAX_SEARCH} steps")


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
TIMESTAMP_RE = re.compile(
    r"(?P<wd>[A-Z][a-z]{2}) (?P<mon>[A-Z][a-z]{2}) (?P<day>[1-9]|[12][0-9]|3[01]) "
    r"(?P<h>[01][0-9]|2[0-3]):(?P<m>[0-5][0-9]):(?P<s>[0-5][0-9]) UTC (?P<y>[0-9]{4})"
)


def timestamp_problem(text, now):
    """Why `text` is not a TIMESTAMP Cognito accepts at `now` (unix seconds), or None.

    Cognito's format is Java's "EEE MMM d HH:mm:ss 'UTC' yyyy" in English: the day is not
    zero-padded, the time is. Parsed by hand, not with strptime, which would accept "05" and
    depends on the locale.
    """
    m = TIMESTAMP_RE.fullmatch(text)
    if not m:
        return f"TIMESTAMP {text!r} is not in the format 'EEE MMM d HH:mm:ss UTC yyyy'"
    if m["wd"] not in WEEKDAYS or m["mon"] not in MONTHS:
        return f"TIMESTAMP {text!r} has no English day or month name"
    try:
        at = datetime.datetime(
            int(m["y"]), MONTHS.index(m["mon"]) + 1, int(m["day"]),
            int(m["h"]), int(m["m"]), int(m["s"]), tzinfo=datetime.timezone.utc,
        )
    except ValueError:
        return f"TIMESTAMP {text!r} is not a date"
    if WEEKDAYS[at.weekday()] != m["wd"]:
        return f"TIMESTAMP {text!r} names the wrong day of the week"
    if abs(at.timestamp() - now) > TIMESTAMP_SKEW:
        return f"TIMESTAMP {text!r} is more than {TIMESTAMP_SKEW} s away from now"
    return None


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fake_jwt(claims):
    """JWT-shaped (header.payload.signature), unsigned: cogtok only reads the claims."""
    header = b64url(json.dumps({"alg": "none", "kid": "srp-server"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.{b64url(secrets.token_bytes(16))}"


class Refused(Exception):
    """A cognito-idp error answer: HTTP 400, the type and message, and the real reason to log."""

    def __init__(self, code, message, reason):
        super().__init__(reason)
        self.code = code
        self.message = message
        self.reason = reason


def incorrect(reason):
    return Refused("NotAuthorizedException", INCORRECT, reason)


class Pool:
    """The state of the one user pool: users with their verifiers, handshakes, devices, tokens."""

    def __init__(self, config):
        self.pool_id = config["user_pool_id"]
        self.pool_name = self.pool_id.split("_", 1)[1]
        self.clients = config["clients"]
        self.users = {}
        self.logins = {}
        for u in config["users"]:
            salt = make_salt(u["salt"])
            # Only the salt and the verifier are kept, as by AdminSetUserPassword.
            verifier = pow(G, compute_x(self.pool_name, u["username"], u["password"], salt), N)
            self.users[u["username"]] = {
                "salt": salt,
                "verifier": verifier,
                "srp_b": u.get("srp_b") or ["high-bit"],
                "device_srp_b": u.get("device_srp_b") or ["high-bit"],
                "handshakes": 0,
                "device_handshakes": 0,
            }
            for login in [u["username"], *u.get("aliases", [])]:
                self.logins[login] = u["username"]
        self.pending = {}  # SECRET_BLOCK or Session -> the handshake waiting for its answer
        self.devices = {}  # device key -> {"user", "group", "verifier", "salt"} once confirmed
        self.issued_devices = {}  # device key -> (user, group key), from NewDeviceMetadata
        self.access_tokens = {}  # access token -> (user, device key or None)

    def client(self, body):
        client_id = body.get("ClientId")
        if client_id not in self.clients:
            raise Refused("ResourceNotFoundException", "User pool client does not exist.",
                          f"unknown ClientId {client_id!r}")
        return client_id, self.clients[client_id]

    def check_secret_hash(self, client_id, client, username, params, step):
        secret = client.get("secret")
        if secret is None:
            if "SECRET_HASH" in params:
                raise Refused("NotAuthorizedException", "Client has no secret.",
                              f"{step}: SECRET_HASH for a client without a secret")
            return
        want = base64.b64encode(hmac.new(secret.encode(), (username + client_id).encode(),
                                         hashlib.sha256).digest()).decode()
        if params.get("SECRET_HASH") != want:
            raise Refused("NotAuthorizedException",
                          f"Unable to verify secret hash for client {client_id}",
                          f"{step}: SECRET_HASH is not over {username!r}")

    def new_handshake(self, kind, user, verifier, srp_a_hex, wanted, extra):
        try:
            big_a = int(srp_a_hex, 16)
        except (TypeError, ValueError):
            raise Refused("InvalidParameterException", "Invalid SRP_A.", f"{kind}: SRP_A not hex")
        if big_a % N == 0:
            raise Refused("InvalidParameterException", "Invalid SRP_A.", f"{kind}: SRP_A is 0 mod N")
        b, big_b = make_b(verifier, wanted)
        secret_block = base64.b64encode(secrets.token_bytes(64)).decode()
        handshake = {"kind": kind, "user": user, "verifier": verifier, "A": big_a, "b": b,
                     "B": big_b, "secret_block": secret_block, **extra}
        return handshake, big_b, secret_block

    def verify_proof(self, handshake, realm, user_id, responses):
        """Check PASSWORD_CLAIM_SIGNATURE over realm, user_id, the block and the TIMESTAMP sent."""
        kind = handshake["kind"]
        if responses.get("PASSWORD_CLAIM_SECRET_BLOCK") != handshake["secret_block"]:
            raise incorrect(f"{kind}: PASSWORD_CLAIM_SECRET_BLOCK is not the SECRET_BLOCK sent")
        timestamp = responses.get("TIMESTAMP", "")
        problem = timestamp_problem(timestamp, time.time())
        if problem:
            raise incorrect(f"{kind}: {problem}")
        big_a, big_b, verifier = handshake["A"], handshake["B"], handshake["verifier"]
        u = int.from_bytes(sha256(pad_hex(big_a), pad_hex(big_b)), "big")
        if u == 0:
            raise incorrect(f"{kind}: u = 0")
        s = pow(big_a * pow(verifier, u, N) % N, handshake["b"], N)
        key = hkdf16(pad_hex(s), pad_hex(u))
        message = (realm.encode() + user_id.encode()
                   + base64.b64decode(handshake["secret_block"]) + timestamp.encode())
        want = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        got = responses.get("PASSWORD_CLAIM_SIGNATURE", "")
        if not hmac.compare_digest(got.encode(), want.encode()):
            raise incorrect(f"{kind}: PASSWORD_CLAIM_SIGNATURE does not verify "
                            f"(realm {realm!r}, user {user_id!r}, TIMESTAMP {timestamp!r})")

    def tokens(self, client_id, client, user, device_key):
        now = int(time.time())
        result = {"ExpiresIn": 3600, "TokenType": "Bearer"}
        new_device = None
        if client.get("device_tracking") and device_key is None:
            new_device = (f"{self.pool_id.split('_')[0]}_{uuid.uuid4()}",
                          "-" + b64url(secrets.token_bytes(6)))
            self.issued_devices[new_device[0]] = (user, new_device[1])
            result["NewDeviceMetadata"] = {"DeviceKey": new_device[0],
                                           "DeviceGroupKey": new_device[1]}
        access = fake_jwt({"sub": user, "username": user, "client_id": client_id,
                           "token_use": "access", "iat": now, "exp": now + 3600,
                           "device_key": device_key or (new_device and new_device[0])})
        self.access_tokens[access] = (user, new_device[0] if new_device else device_key)
        result["AccessToken"] = access
        result["IdToken"] = fake_jwt({"sub": user, "cognito:username": user, "aud": client_id,
                                      "token_use": "id", "iat": now, "exp": now + 3600})
        result["RefreshToken"] = b64url(secrets.token_bytes(48))
        return {"AuthenticationResult": result, "ChallengeParameters": {}}

    # --- operations

    def InitiateAuth(self, body):
        client_id, client = self.client(body)
        params = body.get("AuthParameters") or {}
        if body.get("AuthFlow") != "USER_SRP_AUTH":
            raise Refused("InvalidParameterException", "Only USER_SRP_AUTH is served here.",
                          f"AuthFlow {body.get('AuthFlow')!r}")
        login = params.get("USERNAME", "")
        self.check_secret_hash(client_id, client, login, params, "InitiateAuth")
        user = self.logins.get(login)
        if user is None:
            raise incorrect(f"InitiateAuth: no user {login!r}")
        record = self.users[user]
        wanted = record["srp_b"][record["handshakes"] % len(record["srp_b"])]
        record["handshakes"] += 1
        handshake, big_b, block = self.new_handshake(
            "PASSWORD_VERIFIER", user, record["verifier"], params.get("SRP_A"), wanted,
            {"client_id": client_id, "device_key": params.get("DEVICE_KEY")})
        self.pending[block] = handshake
        log(f"InitiateAuth USER_SRP_AUTH login={login!r} -> PASSWORD_VERIFIER "
            f"USER_ID_FOR_SRP={user!r} SALT={shape(record['salt'], SALT_BYTES)} "
            f"SRP_B={shape(big_b, N_BYTES)}")
        # No Session: Cognito answers PASSWORD_VERIFIER without one (the SECRET_BLOCK is it).
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "SALT": format(record["salt"], "x"),
                "SRP_B": format(big_b, "x"),
                "SECRET_BLOCK": block,
                "USERNAME": user,
                "USER_ID_FOR_SRP": user,
            },
        }

    def RespondToAuthChallenge(self, body):
        client_id, client = self.client(body)
        name = body.get("ChallengeName")
        responses = body.get("ChallengeResponses") or {}
        if name == "PASSWORD_VERIFIER":
            return self.password_verifier(client_id, client, responses)
        if name == "DEVICE_SRP_AUTH":
            return self.device_srp_auth(client_id, client, body.get("Session"), responses)
        if name == "DEVICE_PASSWORD_VERIFIER":
            return self.device_password_verifier(client_id, client, body.get("Session"),
                                                 responses)
        raise Refused("InvalidParameterException", f"Unexpected challenge {name}.",
                      f"RespondToAuthChallenge {name!r}")

    def take(self, key, kind, client_id):
        handshake = self.pending.pop(key or "", None)
        if handshake is None or handshake["kind"] != kind or handshake["client_id"] != client_id:
            raise incorrect(f"{kind}: no such handshake pending (a SECRET_BLOCK or Session "
                            "used twice, or from another challenge)")
        return handshake

    def check_username(self, handshake, client_id, client, responses):
        user = handshake["user"]
        kind = handshake["kind"]
        if responses.get("USERNAME") != user:
            raise incorrect(f"{kind}: USERNAME {responses.get('USERNAME')!r} is not the "
                            f"internal username {user!r}")
        self.check_secret_hash(client_id, client, user, responses, kind)

    def password_verifier(self, client_id, client, responses):
        handshake = self.take(responses.get("PASSWORD_CLAIM_SECRET_BLOCK"), "PASSWORD_VERIFIER",
                              client_id)
        self.check_username(handshake, client_id, client, responses)
        user = handshake["user"]
        self.verify_proof(handshake, self.pool_name, user, responses)
        record = self.users[user]
        log(f"verified PASSWORD_VERIFIER user={user!r} SALT={shape(record['salt'], SALT_BYTES)} "
            f"SRP_B={shape(handshake['B'], N_BYTES)}")
        device_key = responses.get("DEVICE_KEY") or handshake["device_key"]
        device = self.devices.get(device_key or "")
        if device_key and (device is None or device["user"] != user):
            raise Refused("ResourceNotFoundException", "Device does not exist.",
                          f"PASSWORD_VERIFIER: DEVICE_KEY {device_key!r} unknown for {user!r}")
        if device:
            # A remembered device: it must prove its own secret before tokens are handed out.
            session = b64url(secrets.token_bytes(32))
            self.pending[session] = {"kind": "DEVICE_SRP_AUTH", "user": user,
                                     "client_id": client_id, "device_key": device_key}
            log(f"PASSWORD_VERIFIER -> DEVICE_SRP_AUTH device={device_key!r}")
            return {"ChallengeName": "DEVICE_SRP_AUTH", "Session": session,
                    "ChallengeParameters": {}}
        return self.tokens(client_id, client, user, None)

    def device_srp_auth(self, client_id, client, session, responses):
        step = self.take(session, "DEVICE_SRP_AUTH", client_id)
        user, device_key = step["user"], step["device_key"]
        if responses.get("USERNAME") != user:
            raise incorrect(f"DEVICE_SRP_AUTH: USERNAME {responses.get('USERNAME')!r} is not "
                            f"{user!r}")
        self.check_secret_hash(client_id, client, user, responses, "DEVICE_SRP_AUTH")
        if responses.get("DEVICE_KEY") != device_key:
            raise incorrect(f"DEVICE_SRP_AUTH: DEVICE_KEY {responses.get('DEVICE_KEY')!r} is "
                            f"not {device_key!r}")
        device = self.devices[device_key]
        record = self.users[user]
        wanted = record["device_srp_b"][record["device_handshakes"] % len(record["device_srp_b"])]
        record["device_handshakes"] += 1
        handshake, big_b, block = self.new_handshake(
            "DEVICE_PASSWORD_VERIFIER", user, device["verifier"], responses.get("SRP_A"), wanted,
            {"client_id": client_id, "device_key": device_key})
        new_session = b64url(secrets.token_bytes(32))
        self.pending[new_session] = handshake
        log(f"DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER device={device_key!r} "
            f"SALT={shape(device['salt'], SALT_BYTES)} "
            f"SRP_B={shape(big_b, N_BYTES)}")
        return {
            "ChallengeName": "DEVICE_PASSWORD_VERIFIER",
            "Session": new_session,
            "ChallengeParameters": {
                "SALT": format(device["salt"], "x"),
                "SRP_B": format(big_b, "x"),
                "SECRET_BLOCK": block,
                "USERNAME": user,
                "DEVICE_KEY": device_key,
            },
        }

    def device_password_verifier(self, client_id, client, session, responses):
        handshake = self.take(session, "DEVICE_PASSWORD_VERIFIER", client_id)
        self.check_username(handshake, client_id, client, responses)
        device_key = handshake["device_key"]
        if responses.get("DEVICE_KEY") != device_key:
            raise incorrect(f"DEVICE_PASSWORD_VERIFIER: DEVICE_KEY {responses.get('DEVICE_KEY')!r}"
                            f" is not {device_key!r}")
        device = self.devices[device_key]
        self.verify_proof(handshake, device["group"], device_key, responses)
        log(f"verified DEVICE_PASSWORD_VERIFIER user={handshake['user']!r} "
            f"device={device_key!r} SRP_B={shape(handshake['B'], N_BYTES)}")
        return self.tokens(client_id, client, handshake["user"], device_key)

    def ConfirmDevice(self, body):
        token = body.get("AccessToken")
        if token not in self.access_tokens:
            raise Refused("NotAuthorizedException", "Invalid Access Token", "ConfirmDevice: token")
        user, device_key = self.access_tokens[token]
        if body.get("DeviceKey") != device_key or device_key not in self.issued_devices:
            raise Refused("ResourceNotFoundException", "Device does not exist.",
                          f"ConfirmDevice: DeviceKey {body.get('DeviceKey')!r} was not issued "
                          "with this access token")
        config = body.get("DeviceSecretVerifierConfig") or {}
        try:
            verifier = int.from_bytes(base64.b64decode(config["PasswordVerifier"], validate=True),
                                      "big")
            salt = int.from_bytes(base64.b64decode(config["Salt"], validate=True), "big")
        except (KeyError, TypeError, ValueError):
            raise Refused("InvalidParameterException", "Invalid DeviceSecretVerifierConfig.",
                          "ConfirmDevice: PasswordVerifier or Salt is not base64")
        if not 1 < verifier < N or salt == 0:
            raise Refused("InvalidParameterException", "Invalid DeviceSecretVerifierConfig.",
                          "ConfirmDevice: the verifier is not in the group, or the salt is 0")
        group = self.issued_devices[device_key][1]
        self.devices[device_key] = {"user": user, "group": group, "verifier": verifier,
                                    "salt": salt}
        log(f"ConfirmDevice device={device_key!r} user={user!r}")
        return {"UserConfirmationNecessary": False}


def log(line):
    print(line, file=sys.stderr, flush=True)


class Handler(http.server.BaseHTTPRequestHandler):
    pool = None  # set in main
    served = 0
    PREFIX = "AWSCognitoIdentityProviderService."
    OPERATIONS = ("InitiateAuth", "RespondToAuthChallenge", "ConfirmDevice")

    def do_POST(self):
        Handler.served += 1
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        target = self.headers.get("X-Amz-Target", "")
        operation = target[len(self.PREFIX):] if target.startswith(self.PREFIX) else ""
        try:
            if operation not in self.OPERATIONS:
                raise Refused("UnknownOperationException", "", f"X-Amz-Target {target!r}")
            try:
                body = json.loads(raw)
            except ValueError:
                raise Refused("SerializationException", "", f"{operation}: body is not JSON")
            answer = getattr(self.pool, operation)(body)
            self.send(200, answer)
        except Refused as e:
            log(f"refused {operation or target}: {e.code}: {e.reason}")
            self.send(400, {"__type": e.code, "message": e.message})
        except Exception as e:  # a bug here must show in the test, not hang it
            log(f"error {operation}: {type(e).__name__}: {e}")
            self.send(500, {"__type": "InternalErrorException", "message": str(e)})

    def send(self, status, answer):
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):
        pass  # one line per request is written by do_POST


def exit_when_stdin_closes():
    """The harness holds our stdin; when it is gone (the test ended, even by a crash), so are we."""
    sys.stdin.buffer.read()
    os._exit(0)


def self_test():
    """Checks of the checker, for `--self-test`: the refusals must bite whatever today's date.

    The date matters because a zero-padded day differs from Cognito's only on days 1 to 9, and
    the client's clock is not ours to set; here the TIMESTAMPs are fixed. The proof is made by a
    minimal client written with this file's helpers, then spoiled one way at a time.
    """
    now = datetime.datetime(2026, 11, 3, 12, 5, 7, tzinfo=datetime.timezone.utc).timestamp()
    assert timestamp_problem("Tue Nov 3 12:05:07 UTC 2026", now) is None
    for bad in ["Tue Nov 03 12:05:07 UTC 2026", "Tue Nov  3 12:05:07 UTC 2026",
                "Tue Nov 3 12:05:07 GMT 2026", "Tue Nov 3 2:05:07 UTC 2026",
                "Mon Nov 3 12:05:07 UTC 2026", "Di Nov 3 12:05:07 UTC 2026",
                "Tue Nov 3 12:25:07 UTC 2026", "Tue, 03 Nov 2026 12:05:07 GMT"]:
        assert timestamp_problem(bad, now), bad
    assert pad_hex(0x7F) == b"\x7f" and pad_hex(0x80) == b"\x00\x80" and pad_hex(0xABC) == b"\x0a\xbc"
    for wanted in SHAPES:
        assert shape(make_salt(wanted), SALT_BYTES) == wanted
    pool = Pool({"user_pool_id": "us-east-1_Self", "clients": {"c": {"secret": None}},
                 "users": [{"username": "internal-1", "aliases": ["a@example.com"],
                            "password": "pw", "salt": "high-bit"}]})
    t = datetime.datetime.now(datetime.timezone.utc)
    good_time = (f"{WEEKDAYS[t.weekday()]} {MONTHS[t.month - 1]} {t.day} "
                 f"{t.hour:02}:{t.minute:02}:{t.second:02} UTC {t.year}")

    def attempt(user_id="internal-1", timestamp=good_time, password="pw"):
        a = secrets.randbits(256)
        big_a = pow(G, a, N)
        challenge = pool.InitiateAuth({"ClientId": "c", "AuthFlow": "USER_SRP_AUTH",
                                       "AuthParameters": {"USERNAME": "a@example.com",
                                                          "SRP_A": format(big_a, "x")}})
        p = challenge["ChallengeParameters"]
        salt, big_b = int(p["SALT"], 16), int(p["SRP_B"], 16)
        u = int.from_bytes(sha256(pad_hex(big_a), pad_hex(big_b)), "big")
        x = compute_x("Self", user_id, password, salt)
        s = pow((big_b - K * pow(G, x, N)) % N, a + u * x, N)
        key = hkdf16(pad_hex(s), pad_hex(u))
        message = b"Self" + user_id.encode() + base64.b64decode(p["SECRET_BLOCK"]) + timestamp.encode()
        signature = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
        try:
            pool.RespondToAuthChallenge({"ClientId": "c", "ChallengeName": "PASSWORD_VERIFIER",
                                         "ChallengeResponses": {
                                             "USERNAME": p["USER_ID_FOR_SRP"],
                                             "PASSWORD_CLAIM_SECRET_BLOCK": p["SECRET_BLOCK"],
                                             "TIMESTAMP": timestamp,
                                             "PASSWORD_CLAIM_SIGNATURE": signature}})
            return None
        except Refused as e:
            return e.reason

    assert attempt() is None, attempt()
    assert "does not verify" in attempt(user_id="a@example.com")
    assert "does not verify" in attempt(password="not-pw")
    rfc1123 = f"{WEEKDAYS[t.weekday()]}, {t.day:02} {MONTHS[t.month - 1]} {t.year} {t:%H:%M:%S} GMT"
    assert "not in the format" in attempt(timestamp=rfc1123)
    print("self-test passed")


def main():
    if sys.argv[1:] == ["--self-test"]:
        self_test()
        return
    with open(sys.argv[1], encoding="utf-8") as f:
        config = json.load(f)
    max_requests = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_MAX_REQUESTS
    Handler.pool = Pool(config)
    # HTTP/1.0: one request per connection, so the single-threaded loop below counts requests
    # and no idle keep-alive connection can hold it.
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    server.timeout = 1
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print(server.server_address[1], flush=True)
    deadline = time.monotonic() + LIFETIME
    while Handler.served < max_requests and time.monotonic() < deadline:
        server.handle_request()  # returns after one request, or after the 1 s timeout
    log(f"exiting after {Handler.served} requests")


if __name__ == "__main__":
    main()
