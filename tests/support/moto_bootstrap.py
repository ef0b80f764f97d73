#!/usr/bin/env python3
"""Seed a freshly started moto server with the IAM users the tests sign with.

Usage:
    moto_bootstrap.py --action-count
        Print how many API actions the bootstrap performs unauthenticated, i.e. the value to give
        moto_server as INITIAL_NO_AUTH_ACTION_COUNT, and exit. Imports nothing heavy.
    moto_bootstrap.py URL [--with-pool] [--region R]
        Against the moto server at URL:
          1. unauthenticated phase (exactly NO_AUTH_ACTIONS actions, signed with dummy keys that
             moto does not check yet; it needs the signature's credential scope to route an IAM
             request at all, an unsigned one would go to S3):
             IAM user `cogtok-admin` with an access key and an inline policy allowing
             cognito-idp:* on *, IAM user `cogtok-noperm` with an access key and an inline
             policy allowing only sts:GetCallerIdentity, IAM user `cogtok-assumer` with an
             access key and an inline policy allowing only sts:AssumeRole, and role
             `cogtok-role`, whose trust policy lets `cogtok-assumer` assume it (and anyone
             assume it with a web identity: moto checks no token) and whose inline policy
             allows cognito-idp:* on *;
          2. with --with-pool, signed with the admin keys (so it also proves that they work):
             user pool `cogtok-demo` and app client `cogtok-demo-client` (no secret) with
             ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_USER_SRP_AUTH and
             ALLOW_REFRESH_TOKEN_AUTH; then identity pool `cogtok_demo` (guests allowed) whose
             provider is that pool and client, made in one unchecked action (POST
             /moto-api/reset-auth 1: the admin user may call cognito-idp only).
        Prints one JSON object on stdout:
          {"url", "region", "enforcing", "admin": {"access_key_id", "secret_access_key"},
           "noperm": {...}, "assumer": {...}, "role_arn", "user_pool_id"?, "client_id"?,
           "identity_pool_id"?}
        "enforcing" tells whether moto refused a ListUserPools signed with an unknown key,
        sent after the bootstrap (true when moto was started with
        INITIAL_NO_AUTH_ACTION_COUNT equal to --action-count, false when it runs without
        enforcement). Exits non-zero, with a message on stderr, on any failure.

Needs boto3 (from the project's .venv, see tests/support/requirements.txt).
"""

import json
import sys

# The number of actions the unauthenticated phase performs: CreateUser, CreateAccessKey and
# PutUserPolicy for each of the three users, then CreateRole and PutRolePolicy. moto counts one per API action it serves and starts
# to check SigV4 signatures and IAM policies once the count reaches INITIAL_NO_AUTH_ACTION_COUNT.
# main() checks that it made exactly this many requests.
NO_AUTH_ACTIONS = 11

ADMIN_USER = "cogtok-admin"
NOPERM_USER = "cogtok-noperm"
ASSUMER_USER = "cogtok-assumer"
ROLE_NAME = "cogtok-role"
POOL_NAME = "cogtok-demo"
CLIENT_NAME = "cogtok-demo-client"


def policy(action):
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}],
        }
    )


def fail(msg):
    print(f"moto_bootstrap: {msg}", file=sys.stderr)
    sys.exit(1)


