#!/usr/bin/env python3
"""Generate the SRP known-answer vectors of src/auth/srp.rs with pycognito's aws_srp.py.

pycognito is an independent client of Cognito's SRP (a Python port of amazon-cognito-identity-js's
AuthenticationHelper, used against the real service). The Rust code was written from the protocol
description, not from its code; these vectors check the two agree bit for bit.

    python3 -m venv /tmp/srpvenv && /tmp/srpvenv/bin/pip install pycognito==2024.5.1
    /tmp/srpvenv/bin/python tools/srp_vectors.py                         (print the Rust block)
    /tmp/srpvenv/bin/python tools/srp_vectors.py --update src/auth/srp.rs (rewrite it in place)

Everything random is pinned, so the output is the same on every run:
- the secret exponent `a`: AWSSRP.generate_random_small_a is overridden (a 256-bit value, as cogtok
  draws; pycognito itself draws 1024 bits, which the math does not care about);
- the clock: aws_srp.datetime is replaced, so process_challenge and process_device_challenge
  stamp the fixed TIMESTAMP (each through its own formatter);
- os.urandom inside aws_srp, for generate_hash_device (40 bytes of device password, then 16 of
  salt).
Values are picked by a deterministic search (SHA-256 of a label and a counter) until each vector
has the shape it is meant to cover: A, B, salt, u and S with and without the top bit set (the
extra zero byte of the padding), shorter than full width, odd-length hex.

Each user claim is also checked against an SRP server written here (B = k*v + g^b, S = (A*v^u)^b
with the verifier v = g^x), so a vector is a working proof, not only pycognito's arithmetic.
"""

import argparse
import base64
import calendar
import datetime
import hashlib
import hmac
import sys
import types

from pycognito import aws_srp

N = int(aws_srp.N_HEX, 16)
G = int(aws_srp.G_HEX, 16)
K = int(aws_srp.hex_hash("00" + aws_srp.N_HEX + "0" + aws_srp.G_HEX), 16)
BEGIN = "// BEGIN GENERATED VECTORS (tools/srp_vectors.py)"
END = "// END GENERATED VECTORS"


def det(label, n):
    """n deterministic bytes from a label."""
    out = b""
    i = 0
    while len(out) < n:
        out += hashlib.sha256(f"{label}/{i}".encode()).digest()
        i += 1
    return out[:n]


def det_int(label, nbytes):
    return int.from_bytes(det(label, nbytes), "big")


def minimal_hex(v):
    return f"{v:x}"


def pad_bytes(v):
    """The padding both SDKs use: minimal big-endian bytes, one 0x00 more if the top bit is set."""
    return bytes.fromhex(aws_srp.pad_hex(v))


def sha(b):
    return hashlib.sha256(b).digest()


class FixedClock:
    """Stands in for the datetime module inside aws_srp: utcnow() is frozen."""

    def __init__(self, when):
        self.datetime = types.SimpleNamespace(utcnow=lambda: when)


class FixedA(aws_srp.AWSSRP):
    fixed_a = None

    def generate_random_small_a(self):
        return self.fixed_a


def client(a, username="user", password="", pool_id="us-east-1_pool", **kw):
    FixedA.fixed_a = a
    # client= keeps boto3 from building a real client; nothing is sent.
    return FixedA(username, password, pool_id, "clientid", client=object(), **kw)


def server_b(v, b):
    return (K * v + pow(G, b, N)) % N


