#!/usr/bin/env python3
"""Checks every fixture under fixtures/exchanges against the API models: cognito-idp's, and
cognito-identity's for the identity pool calls of `aws-credentials` (each exchange against the
model whose targetPrefix its target has).

For each file: the format (known keys, types, one stdout expectation at most, valid
placeholders, home_files and expect.files paths relative to HOME); for each exchange: the target names an operation of the model; "signed" agrees
with the operation's authtype; every request member exists in the operation's input shape with
the right type; a 2xx JSON answer has only members of the output shape (unless listed in
"unmodelled_members"); an error answer's code (from __type, x-amzn-ErrorType or an XML <Code>)
is one the operation declares or a common AWS error; the expected exit code fits the last answer.

With --awscli, also replays each raw-command fixture to the AWS CLI (`aws` on PATH) and checks
that the AWS CLI sends the request the fixture expects, consumes every exchange, and, for a
success, prints exactly the expected stdout.

Usage: python3 tools/check_fixtures.py [--awscli] [--model PATH ...] [FIXTURE ...]
Exit status 0 when every fixture passes, 1 otherwise.
"""

import argparse
import glob
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixturelib as fl  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODELS_DIR = os.path.join(ROOT, "fixtures", "aws-models")
DEFAULT_MODELS = [
    os.path.join(MODELS_DIR, "cognito-idp-2016-04-18.json"),
    os.path.join(MODELS_DIR, "cognito-identity-2014-06-30.json"),
]

# Errors any AWS JSON-protocol API can answer besides the ones an operation declares
# (see "Common Errors" in the AWS API references), plus what gateways put in XML.
COMMON_ERRORS = {
    "AccessDeniedException", "IncompleteSignature", "InternalFailure", "InvalidAction",
    "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
    "InvalidQueryParameter", "InvalidSignatureException", "MalformedQueryString",
    "MissingAction", "MissingAuthenticationToken", "MissingAuthenticationTokenException",
    "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired", "RequestTimeout",
    "SerializationException", "ServiceUnavailable", "ServiceUnavailableException",
    "SignatureDoesNotMatch", "ThrottlingException", "UnknownOperationException",
    "UnrecognizedClientException", "ValidationError", "ValidationException", "ExpiredTokenException",
}

TOP_KEYS = {"description", "pending", "args", "env", "credentials", "home_files", "handled_errors", "exchanges", "expect"}
EXCHANGE_KEYS = {"request", "response", "earlier_attempts", "repeats_up_to", "unmodelled_members"}
REQUEST_KEYS = {"target", "signed", "body"}
RESPONSE_KEYS = {"status", "headers", "body", "body_text"}
EXPECT_KEYS = {
    "exit", "stdout", "stdout_json", "stdout_template", "stderr_contains", "stderr_not_contains",
    "stderr_lines", "never_contains", "files",
}
FILE_EXPECT_KEYS = {"text", "template", "json", "absent", "mode"}
EXIT_CODES = {0, 130, 252, 253, 254, 255}

# cogtok's own commands, which the AWS CLI does not have: --awscli skips them.
COGTOK_ONLY = {"login", "refresh", "aws-credentials"}

# Where cogtok deliberately does not do what the AWS CLI does; --awscli skips the exit check.
AWSCLI_DIFFERS = {
    "admin-initiate-auth/error-200-not-json.json":
        "botocore takes a 200 whose body is not JSON as an empty answer and exits 0;"
        " cogtok calls it an unexpected answer (255)",
}


