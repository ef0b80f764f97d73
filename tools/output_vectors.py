#!/usr/bin/env python3
"""Generate the test vectors for cogtok's output formatters from the AWS CLI itself.

The AWS CLI v1 (`pip install awscli`) and the `jmespath` package it uses are the oracle:
every expected value below is computed here by the code the AWS CLI runs, never written by
hand:

* `--query`: `jmespath.compile(expr).search(doc)` (what awscli/customizations/globalargs.py
  and awscli/formatter.py do), or "rejected" when compiling raises; for an expression that
  compiles but fails on the document (a function's unknown name, arity or argument type, a
  number ordered against a string), the exception's message, which is what the AWS CLI prints
  (after an empty line) before exiting 255, as checked with `aws cognito-idp list-user-pools
  --query 'length(`1`)'` against moto (aws-cli 1.45.11);
* `--output text`: `awscli.text.format_text`;
* `--output table`: `awscli.formatter.TableFormatter` with `--color off`, laid out for the
  80 columns the AWS CLI assumes when stdout is not a terminal;
* the columns a character takes in a table: `unicodedata.east_asian_width` as
  `awscli.table.get_text_length` reads it (src/output/wide_chars.rs);
* `--output json`: `awscli.formatter.JSONFormatter`, called as the CLI calls it;
* timestamps: `awscli.customizations.scalarparse.iso_format`, the parser the CLI installs
  for `cli_timestamp_format = iso8601`, run with TZ=UTC;
* floats: Python's `repr`.

The results are written as Rust tables between the `BEGIN GENERATED` / `END GENERATED`
markers of src/output/{query/mod,text,json,table,wide_chars}.rs; run them with the pinned AWS CLI
(`.venv/bin/python tools/output_vectors.py`), whose Python's Unicode tables they record:

    python3 tools/output_vectors.py            # rewrite the tables in src/output/
    python3 tools/output_vectors.py DIR        # ... in DIR/{query/mod,text,json,table,wide_chars}.rs
    python3 tools/output_vectors.py --check    # exit 1 if the tables are stale
"""
import glob
import io
import json
import os
import random
import struct
import sys
import time
import types
import unicodedata

os.environ["TZ"] = "UTC"
time.tzset()

import jmespath  # noqa: E402
from awscli import text as aws_text  # noqa: E402
from awscli.customizations.scalarparse import iso_format  # noqa: E402
from awscli.formatter import JSONFormatter, TableFormatter  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Documents shaped like Cognito's answers (secrets are fake), plus one for JMESPath corners.

DOCS = {
    "challenge": {
        "ChallengeName": "NEW_PASSWORD_REQUIRED",
        "Session": "AYABeFAKEsession-123==",
        "ChallengeParameters": {
            "USER_ID_FOR_SRP": "alice",
            "requiredAttributes": "[\"userAttributes.name\"]",
            "userAttributes": "{\"email_verified\":\"true\",\"email\":\"alice@example.com\"}",
        },
    },
    "auth": {
        "ChallengeParameters": {},
        "AuthenticationResult": {
            "AccessToken": "eyJraWQiOiJhY2Nlc3MifQ.eyJzdWIiOiJhbGljZSJ9.c2ln",
            "ExpiresIn": 3600,
            "TokenType": "Bearer",
            "RefreshToken": "eyJjdHkiOiJKV1QifQ.cmVmcmVzaA.ZmFrZQ",
            "IdToken": "eyJraWQiOiJpZCJ9.eyJlbWFpbCI6ImFAYi5jIn0.c2ln",
        },
    },
    "get_user": {
        "Username": "alice",
        "UserAttributes": [
            {"Name": "sub", "Value": "7a1b2c3d-0000-4000-8000-123456789abc"},
            {"Name": "email_verified", "Value": "true"},
            {"Name": "email", "Value": "alice@example.com"},
            {"Name": "name", "Value": "Zoë \"Z\" Ünïcødé\ttab"},
            {"Name": "custom:note", "Value": "line1\nline2\u0001\u007f\u2028end"},
        ],
        "UserCreateDate": 1732724400.123,
        "UserLastModifiedDate": 1732724460.0,
        "Enabled": True,
        "UserStatus": "CONFIRMED",
        "MFAOptions": [],
        "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA",
        "UserMFASettingList": ["SOFTWARE_TOKEN_MFA", "SMS_MFA"],
    },
    "create_user": {
        "User": {
            "Username": "bob",
            "Attributes": [
                {"Name": "sub", "Value": "0f0e0d0c-1111-4222-8333-444455556666"},
                {"Name": "email", "Value": "bob@example.com"},
            ],
            "UserCreateDate": 1700000000,
            "UserLastModifiedDate": 1700000000.5,
            "Enabled": True,
            "UserStatus": "FORCE_CHANGE_PASSWORD",
            "MFAOptions": [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}],
        }
    },
    "list_users": {
        "Users": [
            {
                "Username": "u1",
                "Attributes": [
                    {"Name": "email", "Value": "u1@example.com"},
                    {"Name": "phone_number", "Value": "+15550100"},
                ],
                "Enabled": True,
                "UserStatus": "CONFIRMED",
            },
            {"Username": "u2", "Attributes": [], "Enabled": False, "UserStatus": "UNCONFIRMED"},
            {
                "Username": "u3",
                "Attributes": [{"Name": "email", "Value": "u3@example.com"}],
                "Enabled": True,
            },
        ],
        "PaginationToken": None,
    },
    "misc": {
        "a": {"b": {"c": 1}},
        "list": [0, 1, 2, 3, 4, 5],
        "nested": [[1, 2], [3, [4]], 5, None, []],
        "objs": [
            {"n": 1, "k": "x", "b": True, "t": ["p", "q"]},
            {"n": 2.5, "k": "y", "b": False, "t": ["r"]},
            {"k": "z", "t": []},
        ],
        "map": {"x": {"v": 1}, "y": {"v": 2}, "z": {}},
        "a-b": "dash",
        "mixed": [1, "1", True, None, 1.0, 0, False],
        "empty": [],
        "eobj": {},
        "str": "",
        "zero": 0,
        "one": 1,
        "t": True,
        "f": False,
        "nul": None,
        "ünï": "unicode key",
        "q'uote": "apostrophe",
    },
}

