#!/usr/bin/env python3
"""Writes the fuzz targets' seed inputs, from the repository's fixtures and test data.

Usage: python3 fuzz/seeds.py OUTDIR  (then `make fuzz-seeds` merges OUTDIR/<target>/ into
fuzz/corpus/<target>/ with libFuzzer's -merge=1, which keeps only inputs that add coverage).

The inputs are laid out as src/fuzzing.rs describes for each target: the answer and params
targets start with the index of the operation in src/api/ops.rs's OPS table, so the table is read
here in the same order.
"""

import hashlib
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def rust_string(literal):
    """The value of a Rust "..." literal's body (the escapes the test tables use)."""
    out, i = [], 0
    while i < len(literal):
        c = literal[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = literal[i + 1]
        if n == "u":
            end = literal.index("}", i)
            out.append(chr(int(literal[i + 3 : end], 16)))
            i = end + 1
            continue
        if n == "x":
            out.append(chr(int(literal[i + 2 : i + 4], 16)))
            i += 4
            continue
        out.append({"n": "\n", "t": "\t", "r": "\r", "0": "\0", "\\": "\\", '"': '"', "'": "'"}[n])
        i += 2
    return "".join(out)


def operations():
    """[(command, operation, [input member options])] in OPS order."""
    text = (ROOT / "src/api/ops.rs").read_text()
    table = text[text.index("pub(crate) static OPS: &[OpSpec] = &[") :]
    ops = []
    for block in table.split("\n    OpSpec {")[1:]:
        command = re.search(r'^        command: "([^"]*)"', block, re.M).group(1)
        operation = re.search(r'^        operation: "([^"]*)"', block, re.M).group(1)
        options = re.findall(r'^                option: "([^"]*)"', block, re.M)
        ops.append((command, operation, options))
    return ops


def fixtures():
    for path in sorted((ROOT / "fixtures/exchanges").rglob("*.json")):
        yield json.loads(path.read_text())


def main(out):
    seeds = {}

    def add(target, data):
        if isinstance(data, str):
            data = data.encode()
        seeds.setdefault(target, set()).add(data)

    ops = operations()
    by_operation = {op: i for i, (_, op, _) in enumerate(ops)}
    by_command = {c: (i, options) for i, (c, _, options) in enumerate(ops)}

    # shorthand: the AWS CLI's own answers table in shorthand.rs.
    text = (ROOT / "src/cli/shorthand.rs").read_text()
    for m in re.finditer(r'^\s*\("((?:[^"\\]|\\.)*)", (?:Ok|Err)', text, re.M):
        add("shorthand", rust_string(m.group(1)))
    add("shorthand", "k@=file://x,l=[a,{b=c}]")

    for fixture in fixtures():
        args = fixture.get("args", [])
        # params: each option value of a recorded command, for its operation's member.
        if args and args[0] in by_command:
            index, options = by_command[args[0]]
            for flag, value in zip(args, args[1:]):
                if flag.startswith("--") and flag[2:] in options and not value.startswith("file"):
                    add("params", bytes([index, options.index(flag[2:])]) + value.encode())
        # answer: every recorded response, for its operation.
        for exchange in fixture.get("exchanges", []):
            target = exchange.get("request", {}).get("target", "")
            operation = target.rsplit(".", 1)[-1]
            response = exchange.get("response", {})
            # The identity pools' answers are read whatever the operation byte: under the first.
            identity = target.startswith("AWSCognitoIdentityService.")
            body = response.get("body", response.get("body_text") if identity else None)
            if (operation not in by_operation and not identity) or body is None:
                continue
            body = body if isinstance(body, str) else json.dumps(body)
            status = {200: 0, 400: 1, 403: 2, 500: 3}.get(response.get("status", 200), 1)
            index = 0 if identity else by_operation[operation]
            for how in {status, status | 8, status | 16 | 32}:
                add("answer", bytes([index, how]) + body.encode())
            # jwt and srp: the tokens and SRP challenges the service handed out.
            if isinstance(response.get("body"), dict):
                result = response["body"].get("AuthenticationResult") or {}
                for key in ("AccessToken", "IdToken"):
                    if key in result:
                        add("jwt", result[key])
                params = response["body"].get("ChallengeParameters") or {}
                if "SRP_B" in params:
                    fields = ["us-east-1_Example1", params.get("USER_ID_FOR_SRP", ""), params.get("SALT", ""),
                              params["SRP_B"], params.get("SECRET_BLOCK", "")]
                    add("srp", "\0".join(fields))
    add("params", bytes([by_command["list-users"][0], 0]) + b'{"UserPoolId": "us-east-1_x", "Limit": 5}')
    add("params", bytes([by_command["admin-update-user-attributes"][0], 2]) + b"Name=email,Value=a@b.c\0Name=x,Value=y")

    # query: the JMESPath compliance tests, expression NUL document.
    for path in sorted((ROOT / "tests/data/jmespath").glob("*.json")):
        for suite in json.loads(path.read_text()):
            given = json.dumps(suite["given"])
            for case in suite["cases"]:
                add("query", case["expression"] + "\0" + given)
                add("query", case["expression"])

    # ini: the aws-config parser tests' files, config NUL credentials.
    data = json.loads((ROOT / "tests/data/aws-config/profile-parser-tests.json").read_text())
    for test in data["tests"]:
        files = test.get("input", {})
        config, credentials = files.get("configFile"), files.get("credentialsFile")
        add("ini", (config or "") + ("\0" + credentials if credentials is not None else ""))
    # and the assume-role tests' profiles, written out as a config file.
    for test in json.loads((ROOT / "tests/data/aws-config/assume-role-tests.json").read_text()):
        lines = []
        for name, keys in test["input"].get("profiles", {}).items():
            lines.append(f"[profile {name}]")
            lines += [f"{k} = {v}" for k, v in keys.items()]
        add("ini", "\n".join(lines) + "\n")

    # sts_xml: the answers in sts.rs's tests.
    text = (ROOT / "src/credentials/sts.rs").read_text()
    for m in re.finditer(r'r#"(<.*?)"#', text, re.S):
        add("sts_xml", m.group(1))

    # jwt: a few shapes besides the recorded tokens.
    add("jwt", "eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImFsaWNlIiwiZXhwIjoxfQ.")
    add("jwt", "a.eyJjb2duaXRvOnVzZXJuYW1lIjoiYm9iIn0")

    # cache_entry: what `Cache::store` writes, and its edges.
    for entry in (
        {"Version": 1, "AccessToken": "eyJ.eyJ.x", "IdToken": "a.b.c", "RefreshToken": "r", "ExpiresAt": 1767225600, "Username": "alice"},
        {"Version": 1, "AccessToken": "t", "ExpiresAt": -9223372036854775808},
        {"Version": 2, "AccessToken": "t", "ExpiresAt": 9223372036854775807, "IdToken": None},
    ):
        add("cache_entry", json.dumps(entry))
    # ... and `aws-credentials`' kept credentials.
    for credentials in (
        {"IdentityId": "us-east-1:0f1e", "AccessKeyId": "ASIA", "SecretAccessKey": "s", "SessionToken": "t", "Expiration": 1767229200},
        {"IdentityId": "", "AccessKeyId": "", "SecretAccessKey": "", "SessionToken": "", "Expiration": -9223372036854775808},
    ):
        add("cache_entry", json.dumps(credentials))

    # srp: the unit tests' small values.
    add("srp", "us-east-1_abc\0alice\0ab12\x005f3e9d\0c2VjcmV0")
    add("srp", "eu-west-1_x\0dev\x000000ff\0" + "f" * 768 + "\0not base64")

    # users_file: the unit tests' users files (CSV and NDJSON, good and bad), and a few more.
    text = (ROOT / "src/cli/users_file.rs").read_text()
    for m in re.finditer(r'(?:users|error)\(\s*"((?:[^"\\]|\\.)*)"', text):
        add("users_file", rust_string(m.group(1)))
    add("users_file", "username,password_env,new_password_file,totp_secret_env\r\nload-1@example.com,PW,/run/npw,SEED\r\n")
    add("users_file", '{"username":"a","password":"p","new_password_env":"N","totp_secret":"JBSWY3DPEHPK3PXP"}\n'
                      '{"username":"b","password_file":"/run/pw","extra":[1,{"x":null}]}\n')
    add("users_file", "\ufeffusername\n\"x\"\"y\",\n")
    add("users_file", b"username\nb\xf6b\n")

    for target, inputs in seeds.items():
        folder = pathlib.Path(out) / target
        folder.mkdir(parents=True, exist_ok=True)
        for data in inputs:
            (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"{target}: {len(inputs)} seeds")


if __name__ == "__main__":
    main(sys.argv[1])