class Model:
    def __init__(self, path):
        with open(path) as f:
            m = json.load(f)
        self.ops = m["operations"]
        self.shapes = m["shapes"]
        self.prefix = m["metadata"]["targetPrefix"] + "."

    def check_value(self, shape_name, value, path, problems, unmodelled=(), placeholders=False):
        shape = self.shapes[shape_name]
        t = shape["type"]
        if placeholders and isinstance(value, str) and fl.is_template(value):
            try:
                fl.parse_template(value)
            except ValueError as e:
                problems.append(f"{path}: {e}")
            if value == "<<any>>" or t == "string":
                return
            problems.append(f"{path}: placeholder {value!r} where the model has a {t}")
            return
        if t == "structure":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected an object ({shape_name}), got {json.dumps(value)[:60]}")
                return
            members = shape.get("members", {})
            for k, v in value.items():
                if k not in members:
                    if k not in unmodelled:
                        problems.append(f"{path}.{k}: not a member of {shape_name}")
                    continue
                self.check_value(members[k]["shape"], v, f"{path}.{k}", problems, unmodelled, placeholders)
        elif t == "map":
            if not isinstance(value, dict):
                problems.append(f"{path}: expected a map ({shape_name})")
                return
            for k, v in value.items():
                self.check_value(shape["value"]["shape"], v, f"{path}.{k}", problems, unmodelled, placeholders)
        elif t == "list":
            if not isinstance(value, list):
                problems.append(f"{path}: expected a list ({shape_name})")
                return
            for i, v in enumerate(value):
                self.check_value(shape["member"]["shape"], v, f"{path}[{i}]", problems, unmodelled, placeholders)
        elif t == "string":
            if not isinstance(value, str):
                problems.append(f"{path}: expected a string ({shape_name}), got {json.dumps(value)}")
            elif "enum" in shape and value not in shape["enum"] and not fl.is_template(value):
                problems.append(f"{path}: {value!r} is not one of {shape_name}'s values")
        elif t == "boolean":
            if not isinstance(value, bool):
                problems.append(f"{path}: expected a boolean ({shape_name})")
        elif t in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                problems.append(f"{path}: expected an integer ({shape_name})")
        elif t == "timestamp":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                problems.append(f"{path}: expected epoch seconds ({shape_name})")
        elif t == "blob":
            if not isinstance(value, str):
                problems.append(f"{path}: expected base64 text ({shape_name})")

    def declared_errors(self, op):
        return {e["shape"] for e in self.ops[op].get("errors", [])}

    def is_signed(self, op):
        if op in DOCUMENTED_UNSIGNED and self.prefix == IDP_PREFIX:
            return False
        return self.ops[op].get("authtype") != "none"


IDP_PREFIX = "AWSCognitoIdentityProviderService."


class Models:
    """The models by target prefix: an exchange is checked against the one its target names."""

    def __init__(self, paths):
        self.by_prefix = {}
        for path in paths:
            model = Model(path)
            self.by_prefix[model.prefix] = model

    def for_target(self, target):
        for prefix, model in self.by_prefix.items():
            if target.startswith(prefix):
                return model
        return None


# The one operation the model leaves signed (no `authtype: none`) while its documentation says
# "you can't use IAM credentials to authorize requests" (the client secret is the credential):
# cogtok sends it unsigned (src/commands/token.rs). Checked against the model below, so that a
# model update that marks it, or another operation with that sentence, is noticed.
DOCUMENTED_UNSIGNED = {"GetClientToken"}
NO_IAM_SENTENCE = "you can't use IAM credentials to authorize requests"


def error_code(response, text):
    """The error code a client can read from an error answer, or None."""
    body = None
    try:
        body = json.loads(text) if text.strip() else None
    except json.JSONDecodeError:
        pass
    if isinstance(body, dict) and isinstance(body.get("__type"), str):
        return body["__type"].rsplit("#", 1)[-1].split(":", 1)[0]
    for k, v in response.get("headers", {}).items():
        if k.lower() == "x-amzn-errortype":
            return v.rsplit("#", 1)[-1].split(":", 1)[0]
    m = re.search(r"<Code>([^<]+)</Code>", text)
    return m.group(1) if m else None


def has_float(v):
    if isinstance(v, float):
        return True
    if isinstance(v, dict):
        return any(has_float(x) for x in v.values())
    if isinstance(v, list):
        return any(has_float(x) for x in v)
    return False