# (document, expression). Expressions jmespath rejects are kept: cogtok must reject them too.
QUERIES = [
    # Paths and quoting.
    ("auth", "AuthenticationResult.IdToken"),
    ("auth", "AuthenticationResult"),
    ("auth", "AuthenticationResult.ExpiresIn"),
    ("auth", "ChallengeParameters"),
    ("auth", "Missing.Key"),
    ("auth", "AuthenticationResult.IdToken.Nope"),
    ("challenge", "ChallengeParameters.USER_ID_FOR_SRP"),
    ("challenge", "ChallengeName"),
    ("challenge", "\"ChallengeName\""),
    ("misc", "\"a-b\""),
    ("misc", "a.b.c"),
    ("misc", "a . b . c"),
    ("misc", "a.\"b\".c"),
    ("misc", "\"\\u00fcn\\u00ef\""),
    ("misc", "\"ünï\""),
    ("misc", "\"q'uote\""),
    ("misc", "@"),
    ("misc", "a.@"),
    # Indexes and slices.
    ("get_user", "UserAttributes[0]"),
    ("get_user", "UserAttributes[-1].Value"),
    ("get_user", "UserAttributes[10]"),
    ("get_user", "UserAttributes[-10]"),
    ("misc", "list[1:3]"),
    ("misc", "list[::2]"),
    ("misc", "list[::-1]"),
    ("misc", "list[-2:]"),
    ("misc", "list[5:1:-2]"),
    ("misc", "list[:1 2]"),
    ("misc", "list[100:]"),
    ("misc", "a[0]"),
    ("misc", "nested[0][1]"),
    ("misc", "nested[1][1][0]"),
    ("misc", "objs[0:2].k"),
    ("misc", "objs[0][0:2]"),
    ("misc", "[0]"),
    ("misc", "list[0:6:0]"),
    # Projections.
    ("get_user", "UserAttributes[*].Name"),
    ("get_user", "UserAttributes[*].[Name, Value]"),
    ("get_user", "UserAttributes[*].{N: Name, V: Value}"),
    ("get_user", "UserAttributes[*]"),
    ("get_user", "UserAttributes[*].Name | [0]"),
    ("get_user", "UserAttributes[*].Name[0]"),
    ("misc", "map.*"),
    ("misc", "map.*.v"),
    ("misc", "objs[*].t"),
    ("misc", "objs[*].t[]"),
    ("misc", "objs[*].t[0]"),
    ("misc", "objs[*].n"),
    ("misc", "objs[*].missing"),
    ("misc", "str[*]"),
    ("misc", "a.*"),
    ("misc", "*.c"),
    ("misc", "a.*.c"),
    ("list_users", "Users[*].Attributes[*].Value"),
    ("list_users", "Users[].Username"),
    ("list_users", "Users[*].Attributes[?Name=='email'].Value[]"),
    ("list_users", "Users[*].Attributes[?Name=='email'].Value | []"),
    ("list_users", "Users[*].[Username, UserStatus]"),
    ("create_user", "User.Attributes[?Name=='email'].Value | [0]"),
    ("create_user", "User.MFAOptions[0].DeliveryMedium"),
    ("create_user", "User.[Username, UserStatus, Enabled]"),
    ("create_user", "User.{name: Username, created: UserCreateDate}"),
    ("challenge", "ChallengeParameters.*"),
    ("challenge", "[ChallengeName, Session]"),
    ("challenge", "ChallengeName == 'NEW_PASSWORD_REQUIRED' && Session"),
    ("get_user", "UserMFASettingList[?@ == 'SMS_MFA'] | [0]"),
    ("get_user", "MFAOptions[0]"),
    ("get_user", "MFAOptions[*].AttributeName"),
    # Flatten.
    ("misc", "nested[]"),
    ("misc", "nested[][]"),
    ("misc", "[]"),
    ("misc", "nested | []"),
    ("misc", "a[]"),
    # Filters.
    ("get_user", "UserAttributes[?Name=='email'].Value | [0]"),
    ("get_user", "UserAttributes[?Name=='email'].Value"),
    ("get_user", "UserAttributes[?Name == `\"email\"`].Value"),
    ("get_user", "UserAttributes[?Name != 'email'].Name"),
    ("get_user", "UserAttributes[?Name=='nope'].Value | [0]"),
    ("get_user", "UserAttributes[?Value=='true']"),
    ("get_user", "UserAttributes[?Name=='email' || Name=='sub'].Value"),
    ("get_user", "UserAttributes[?Name=='email' && Value].Value"),
    ("get_user", "UserAttributes[?!(Name=='email')].Name"),
    ("misc", "objs[?b].k"),
    ("misc", "objs[?n > `1`].k"),
    ("misc", "objs[?n >= `1`].k"),
    ("misc", "objs[?n < `2`].k"),
    ("misc", "objs[?k <= 'x'].k"),
    ("misc", "objs[?n == `2.5`].k"),
    ("misc", "objs[?t == ['r']].k"),
    ("misc", "objs[?t == `[]`].k"),
    ("misc", "mixed[?@ == `1`]"),
    ("misc", "mixed[?@ == `true`]"),
    ("misc", "mixed[?@ == `0`]"),
    ("misc", "mixed[?@ != `1`]"),
    ("misc", "mixed[?@]"),
    ("misc", "list[?@ > `2`]"),
    ("misc", "[?a]"),
    ("misc", "nested[?@][]"),
    ("misc", "`[1, true]` == `[true, 1]`"),
    ("misc", "`[1]` == `[true]`"),
    ("misc", "`1` == `1.0`"),
    ("misc", "`{\"a\": 1, \"b\": 2}` == `{\"b\": 2, \"a\": 1}`"),
    ("misc", "zero == f"),
    ("misc", "one == t"),
    ("misc", "str < 'a'"),
    ("misc", "t < f"),
    # Multi-select.
    ("auth", "AuthenticationResult.[IdToken, ExpiresIn]"),
    ("auth", "[AuthenticationResult.TokenType, ChallengeParameters]"),
    ("auth", "AuthenticationResult.{id: IdToken, exp: ExpiresIn}"),
    ("auth", "{\"id token\": AuthenticationResult.IdToken, kind: AuthenticationResult.TokenType}"),
    ("auth", "{a: Nope, b: Nope, a: AuthenticationResult.TokenType}"),
    ("auth", "Nope.[a, b]"),
    ("auth", "Nope.{a: a}"),
    ("misc", "zero.[@]"),
    ("misc", "[list[0], a.b, nul]"),
    # Or, and, not, literals, raw strings.
    ("misc", "nul || str || 'fallback'"),
    ("misc", "empty || eobj || zero"),
    ("misc", "t && 'yes'"),
    ("misc", "f && 'yes'"),
    ("misc", "!zero"),
    ("misc", "!str"),
    ("misc", "!list"),
    ("misc", "!nul"),
    ("misc", "!!t"),
    ("misc", "'it\\'s'"),
    ("misc", "'back\\\\slash'"),
    ("misc", "'a\\nb'"),
    ("misc", "`\"lit\"`"),
    ("misc", "`foo`"),
    ("misc", "` bar`"),
    ("misc", "`{\"k\": [1, 2.5, null]}`"),
    ("misc", "`back\\`tick`"),
    ("misc", "(a).b"),
    ("misc", "(a || list).b"),
    ("misc", "a.b.c | @"),
    ("misc", "list | [1]"),
    ("misc", "list[*] | [0]"),
    # Rejected expressions.
    ("misc", ""),
    ("misc", "a."),
    ("misc", "a.[0]"),
    ("misc", "a[b]"),
    ("misc", "a b"),
    ("misc", "[?a"),
    ("misc", "'unclosed"),
    ("misc", "\"unclosed"),
    ("misc", "a = b"),
    ("misc", "a-b"),
    ("misc", "a.1"),
    ("misc", "{a}"),
    ("misc", "{a: b"),
    ("misc", "[a, ]"),
    ("misc", "a[*]b"),
    ("misc", "a[1:2:3:4]"),
    ("misc", "a ||"),
    ("misc", "#"),
    ("misc", "ünï"),
    ("misc", "\"bad\\escape\""),
    # Functions (all 26) and expression references, on Cognito-shaped answers and corners.
    ("get_user", "length(UserAttributes)"),
    ("get_user", "UserAttributes[?starts_with(Name, 'email')].Value"),
    ("get_user", "UserAttributes[?ends_with(Name, 'verified')] | [0].Value"),
    ("get_user", "UserAttributes[?contains(Name, 'mail')].Name"),
    ("get_user", "sort_by(UserAttributes, &Name)[].Name"),
    ("get_user", "reverse(sort_by(UserAttributes, &Name))[0].Name"),
    ("get_user", "max_by(UserAttributes, &Name).Name"),
    ("get_user", "min_by(UserAttributes, &Name).Name"),
    ("get_user", "join(', ', UserMFASettingList)"),
    ("get_user", "contains(UserMFASettingList, 'SMS_MFA')"),
    ("get_user", "keys(@)"),
    ("get_user", "type(UserCreateDate)"),
    ("get_user", "to_string(UserCreateDate)"),
    ("get_user", "to_string(UserAttributes[3])"),
    ("get_user", "map(&length(Value), UserAttributes)"),
    ("get_user", "length(UserAttributes[3].Value)"),
    ("get_user", "floor(UserCreateDate)"),
    ("get_user", "ceil(UserCreateDate)"),
    ("get_user", "merge({a: Username}, {b: Enabled}, {a: UserStatus})"),
    ("get_user", "not_null(Missing, MFAOptions, Username)"),
    ("get_user", "to_array(Username)"),
    ("auth", "values(AuthenticationResult) | length(@)"),
    ("auth", "to_number(AuthenticationResult.ExpiresIn)"),
    ("list_users", "length(Users[?Enabled])"),
    ("list_users", "Users[*].length(Attributes)"),
    ("list_users", "sort_by(Users, &length(Attributes))[].Username"),
    ("list_users", "max_by(Users, &length(Attributes)).Username"),
    ("list_users", "Users[?length(Attributes) > `0`].{user: Username, n: length(Attributes)}"),
    ("list_users", "map(&Attributes[?Name == 'email'].Value | [0], Users)"),
    ("list_users", "sum(map(&length(Attributes), Users))"),
    ("list_users", "avg(map(&length(Attributes), Users))"),
    ("misc", "sum(list)"),
    ("misc", "sum(`[]`)"),
    ("misc", "sum(`[1, 2.5]`)"),
    ("misc", "sum(`[0.1, 0.2]`)"),
    ("misc", "avg(list)"),
    ("misc", "avg(`[1, 2]`)"),
    ("misc", "avg(`[2, 2]`)"),
    ("misc", "avg(empty)"),
    ("misc", "max(list)"),
    ("misc", "min(`[2, 1.0, 1]`)"),
    ("misc", "max(`[1, 1.0]`)"),
    ("misc", "max(`[\"b\", \"a\"]`)"),
    ("misc", "max(empty)"),
    ("misc", "abs(`-3`)"),
    ("misc", "abs(`-2.5`)"),
    ("misc", "abs(`-0.0`)"),
    ("misc", "ceil(`-0.5`)"),
    ("misc", "floor(`2.0`)"),
    ("misc", "floor(`-2.5`)"),
    ("misc", "`-0`"),
    ("misc", "[`-0`, `-0.0`, `0.0`, `-0e0`]"),
    ("misc", "to_number('1.0')"),
    ("misc", "to_number('1')"),
    ("misc", "to_number(' -12 ')"),
    ("misc", "to_number('1_000')"),
    ("misc", "to_number('1e3')"),
    ("misc", "to_number('.5')"),
    ("misc", "to_number('-0')"),
    ("misc", "to_number('abc')"),
    ("misc", "to_number(`true`)"),
    ("misc", "to_number(`2.5`)"),
    ("misc", "to_string(`1e16`)"),
    ("misc", "to_string(`[1, 2.0, \"\\u00fc\\n\", {\"k\": null}]`)"),
    ("misc", "to_string('x')"),
    ("misc", "sort(`[3, 1.5, 2]`)"),
    ("misc", "sort(`[\"b\", \"a\", \"\\u00e9\"]`)"),
    ("misc", "sort(empty)"),
    ("misc", "sort_by(objs, &k)[].n"),
    ("misc", "sort_by(empty, &k)"),
    ("misc", "reverse('abc\u00fc')"),
    ("misc", "reverse(list)"),
    ("misc", "length('\u00fcn\u00ef')"),
    ("misc", "type(@)"),
    ("misc", "[type(nul), type(t), type(str), type(list), type(one), type(`2.5`)]"),
    ("misc", "contains(mixed, `true`)"),
    ("misc", "contains(list, `1.0`)"),
    ("misc", "contains('abc', 'b')"),
    ("misc", "objs[?contains(t, 'q')].k"),
    ("misc", "map(&n, objs)"),
    ("misc", "map(&[k, n], objs)"),
    ("misc", "keys(map)"),
    ("misc", "values(map)"),
    ("misc", "merge(`{}`)"),
    ("misc", "not_null(nul, `null`)"),
    ("misc", "join('', `[]`)"),
    ("misc", "length(a b)"),
    ("misc", "length(a,)"),
    ("misc", "(length)(list)"),
    ("misc", "list.length(@)"),
    ("misc", "nested[].length(@)"),
    ("misc", "length("),
    ("misc", "\"length\"(list)"),
    ("misc", "a.b(c)"),
    ("misc", "(a.b)(c)"),
]