def main(argv):
    if argv[1:] == ["--action-count"]:
        print(NO_AUTH_ACTIONS)
        return 0

    args = argv[1:]
    with_pool = "--with-pool" in args
    args = [a for a in args if a != "--with-pool"]
    region = "us-east-1"
    if "--region" in args:
        i = args.index("--region")
        if i + 1 >= len(args):
            fail("--region needs a value")
        region = args[i + 1]
        del args[i : i + 2]
    if len(args) != 1 or args[0].startswith("-"):
        print(__doc__, file=sys.stderr)
        return 2
    url = args[0].rstrip("/")

    import boto3
    import botocore
    from botocore.config import Config

    sent = []

    def count(request, **_):
        sent.append(request.headers.get("X-Amz-Target") or request.body)

    cfg = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=5, read_timeout=30)
    session = boto3.session.Session(region_name=region)
    # Dummy keys: moto does not check signatures before INITIAL_NO_AUTH_ACTION_COUNT is reached,
    # and explicit keys keep botocore away from the environment and ~/.aws.
    iam = session.client(
        "iam",
        endpoint_url=url,
        aws_access_key_id="AKIDBOOTSTRAPEXAMPLE",
        aws_secret_access_key="bootstrap-not-checked",
        config=cfg,
    )
    iam.meta.events.register("before-send", count)

    keys = {}
    arns = {}
    users = (
        (ADMIN_USER, "cognito-idp:*"),
        (NOPERM_USER, "sts:GetCallerIdentity"),
        (ASSUMER_USER, "sts:AssumeRole"),
    )
    for user, action in users:
        arns[user] = iam.create_user(UserName=user)["User"]["Arn"]
        key = iam.create_access_key(UserName=user)["AccessKey"]
        iam.put_user_policy(UserName=user, PolicyName=f"{user}-policy", PolicyDocument=policy(action))
        keys[user] = {
            "access_key_id": key["AccessKeyId"],
            "secret_access_key": key["SecretAccessKey"],
        }
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Principal": {"AWS": arns[ASSUMER_USER]}, "Action": "sts:AssumeRole"},
                {
                    "Effect": "Allow",
                    "Principal": {"Federated": "token.actions.example.com"},
                    "Action": "sts:AssumeRoleWithWebIdentity",
                },
            ],
        }
    )
    role_arn = iam.create_role(RoleName=ROLE_NAME, AssumeRolePolicyDocument=trust)["Role"]["Arn"]
    iam.put_role_policy(RoleName=ROLE_NAME, PolicyName=f"{ROLE_NAME}-policy", PolicyDocument=policy("cognito-idp:*"))
    if len(sent) != NO_AUTH_ACTIONS:
        fail(f"made {len(sent)} unauthenticated requests, expected NO_AUTH_ACTIONS={NO_AUTH_ACTIONS}")

    # Is moto enforcing now? ListUserPools signed with the dummy bootstrap key must be refused
    # (403 InvalidClientTokenId: moto knows no such key). When moto does not enforce, it is
    # just served. (An unsigned request is no good probe: moto answers it with a 500.)
    probe = session.client(
        "cognito-idp",
        endpoint_url=url,
        aws_access_key_id="AKIDBOOTSTRAPEXAMPLE",
        aws_secret_access_key="bootstrap-not-checked",
        config=cfg,
    )
    try:
        probe.list_user_pools(MaxResults=1)
        enforcing = False
    except botocore.exceptions.ClientError as e:
        # moto answers auth errors with an XML ErrorResponse even on this JSON protocol, so
        # botocore cannot parse the code out of it: look for it in the raw message.
        status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        if status != 403 or "InvalidClientTokenId" not in str(e):
            fail(f"unexpected answer to the enforcement probe: {e}")
        enforcing = True

    out = {
        "url": url,
        "region": region,
        "enforcing": enforcing,
        "admin": keys[ADMIN_USER],
        "noperm": keys[NOPERM_USER],
        "assumer": keys[ASSUMER_USER],
        "role_arn": role_arn,
    }

    if with_pool:
        admin = keys[ADMIN_USER]
        idp = session.client(
            "cognito-idp",
            endpoint_url=url,
            aws_access_key_id=admin["access_key_id"],
            aws_secret_access_key=admin["secret_access_key"],
            config=cfg,
        )
        pool = idp.create_user_pool(
            PoolName=POOL_NAME,
            UsernameAttributes=["email"],
            AutoVerifiedAttributes=["email"],
        )["UserPool"]
        client = idp.create_user_pool_client(
            UserPoolId=pool["Id"],
            ClientName=CLIENT_NAME,
            GenerateSecret=False,
            ExplicitAuthFlows=[
                "ALLOW_ADMIN_USER_PASSWORD_AUTH",
                "ALLOW_USER_PASSWORD_AUTH",
                "ALLOW_USER_SRP_AUTH",
                "ALLOW_REFRESH_TOKEN_AUTH",
            ],
        )["UserPoolClient"]
        out["user_pool_id"] = pool["Id"]
        out["client_id"] = client["ClientId"]
        if enforcing:
            # One action unchecked; signed with the dummy keys, as the bootstrap's first ones.
            import urllib.request

            # Not a form (urllib's default type), or werkzeug would parse the body away.
            reset = urllib.request.Request(f"{url}/moto-api/reset-auth", data=b"1", headers={"Content-Type": "text/plain"})
            urllib.request.urlopen(reset, timeout=10).read()
        identity = session.client(
            "cognito-identity",
            endpoint_url=url,
            aws_access_key_id="AKIDBOOTSTRAPEXAMPLE",
            aws_secret_access_key="bootstrap-not-checked",
            config=cfg,
        )
        out["identity_pool_id"] = identity.create_identity_pool(
            IdentityPoolName="cogtok_demo",
            AllowUnauthenticatedIdentities=True,
            CognitoIdentityProviders=[
                {
                    "ProviderName": f"cognito-idp.{region}.amazonaws.com/{pool['Id']}",
                    "ClientId": client["ClientId"],
                }
            ],
        )["IdentityPoolId"]

    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except SystemExit:
        raise
    except Exception as e:  # one line, not a traceback, for the harness to show
        fail(f"{type(e).__name__}: {e}")