def check_types(doc, problems):
    def need(cond, msg):
        if not cond:
            problems.append(msg)

    need(isinstance(doc, dict), "top level: not an object")
    if not isinstance(doc, dict):
        return False
    for k in doc:
        need(k in TOP_KEYS, f"unknown key {k!r}")
    need(isinstance(doc.get("description"), str) and doc["description"], "description: missing")
    need(isinstance(doc.get("args"), list) and all(isinstance(a, str) for a in doc.get("args", [])) and doc.get("args"), "args: a non-empty list of strings")
    need(isinstance(doc.get("env", {}), dict) and all(isinstance(v, str) for v in doc.get("env", {}).values()), "env: an object of strings")
    need(isinstance(doc.get("credentials", False), bool), "credentials: a boolean")
    need(isinstance(doc.get("pending", ""), str), "pending: a string")
    need(isinstance(doc.get("exchanges"), list), "exchanges: a list")
    need(isinstance(doc.get("expect"), dict), "expect: an object")
    if problems:
        return False
    for i, ex in enumerate(doc["exchanges"]):
        where = f"exchanges[{i}]"
        need(isinstance(ex, dict) and set(ex) <= EXCHANGE_KEYS and "request" in ex and "response" in ex, f"{where}: needs request and response, only {sorted(EXCHANGE_KEYS)}")
        if problems:
            return False
        req, resp = ex["request"], ex["response"]
        need(isinstance(req, dict) and set(req) == REQUEST_KEYS, f"{where}.request: keys must be {sorted(REQUEST_KEYS)}")
        need(isinstance(req.get("signed"), bool), f"{where}.request.signed: a boolean")
        earlier = ex.get("earlier_attempts", [])
        need(isinstance(earlier, list), f"{where}.earlier_attempts: a list of responses")
        answers = [(f"{where}.response", resp)] + [(f"{where}.earlier_attempts[{n}]", r) for n, r in enumerate(earlier if isinstance(earlier, list) else [])]
        for at, r in answers:
            need(isinstance(r, dict) and set(r) <= RESPONSE_KEYS and "status" in r, f"{at}: needs status, only {sorted(RESPONSE_KEYS)}")
            if not isinstance(r, dict):
                continue
            need(not ("body" in r and "body_text" in r), f"{at}: body or body_text, not both")
            need(isinstance(r.get("status"), int) and 100 <= r.get("status", 0) <= 599, f"{at}.status: an HTTP status")
            need(isinstance(r.get("headers", {}), dict) and all(isinstance(v, str) for v in r.get("headers", {}).values()), f"{at}.headers: an object of strings")
        for at, r in answers[1:]:
            need(isinstance(r, dict) and not 200 <= r.get("status", 0) < 300, f"{at}: a success is never retried")
        need(isinstance(ex.get("repeats_up_to", 0), int) and ex.get("repeats_up_to", 0) >= 0, f"{where}.repeats_up_to: a count")
        need(not (earlier and ex.get("repeats_up_to")), f"{where}: earlier_attempts or repeats_up_to, not both")
        need(isinstance(ex.get("unmodelled_members", []), list), f"{where}.unmodelled_members: a list")
    e = doc["expect"]
    for k in e:
        need(k in EXPECT_KEYS, f"expect: unknown key {k!r}")
    need(e.get("exit") in EXIT_CODES, f"expect.exit: one of {sorted(EXIT_CODES)}")
    outs = [k for k in ("stdout", "stdout_json", "stdout_template") if k in e]
    need(len(outs) <= 1, f"expect: at most one of stdout, stdout_json, stdout_template (got {outs})")
    need(isinstance(e.get("stdout", ""), str), "expect.stdout: a string")
    t = e.get("stdout_template", [])
    need(isinstance(t, (str, list)), "expect.stdout_template: a string or a list of strings")
    for k in ("stderr_contains", "stderr_not_contains", "never_contains"):
        need(isinstance(e.get(k, []), list) and all(isinstance(s, str) and s for s in e.get(k, [])), f"expect.{k}: a list of non-empty strings")
    need(isinstance(e.get("stderr_lines", 0), int), "expect.stderr_lines: an integer")
    home_files = doc.get("home_files", {})
    need(isinstance(home_files, dict) and all(isinstance(v, str) for v in home_files.values()), "home_files: an object of strings")
    files = e.get("files", {})
    need(isinstance(files, dict), "expect.files: an object")
    for rel in list(home_files if isinstance(home_files, dict) else []) + list(files if isinstance(files, dict) else []):
        need(is_home_path(rel), f"{rel!r}: a plain path relative to HOME (no '..', not absolute)")
    for rel, spec in (files.items() if isinstance(files, dict) else []):
        where = f"expect.files.{rel}"
        if not (isinstance(spec, dict) and set(spec) <= FILE_EXPECT_KEYS):
            problems.append(f"{where}: an object with keys among {sorted(FILE_EXPECT_KEYS)}")
            continue
        kinds = [k for k in ("text", "template", "json") if k in spec] + (["absent"] if spec.get("absent") else [])
        need(len(kinds) == 1, f"{where}: exactly one of text, template, json, absent (got {kinds})")
        need(isinstance(spec.get("text", ""), str) and isinstance(spec.get("template", ""), str), f"{where}: text and template are strings")
        need(isinstance(spec.get("absent", False), bool), f"{where}.absent: a boolean")
        mode = spec.get("mode")
        need(mode is None or (isinstance(mode, str) and re.fullmatch(r"0?[0-7]{3}", mode) and not spec.get("absent")), f"{where}.mode: an octal mode like \"0600\" for a file that exists")
        if isinstance(spec.get("template"), str):
            try:
                fl.parse_template(spec["template"])
            except ValueError as err:
                problems.append(f"{where}.template: {err}")
    need(not has_float(e.get("stdout_json")), "expect.stdout_json: holds a float (Python and serde_json print them differently): use stdout")
    return not problems