# (document, expression) that compile but fail on the document: the AWS CLI prints the message.
QUERY_ERRORS = [
    ("misc", "length(`1`)"),
    ("misc", "length(one)"),
    ("misc", "nope(a)"),
    ("misc", "length(a, b)"),
    ("misc", "not_null()"),
    ("misc", "merge()"),
    ("misc", "sort_by(objs)"),
    ("misc", "sum(mixed)"),
    ("misc", "sum(`[1, \"a\"]`)"),
    ("misc", "sort(mixed)"),
    ("misc", "sort(`[\"a\", 1]`)"),
    ("misc", "max(`[true]`)"),
    ("misc", "abs('x')"),
    ("misc", "keys(list)"),
    ("misc", "join(',', list)"),
    ("misc", "join(`1`, `[]`)"),
    ("misc", "starts_with(str, one)"),
    ("misc", "avg(objs)"),
    ("misc", "sort_by(objs, &n)"),
    ("misc", "sort_by(objs, &t)"),
    ("misc", "sort_by(`[1, 2]`, &@)[0] | sort_by(mixed, &@)"),
    ("misc", "max_by(objs, &n)"),
    ("misc", "min_by(objs, &t)"),
    ("misc", "max_by(`[{\"a\": 1}, {\"a\": \"x\"}]`, &a)"),
    ("misc", "min_by(`[{\"a\": \"x\"}, {\"a\": 1}]`, &a)"),
    ("misc", "contains('abc', `1`)"),
    ("misc", "map(list, &a)"),
    ("misc", "to_number(length(@))  < 'a'"),
    ("misc", "one < 'a'"),
    ("misc", "'a' >= `2.5`"),
    ("misc", "abs(`{\"k\": [\"v\", true, null, 1.5, \"it's\"]}`)"),
    ("get_user", "UserAttributes[?contains(Value, `1`)]"),
    ("get_user", "length(UserCreateDate)"),
]