def server_key(a_pub, b_pub, v, b):
    """The server's side of the handshake, written from RFC 5054, not from pycognito."""
    u = int.from_bytes(sha(pad_bytes(a_pub) + pad_bytes(b_pub)), "big")
    s = pow(a_pub * pow(v, u, N), b, N)
    prk = hmac.new(pad_bytes(u), pad_bytes(s), hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def user_x(pool_name, user, password, salt_int):
    inner = sha(f"{pool_name}{user}:{password}".encode("utf-8"))
    return int.from_bytes(sha(pad_bytes(salt_int) + inner), "big")


def shape(v, width_bytes=384):
    h = minimal_hex(v)
    bits = []
    bits.append("top bit set" if aws_srp.pad_hex(v).startswith("00") else "top bit clear")
    if len(h) % 2:
        bits.append("odd-length hex")
    if len(h) < 2 * width_bytes - 1:
        n = (len(h) + 1) // 2
        bits.append(f"{n} byte" + ("s" if n != 1 else ""))
    return ", ".join(bits)


def find(label, make, ok, limit=20000):
    """The first value make(label/i) for which ok(value) holds."""
    for i in range(limit):
        v = make(f"{label}/{i}")
        if ok(v):
            return v
    raise SystemExit(f"no value found for {label}")


def a_value(label):
    return det_int("a/" + label, 32) or 1


def public_a(a):
    return pow(G, a, N)


def rust_str(s):
    out = []
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ord(ch) < 0x20:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


TS = datetime.datetime(2026, 11, 3, 12, 5, 7)


def user_claim(note, pool_id, user_id, password, a, salt_hex, b_hex, secret_block, when=TS):
    """One PASSWORD_VERIFIER answer from pycognito's process_challenge."""
    aws_srp.datetime = FixedClock(when)
    c = client(a, username="login-name", password=password, pool_id=pool_id)
    params = {
        "USERNAME": user_id,
        "USER_ID_FOR_SRP": user_id,
        "SALT": salt_hex,
        "SRP_B": b_hex,
        "SECRET_BLOCK": secret_block,
    }
    resp = c.process_challenge(params, {"USERNAME": "login-name"})
    key = c.get_password_authentication_key(user_id, password, int(b_hex, 16), salt_hex)
    # pycognito pads SALT as the string it got; amazon-cognito-identity-js pads the integer.
    # They agree for every string without redundant leading zeros, the only kind used here.
    assert aws_srp.pad_hex(salt_hex) == aws_srp.pad_hex(int(salt_hex, 16)), salt_hex
    return {
        "note": note,
        "pool_name": pool_id.split("_")[1],
        "user": user_id,
        "password": password,
        "a": f"{a:064x}",
        "srp_a": minimal_hex(c.large_a_value),
        "salt": salt_hex,
        "srp_b": b_hex,
        "secret_block": secret_block,
        "timestamp": resp["TIMESTAMP"],
        "key": key.hex(),
        "signature": resp["PASSWORD_CLAIM_SIGNATURE"],
    }


def secret_block(label, n):
    return base64.b64encode(det("sb/" + label, n)).decode()


def user_vectors():
    out = []
    pool = "us-east-1_AbCdEfGhI"
    user = "5f3c4d1e-8a2b-4c6d-9e0f-112233445566"

    def real(note, label, pool_id, user_id, password, salt_int, a, b_ok=lambda B: True,
             u_ok=lambda u: True, s_ok=lambda s: True, when=TS, sb_len=200, b_fmt=minimal_hex):
        """A vector whose B comes from a real server for this user's verifier."""
        pool_name = pool_id.split("_")[1]
        v = pow(G, user_x(pool_name, user_id, password, salt_int), N)
        A = public_a(a)

        def make(lbl):
            b = det_int("b/" + lbl, 32)
            return b, server_b(v, b)

        def ok(pair):
            b, B = pair
            if not b_ok(B):
                return False
            u = int.from_bytes(sha(pad_bytes(A) + pad_bytes(B)), "big")
            if not u_ok(u):
                return False
            if s_ok is not None:
                x = user_x(pool_name, user_id, password, salt_int)
                s = pow(B - K * pow(G, x, N), a + u * x, N)
                return s_ok(s)
            return True

        b, B = find("b/" + label, make, ok)
        vec = user_claim(note, pool_id, user_id, password, a, minimal_hex(salt_int), b_fmt(B),
                         secret_block(label, sb_len), when)
        assert bytes.fromhex(vec["key"]) == server_key(A, B, v, b), note
        u = int.from_bytes(sha(pad_bytes(A) + pad_bytes(B)), "big")
        x = user_x(pool_name, user_id, password, salt_int)
        s = pow(B - K * pow(G, x, N), a + u * x, N)
        vec["note"] += f" [A: {shape(A)}; B: {shape(B)}; salt: {shape(salt_int, 16)};" \
                       f" u: {shape(u, 32)}; S: {shape(s)}]"
        out.append(vec)

    a_high = find("high", a_value, lambda a: public_a(a) >> 3071 == 1)
    a_low = find("low", a_value, lambda a: public_a(a) >> 3068 in range(1, 8))
    a_odd = find("odd", a_value, lambda a: 0 < public_a(a) >> 3064 < 16)
    a_short = find("short", a_value, lambda a: public_a(a) >> 3064 == 0)
    salt_high = int("8" + det("salt-high", 16).hex()[1:], 16)
    salt_low = int("3" + det("salt-low", 16).hex()[1:], 16)
    salt_odd = int("a" + det("salt-odd", 15).hex(), 16)  # 31 hex digits

    real("baseline: everything full width with the top bit set", "base", pool, user,
         "Passw0rd!", salt_high, a_high, b_ok=lambda B: B >> 3071 == 1,
         u_ok=lambda u: u >> 255 == 1, s_ok=lambda s: s >> 3071 == 1)
    real("A without the top bit, B and u without the top bit", "low", pool, user,
         "Passw0rd!", salt_low, a_low, b_ok=lambda B: B >> 3068 in range(1, 8),
         u_ok=lambda u: u >> 248 in range(1, 128))
    real("A as odd-length hex (767 digits), salt of 31 hex digits", "odd", pool, user,
         "Passw0rd!", salt_odd, a_odd)
    real("A one byte short; S one byte short", "a-short", pool, user,
         "Passw0rd!", salt_high, a_short, s_ok=lambda s: s >> 3064 == 0)
    real("B as odd-length hex (767 digits)", "b-odd", pool, user, "Passw0rd!", salt_low,
         a_high, b_ok=lambda B: 0 < B >> 3064 < 16)
    real("B one byte short", "b-short", pool, user, "Passw0rd!", salt_high, a_low,
         b_ok=lambda B: B >> 3064 == 0)
    real("u one byte short (a hash with a leading zero byte)", "u-short", pool, user,
         "Passw0rd!", salt_low, a_high, u_ok=lambda u: u >> 248 == 0, s_ok=None)
    real("B sent with leading zeros and in upper case", "b-upper", pool, user, "Passw0rd!",
         salt_high, a_high, b_fmt=lambda B: "000" + f"{B:X}")
    real("unicode password and user id", "unicode", "eu-west-3_Z9yX8wV7u",
         "jörg.müller", "pässwörd 🔑 密码 Ωmega", salt_low, a_low)
    real("another pool, e-mail style user id, 1 KiB SECRET_BLOCK", "pool2",
         "ap-southeast-2_0aB1cD2eF", "alice@example.com", "correct horse battery staple",
         salt_odd, a_high, sb_len=1024)
    real("short salt (one byte, top bit set) and a single-digit day", "salt-short", pool, user,
         "Passw0rd!", 0xC3, a_odd, when=datetime.datetime(2024, 2, 9, 7, 8, 9))
    real("salt of one hex digit", "salt-digit", pool, user, "Passw0rd!", 0x7, a_high)
    real("long password, leap day", "long", pool, user, "x" * 200 + "Ä", salt_high, a_low,
         when=datetime.datetime(2024, 2, 29, 23, 59, 59))

    # Values no server would send but the arithmetic must still take: a short B that is not
    # derived from any verifier, and the smallest possible values.
    for note, salt_hex, b_hex in [
        ("B of 3 hex digits (not from a server)", "1", "abc"),
        ("B = 2 (not from a server), salt 0", "0", "2"),
        ("B = N - 1 (not from a server)", "ff", minimal_hex(N - 1)),
    ]:
        vec = user_claim(note, pool, user, "Passw0rd!", a_high, salt_hex, b_hex,
                         secret_block(note, 64))
        out.append(vec)
    return out


def device_vectors():
    """generate_hash_device with pinned randomness, then DEVICE_PASSWORD_VERIFIER answers."""
    verifiers = []
    claims = []
    group_key = "-Pq4ndCfT"
    devices = [
        ("salt with the top bit set (17 bytes after padding)", lambda s: s[0] >= 0x80),
        ("salt with a leading zero byte (15 bytes)", lambda s: s[0] == 0 and 0x10 <= s[1] < 0x80),
        ("salt whose hex has an odd length", lambda s: 0 < s[0] < 0x10),
        ("salt with the top bit clear", lambda s: 0x10 <= s[0] < 0x80),
    ]
    for i, (note, salt_ok) in enumerate(devices):
        device_key = f"us-east-1_{det('dk/' + str(i), 16).hex()}"
        device_key = "-".join([device_key[:18], device_key[18:22], device_key[22:26],
                               device_key[26:30], device_key[30:]])
        rnd_salt = find(f"dsalt/{i}", lambda lbl: det(lbl, 16), salt_ok)
        rnd_pw = det(f"dpw/{i}", 40)
        feed = [rnd_pw, rnd_salt]

        def urandom(n, feed=feed):
            b = feed.pop(0)
            assert len(b) == n
            return b

        aws_srp.os = types.SimpleNamespace(urandom=urandom)
        password, config = aws_srp.generate_hash_device(group_key, device_key)
        verifiers.append({
            "note": note,
            "device_group_key": group_key,
            "device_key": device_key,
            "random_password": rnd_pw.hex(),
            "random_salt": rnd_salt.hex(),
            "device_password": password,
            "salt": config["Salt"],
            "password_verifier": config["PasswordVerifier"],
        })

        # The device's later DEVICE_SRP_AUTH: the server sends back the salt as hex of the
        # integer and a B made from the stored verifier.
        salt_int = int.from_bytes(base64.b64decode(config["Salt"]), "big")
        v = int.from_bytes(base64.b64decode(config["PasswordVerifier"]), "big")
        a = a_value(f"device/{i}")
        b = det_int(f"device-b/{i}", 32)
        B = server_b(v, b)
        when = datetime.datetime(2025, 1 + i, 1 + 9 * i, 9, 30 + i, 5)
        aws_srp.datetime = FixedClock(when)
        c = client(a, device_key=device_key, device_group_key=group_key,
                   device_password=password)
        resp = c.process_device_challenge({
            "USERNAME": "internal-user",
            "SALT": minimal_hex(salt_int),
            "SRP_B": minimal_hex(B),
            "SECRET_BLOCK": secret_block(f"device/{i}", 300),
        })
        key = c.get_device_authentication_key(group_key, device_key, password, B,
                                              minimal_hex(salt_int))
        assert key == server_key(public_a(a), B, v, b), note
        claims.append({
            "note": f"device: {note}",
            "pool_name": group_key,
            "user": device_key,
            "password": password,
            "a": f"{a:064x}",
            "srp_a": minimal_hex(c.large_a_value),
            "salt": minimal_hex(salt_int),
            "srp_b": minimal_hex(B),
            "secret_block": secret_block(f"device/{i}", 300),
            "timestamp": resp["TIMESTAMP"],
            "key": key.hex(),
            "signature": resp["PASSWORD_CLAIM_SIGNATURE"],
        })
    aws_srp.os = __import__("os")
    return verifiers, claims


def timestamp_vectors():
    when = [
        datetime.datetime(1970, 1, 1, 0, 0, 0),  # Thursday, the epoch
        datetime.datetime(2026, 11, 3, 12, 5, 7),  # the example in the issue
        datetime.datetime(2024, 2, 29, 23, 59, 59),  # leap day
        datetime.datetime(2000, 2, 29, 0, 0, 1),  # leap day of a year divisible by 400
        datetime.datetime(2100, 3, 1, 6, 7, 8),  # 2100 is no leap year
        datetime.datetime(2038, 1, 19, 3, 14, 8),  # past 2^31 seconds
        datetime.datetime(1969, 12, 31, 23, 59, 59),  # before the epoch
        datetime.datetime(2023, 12, 31, 10, 0, 0),
    ]
    # One date for each weekday, all single-digit days.
    when += [datetime.datetime(2025, 6, d, d, 2 * d, 3 * d) for d in range(1, 8)]
    out = []
    for w in when:
        out.append((calendar.timegm(w.timetuple()),
                    aws_srp.AWSSRP.get_cognito_formatted_timestamp(w)))
    return out


def render():
    users = user_vectors()
    verifiers, device_claims = device_vectors()
    lines = [BEGIN, "// Do not edit by hand: regenerate with the command in the tool's docstring."]
    lines.append(f"pub(super) const K_HEX: &str = \"{K:064x}\";")

    def claim_array(name, vecs):
        lines.append(f"pub(super) const {name}: &[ClaimVector] = &[")
        for v in vecs:
            lines.append("    ClaimVector {")
            for field in ["note", "pool_name", "user", "password", "a", "srp_a", "salt", "srp_b",
                          "secret_block", "timestamp", "key", "signature"]:
                lines.append(f"        {field}: {rust_str(v[field])},")
            lines.append("    },")
        lines.append("];")

    claim_array("USER_CLAIMS", users)
    claim_array("DEVICE_CLAIMS", device_claims)
    lines.append("pub(super) const DEVICE_VERIFIERS: &[VerifierVector] = &[")
    for v in verifiers:
        lines.append("    VerifierVector {")
        for field in ["note", "device_group_key", "device_key", "random_password", "random_salt",
                      "device_password", "salt", "password_verifier"]:
            lines.append(f"        {field}: {rust_str(v[field])},")
        lines.append("    },")
    lines.append("];")
    lines.append("pub(super) const TIMESTAMPS: &[(i64, &str)] = &[")
    for secs, text in timestamp_vectors():
        lines.append(f"    ({secs}, {rust_str(text)}),")
    lines.append("];")
    lines.append(END)
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--update", metavar="PATH",
                    help="replace the generated block in this Rust file instead of printing")
    args = ap.parse_args()
    block = render()
    if not args.update:
        sys.stdout.write(block)
        return
    with open(args.update, encoding="utf-8") as f:
        text = f.read()
    start = text.index(BEGIN)
    # Keep the indentation of the line the block starts on.
    indent = text[text.rindex("\n", 0, start) + 1:start]
    stop = text.index(END, start) + len(END) + 1
    body = "".join((indent + ln if ln else ln) + "\n" for ln in block.rstrip("\n").split("\n"))
    with open(args.update, "w", encoding="utf-8") as f:
        f.write(text[:start - len(indent)] + body + text[stop:])


if __name__ == "__main__":
    main()