def response_text(resp):
    """A recorded answer's body as the wire has it (body_text), or its JSON."""
    return resp.get("body_text") if "body_text" in resp else (json.dumps(resp["body"]) if "body" in resp else "")


def is_home_path(rel):
    parts = rel.split("/") if isinstance(rel, str) else []
    return bool(rel) and not rel.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def expected_stdout_text(e):
    if "stdout" in e:
        return e["stdout"]
    if "stdout_json" in e:
        return fl.render_json(e["stdout_json"])
    return None


def check_fixture(models, path, doc):
    problems = []
    if not check_types(doc, problems):
        return problems
    e = doc["expect"]
    templates = e.get("stdout_template", [])
    for t in [templates] if isinstance(templates, str) else templates:
        try:
            fl.parse_template(t)
        except ValueError as err:
            problems.append(f"expect.stdout_template: {err}")
    signed_any = False
    for i, ex in enumerate(doc["exchanges"]):
        where = f"exchanges[{i}]"
        req, resp = ex["request"], ex["response"]
        target = req["target"]
        model = models.for_target(target)
        if model is None:
            problems.append(f"{where}.request.target: {target!r} has none of the prefixes {sorted(models.by_prefix)}")
            continue
        op = target[len(model.prefix):]
        if op not in model.ops:
            problems.append(f"{where}.request.target: no operation {op!r} in the model")
            continue
        if req["signed"] != model.is_signed(op):
            problems.append(f"{where}.request.signed: {req['signed']}, but the model says {op} is {'signed' if model.is_signed(op) else 'unsigned (authtype none)'}")
        signed_any |= req["signed"]
        spec = model.ops[op]
        if "input" in spec:
            model.check_value(spec["input"]["shape"], req["body"], f"{where}.request.body", problems, placeholders=True)
            required = model.shapes[spec["input"]["shape"]].get("required", [])
            for r in required:
                if isinstance(req["body"], dict) and r not in req["body"]:
                    problems.append(f"{where}.request.body: lacks required member {r}")
        for n, earlier in enumerate(ex.get("earlier_attempts", [])):
            at = f"{where}.earlier_attempts[{n}]"
            code = error_code(earlier, response_text(earlier))
            if code is not None and code not in model.declared_errors(op) and code not in COMMON_ERRORS:
                problems.append(f"{at}: error {code} is neither declared by {op} nor a common AWS error")
        text = response_text(resp)
        status = resp["status"]
        hdrs = {k.lower(): v for k, v in resp.get("headers", {}).items()}
        if "content-length" in hdrs:
            problems.append(f"{where}.response.headers: Content-Length is set by the server, leave it out")
        if 200 <= status < 300:
            if "body" in resp or (text.strip() and hdrs.get("content-type") == fl.CONTENT_TYPE):
                try:
                    parsed = resp["body"] if "body" in resp else json.loads(text)
                except json.JSONDecodeError as err:
                    problems.append(f"{where}.response.body_text: not JSON ({err}) though Content-Type says so")
                    continue
                if "output" in spec:
                    model.check_value(spec["output"]["shape"], parsed, f"{where}.response.body", problems, tuple(ex.get("unmodelled_members", [])))
                elif parsed not in ({}, None):
                    problems.append(f"{where}.response.body: {op} has no output shape, the body should be empty")
        else:
            code = error_code(resp, text)
            if code is not None and code not in model.declared_errors(op) and code not in COMMON_ERRORS:
                problems.append(f"{where}.response: error {code} is neither declared by {op} nor a common AWS error")
            # A command may handle an error as an answer (`user ensure` on a pool's password
            # history): the fixture names the code in `handled_errors` and expects what it does.
            last = i == len(doc["exchanges"]) - 1 and code not in doc.get("handled_errors", [])
            if last and code is not None and e["exit"] != 254:
                problems.append(f"expect.exit: the last answer names error {code}, so 254 (got {e['exit']})")
            # Without a code it is still an error answer: botocore's ClientError ("An error
            # occurred (502) when calling …"), which AWS CLI v2 exits 254 with.
            if last and code is None and e["exit"] != 254:
                problems.append(f"expect.exit: the last answer is an error status without a code, so 254 (got {e['exit']})")
            if last and code is not None and not any(code in s for s in e.get("stderr_contains", [])):
                problems.append(f"expect.stderr_contains: should name {code}")
    if signed_any and not doc.get("credentials"):
        problems.append("credentials: a signed exchange needs \"credentials\": true")
    shown = expected_stdout_text(e) or ""
    for s in e.get("never_contains", []):
        if s in shown:
            problems.append(f"expect.never_contains: {s[:20]}... is in the expected stdout")
    if e["exit"] != 0 and shown:
        problems.append("expect: a failing run should print nothing on stdout")
    if e["exit"] != 0 and not e.get("stderr_contains"):
        problems.append("expect.stderr_contains: a failing run should say something checkable")
    if not doc["exchanges"] and e["exit"] in (0, 254):
        problems.append(f"exchanges: exit {e['exit']} needs at least one exchange")
    return problems