# Inputs for the text formatter (besides every document above).
TEXT_INPUTS = [
    "eyJraWQiOiJpZCJ9.token",
    "",
    "tab\tand\nnewline",
    None,
    True,
    False,
    3600,
    -7,
    2.5,
    1e16,
    1.5e-07,
    100.0,
    1732724400.123,
    18446744073709551615,
    [],
    {},
    ["a", "b", 3, None, True],
    [1, [2, 3], 4, [[5], []]],
    [[], []],
    [{"b": 1, "a": "x"}, {"a": "y", "c": None}],
    [{"a": 1}, {"a": {"b": "it's"}}, {"a": ["q\"uote", "both'\""]}],
    [{"A": []}, {"A": [{"x": 1}]}],
    {"outer": {"inner": {"leaf": "v"}, "n": 1}, "list": [{"k": "v"}], "scal": ["s1", "s2"]},
    {"straße": ["x"], "ünï": {"k": 1}},
    {"k": {"ctl": "\u0000\u0007\u009f\u00a0\u00ad\u2028\ue000\U0001f600"}},
    [{"k": {"ctl": "\u0000\t\\\u00e9\u200b\ufeff\U0001f600"}}, {"k": 2}],
    [{"a": 1}, "not an object", {"a": 2}],
    {"ok": "printed", "z": [["x"], {"a": 1}]},
    {"ok": "printed", "z": [{"a": 1}, ["x"]]},
    {"k": [1, [2, 3], "s"]},
    {"k": [[{"a": 1}], [["deep"]]]},
    [{"a": 1}, {"a": {"x": None, "y": True, "z": 1.5e-07, "w": [1, False]}}],
    {"only": {"nested": {"values": []}}},
]

