#!/usr/bin/env python3
"""moto_server for `make demo` and `make demo-server`: moto, serving unsigned what AWS serves unsigned.

Usage: demo_moto.py [moto_server options]   (e.g. -H 127.0.0.1 -p 5000)

Started with INITIAL_NO_AUTH_ACTION_COUNT, moto checks every SigV4 signature and IAM policy, as
AWS does, but it lets through unsigned only the operations in its PUBLIC_OPERATIONS list, which
lacks RespondToAuthChallenge and the other cognito-idp operations that AWS serves without a
signature: moto answers those with an HTML "500 Internal Server Error", so an SRP sign-in (the
default of `cogtok login`) cannot finish. This adds them to the list, then runs moto_server as it
is. The integration tests do not use it: they run moto as it ships (tests/common).
"""

import json
import sys
from pathlib import Path

# The cognito-idp API model vendored for the code generator: its operations marked
# `"auth": ["smithy.api#noAuth"]` are the ones AWS serves unsigned (and cogtok sends unsigned).
MODEL = Path(__file__).resolve().parents[2] / "fixtures/aws-models/cognito-idp-2016-04-18.json"


def unsigned_operations():
    ops = json.loads(MODEL.read_text())["operations"]
    names = sorted(k for k, v in ops.items() if v.get("auth") == ["smithy.api#noAuth"])
    if "RespondToAuthChallenge" not in names:
        sys.exit(f"demo_moto: {MODEL} marks no RespondToAuthChallenge unsigned: is it the model?")
    return names


def main():
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.server import main as moto_server

    public = ActionAuthenticatorMixin.PUBLIC_OPERATIONS
    for op in unsigned_operations():
        target = f"AWSCognitoIdentityProviderService.{op}"
        if target not in public:
            public.append(target)
    sys.argv[0] = "moto_server"
    moto_server()


if __name__ == "__main__":
    main()
