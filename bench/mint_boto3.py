"""`make bench`'s Python side of minting: what `cogtok mint --flow admin` does, as the loop a
load-test script would write with boto3.

    python bench/mint_boto3.py ENDPOINT POOL CLIENT PREFIX COUNT

Signs users PREFIX1 .. PREFIX<COUNT> in with AdminInitiateAuth (ADMIN_USER_PASSWORD_AUTH,
SigV4-signed by botocore with the keys in the environment), one after another through one
client (one connection pool), the password from COGTOK_PASSWORD; prints one NDJSON record a
user, as cogtok mint does (username, id_token, access_token, expires_at), so that both do the
same work. Exits 1 on the first failure: the bench counts the records.
"""

import json
import os
import sys
import time

import boto3


def main():
    """Signs every user in, in order, and prints their records."""
    endpoint, pool, client_id, prefix, count = sys.argv[1:6]
    password = os.environ["COGTOK_PASSWORD"]
    idp = boto3.client("cognito-idp", endpoint_url=endpoint)
    out = sys.stdout
    for i in range(1, int(count) + 1):
        username = f"{prefix}{i}"
        answer = idp.admin_initiate_auth(
            UserPoolId=pool,
            ClientId=client_id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
        tokens = answer["AuthenticationResult"]
        record = {
            "username": username,
            "id_token": tokens["IdToken"],
            "access_token": tokens["AccessToken"],
            "expires_at": int(time.time()) + tokens["ExpiresIn"],
        }
        out.write(json.dumps(record) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