# Inputs for the JSON formatter (besides every document above).
JSON_INPUTS = [
    {},
    [],
    None,
    "",
    "bare string",
    0,
    -1.0,
    {"k": {}},
    {"k": [], "l": [{}], "m": [[]]},
    {"ctl": "".join(chr(c) for c in range(0x20)) + "\u007f\u0080\u2028\u2029"},
    {"esc": "quote\" backslash\\ slash/ tab\t"},
    {"unicode": "Zoë ✓ 日本 \U0001f600", "ключ": "значение"},
    {"floats": [0.1, 1e16, 1e-05, 0.0001, 123456789.123, 1e22, 5e-324, 1.7976931348623157e308,
                2.5, 100.0, 1732724400.123]},
    {"ints": [0, -1, 9007199254740993, 18446744073709551615, -9223372036854775808]},
    {"bools": [True, False, None]},
    [[[[]]]],
    {"": "empty key"},
]

# Inputs for the table formatter (besides every document above, every answer recorded in
# fixtures/exchanges and every query result of QUERIES): (title, document). The AWS CLI titles
# the table with the operation's name; the documents probe its layout's corners.
WIDE = "漢字かなカナ한국어"
TABLE_INPUTS = [
    ("AdminGetUser", {"Username": WIDE, "UserAttributes": [{"Name": "name", "Value": WIDE * 2},
                                                          {"Name": "family_name", "Value": "e\u0301\u0301"}]}),
    ("AdminGetUser", {"k": "e\u0301", "\u00e9": "Zoë Ångström", "ｆｕｌｌ": "ｗｉｄｔｈ", "😀": "🎉"}),
    ("AdminGetUser", {"pipe": "a|b||c", "tab": "a\tb", "nl": "line1\nline2", "cr": "x\ry"}),
    ("AdminGetUser", {"UserAttributes": [{"Name": "note", "Value": "a|b"}, {"Name": "nl", "Value": "1\n2"}]}),
    ("InitiateAuth", {"ChallengeName": "CUSTOM_CHALLENGE", "Session": "s",
                      "ChallengeParameters": {"z": "1", "a": "2", "漢": "字"}}),
    ("InitiateAuth", {"ChallengeParameters": {"only": "one"}}),
    ("InitiateAuth", {"ChallengeParameters": {}, "Session": ""}),
    ("T", {"one": 1}),
    ("T", {"t": True, "f": False, "n": None, "z": 0, "i": -7, "x": 2.5, "e": 1e16, "s": 1.5e-07,
           "h": 100.0, "big": 18446744073709551615, "neg": -0.0}),
    ("T", {"nested": {"deeper": {"deepest": {"leaf": "v", "n": 1}}}}),
    ("T", {"a": {"b": [{"c": [{"d": 1}, {"d": 2, "e": [1, 2]}]}]}}),
    ("T", {"lists": [[1, 2], [3, 4]], "scalars": ["x", "y"], "empty": [], "eobj": {}, "none": None}),
    ("T", {"l": [{"k": 1, "sub": [{"x": 1}]}, {"k": 2, "sub": [{"x": 2}, {"x": 3}]}, {"k": 3}]}),
    ("T", {"l": [{"k": 1, "sub": {"x": 1}}, {"k": 2, "sub": "scalar here"}, {"k": 3, "sub": 0}]}),
    ("T", {"l": [{"a": 1}, {"b": 2}, {"a": 3, "b": None}]}),
    ("T", [{"only": {"nested": 1}}, {"only": {"nested": 2}}]),
    ("T", [{"a": []}, {"a": [1]}]),
    ("T", [1, "two", None, True, 2.5]),
    ("T", [[1, 2], [3, 4], [5, 6]]),
    ("T", [[1, 2], [3]]),
    ("T", [1, [2]]),
    ("T", [1, [2, [3]]]),
    ("T", [[1, [2, 3]], [4, [5]]]),
    ("T", [[{"a": 1}], [{"a": 2}]]),
    ("T", [[{"a": 1, "n": [1]}, {"a": 2, "n": [2]}]]),
    ("T", [1, [{"a": 1, "b": 2}]]),
    ("T", [{"a": 1}, 2]),
    ("T", [{"a": 1}, [2]]),
    ("T", [{"k": "v", "w": "x"}, {"k": "y"}]),
    ("T", ["a", {"k": "v"}]),
    ("T", [{}, {}]),
    ("T", [[], []]),
    ("T", [[], [1]]),
    ("T", [{"x": 1}, {}]),
    ("T", {"": {"k": 1}, "k": ""}),
    ("T", {"k": [{"": 1}]}),
    ("T", "scalar"),
    ("T", 0),
    ("T", 1),
    ("T", False),
    ("T", True),
    ("T", None),
    ("T", ""),
    ("T", 0.0),
    ("T", []),
    ("T", {}),
    ("", {"a": 1, "b": 2}),
    ("AVeryLongOperationTitleThatIsWiderThanItsColumns", {"a": 1}),
    ("T", {"x" * 90: 1}),
    ("T", {"a": "x" * 79}),
    ("T", {"a": "x" * 70, "b": "y"}),
    ("T", {"a": "x" * 40, "b": "y" * 40, "sub": {"c": "z" * 50, "d": 1}}),
    ("T", {"a": "x" * 40, "b": "y" * 40, "rows": [{"c": 1, "d": 2}, {"c": 3, "d": 4}]}),
    ("T", {"s": [{"a": "漢" * 30, "b": "x"}], "t": {"c": "字" * 20, "d": "y"}}),
    ("T", {"cols": {"a": 1, "bb": 22, "ccc": 333, "dddd": 4444, "eeeee": 55555, "f": "x" * 13}}),
    ("T", {"w": {"a": "1", "b": "12", "c": "123", "d": "1234567"}}),
    ("T", [{"h%d" % i: "v" * i for i in range(1, 9)}]),
    ("T", [{"h": "v" * i} for i in range(1, 12)]),
    ("T", {"lvl1": {"lvl2": {"lvl3": {"lvl4": [{"k": "v" * 60}]}}}}),
]

