#!/usr/bin/env python3
"""Generate src/api/ops.rs: the `aws cognito-idp` commands cogtok mirrors, and which operations
the API serves unsigned, from the API model.

Usage (from the repository root):

    python3 tools/gen_ops.py [MODEL_JSON] [-o src/api/ops.rs] [--check] [--verify-awscli]

MODEL_JSON defaults to fixtures/aws-models/cognito-idp-2016-04-18.json relative to the
repository root (the botocore-style model with "operations" and "shapes"); botocore's paginators
for it are read from the file next to it, ending `.paginators.json` instead of `.json`.

--check          do not write; exit 1 when the file on disk differs from what would be generated
                 (for CI: the generated file must be regenerated after a model update).
--verify-awscli  also compare every option name with the argument tables of the installed AWS CLI
                 (needs the `awscli` Python package; uses this model through AWS_DATA_PATH).

The output is deterministic: it depends only on the model and paginator files, the command lists
below and, when rustfmt is installed, the rustfmt version and the repository's rustfmt.toml: the
generated text is passed through `rustfmt --edition 2021` so that `cargo fmt --check` stays clean. Without rustfmt the
file is written as generated (valid Rust, laid out close to rustfmt's defaults). This script uses
only the Python standard library (and the AWS CLI for --verify-awscli).
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

# The commands cogtok offers as drop-ins for `aws cognito-idp <command>` (the README's list), in
# the order the design lists them; OPS keeps this order.
COMMANDS = [
    "admin-initiate-auth",
    "admin-respond-to-auth-challenge",
    "initiate-auth",
    "respond-to-auth-challenge",
    "admin-create-user",
    "admin-set-user-password",
    "admin-get-user",
    "admin-delete-user",
    "admin-confirm-sign-up",
    "sign-up",
    "confirm-sign-up",
    "get-user",
    "global-sign-out",
    "revoke-token",
    "get-tokens-from-refresh-token",
    "associate-software-token",
    "verify-software-token",
]

# The commands for scripts that provision and clean up test users (issue 14), after COMMANDS in
# OPS, sorted: every Admin* operation, the list/describe of pools, clients, users and groups,
# group upkeep, and the self-service and device operations.
#
# Not every operation of the model: measured on the static musl binary, all 153 cost 98,304
# bytes over the 17 of COMMANDS (2,495,272 against 2,396,968), which leaves no room under the
# 2,500,000-byte budget; these with the paging code cost 57,344 bytes (2,454,312; README, "Raw
# commands"). ALL_OPERATIONS = True generates the rest too, for when the tables are smaller.
MORE_COMMANDS = sorted(
    [
        "admin-add-user-to-group",
        "admin-delete-software-token",
        "admin-delete-user-attributes",
        "admin-disable-provider-for-user",
        "admin-disable-user",
        "admin-enable-user",
        "admin-forget-device",
        "admin-get-device",
        "admin-get-user-auth-factors",
        "admin-link-provider-for-user",
        "admin-list-devices",
        "admin-list-groups-for-user",
        "admin-list-user-auth-events",
        "admin-list-user-sessions",
        "admin-remove-user-from-group",
        "admin-reset-user-password",
        "admin-revoke-user-session",
        "admin-set-user-mfa-preference",
        "admin-set-user-settings",
        "admin-update-auth-event-feedback",
        "admin-update-device-status",
        "admin-update-user-attributes",
        "admin-user-global-sign-out",
        "list-user-pools",
        "describe-user-pool",
        "list-user-pool-clients",
        "describe-user-pool-client",
        "list-users",
        "list-users-in-group",
        "list-groups",
        "get-group",
        "create-group",
        "update-group",
        "delete-group",
        "change-password",
        "forgot-password",
        "confirm-forgot-password",
        "resend-confirmation-code",
        "update-user-attributes",
        "delete-user-attributes",
        "delete-user",
        "set-user-mfa-preference",
        "set-user-settings",
        "get-user-attribute-verification-code",
        "verify-user-attribute",
        "confirm-device",
        "get-device",
        "list-devices",
        "forget-device",
        "update-device-status",
    ]
)
ALL_OPERATIONS = False

# Model scalar types and the `Shape` variant each one becomes. Types missing here (double, float,
# document structures, ...) make the generator stop rather than emit something approximate:
# `Shape` would have to grow first.
SCALARS = {
    "string": "String",
    "integer": "Integer",
    "long": "Long",
    "boolean": "Boolean",
    "timestamp": "Timestamp",
    "blob": "Blob",
}

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_MODEL = os.path.join(REPO, "fixtures", "aws-models", "cognito-idp-2016-04-18.json")
# botocore's paginators-1.json for the model, vendored next to it.
PAGINATORS_SUFFIX = ".paginators.json"
DEFAULT_OUTPUT = os.path.join(REPO, "src", "api", "ops.rs")

# Rust's default max_width, which rustfmt enforces on the generated file.
MAX_WIDTH = 100


class ModelError(Exception):
    pass


def words(name):
    """Split a PascalCase / camelCase model name into lowercase words.

    This is the AWS CLI's naming rule for options (botocore's `xform_name`), restated: a word
    starts at an upper-case letter that follows a lower-case letter or digit, or that is followed
    by a lower-case letter (so "SMSMfaSettings" is sms/mfa/settings); a trailing acronym plural
    such as "ARNs" stays one word ("arns"). `--verify-awscli` checks the result against the
    installed AWS CLI for every member of the model.
    """
    tail = ""
    plural = re.search(r"[A-Z]{2,}s$", name)
    if plural:
        tail = plural.group().lower()
        name = name[: plural.start()]
    out = []
    current = ""
    for i, c in enumerate(name):
        if i > 0 and c.isupper():
            prev = name[i - 1]
            nxt = name[i + 1] if i + 1 < len(name) else ""
            if prev.islower() or prev.isdigit() or nxt.islower():
                out.append(current)
                current = ""
        current += c
    if current:
        out.append(current)
    if tail:
        out.append(tail)
    return [w.lower() for w in out if w]


def option_name(member_name):
    return "-".join(words(member_name))


def static_name(shape_name):
    return "_".join(words(shape_name)).upper()


def rust_str(s):
    # json.dumps gives a double-quoted string whose escapes (\" \\ \n \uXXXX) Rust also accepts,
    # except \uXXXX which Rust spells \u{XXXX}; model names are ASCII, so reject anything else.
    if not all(0x20 <= ord(c) < 0x7F for c in s):
        raise ModelError(f"unexpected non-ASCII name {s!r}")
    return json.dumps(s)


class Generator:
    def __init__(self, model):
        self.model = model
        self.shapes = model["shapes"]
        # Shape name -> Rust expression (either `&Shape::String` or `&NAME`).
        self.statics = {}
        self.static_order = []

    def shape(self, name):
        try:
            return self.shapes[name]
        except KeyError:
            raise ModelError(f"shape {name} is referenced but not defined") from None

    def shape_ref(self, name, stack=()):
        """Rust expression for a reference to the shape, generating statics as needed."""
        s = self.shape(name)
        t = s["type"]
        if t in SCALARS:
            return f"&Shape::{SCALARS[t]}"
        if t == "structure" and s.get("document"):
            # Any JSON value (Smithy's document type): sent and printed as it is.
            return "&Shape::Document"
        if name in stack:
            # Statics could describe a cycle, but nothing in cogtok needs one, and the parameter
            # code would then need a depth limit: refuse until it does.
            raise ModelError(f"recursive shape {name} ({' -> '.join(stack + (name,))})")
        if name not in self.statics:
            self.statics[name] = None  # reserved: filled in below
            stack = stack + (name,)
            if t == "structure":
                body = ("Structure", self.members(s, stack))
            elif t == "list":
                body = ("List", self.shape_ref(s["member"]["shape"], stack))
            elif t == "map":
                key = self.shape(s["key"]["shape"])
                if key["type"] != "string":
                    raise ModelError(f"map {name} has non-string keys")
                body = ("Map", self.shape_ref(s["value"]["shape"], stack))
            else:
                raise ModelError(f"shape {name} has unsupported type {t}")
            self.statics[name] = body
            self.static_order.append(name)
        return f"&{static_name(name)}"

    def members(self, struct, stack):
        required = set(struct.get("required", []))
        out = []
        for mname, m in struct.get("members", {}).items():
            target = self.shape(m["shape"])
            out.append(
                {
                    "name": mname,
                    "option": option_name(mname),
                    "shape": self.shape_ref(m["shape"], stack),
                    "required": mname in required,
                    "sensitive": bool(target.get("sensitive") or m.get("sensitive")),
                    "values": self.enum_values(m["shape"]),
                    "min": self.min_constraint(m["shape"]),
                }
            )
        return out

    def min_constraint(self, name):
        """The member's `min`, where botocore's validator checks it before sending: the length
        of a string or a list, the value of an integer or a long (`range_check` in
        botocore/validate.py). botocore checks neither `max` nor `pattern`, so neither is
        carried: checking them would refuse requests the AWS CLI sends. A `min` of 0 on a
        length can never fail and is left out. Constraints on list elements and map keys or
        values (none in COMMANDS' inputs yet) are not carried: the service still checks them."""
        s = self.shape(name)
        if "min" not in s or s["type"] not in ("string", "list", "integer", "long"):
            return None
        if s["type"] in ("string", "list") and s["min"] <= 0:
            return None
        return int(s["min"])

    def enum_values(self, name):
        """The allowed values of a member: its string shape's `enum`, or its list elements'."""
        s = self.shape(name)
        if s["type"] == "list":
            s = self.shape(s["member"]["shape"])
        values = s.get("enum", []) if s["type"] == "string" else []
        for v in values:
            rust_str(v)  # ASCII only, as names
        return list(values)


def operation_for(model, command):
    for op_name in sorted(model["operations"]):
        if option_name(op_name) == command:
            return op_name, model["operations"][op_name]
    raise ModelError(f"no operation in the model for command {command}")


def is_signed(op):
    # The model marks operations that Cognito serves without SigV4 twice over: the legacy
    # `authtype: none` and the Smithy `auth: ["smithy.api#noAuth"]`. Either one is enough.
    if op.get("authtype") == "none":
        return False
    auth = op.get("auth")
    if auth is not None and list(auth) == ["smithy.api#noAuth"]:
        return False
    return True


def emit_member(lines, m, indent):
    pad = " " * indent
    lines.append(f"{pad}Member {{")
    lines.append(f"{pad}    name: {rust_str(m['name'])},")
    lines.append(f"{pad}    option: {rust_str(m['option'])},")
    lines.append(f"{pad}    shape: {m['shape']},")
    lines.append(f"{pad}    required: {'true' if m['required'] else 'false'},")
    lines.append(f"{pad}    sensitive: {'true' if m['sensitive'] else 'false'},")
    emit_str_list(lines, "values: ", m["values"], ",", indent + 4)
    min_value = "None" if m["min"] is None else f"Some({m['min']})"
    lines.append(f"{pad}    min: {min_value},")
    lines.append(f"{pad}}},")


def emit_members(lines, prefix, members, suffix, indent):
    """`prefix&[ ...members... ]suffix`, or `prefix&[]suffix` when there are none."""
    pad = " " * indent
    if not members:
        lines.append(f"{pad}{prefix}&[]{suffix}")
        return
    if len(members) == 1:
        # rustfmt writes a one-element array of a struct literal as `&[Member {` ... `}]`.
        body = []
        emit_member(body, members[0], indent)
        lines.append(f"{pad}{prefix}&[{body[0].strip()}")
        lines.extend(body[1:-1])
        lines.append(f"{pad}}}]{suffix}")
        return
    lines.append(f"{pad}{prefix}&[")
    for m in members:
        emit_member(lines, m, indent + 4)
    lines.append(f"{pad}]{suffix}")


def emit_str_list(lines, prefix, items, suffix, indent):
    pad = " " * indent
    one_line = f"{pad}{prefix}&[{', '.join(rust_str(i) for i in items)}]{suffix}"
    if len(one_line) <= MAX_WIDTH:
        lines.append(one_line)
        return
    lines.append(f"{pad}{prefix}&[")
    for i in items:
        lines.append(f"{pad}    {rust_str(i)},")
    lines.append(f"{pad}]{suffix}")


TESTS = '''
#[cfg(test)]
mod tests {
    use super::*;

    fn member(op: &OpSpec, option: &str) -> &'static Member {
        let found = OPS
            .iter()
            .find(|o| o.command == op.command)
            .and_then(|o| o.input.iter().find(|m| m.option == option));
        match found {
            Some(m) => m,
            None => panic!("{} has no --{option}", op.command),
        }
    }

    fn op(command: &str) -> &'static OpSpec {
        match find(command) {
            Some(op) => op,
            None => panic!("no command {command}"),
        }
    }

    #[test]
    fn every_design_command_is_present_once() {
        assert_eq!(FEATURED, 17);
        assert_eq!(OPS[..FEATURED].last().map(|o| o.command), Some("verify-software-token"));
        for (i, a) in OPS.iter().enumerate() {
            assert!(OPS[i + 1..].iter().all(|b| b.command != a.command));
        }
        // After the sign-in commands, the others in order.
        assert!(OPS[FEATURED..].windows(2).all(|w| w[0].command < w[1].command));
        assert!(find("list-users").is_some());
        assert!(find("").is_none());
    }

    #[test]
    fn paginators_come_from_botocore() {
        let users = op("list-users").paginator.expect("list-users pages");
        assert_eq!(
            (users.input_token, users.output_token, users.limit_key, users.result_key),
            ("PaginationToken", "PaginationToken", "Limit", "Users")
        );
        let pools = op("list-user-pools").paginator.expect("list-user-pools pages");
        assert_eq!((pools.input_token, pools.limit_key, pools.result_key), ("NextToken", "MaxResults", "UserPools"));
        assert!(op("admin-list-groups-for-user").paginator.is_some());
        // ListDevices has a token but no paginator in botocore: the AWS CLI does not page it.
        assert!(op("list-devices").paginator.is_none());
        assert!(op("admin-get-user").paginator.is_none());
    }

    #[test]
    fn admin_initiate_auth_requires_pool_client_and_flow() {
        let op = op("admin-initiate-auth");
        assert_eq!(op.operation, "AdminInitiateAuth");
        assert!(op.signed);
        let required: Vec<&str> = op
            .input
            .iter()
            .filter(|m| m.required)
            .map(|m| m.option)
            .collect();
        assert_eq!(required, ["user-pool-id", "client-id", "auth-flow"]);
        let params = member(op, "auth-parameters");
        assert_eq!(params.name, "AuthParameters");
        assert!(params.sensitive);
        assert!(matches!(params.shape, Shape::Map(Shape::String)));
        assert!(!member(op, "user-pool-id").sensitive);
        assert!(member(op, "auth-flow").values.contains(&"ADMIN_USER_PASSWORD_AUTH"));
        assert!(member(op, "user-pool-id").values.is_empty());
    }

    #[test]
    fn unsigned_operations_follow_the_model() {
        for command in [
            "initiate-auth",
            "respond-to-auth-challenge",
            "sign-up",
            "confirm-sign-up",
            "get-user",
            "global-sign-out",
            "revoke-token",
            "get-tokens-from-refresh-token",
            "associate-software-token",
            "verify-software-token",
        ] {
            assert!(!op(command).signed, "{command} should be unsigned");
        }
        for command in [
            "admin-initiate-auth",
            "admin-respond-to-auth-challenge",
            "admin-create-user",
            "admin-set-user-password",
            "admin-get-user",
            "admin-delete-user",
            "admin-confirm-sign-up",
        ] {
            assert!(op(command).signed, "{command} should be signed");
        }
    }

    #[test]
    fn nested_structures_are_described() {
        // ContextData -> HttpHeaders: a list of {headerName, headerValue} structures.
        let context = member(op("admin-initiate-auth"), "context-data");
        let Shape::Structure(fields) = context.shape else {
            panic!("ContextData is not a structure");
        };
        let headers = fields.iter().find(|m| m.name == "HttpHeaders");
        let Some(Member {
            shape: Shape::List(Shape::Structure(header)),
            required: true,
            ..
        }) = headers
        else {
            panic!("HttpHeaders is not a required list of structures");
        };
        let names: Vec<&str> = header.iter().map(|m| m.name).collect();
        assert_eq!(names, ["headerName", "headerValue"]);
        // UserContextData's shape is sensitive as a whole.
        assert!(member(op("initiate-auth"), "user-context-data").sensitive);
    }

    #[test]
    fn list_and_scalar_members() {
        let create = op("admin-create-user");
        let attrs = member(create, "user-attributes");
        let Shape::List(Shape::Structure(fields)) = attrs.shape else {
            panic!("UserAttributes is not a list of structures");
        };
        assert!(fields.iter().any(|m| m.name == "Name" && m.required));
        assert!(matches!(
            member(create, "desired-delivery-mediums").shape,
            Shape::List(Shape::String)
        ));
        // A list of an enum: the values of its elements.
        assert_eq!(member(create, "desired-delivery-mediums").values, ["SMS", "EMAIL"]);
        assert_eq!(member(create, "message-action").values, ["RESEND", "SUPPRESS"]);
        assert!(matches!(
            member(create, "force-alias-creation").shape,
            Shape::Boolean
        ));
        assert!(member(create, "temporary-password").sensitive);
        assert!(member(op("admin-set-user-password"), "password").sensitive);
        assert!(member(op("respond-to-auth-challenge"), "session").sensitive);
    }

    #[test]
    fn output_shapes() {
        let Shape::Structure(members) = op("admin-get-user").output else { panic!("a structure") };
        let created = members.iter().find(|m| m.name == "UserCreateDate").expect("UserCreateDate");
        assert!(matches!(created.shape, Shape::Timestamp));
        // AdminInitiateAuth: ChallengeName comes first in the model, then Session.
        let Shape::Structure(members) = op("admin-initiate-auth").output else { panic!("a structure") };
        let names: Vec<&str> = members.iter().map(|m| m.name).collect();
        assert_eq!(&names[..3], ["ChallengeName", "Session", "ChallengeParameters"]);
    }
}
'''


def all_commands(model):
    """COMMANDS, then MORE_COMMANDS (with ALL_OPERATIONS every other operation), sorted."""
    if set(MORE_COMMANDS) & set(COMMANDS) or len(set(MORE_COMMANDS)) != len(MORE_COMMANDS):
        raise ModelError("a command is listed twice in COMMANDS and MORE_COMMANDS")
    rest = set(MORE_COMMANDS)
    if ALL_OPERATIONS:
        rest |= {option_name(op_name) for op_name in model["operations"]} - set(COMMANDS)
    return list(COMMANDS) + sorted(rest)


def paginator_for(model, paginators, op_name, op):
    """The Rust expression for the operation's paginator, checked against the model.

    cogtok follows botocore's simple form only: one input token, one output token, one result
    key (a list), a limit key, no `more_results`; all of Cognito's paginators have it. Anything
    else stops the generator rather than paginate wrongly.
    """
    p = paginators.get(op_name)
    if p is None:
        return "None"
    keys = ("input_token", "output_token", "limit_key", "result_key")
    if sorted(p) != sorted(keys) or not all(isinstance(p[k], str) for k in keys):
        raise ModelError(f"paginator of {op_name} is not of the simple form: {p}")
    shapes = model["shapes"]
    inp = shapes[op["input"]["shape"]]["members"]
    out = shapes[op["output"]["shape"]]["members"]

    def kind(members, name):
        if name not in members:
            raise ModelError(f"paginator of {op_name}: no member {name}")
        return shapes[members[name]["shape"]]["type"]

    if kind(inp, p["input_token"]) != "string" or kind(out, p["output_token"]) != "string":
        raise ModelError(f"paginator of {op_name}: tokens must be strings")
    if kind(inp, p["limit_key"]) != "integer" or kind(out, p["result_key"]) != "list":
        raise ModelError(f"paginator of {op_name}: limit must be an integer, result a list")
    fields = ", ".join(f"{k}: {rust_str(p[k])}" for k in keys)
    return f"Some(&Paginator {{ {fields} }})"


def generate(model, paginators, sources):
    gen = Generator(model)
    ops = []
    unknown = set(paginators) - set(model["operations"])
    if unknown:
        raise ModelError(f"paginators for operations the model lacks: {sorted(unknown)}")
    for command in all_commands(model):
        op_name, op = operation_for(model, command)
        input_members = []
        if "input" in op:
            input_shape = gen.shape(op["input"]["shape"])
            if input_shape["type"] != "structure":
                raise ModelError(f"{op_name} input is not a structure")
            input_members = gen.members(input_shape, (op["input"]["shape"],))
        # An operation without an output (AdminDeleteUser) answers `{}`.
        output = gen.shape_ref(op["output"]["shape"]) if "output" in op else "&Shape::Structure(&[])"
        paginator = paginator_for(model, paginators, op_name, op)
        ops.append((command, op_name, is_signed(op), input_members, output, paginator))

    names = [static_name(n) for n in gen.statics]
    if len(set(names)) != len(names):
        raise ModelError("two shapes map to the same static name")

    lines = [
        "//! The `aws cognito-idp` commands cogtok mirrors: their input members, described from the",
        "//! official API model, and their output shapes (member order and timestamps for printing).",
        "//!",
        "//! @generated by tools/gen_ops.py; do not edit by hand. Regenerate from the repository root",
        "//! with `python3 tools/gen_ops.py [MODEL_JSON]`; `--check` tells whether this file is current.",
    ]
    for label, digest in sources:
        lines += [f"//! From: {label}", f"//! sha256 {digest}"]
    lines += [
        "",
        "use crate::api::shape::{Member, OpSpec, Paginator, Shape};",
        "",
    ]
    for name in sorted(gen.statics, key=static_name):
        kind, body = gen.statics[name]
        ident = static_name(name)
        if kind == "Structure":
            emit_members(lines, f"static {ident}: Shape = Shape::Structure(", body, ");", 0)
        else:
            lines.append(f"static {ident}: Shape = Shape::{kind}({body});")
        lines.append("")
    lines.append("/// The sign-in commands the README lists first, in its order (`FEATURED` of them), then the")
    lines.append("/// others, sorted.")
    lines.append(f"pub(crate) const FEATURED: usize = {len(COMMANDS)};")
    lines.append("")
    lines.append("pub(crate) static OPS: &[OpSpec] = &[")
    for command, op_name, signed, members, output, paginator in ops:
        lines.append("    OpSpec {")
        lines.append(f"        command: {rust_str(command)},")
        lines.append(f"        operation: {rust_str(op_name)},")
        lines.append(f"        signed: {'true' if signed else 'false'},")
        emit_members(lines, "input: ", members, ",", 8)
        lines.append(f"        output: {output},")
        lines.append(f"        paginator: {paginator},")
        lines.append("    },")
    lines.append("];")
    lines.append("")
    lines.append("/// Every operation of the API that the service takes without SigV4 (`authtype: none` or")
    lines.append("/// `smithy.api#noAuth` in the model), sorted: the transport signs all others.")
    lines.append("pub(crate) static UNSIGNED_OPERATIONS: &[&str] = &[")
    for op_name in sorted(model["operations"]):
        if not is_signed(model["operations"][op_name]):
            lines.append(f"    {rust_str(op_name)},")
    lines.append("];")
    lines.append("")
    lines.append("/// The description of `aws cognito-idp <command>`, if cogtok offers that command.")
    lines.append("pub(crate) fn find(command: &str) -> Option<&'static OpSpec> {")
    lines.append("    OPS.iter().find(|op| op.command == command)")
    lines.append("}")
    return "\n".join(lines) + "\n" + TESTS


def rustfmt(text):
    """The text as rustfmt formats it with the repository's settings; unchanged without rustfmt."""
    exe = shutil.which("rustfmt")
    if exe is None:
        print("gen_ops: rustfmt not found; the output is not formatted", file=sys.stderr)
        return text
    cmd = [exe, "--edition", "2021", "--emit", "stdout"]
    config = os.path.join(REPO, "rustfmt.toml")
    if os.path.exists(config):
        cmd += ["--config-path", config]
    done = subprocess.run(cmd, input=text, capture_output=True, text=True)
    if done.returncode != 0:
        raise ModelError(f"rustfmt failed: {done.stderr.strip()}")
    return done.stdout


def verify_awscli(model_path):
    """Compare option names with the installed AWS CLI's argument tables, using this model."""
    import tempfile

    tmp = tempfile.mkdtemp(prefix="gen_ops_")
    try:
        target = os.path.join(tmp, "cognito-idp", "2016-04-18")
        os.makedirs(target)
        shutil.copy(model_path, os.path.join(target, "service-2.json"))
        # Importing awscli puts its own data directory on AWS_DATA_PATH; this model goes first.
        import awscli  # noqa: F401

        data_path = [tmp] + os.environ.get("AWS_DATA_PATH", "").split(os.pathsep)
        os.environ["AWS_DATA_PATH"] = os.pathsep.join(p for p in data_path if p)
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        from awscli.clidriver import create_clidriver
        from botocore import xform_name

        driver = create_clidriver()
        service = driver._get_command_table()["cognito-idp"]
        table = service._get_command_table()
        with open(model_path) as f:
            model = json.load(f)
        problems = []
        # Every name in the model, not only ours: the rule must hold wherever it is applied.
        names = set(model["operations"])
        for s in model["shapes"].values():
            names.update(s.get("members", {}))
        for n in sorted(names):
            if option_name(n) != xform_name(n, "-"):
                problems.append(f"{n}: ours {option_name(n)}, botocore {xform_name(n, '-')}")
        for command in all_commands(model):
            op_name, op = operation_for(model, command)
            args = table[command].arg_table
            gen = Generator(model)
            members = gen.members(gen.shape(op["input"]["shape"]), ())
            for m in members:
                arg = args.get(m["option"])
                if arg is None:
                    problems.append(f"{command}: awscli has no --{m['option']}")
                elif bool(arg.required) != m["required"]:
                    problems.append(f"{command} --{m['option']}: required differs")
        return problems
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model", nargs="?", default=DEFAULT_MODEL)
    ap.add_argument("-o", "--output", default=DEFAULT_OUTPUT)
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--verify-awscli", action="store_true")
    args = ap.parse_args()

    with open(args.model, "rb") as f:
        raw = f.read()
    pag_path = re.sub(r"\.json$", "", args.model) + PAGINATORS_SUFFIX
    try:
        with open(pag_path, "rb") as f:
            pag_raw = f.read()
    except OSError as e:
        print(f"gen_ops: cannot read the paginators: {e}", file=sys.stderr)
        return 1
    try:
        model = json.loads(raw)
        paginators = json.loads(pag_raw)["pagination"]
        sources = [
            (os.path.basename(args.model), hashlib.sha256(raw).hexdigest()),
            (os.path.basename(pag_path), hashlib.sha256(pag_raw).hexdigest()),
        ]
        text = rustfmt(generate(model, paginators, sources))
    except (ModelError, KeyError, ValueError) as e:
        print(f"gen_ops: {e}", file=sys.stderr)
        return 1

    if args.verify_awscli:
        problems = verify_awscli(args.model)
        for p in problems:
            print(f"gen_ops: {p}", file=sys.stderr)
        if problems:
            return 1

    if args.check:
        try:
            with open(args.output, encoding="utf-8") as f:
                current = f.read()
        except OSError:
            current = None
        if current != text:
            print(f"gen_ops: {args.output} is out of date", file=sys.stderr)
            return 1
        return 0
    with open(args.output, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
