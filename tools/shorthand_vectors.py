#!/usr/bin/env python3
"""Produce the expected values of cogtok's shorthand and parameter tests from the AWS CLI itself.

    python3 tools/shorthand_vectors.py shorthand   # table for src/cli/shorthand.rs
    python3 tools/shorthand_vectors.py params      # tables for src/cli/params.rs
    python3 tools/shorthand_vectors.py fuzz [N]    # random inputs, as JSON lines, for diffing
    python3 tools/shorthand_vectors.py update      # rewrite both tables in place

Needs the `awscli` Python package (pip install awscli); the tests were made with awscli 1.45.11.
`shorthand` runs each input through awscli.shorthand.ShorthandParser. `params` runs whole
`aws cognito-idp <command> ... --<option> VALUE...` command lines through the AWS CLI's driver,
with a botocore `before-send` hook that records the request body instead of sending it, so the
expected value is exactly the member the AWS CLI would have put on the wire. The CLI uses the
model in fixtures/aws-models (through AWS_DATA_PATH), the one ops.rs is generated from.

The output is Rust table rows for the BEGIN/END markers in the test modules (`update` puts
them there). Errors are
recorded as the message cogtok gives for the AWS CLI's error (see `shorthand_message` and
`param_fragment`): cogtok words its messages its own way and never echoes a value.
"""

import io
import json
import os
import random
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "fixtures", "aws-models", "cognito-idp-2016-04-18.json")

SHORTHAND_INPUTS = [
    # The basics.
    "a=b",
    "a=b,c=d",
    "Name=email,Value=a@b.c",
    "USERNAME=alice,PASSWORD=hunter2",
    # '=' inside values (base64 padding, secrets).
    "PASSWORD=abc==",
    "USERNAME=u,PASSWORD=abc==,SECRET_HASH=q1w2/e3+r4==",
    "PASSWORD==abc",
    "a=b=c=d",
    "a==",
    # Comma lists, and where they end.
    "a=b,c",
    "a=b,c,d",
    "a=b,c,d=e",
    "a=b,c,d=e,f",
    "NEW_PASSWORD=p@ss,w0rd",
    "a=b=c,d",
    "a=b,,c=d",
    "a=b,c=",
    "a=b,c=,d=e",
    # Empty values and keys.
    "a=",
    "a=,b=c",
    "a=,",
    "a=b,",
    "a=b, ",
    "=b",
    "a",
    "",
    "   ",
    ",",
    # Whitespace.
    " a = b ",
    "a=b , c=d",
    "a = b , c = d",
    "a=b c=d",
    "a = b c",
    "a=b\tc",
    "a=b\n,c=d",
    "a=b,\nc=d",
    "a=b,c\n",
    "a= b,c ",
    "a=b ,c",
    # Quotes.
    "a='b,c'",
    'a="b,c"',
    "a='it\\'s'",
    'a="say \\"hi\\""',
    "a='x\\\\y'",
    "a='x\\y'",
    "a=''",
    "a='',b=\"\"",
    "a='b' ,c='d'",
    "a=b,'c'",
    "a=b,'c',d=e",
    "a='abc",
    'a="abc',
    "a='a\\'",
    "a='ab\\'cd\\'ef",
    "a=b'c",
    "a='b'c",
    "a=b,'x",
    'a=b,"x,y"z=w',
    "'a'=b",
    "a='p=q,r'",
    # Backslash-escaped commas.
    "a=b\\,c",
    "a=b\\,c,d=e",
    "a=b,c\\,d",
    "a=b,c\\,d=e",
    "a=\\,",
    "a=\\\\,b",
    "a=b\\c",
    "a=b\\\\,c",
    "a=b\\",
    # Explicit lists.
    "a=[b,c]",
    "a=[]",
    "a=[,]",
    "a=[b,]",
    "a=[ b , c ]",
    "a=[b c]",
    "a=[[b],[c,d]]",
    "a=[{b=c},{d=e}]",
    "a=['x,y',\"z\"]",
    "a=[b",
    "a=[b,c",
    "a=[b],c=d",
    "a=[b]c",
    "a=[=]",
    "a=b]",
    "a= [b]",
    # Hashes.
    "a={b=c}",
    "a={b=c,d=e}",
    "a={}",
    "a={ b = c , d = e }",
    "a={b=[c,d]}",
    "a={b={c=d}}",
    "a={b=c,b=d}",
    "a={b=c",
    "a={b}",
    "a={b=c d}",
    "a={b=c}d",
    "a={=c}",
    "a={b=c}}",
    # Repeated keys.
    "a=b,a=c",
    "Name=email,Value=x,Name=phone",
    "a=b,c=d,a=e",
    # Key characters.
    "a-b.c#d/e:f_g=h",
    "a b=c",
    "a@=b",
    "a @ = b",
    "a@b=c",
    "a@",
    # Unicode (the AWS CLI's bare words stop at U+FFFF).
    "a=h\u00e9llo",
    "a=\u65e5\u672c\u8a9e,b=\u00fc",
    "a=\U0001F600",
    "a='\U0001F600'",
    "a=b\U0001F600",
    "a=\u00a0b",
    "a=b\u00a0",
    "a=b\u2003,c=d",
    "\u043a\u043b\u044e\u0447=v",
    "a=b\x1c",
    "a=b\x00c",
    # Punctuation in bare words.
    "a=b$c%d&e",
    "a=~!b",
    "a=}",
    "a=]",
    "a=|x",
    "a=b{c",
    "a=b[c",
    "a=b}c",
    "a=b]c",
    "a=<b>",
    "a=b,c]d,e",
    "a=b,c}d",
    "a=b,[c]",
    "USERNAME=bob,PASSWORD=P@ssw0rd!#$%^&*()",
]