# Epoch seconds for the timestamp renderer.
EPOCHS = [
    1732724400.123, 1732724460.0, 1700000000.0, 1700000000.5, 0.0, -1.5, -0.0000001, 1e9,
    951782400.0, 951868799.999999, 4107542400.0, 1732724400.1234565, 1732724400.9999996,
    0.0000005, 0.0000015, 0.0000025, 1.0000005, 253402300799.0, 253402300799.9999995,
    253402300800.0, -62135596800.0, -62135596800.5, 1e20, 1582934400.25, 946684799.999999,
]

TIMESTAMP_NAMES = ["UserCreateDate", "UserLastModifiedDate"]

# ---------------------------------------------------------------------------------------------
# Oracles


def run_query(expr, doc):
    try:
        compiled = jmespath.compile(expr)
    except Exception:  # the CLI turns any compile error into "Bad value for --query"
        return None
    try:
        result = compiled.search(doc)
    except ValueError:
        # A zero slice step compiles but fails when evaluated, so the CLI fails either way;
        # cogtok refuses it while parsing.
        return None
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def run_query_error(expr, doc):
    """What the AWS CLI prints when the query fails on the answer: the exception's message."""
    try:
        jmespath.compile(expr).search(doc)
    except (jmespath.exceptions.JMESPathError, TypeError) as e:
        return str(e)
    raise AssertionError("%r does not fail" % expr)


def run_text(data):
    out = io.StringIO()
    try:
        aws_text.format_text(data, out)
        return out.getvalue(), False
    except AttributeError:
        return out.getvalue(), True


def run_json(data):
    # Wrapped and queried back out, as `--query` would, so that scalars and lists reach the
    # formatter too (the CLI strips ResponseMetadata first, which needs an object).
    args = types.SimpleNamespace(query=jmespath.compile("R"))
    out = io.StringIO()
    JSONFormatter(args)("test", {"R": json.loads(json.dumps(data))}, out)
    return out.getvalue()


def run_table(title, data):
    """The AWS CLI's table for data under title (the operation's name), and whether it raised."""
    args = types.SimpleNamespace(query=jmespath.compile("R"), color="off")
    formatter = TableFormatter(args)
    # What determine_terminal_width answers when stdout is not a terminal, whatever runs this.
    formatter.table._terminal_width = 80
    out = io.StringIO()
    try:
        formatter(title, {"R": json.loads(json.dumps(data))}, out)
        return out.getvalue(), False
    except Exception:  # the CLI reports the exception; nothing was printed
        return out.getvalue(), True


def fixture_answers():
    """Every 2xx answer recorded in fixtures/exchanges, with its operation's name and its
    timestamps in ISO 8601 as the AWS CLI shows them."""
    here = os.path.dirname(os.path.abspath(__file__))
    answers = []
    for path in sorted(glob.glob(os.path.join(here, "..", "fixtures", "exchanges", "**", "*.json"),
                              recursive=True)):
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh)
        for exchange in doc.get("exchanges", []):
            response = exchange["response"]
            if not 200 <= response["status"] < 300:
                continue
            body = response.get("body")
            if body is None:
                try:
                    body = json.loads(response.get("body_text", ""))
                except ValueError:
                    continue
            title = exchange["request"]["target"].rsplit(".", 1)[1]
            answers.append((title, with_iso_timestamps(body)))
    return answers


def unique(pairs):
    """pairs without repeats of the same (title, document), in their first order."""
    out, seen = [], set()
    for title, data in pairs:
        key = (title, compact(data))
        if key not in seen:
            seen.add(key)
            out.append((title, data))
    return out


def table_inputs():
    inputs = [("AdminGetUser", d) for d in DOCS.values()]
    inputs += [("AdminGetUser", with_iso_timestamps(d)) for d in DOCS.values()]
    inputs += fixture_answers() + TABLE_INPUTS
    for name, expr in QUERIES:
        result = run_query(expr, DOCS[name])
        if result is not None:
            inputs.append(("AdminGetUser", json.loads(result)))
    return unique(inputs)


def run_iso(secs):
    try:
        return iso_format(secs)
    except (ValueError, OverflowError, OSError, RuntimeError):  # outside datetime's years 1-9999
        return None