def check_with_awscli(path, doc):
    """Replays a raw-command fixture to the AWS CLI; returns problems."""
    if not doc["exchanges"] or doc["args"][0] in COGTOK_ONLY or doc["expect"]["exit"] in (252, 253):
        return []
    code, out, err, mismatches, unconsumed = fl.run_awscli(doc)
    problems = [f"aws-cli: {m}" for m in mismatches + unconsumed]
    want = doc["expect"]["exit"]
    if want == 0:
        if code != 0:
            problems.append(f"aws-cli: exit {code}, expected 0: {err.strip()[-300:]}")
        expected = expected_stdout_text(doc["expect"])
        if expected is not None and out != expected:
            problems.append(f"aws-cli: stdout differs from the expectation:\n--- aws-cli\n{out}\n--- fixture\n{expected}")
    elif code == 0 and not any(path.endswith(k) for k in AWSCLI_DIFFERS):
        problems.append("aws-cli: exit 0, but the fixture expects a failure")
    return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--awscli", action="store_true", help="also replay raw-command fixtures to the AWS CLI")
    ap.add_argument("--model", action="append", help="an API model (botocore JSON); default: cognito-idp's and cognito-identity's")
    ap.add_argument("files", nargs="*", help="fixture files (default: all)")
    opts = ap.parse_args()
    models = Models(opts.model or DEFAULT_MODELS)
    idp = models.by_prefix.get(IDP_PREFIX)
    if idp is None:
        print("no cognito-idp model among --model", file=sys.stderr)
        return 1
    no_iam = {n for n, o in idp.ops.items() if NO_IAM_SENTENCE in o.get("documentation", "") and o.get("authtype") != "none"}
    if no_iam != DOCUMENTED_UNSIGNED:
        print(f"DOCUMENTED_UNSIGNED is {sorted(DOCUMENTED_UNSIGNED)}, the model says {sorted(no_iam)}: update it", file=sys.stderr)
        return 1
    files = opts.files or sorted(glob.glob(os.path.join(ROOT, "fixtures", "exchanges", "**", "*.json"), recursive=True))
    if not files:
        print("no fixtures found", file=sys.stderr)
        return 1
    if opts.awscli and not fl.awscli_path():
        print("--awscli: the AWS CLI (aws) is not on PATH", file=sys.stderr)
        return 1
    failed = 0
    for path in files:
        rel = os.path.relpath(path, ROOT)
        try:
            with open(path) as f:
                doc = json.load(f)
        except (OSError, json.JSONDecodeError) as err:
            print(f"FAIL {rel}: {err}")
            failed += 1
            continue
        problems = check_fixture(models, path, doc)
        if opts.awscli and not problems:
            problems += check_with_awscli(path, doc)
        if problems:
            failed += 1
            print(f"FAIL {rel}")
            for p in problems:
                print(f"    {p}")
    passed = len(files) - failed
    suffix = " (with the AWS CLI oracle)" if opts.awscli else ""
    print(f"fixtures: {passed} passed, {failed} failed{suffix}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
