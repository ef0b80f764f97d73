#!/usr/bin/env python3
"""moto_server for `make demo` and `make demo-server`: moto, serving unsigned what AWS serves unsigned.

Usage: demo_moto.py [moto_server options]   (e.g. -H 127.0.0.1 -p 5000)

Started with INITIAL_NO_AUTH_ACTION_COUNT, moto checks every SigV4 signature and IAM policy, as
AWS does, but it lets through unsigned only the operations in its PUBLIC_OPERATIONS list, which
lacks RespondToAuthChallenge and the other cognito-idp operations that AWS serves without a
signature: moto answers those with an HTML "500 Internal Server Error", so an SRP sign-in (the
default of `cogtok login`) cannot finish. The same goes for cognito-identity's
GetCredentialsForIdentity and for STS's AssumeRoleWithWebIdentity, which AWS serves unsigned
too (`cogtok aws-credentials`, its enhanced and basic flows). This adds the operations the
models mark unsigned to the list, lets an unsigned AssumeRoleWithWebIdentity through, then runs
moto_server as it is. The integration tests do not use it: they run moto as it ships
(tests/common).
"""

import json
import sys
from pathlib import Path

# The API models vendored for the code generator and the fixtures: their operations marked
# `"auth": ["smithy.api#noAuth"]` are the ones AWS serves unsigned (and cogtok sends unsigned).
MODELS = Path(__file__).resolve().parents[2] / "fixtures/aws-models"
# Each model, and an operation it must mark unsigned (a check that it is the model).
APIS = [
    ("cognito-idp-2016-04-18.json", "RespondToAuthChallenge"),
    ("cognito-identity-2014-06-30.json", "GetCredentialsForIdentity"),
]
# STS's query protocol names its action in the form, not in X-Amz-Target: handled apart.
UNSIGNED_STS_ACTIONS = {"AssumeRoleWithWebIdentity"}


def unsigned_targets():
    targets = []
    for name, witness in APIS:
        model = json.loads((MODELS / name).read_text())
        ops = model["operations"]
        names = sorted(k for k, v in ops.items() if v.get("auth") == ["smithy.api#noAuth"])
        if witness not in names:
            sys.exit(f"demo_moto: {name} marks no {witness} unsigned: is it the model?")
        targets += [f"{model['metadata']['targetPrefix']}.{op}" for op in names]
    return targets


def main():
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.server import main as moto_server

    public = ActionAuthenticatorMixin.PUBLIC_OPERATIONS
    for target in unsigned_targets():
        if target not in public:
            public.append(target)

    checked = ActionAuthenticatorMixin._authenticate_and_authorize_action

    def serve_unsigned_sts(self, iam_request_cls, resource="*"):
        # Once enforcing, an unsigned AssumeRoleWithWebIdentity (the token is its proof) goes
        # through as on AWS; during the bootstrap's unchecked actions, moto counts as it does.
        enforcing = ActionAuthenticatorMixin.request_count >= settings.INITIAL_NO_AUTH_ACTION_COUNT
        if (
            enforcing
            and getattr(self, "service_name", None) == "sts"
            and not self.headers.get("Authorization")
            and self._get_action() in UNSIGNED_STS_ACTIONS
        ):
            return None
        return checked(self, iam_request_cls, resource)

    ActionAuthenticatorMixin._authenticate_and_authorize_action = serve_unsigned_sts
    sys.argv[0] = "moto_server"
    moto_server()


if __name__ == "__main__":
    main()