def shorthand_message(e):
    """cogtok's message for an awscli ShorthandParseError (the position is compared apart)."""
    from awscli.shorthand import DuplicateKeyInObjectError, ShorthandParseSyntaxError

    if isinstance(e, DuplicateKeyInObjectError):
        return (
            f'second instance of key "{e.key}"; this is often a "," where a space should '
            "separate two list elements"
        )
    if isinstance(e, ShorthandParseSyntaxError):
        named = {
            "<singled quoted>": "unterminated single-quoted value",
            "<double quoted>": "unterminated double-quoted value",
            "<second>": "expected a value after ','",
        }
        if e.expected in named:
            return named[e.expected]
        if e.actual == "EOF":
            return f"expected '{e.expected}' but the value ended"
        return f"expected '{e.expected}'"
    raise e


def shorthand_result(text):
    from awscli.shorthand import ShorthandParseError, ShorthandParser

    try:
        value = ShorthandParser().parse(text)
    except ShorthandParseError as e:
        return ("err", e.index, shorthand_message(e))
    return ("ok", json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def rust_str(s):
    out = ['"']
    for c in s:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" or c.isspace() and c != " ":
            out.append("\\u{%x}" % ord(c))
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def print_shorthand():
    for text in SHORTHAND_INPUTS:
        r = shorthand_result(text)
        if r[0] == "ok":
            print(f"        ({rust_str(text)}, Ok({rust_str(r[1])})),")
        else:
            print(f"        ({rust_str(text)}, Err(({r[1]}, {rust_str(r[2])}))),")


# --- Whole command lines -------------------------------------------------------------------

# Files the params vectors read through file://, created fresh in a temporary directory (the
# Rust tests create the same files). `@DIR@` in an argument stands for that directory.
FILES = [
    ("pw.txt", b"hunter2\n"),
    ("crlf.txt", b"line1\r\nline2\rline3\n"),
    ("params.txt", b"USERNAME=alice,PASSWORD=abc=="),
    ("params.json", b'{"USERNAME": "alice", "PASSWORD": "abc=="}'),
    ("attrs.json", b'[{"Name": "email", "Value": "a@b.c"}]'),
    ("attrs.txt", b"Name=email,Value=a@b.c"),
    ("mediums.txt", b"EMAIL"),
    ("mediums.json", b'["EMAIL", "SMS"]'),
    ("latin1.txt", b"caf\xe9"),
    ("empty.txt", b""),
    ("bom.json", b'\xef\xbb\xbf{"A": "b"}'),
]

# Dummy values for the required options of each command used below.
REQUIRED = {
    "admin-initiate-auth": ["--user-pool-id", "us-east-1_x", "--client-id", "c", "--auth-flow", "F"],
    "initiate-auth": ["--client-id", "c", "--auth-flow", "F"],
    "admin-respond-to-auth-challenge": [
        "--user-pool-id", "us-east-1_x", "--client-id", "c", "--challenge-name", "N",
    ],
    "admin-create-user": ["--user-pool-id", "us-east-1_x", "--username", "u"],
    "admin-set-user-password": ["--user-pool-id", "us-east-1_x", "--username", "u"],
    "sign-up": ["--client-id", "c", "--username", "u"],
}

# (command, option, argv values). The option is one the command takes; its member is what the
# test compares.
PARAM_CASES = [
    # Maps: shorthand, JSON, files.
    ("initiate-auth", "auth-parameters", ["USERNAME=alice,PASSWORD=abc=="]),
    ("initiate-auth", "auth-parameters", ["USERNAME=alice,PASSWORD=p@ss,w0rd"]),
    ("initiate-auth", "auth-parameters", ["PASSWORD='p@ss,w0rd',USERNAME=alice"]),
    ("initiate-auth", "auth-parameters", ["PASSWORD=p@ss\\,w0rd"]),
    ("initiate-auth", "auth-parameters", ['{"USERNAME": "alice", "PASSWORD": "abc=="}']),
    ("initiate-auth", "auth-parameters", ['  {"A": "1", "A": "2", "B": "3"}']),
    ("initiate-auth", "auth-parameters", ['{"USERNAME": 5}']),
    ("initiate-auth", "auth-parameters", ['{"USERNAME": null}']),
    ("initiate-auth", "auth-parameters", ['{"USERNAME": "a",}']),
    ("initiate-auth", "auth-parameters", ['["USERNAME"]']),
    ("initiate-auth", "auth-parameters", ["A={b=c}"]),
    ("initiate-auth", "auth-parameters", ["A=[b]"]),
    ("initiate-auth", "auth-parameters", ["A="]),
    ("initiate-auth", "auth-parameters", [""]),
    ("initiate-auth", "auth-parameters", ["USERNAME=a PASSWORD=b"]),
    ("initiate-auth", "auth-parameters", ["USERNAME=a,USERNAME=b"]),
    ("initiate-auth", "auth-parameters", ["file://@DIR@/params.txt"]),
    ("initiate-auth", "auth-parameters", ["file://@DIR@/params.json"]),
    ("initiate-auth", "auth-parameters", ["file://@DIR@/bom.json"]),
    ("initiate-auth", "auth-parameters", ["file://@DIR@/nonexistent.txt"]),
    ("initiate-auth", "auth-parameters", ["PASSWORD@=file://@DIR@/pw.txt,USERNAME=u"]),
    ("initiate-auth", "auth-parameters", ["a=b", "c=d"]),
    ("admin-respond-to-auth-challenge", "challenge-responses",
     ["NEW_PASSWORD=N3w!pass==,USERNAME=alice,userAttributes.name=Al"]),
    # Structures.
    ("initiate-auth", "analytics-metadata", ["AnalyticsEndpointId=abc"]),
    ("initiate-auth", "analytics-metadata", ["AnalyticsEndpointId=abc,Foo=bar"]),
    ("initiate-auth", "analytics-metadata", ['{"AnalyticsEndpointId": "abc"}']),
    ("initiate-auth", "analytics-metadata", ["abc"]),
    ("admin-initiate-auth", "context-data",
     ["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[{headerName=a,headerValue=b}]"]),
    ("admin-initiate-auth", "context-data",
     ["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders={headerName=a,headerValue=b}"]),
    ("admin-initiate-auth", "context-data",
     ["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[]"]),
    ("admin-initiate-auth", "context-data", ["IpAddress=1.2.3.4,ServerName=s"]),
    ("admin-initiate-auth", "context-data",
     ["IpAddress=1.2.3.4,ServerName=s,ServerPath=/p,HttpHeaders=[{headerName=a,nope=b}]"]),
    ("admin-initiate-auth", "context-data",
     ['{"IpAddress": "1.2.3.4", "ServerName": "s", "ServerPath": "/p", "HttpHeaders": [{"headerName": "a"}]}']),
    ("admin-initiate-auth", "context-data",
     ['{"IpAddress": "1.2.3.4", "ServerName": "s", "ServerPath": "/p", "HttpHeaders": {"headerName": "a"}}']),
    ("admin-initiate-auth", "context-data", ["IpAddress=[a,b],ServerName=s,ServerPath=/p,HttpHeaders=[]"]),
    # Lists of structures: one token per element, or JSON.
    ("admin-create-user", "user-attributes", ["Name=email,Value=a@b.c", "Name=email_verified,Value=true"]),
    ("admin-create-user", "user-attributes", ["Name=email,Value=a@b.c,Name=phone_number,Value=+1"]),
    ("admin-create-user", "user-attributes", ['[{"Name": "email", "Value": "a@b.c"}]']),
    ("admin-create-user", "user-attributes", ['  [{"Name": "email"}]  ']),
    ("admin-create-user", "user-attributes", ['{"Name": "email", "Value": "a@b.c"}']),
    ("admin-create-user", "user-attributes", ['{"Name": "a"}', '{"Name": "b"}']),
    ("admin-create-user", "user-attributes", ['{"Name": "a"}', "Name=b"]),
    ("admin-create-user", "user-attributes", ["Name=b", '{"Name": "a"}']),
    ("admin-create-user", "user-attributes", ["Value=x"]),
    ("admin-create-user", "user-attributes", ["Name=a,Valu=x"]),
    ("admin-create-user", "user-attributes", ["Name=a,b,Value=x"]),
    ("admin-create-user", "user-attributes", ["Name=custom:role,Value='a,b'"]),
    ("admin-create-user", "user-attributes", ["Name=email,Value="]),
    ("admin-create-user", "user-attributes", []),
    ("admin-create-user", "user-attributes", ["file://@DIR@/attrs.json"]),
    ("admin-create-user", "user-attributes", ["file://@DIR@/attrs.txt"]),
    ("admin-create-user", "user-attributes", ["file://@DIR@/attrs.txt", "Name=b"]),
    ("admin-create-user", "user-attributes", ['[{"Name": "a"}]', '[{"Name": "b"}]']),
    # Lists of strings: one token per element; never split on commas.
    ("admin-create-user", "desired-delivery-mediums", ["EMAIL", "SMS"]),
    ("admin-create-user", "desired-delivery-mediums", ["EMAIL,SMS"]),
    ("admin-create-user", "desired-delivery-mediums", ['["EMAIL", "SMS"]']),
    ("admin-create-user", "desired-delivery-mediums", ['["EMAIL"]', "SMS"]),
    ("admin-create-user", "desired-delivery-mediums", ['[1]']),
    ("admin-create-user", "desired-delivery-mediums", ["file://@DIR@/mediums.txt"]),
    ("admin-create-user", "desired-delivery-mediums", ["file://@DIR@/mediums.json"]),
    ("admin-create-user", "desired-delivery-mediums", []),
    ("admin-create-user", "desired-delivery-mediums", [""]),
    # More maps, structures and lists.
    ("initiate-auth", "auth-parameters", ["USERNAME=alice,PASSWORD=P@ss=w0rd==,SECRET_HASH=abc+/=="]),
    ("initiate-auth", "auth-parameters", ["{}"]),
    ("initiate-auth", "auth-parameters", ["   "]),
    ("initiate-auth", "auth-parameters", ['{"\u043a\u043b\u044e\u0447": "v\u00e9"}']),
    ("initiate-auth", "auth-parameters", ["file://@DIR@/empty.txt"]),
    ("initiate-auth", "client-metadata", ['{"a": {"b": "c"}}']),
    ("admin-initiate-auth", "context-data",
     ["IpAddress=1,ServerName=s,ServerPath=/,HttpHeaders=[{headerName=a,headerValue=b},{headerName=c,headerValue=d}]"]),
    ("admin-initiate-auth", "context-data",
     ['{"IpAddress": "1", "ServerName": "s", "ServerPath": "/", "HttpHeaders": [], "Bogus": 1}']),
    ("admin-create-user", "user-attributes", ["Name=email,Value=a@b.c", ""]),
    ("admin-create-user", "user-attributes", ["Name=a", "Name=a,Value=b,Name=c"]),
    ("admin-create-user", "user-attributes", ["[]"]),
    ("admin-create-user", "user-attributes", ['[{"Name": "a", "Extra": 1}]']),
    ("admin-create-user", "user-attributes", ['[{"Value": 5, "Foo": 1}]']),
    ("admin-create-user", "user-attributes", ["Name=a,Value=b\\,c"]),
    ("admin-create-user", "user-attributes", ["file://@DIR@/empty.txt"]),
    ("admin-create-user", "desired-delivery-mediums", [' ["EMAIL"] ']),
    ("admin-create-user", "desired-delivery-mediums", ["file://@DIR@/empty.txt"]),
    ("admin-create-user", "desired-delivery-mediums", ["EMAIL", "file://@DIR@/mediums.txt"]),
    # Strings: taken as they are, files read whole (newline included), never parsed.
    ("admin-set-user-password", "password", ["abc==,x=[y]"]),
    ("admin-set-user-password", "password", ["file://@DIR@/pw.txt"]),
    ("admin-set-user-password", "password", ["file://@DIR@/crlf.txt"]),
    ("admin-set-user-password", "password", ["file://@DIR@/empty.txt"]),
    ("admin-set-user-password", "password", ["file://@DIR@/latin1.txt"]),
    ("admin-set-user-password", "password", ["fileb://@DIR@/pw.txt"]),
    ("admin-set-user-password", "password", ["file://@DIR@/nonexistent.txt"]),
    ("admin-set-user-password", "password", ["FILE://x"]),
    ("admin-set-user-password", "password", ['{"a": 1}']),
    ("admin-set-user-password", "password", ["p\u00e4ss \U0001F600"]),
    ("sign-up", "username", [" spaced "]),
]


class _Raw:
    def stream(self, **kwargs):
        yield b"{}"


def run_cli(argv):
    """Runs `aws` with argv; returns (rc, request body or None, stderr)."""
    from awscli.clidriver import create_clidriver
    from botocore.awsrequest import AWSResponse

    captured = {}

    def before_send(request, **kwargs):
        captured["body"] = request.body
        return AWSResponse(request.url, 200, {}, _Raw())

    driver = create_clidriver()
    driver.session.register("before-send", before_send)
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        rc = driver.main(argv)
    except SystemExit as e:
        rc = e.code
    finally:
        sys.stdout, sys.stderr = saved
    body = captured.get("body")
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    return rc, (json.loads(body) if body else None), err.getvalue()


def param_fragment(option, stderr):
    """What cogtok's one-line error must contain, given the AWS CLI's error output: pieces
    separated by " … " must appear in this order."""
    lines = [l for l in stderr.strip().splitlines() if l.strip()]
    text = "\n".join(lines)
    if lines and lines[0].startswith("Parameter validation failed:"):
        first = lines[1]
        for prefix, ours in [
            ("Invalid type for parameter ", "invalid type for parameter "),
            ("Missing required parameter in ", "missing required parameter in "),
            ("Unknown parameter in ", "unknown parameter in "),
        ]:
            if first.startswith(prefix):
                if prefix.startswith("Invalid type"):
                    # Keep only the path: the AWS CLI goes on to print the value.
                    return ours + first[len(prefix):].split(",")[0]
                return ours + first[len(prefix):]
    if "Error parsing parameter" in text:
        if "Unable to load paramfile" in text:
            return "unable to load paramfile"
        if "Invalid JSON" in text:
            return f"error parsing parameter '--{option}': … invalid JSON"
        return f"error parsing parameter '--{option}'"
    if "string index out of range" in text:
        # The AWS CLI crashes on an empty string for a list; cogtok reports a parse error.
        return f"error parsing parameter '--{option}'"
    if "Unknown options:" in text:
        # argparse: a second token for a one-value option.
        return "expected one value"
    if "invalid literal for int()" in text:
        return "expected an integer"
    return "?? " + text


def member_name(command, option):
    """The JSON member behind `--option` of `command`, by the same naming rule as ops.rs."""
    sys.path.insert(0, HERE)
    import gen_ops

    with open(MODEL) as f:
        model = json.load(f)
    _, op = gen_ops.operation_for(model, command)
    members = model["shapes"][op["input"]["shape"]]["members"]
    return next(m for m in members if gen_ops.option_name(m) == option)


def print_params():
    tmp = tempfile.mkdtemp(prefix="cogtok_vectors_")
    models = os.path.join(tmp, "models", "cognito-idp", "2016-04-18")
    os.makedirs(models)
    shutil.copy(MODEL, os.path.join(models, "service-2.json"))
    files = os.path.join(tmp, "files")
    os.makedirs(files)
    for name, data in FILES:
        with open(os.path.join(files, name), "wb") as f:
            f.write(data)
    # Importing awscli puts its own data directory on AWS_DATA_PATH; ours goes in front of it,
    # so this model wins over the one botocore ships.
    import awscli  # noqa: F401

    data_path = [os.path.join(tmp, "models")] + os.environ.get("AWS_DATA_PATH", "").split(os.pathsep)
    os.environ.update(
        AWS_DATA_PATH=os.pathsep.join(p for p in data_path if p),
        AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="secret",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        LC_ALL="C.UTF-8",
    )
    try:
        print("    #[rustfmt::skip]")
        print("    const FILES: &[(&str, &[u8])] = &[")
        for name, data in FILES:
            named = {ord('"'): '\\"', ord("\\"): "\\\\", 10: "\\n", 13: "\\r", 9: "\\t"}
            lit = "".join(
                named.get(b, chr(b) if 0x20 <= b < 0x7F else "\\x%02x" % b) for b in data
            )
            print(f'        ("{name}", b"{lit}"),')
        print("    ];")
        print()
        print("    #[rustfmt::skip]")
        print("    const VECTORS: &[Vector] = &[")
        for command, option, values in PARAM_CASES:
            argv = ["cognito-idp", command] + REQUIRED[command] + [f"--{option}"]
            argv += [v.replace("@DIR@", files) for v in values]
            rc, body, stderr = run_cli(argv)
            vals = ", ".join(rust_str(v) for v in values)
            head = f"        ({rust_str(command)}, {rust_str(option)}, &[{vals}], "
            if rc == 0 and body is not None:
                member = member_name(command, option)
                if member not in body:
                    print(head + 'Err("?? member absent")),')
                    continue
                value = json.dumps(body[member], ensure_ascii=False, separators=(",", ":"))
                value = value.replace(files, "@DIR@")
                print(head + f"Ok({rust_str(value)})),")
            else:
                print(head + f"Err({rust_str(param_fragment(option, stderr))})),")
        print("    ];")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fuzz(count):
    """Random inputs built from the characters that matter, with the AWS CLI's results, as JSON
    lines: {"input": ..., "ok": json} or {"input": ..., "err": [position, message]}."""
    alphabet = list("ab=,[]{}'\"\\ \t@:-.#/|~$") + [
        "\u00e9", "\u00a0", "\u2003", "\x1c", "\U0001F600", "\n", "\r", "\x0b", "x", "\\,",
    ]
    rng = random.Random(20160418)

    def word():
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))

    for i in range(count):
        if i % 2:
            # Free-form text, usually after a key.
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
            if rng.random() < 0.7:
                text = "a=" + text
        else:
            # Plausible key=value lists with odd values.
            pairs = [rng.choice(["a", "b", "Name", "x.y", ""]) + rng.choice(["=", "=", "@=", " = "]) + word()
                     for _ in range(rng.randint(1, 4))]
            text = rng.choice([",", ",", ", ", " "]).join(pairs)
        try:
            r = shorthand_result(text)
        except RecursionError:
            continue
        if r[0] == "ok":
            print(json.dumps({"input": text, "ok": r[1]}, ensure_ascii=False))
        else:
            print(json.dumps({"input": text, "err": [r[1], r[2]]}, ensure_ascii=False))


def update():
    """Rewrites the tables between the BEGIN/END markers of the Rust test modules."""
    import contextlib
    import subprocess

    repo = os.path.dirname(HERE)
    for rel, mode, tag in [
        ("src/cli/shorthand.rs", "shorthand", "SHORTHAND_VECTORS"),
        ("src/cli/params.rs", "params", "PARAM_VECTORS"),
    ]:
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            print_shorthand() if mode == "shorthand" else print_params()
        path = os.path.join(repo, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        begin = f"// BEGIN {tag}: output of `python3 tools/shorthand_vectors.py {mode}`\n"
        end = f"// END {tag}\n"
        start = text.index(begin) + len(begin)
        stop = text.rindex("\n", 0, text.index(end)) + 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(text[:start] + buf.getvalue() + text[stop:])
        print(f"updated {rel}")


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "shorthand"
    if what == "update":
        update()
    elif what == "shorthand":
        print_shorthand()
    elif what == "params":
        print_params()
    elif what == "fuzz":
        fuzz(int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
