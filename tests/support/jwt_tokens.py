#!/usr/bin/env python3
"""Test tokens for tests/verify.rs: throwaway RSA keys made here (never committed), their JWKS
files, one token per case, and what PyJWT (the reference) says of each.

Usage: jwt_tokens.py OUT_DIR POOL_ID CLIENT_ID

Writes OUT_DIR/jwks-a.json (key a), jwks-ab.json (keys a and b: after a rotation),
jwks-enc.json (key a with use "enc"), and prints {case: {"token": …, "pyjwt": "ok" | error}}.
"""

import base64
import json
import os
import sys
import time

import jwt  # PyJWT
from cryptography.hazmat.primitives.asymmetric import rsa


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwk(key, kid, use="sig"):
    numbers = key.public_key().public_numbers()
    n = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")
    e = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    return {"kty": "RSA", "kid": kid, "use": use, "alg": "RS256", "n": b64(n), "e": b64(e)}


def main():
    out, pool, client = sys.argv[1], sys.argv[2], sys.argv[3]
    region = pool.split("_")[0]
    iss = f"https://cognito-idp.{region}.amazonaws.com/{pool}"
    key_a = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_b = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for name, keys in [
        ("jwks-a.json", [jwk(key_a, "key-a")]),
        ("jwks-ab.json", [jwk(key_a, "key-a"), jwk(key_b, "key-b")]),
        ("jwks-enc.json", [jwk(key_a, "key-a", use="enc")]),
    ]:
        with open(os.path.join(out, name), "w") as f:
            json.dump({"keys": keys}, f)
    now = int(time.time())
    id_claims = {
        "sub": "u-1", "iss": iss, "aud": client, "token_use": "id", "cognito:username": "u-1",
        "auth_time": now - 10, "iat": now - 10, "exp": now + 3600, "cognito:groups": ["admins"],
    }
    access_claims = {
        "sub": "u-1", "iss": iss, "client_id": client, "token_use": "access", "username": "u-1",
        "scope": "api/read api/write", "auth_time": now - 10, "iat": now - 10, "exp": now + 3600,
        "cognito:groups": ["admins", "ops"], "acr": "mfa",
    }

    def sign(claims, key=key_a, kid="key-a", **changes):
        body = dict(claims)
        for k, v in changes.items():
            if v is None:
                body.pop(k, None)
            else:
                body[k] = v
        return jwt.encode(body, key, algorithm="RS256", headers={"kid": kid})

    cases = {
        "valid-id": sign(id_claims),
        "valid-access": sign(access_claims),
        "issuer-form": sign(id_claims, iss=f"https://issuer-cognito-idp.{region}.amazonaws.com/{pool}"),
        "bad-signature": sign(id_claims, key=key_b, kid="key-a"),
        "wrong-iss": sign(id_claims, iss=f"https://cognito-idp.{region}.amazonaws.com/{region}_Other"),
        "wrong-aud": sign(id_claims, aud="another-client"),
        "wrong-client-id": sign(access_claims, client_id="another-client"),
        "expired": sign(id_claims, exp=now - 100),
        "not-yet": sign(id_claims, nbf=now + 100),
        "no-exp": sign(id_claims, exp=None),
        "unknown-kid": sign(id_claims, kid="key-x"),
        "rotated": sign(id_claims, key=key_b, kid="key-b"),
        "hs256": jwt.encode(id_claims, "a-shared-secret-of-32-bytes-long!!", algorithm="HS256", headers={"kid": "key-a"}),
        "no-token-use": sign(id_claims, token_use=None),
        "old-sign-in": sign(access_claims, auth_time=now - 4000),
    }
    # alg none: PyJWT signs it with an empty signature.
    cases["alg-none"] = jwt.encode(id_claims, None, algorithm="none", headers={"kid": "key-a"})
    # A payload changed after signing.
    h, p, s = cases["valid-id"].split(".")
    tampered = dict(id_claims, sub="u-2")
    cases["tampered"] = ".".join([h, b64(json.dumps(tampered).encode()), s])

    public_a = key_a.public_key()
    result = {}
    for name, token in cases.items():
        try:
            # The reference: PyJWT with the checks it has (signature, RS256 only, iss, exp, nbf,
            # and aud for ID tokens; it knows neither token_use nor client_id).
            options = {"require": ["exp", "iss"], "verify_aud": "aud" in jwt.decode(token, options={"verify_signature": False})}
            jwt.decode(token, public_a, algorithms=["RS256"], issuer=[iss, f"https://issuer-cognito-idp.{region}.amazonaws.com/{pool}"],
                       audience=client, options=options)
            verdict = "ok"
        except Exception as e:  # noqa: BLE001 - any refusal is the verdict
            verdict = type(e).__name__
        result[name] = {"token": token, "pyjwt": verdict}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