def with_iso_timestamps(data):
    if isinstance(data, dict):
        return {
            k: (iso_format(v) if k in TIMESTAMP_NAMES and isinstance(v, (int, float))
                else with_iso_timestamps(v))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [with_iso_timestamps(v) for v in data]
    return data


# ---------------------------------------------------------------------------------------------
# Rust rendering


def rs(s):
    """A Rust string literal for s: escapes for quotes, backslashes and invisible characters."""
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif c < 0x20 or 0x7F <= c < 0xA0 or not ch.isprintable():
            out.append("\\u{%x}" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def opt(s):
    return "None" if s is None else "Some(%s)" % rs(s)


def compact(data):
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def f64_bits(x):
    return "0x%016x" % struct.unpack("<Q", struct.pack("<d", x))[0]


HEADER = "    // BEGIN GENERATED by tools/output_vectors.py from the AWS CLI and jmespath; do not edit.\n"
FOOTER = "    // END GENERATED\n"


def query_tables():
    lines = ["    const DOCS: &[(&str, &str)] = &["]
    for name, doc in DOCS.items():
        lines.append("        (%s, %s)," % (rs(name), rs(compact(doc))))
    lines.append("    ];")
    lines.append("    /// (document, expression, result as compact JSON or None when jmespath rejects it)")
    lines.append("    const VECTORS: &[(&str, &str, Option<&str>)] = &[")
    for name, expr in QUERIES:
        lines.append("        (%s, %s, %s)," % (rs(name), rs(expr), opt(run_query(expr, DOCS[name]))))
    lines.append("    ];")
    lines.append("    /// (document, expression, the message the AWS CLI prints when the query fails, exit 255)")
    lines.append("    const ERROR_VECTORS: &[(&str, &str, &str)] = &[")
    for name, expr in QUERY_ERRORS:
        lines.append("        (%s, %s, %s)," % (rs(name), rs(expr), rs(run_query_error(expr, DOCS[name]))))
    lines.append("    ];")
    lines.append("    /// (document, random expression, result as compact JSON or None when jmespath rejects it)")
    lines.append("    const RANDOM_VECTORS: &[(&str, &str, Option<&str>)] = &[")
    for expr, result in random_queries():
        lines.append("        (\"misc\", %s, %s)," % (rs(expr), opt(result)))
    lines.append("    ];")
    return "\n".join(lines) + "\n"


def uses_functions(node):
    if node["type"] in ("function_expression", "expref"):
        return True
    return any(uses_functions(c) for c in node.get("children", []) if isinstance(c, dict))


def random_queries():
    """Random expressions over the `misc` document, drawn from the grammar and then, for some,
    mangled (a token dropped or doubled), so that both accepted and rejected expressions are
    compared. Skipped (so that the table stays as it was): function calls, which the grammar
    here only makes by mangling and QUERIES and QUERY_ERRORS cover, and what jmespath fails on
    while evaluating (a number compared with a string: QUERY_ERRORS has it)."""
    rng = random.Random(7)
    idents = ["a", "b", "c", "list", "nested", "objs", "map", "k", "n", "t", "v", "x", "y",
              "mixed", "zero", "one", "str", "nul", "eobj", "empty", "f", "\"a-b\""]
    literals = ["`1`", "`2.5`", "`true`", "`null`", "`[]`", "`{}`", "'x'", "'y'", "`\"z\"`",
                "`[1, 2]`", "`0`"]
    indexes = ["[0]", "[1]", "[-1]", "[1:]", "[:2]", "[::-1]", "[::2]", "[-2:]"]

    def expr(d):
        if d <= 0 or rng.random() < 0.25:
            r = rng.random()
            if r < 0.6:
                return rng.choice(idents)
            return rng.choice(literals) if r < 0.9 else "@"
        form = rng.randrange(15)
        if form == 0:
            return expr(d - 1) + "." + rng.choice(idents)
        if form == 1:
            return expr(d - 1) + rng.choice(indexes)
        if form == 2:
            return expr(d - 1) + "[*]" + rng.choice(["", "." + rng.choice(idents), "[0]"])
        if form == 3:
            return expr(d - 1) + "[]" + rng.choice(["", "." + rng.choice(idents)])
        if form == 4:
            op = rng.choice(["==", "!=", "<", ">=", ""])
            cond = expr(d - 2) + (" %s %s" % (op, expr(d - 2)) if op else "")
            return expr(d - 1) + "[?" + cond + "]" + rng.choice(["", "." + rng.choice(idents)])
        if form == 5:
            return expr(d - 1) + ".*" + rng.choice(["", "." + rng.choice(idents)])
        if form == 6:
            return expr(d - 1) + " | " + expr(d - 1)
        if form == 7:
            return "[" + ", ".join(expr(d - 1) for _ in range(rng.randint(1, 3))) + "]"
        if form == 8:
            return "{" + ", ".join("%s: %s" % (k, expr(d - 1))
                                   for k in rng.sample(["p", "q", "\"r s\""], rng.randint(1, 2))) + "}"
        if form == 9:
            return expr(d - 1) + rng.choice([" || ", " && "]) + expr(d - 1)
        if form == 10:
            return "!" + expr(d - 1)
        if form == 11:
            return "(" + expr(d - 1) + ")"
        if form == 12:
            return expr(d - 1) + " " + rng.choice(["==", "!=", "<", "<=", ">", ">="]) + " " + expr(d - 1)
        if form == 13:
            return expr(d - 1) + "." + rng.choice(["[", "{"]) + \
                ("%s]" % expr(d - 1) if rng.random() < 0.5 else "p: %s}" % expr(d - 1))
        return "[*]." + rng.choice(idents) if rng.random() < 0.5 else "*." + rng.choice(idents)

    def mangle(e):
        i = rng.randrange(len(e) + 1)
        if rng.random() < 0.5 and e:
            return e[:i] + e[i + 1:]
        return e[:i] + rng.choice("[]{}().,:|&!=<>*?@'`\"ab1- ") + e[i:]

    accepted, rejected, seen = [], [], set()
    while len(accepted) < 250 or len(rejected) < 60:
        e = expr(rng.randint(1, 5))
        if rng.random() < 0.3:
            e = mangle(e)
        if e in seen:
            continue
        seen.add(e)
        try:
            parsed = jmespath.compile(e)
        except Exception:
            if len(rejected) < 60:
                rejected.append((e, None))
            continue
        if uses_functions(parsed.parsed):
            continue
        try:
            result = parsed.search(DOCS["misc"])
        except Exception:
            continue
        if len(accepted) < 250:
            accepted.append((e, json.dumps(result, ensure_ascii=False, separators=(",", ":"))))
    return accepted + rejected


def text_tables():
    inputs = list(DOCS.values()) + [with_iso_timestamps(d) for d in DOCS.values()] + TEXT_INPUTS
    inputs += [jmespath.search(e, DOCS[d]) for d, e in [
        ("auth", "AuthenticationResult.IdToken"),
        ("get_user", "UserAttributes[?Name=='email'].Value | [0]"),
        ("get_user", "UserAttributes[*].Name"),
        ("get_user", "UserAttributes[*].[Name, Value]"),
        ("list_users", "Users[*].[Username, Enabled]"),
        ("misc", "nested"),
        ("misc", "objs"),
    ]]
    # The shapes of the table vectors too, once each.
    known = {compact(d) for d in inputs}
    inputs += [d for _, d in unique(("", d) for _, d in table_inputs()) if compact(d) not in known]
    lines = ["    /// (input as JSON, the AWS CLI's output, whether the AWS CLI failed after that output)"]
    lines.append("    const VECTORS: &[(&str, &str, bool)] = &[")
    for data in inputs:
        out, failed = run_text(json.loads(json.dumps(data)))
        lines.append("        (%s, %s, %s)," % (rs(compact(data)), rs(out), "true" if failed else "false"))
    lines.append("    ];")
    return "\n".join(lines) + "\n"


def json_tables():
    lines = ["    /// (input as JSON, the AWS CLI's `--output json`)"]
    lines.append("    const VECTORS: &[(&str, &str)] = &[")
    for data in list(DOCS.values()) + JSON_INPUTS:
        lines.append("        (%s, %s)," % (rs(compact(data)), rs(run_json(data))))
    lines.append("    ];")
    lines.append("    /// (input as JSON, its `--output json` with %s as iso8601 timestamps)"
                 % " and ".join(TIMESTAMP_NAMES))
    lines.append("    const TIMESTAMP_VECTORS: &[(&str, &str)] = &[")
    for name in ("get_user", "create_user", "auth"):
        doc = DOCS[name]
        lines.append("        (%s, %s)," % (rs(compact(doc)), rs(run_json(with_iso_timestamps(doc)))))
    lines.append("    ];")
    lines.append("    /// (epoch seconds, iso_format under TZ=UTC, or None where the AWS CLI fails)")
    lines.append("    const EPOCH_VECTORS: &[(f64, Option<&str>)] = &[")
    for secs in EPOCHS:
        lines.append("        (%r, %s)," % (secs, opt(run_iso(secs))))
    lines.append("    ];")
    rng = random.Random(20261127)
    floats = [0.0, -0.0, 1.0, 0.1, 1e15, 9999999999999998.0, 1e16, 1e-4, 1e-5, 1.5e-7,
              123456789012345678.0, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308]
    for _ in range(40):
        floats.append(struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0])
    for _ in range(20):
        floats.append(round(rng.uniform(-1e6, 1e6), rng.randint(0, 8)))
    floats = [f for f in floats if f == f and abs(f) != float("inf")]
    lines.append("    /// (f64 bits, Python's repr)")
    lines.append("    const FLOAT_VECTORS: &[(u64, &str)] = &[")
    for f in floats:
        lines.append("        (%s, %s)," % (f64_bits(f), rs(repr(f))))
    lines.append("    ];")
    return "\n".join(lines) + "\n"


def table_tables():
    lines = ["    /// (title, input as JSON, the AWS CLI's `--output table --color off` on a pipe, whether it raised)"]
    lines.append("    const VECTORS: &[(&str, &str, &str, bool)] = &[")
    for title, data in table_inputs():
        out, failed = run_table(title, data)
        lines.append("        (%s, %s, %s, %s)," % (rs(title), rs(compact(data)), rs(out),
                                                "true" if failed else "false"))
    lines.append("    ];")
    return "\n".join(lines) + "\n"


def width_tables():
    """The code points that take two columns in a table, as inclusive ranges."""
    ranges, start = [], None
    for c in range(0x110001):
        wide = c <= 0x10FFFF and unicodedata.east_asian_width(chr(c)) in "WFA"
        if wide and start is None:
            start = c
        elif not wide and start is not None:
            ranges.append((start, c - 1))
            start = None
    bmp = [r for r in ranges if r[1] <= 0xFFFF]
    astral = [r for r in ranges if r[0] > 0xFFFF]
    assert len(bmp) + len(astral) == len(ranges), "a range crosses U+FFFF"

    def table(name, kind, rows):
        out = ["    /// East Asian Wide, Fullwidth or Ambiguous in Unicode %s (Python %s)"
               % (unicodedata.unidata_version, sys.version.split()[0]),
               "    pub(super) const %s: &[(%s, %s)] = &[" % (name, kind, kind)]
        for i in range(0, len(rows), 6):
            out.append("        " + " ".join("(0x%x, 0x%x)," % r for r in rows[i:i + 6]))
        out.append("    ];")
        return out

    return "\n".join(table("BMP", "u16", bmp) + table("ASTRAL", "u32", astral)) + "\n"


def splice(path, table, check):
    with open(path, encoding="utf-8") as fh:
        src = fh.read()
    start = src.index(HEADER) + len(HEADER)
    end = src.index(FOOTER, start)
    new = src[:start] + table + src[end:]
    if check:
        return new == src
    if new != src:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(new)
    return True


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = args[0] if args else os.path.join(here, "..", "src", "output")
    ok = True
    for name, table in (("query/mod", query_tables()), ("text", text_tables()), ("json", json_tables()),
                        ("table", table_tables()), ("wide_chars", width_tables())):
        ok &= splice(os.path.join(out_dir, name + ".rs"), table, check)
    if not ok:
        print("test vectors are stale: run python3 tools/output_vectors.py", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
