#!/usr/bin/env python3
"""`make bench`: cogtok against the AWS CLI and a bare program, on one local moto.

One moto_server (no IAM enforcement: the clients are measured, not the server) with a pool, an
app client and a user with a permanent password. Then, interleaved, RUNS times each:

  cogtok      cogtok's static binary: `admin-initiate-auth` (ADMIN_USER_PASSWORD_AUTH, SigV4)
  baseline    bench/baseline: reqwest + rustls + aws-sigv4 doing the same signed POST, nothing else
  aws         the AWS CLI from .venv: `aws cognito-idp admin-initiate-auth`, the same call
  srp         cogtok's static binary: `login` with the default flow (USER_SRP_AUTH)

Then the mint section (issue 10): tokens for MINT_USERS users at once, against bench/instant-server
(a stand-in that answers at once: moto's milliseconds of Python per sign-in would be measured
instead of the clients), with moto stopped:

  paced       cogtok mint --flow admin at its default --rate 100 (about 10 s: the limiter holds)
  admin       cogtok mint --flow admin --rate 100000 --concurrency 64: what the client can do
  password    the same with --flow password (InitiateAuth, unsigned)
  boto3       bench/mint_boto3.py: a Python loop of boto3 admin_initiate_auth, one client
  aws         `aws cognito-idp admin-initiate-auth` in a /bin/sh loop, for a sample of users only
              (each run is a new Python process of about 0.4 s); its wall time for MINT_USERS
              is extrapolated and labelled so

Each run is started by bench/spawn (a tiny static C launcher) that reports the command's own CPU
time (user + sys), wall time and peak RSS from wait4(2). For the shell loop, wait4 on the shell
reports its rusage together with that of every child it waited for (the kernel's RUSAGE_BOTH):
the CPU is the whole tree's sum, the peak RSS the largest single process's (one aws at a time).
Medians are compared with the budgets in the README. A budget miss is printed as MISS and does
not fail; a server that does not start, or a run that does not sign in (for mint: any user
without tokens, or a count of requests at the server other than one per user), fails (exit 1),
since its figures would mean nothing.
"""

import argparse
import json
import os
import selectors
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import typing
import urllib.request

REGION = "us-east-1"
# moto without enforcement accepts any key; the clients sign with it all the same.
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
USERNAME = "bench@example.com"
PASSWORD = "Bench-Passw0rd!"

CPU_RATIO_BUDGET = 1.3  # cogtok CPU / bare program CPU, at most
AWS_RATIO_BUDGET = 200.0  # AWS CLI CPU / cogtok CPU, at least
RSS_BUDGET = 2_500_000  # bytes, cogtok's peak RSS
SRP_CPU_BUDGET_MS = 5.0
VERIFY_CPU_BUDGET_MS = 1.0  # cogtok verify with an offline JWKS, the whole process

# The mint section (issue 10): at MINT_USERS users, cogtok's CPU per token and peak RSS, at most.
MINT_USERS = 1000
MINT_CPU_BUDGET_MS = 0.2
MINT_RSS_BUDGET = 16_000_000
MINT_RATE = 100.0  # cogtok mint's default --rate: the paced run must take (users - 1) / rate s
MINT_PACE_SLACK = 1.05  # ... and at most 5 % more
# bench/instant-server answers any pool and client; these only have to look right.
MINT_POOL = "us-east-1_Bench0001"
MINT_CLIENT = "benchclient0123456789abcde"
MINT_PREFIX = "bench-user-"


def die(message):
    print(f"bench: error: {message}", file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    def __init__(self, venv, workdir):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(workdir, "moto.log")
        home = os.path.join(workdir, "moto-home")
        os.mkdir(home)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": home, "LANG": "C.UTF-8", "PYTHONUNBUFFERED": "1"}
        exe = os.path.join(venv, "bin", "moto_server")
        if not os.path.exists(exe):
            die(f"{exe} is missing: run `make venv`")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [exe, "-H", "127.0.0.1", "-p", str(self.port)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                die(f"moto_server exited with {self.proc.returncode} before it was ready:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                die(f"moto_server was not ready on {self.url} after 30 s:\n{self.log_tail()}")
            time.sleep(0.05)

    def log_tail(self, n=30):
        try:
            with open(self.log_path, "rb") as f:
                return "\n".join(f.read().decode(errors="replace").splitlines()[-n:])
        except OSError:
            return "(no log)"

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def provision(moto):
    """A pool, an app client without a secret, and a CONFIRMED user: the bench's fixed setup."""
    import boto3  # from .venv (moto depends on it)

    idp = boto3.client(
        "cognito-idp",
        endpoint_url=moto.url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )
    # Username = email, as in the tests: moto's SRP answers USER_ID_FOR_SRP with the user's sub,
    # which it then finds again only in such a pool.
    pool = idp.create_user_pool(PoolName="bench", UsernameAttributes=["email"])["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool,
        ClientName="bench-client",
        GenerateSecret=False,
        ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.admin_create_user(
        UserPoolId=pool,
        Username=USERNAME,
        TemporaryPassword="Temp-Passw0rd!",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": USERNAME}, {"Name": "email_verified", "Value": "true"}],
    )
    idp.admin_set_user_password(UserPoolId=pool, Username=USERNAME, Password=PASSWORD, Permanent=True)
    return pool, client


def run_once(spawn, argv, env, workdir):
    """(exit, cpu_s, wall_s, maxrss_bytes, stdout, stderr) of one run of argv under bench/spawn."""
    out_path = os.path.join(workdir, "run.out")
    err_path = os.path.join(workdir, "run.err")
    report = subprocess.run([spawn, out_path, err_path, *argv], env=env, capture_output=True, text=True)
    if report.returncode != 0:
        die(f"bench/spawn failed ({report.returncode}): {report.stderr.strip()}")
    code, utime, stime, maxrss_kib, wall_ns = (int(x) for x in report.stdout.split())
    with open(out_path, errors="replace") as f:
        stdout = f.read()
    with open(err_path, errors="replace") as f:
        stderr = f.read()
    return code, (utime + stime) / 1e6, wall_ns / 1e9, maxrss_kib * 1024, stdout, stderr


def check(name, argv, result, expect):
    code, _, _, _, stdout, stderr = result
    if code != 0 or expect not in stdout:
        die(
            f"{name} did not sign in (exit {code}; want {expect!r} on stdout)\n"
            f"command: {' '.join(argv)}\n--- stdout ---\n{stdout[:2000]}\n--- stderr ---\n{stderr[:2000]}"
        )


def fmt_bytes(n):
    return f"{n:,}"


class InstantServer:
    """bench/instant-server on a free port of 127.0.0.1, and its request counts."""

    def __init__(self, exe, workdir):
        self.log_path = os.path.join(workdir, "instant-server.log")
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([exe, "0"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self.log)
        # Its first line says where it listens: no port to guess, no race for a free one.
        with selectors.DefaultSelector() as sel:
            sel.register(self.proc.stdout, selectors.EVENT_READ)
            if not sel.select(timeout=10):
                self.stop()
                die(f"{exe} did not say where it listens within 10 s")
        line = self.proc.stdout.readline().decode().strip()
        if not line.startswith("listening on "):
            self.stop()
            die(f"{exe} did not start: {line!r}\n{open(self.log_path, errors='replace').read()}")
        self.url = "http://" + line.removeprefix("listening on ")

    def stats(self):
        """Requests answered so far, by kind, and the server's CPU time (cpu_ns)."""
        with urllib.request.urlopen(f"{self.url}/stats", timeout=10) as answer:
            return json.load(answer)

    def stop(self):
        """Stops the server (it keeps no state worth a graceful end)."""
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(5)
        self.proc.stdout.close()
        self.log.close()


class MintVariant(typing.NamedTuple):
    """One way of getting tokens for many users, as the mint section runs it."""

    label: str
    argv: typing.Callable[[int], list]  # the command for that many users
    users: int
    runs: int
    operation: str  # what the server must have answered, once per user
    output: str  # "ndjson": a record per user; "aws": the AWS CLI's answers, one after another


def mint_bench(args, spawn, cogtok, venv, env, workdir):
    """The mint section: each variant's figures (its MintVariant's label, users and runs, and
    the medians of CPU s, wall s, peak RSS bytes and the server's CPU s), and how long it took."""
    server = InstantServer(os.path.abspath(args.server), workdir)
    python = os.path.join(venv, "bin", "python")
    aws = os.path.join(venv, "bin", "aws")
    boto3_loop = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mint_boto3.py")

    def cogtok_mint(flow, pace):
        common = ["--user-pool-id", MINT_POOL, "--client-id", MINT_CLIENT, "--password-env", "COGTOK_PASSWORD"]
        return lambda n: [
            cogtok, "--endpoint-url", server.url, "mint", "--flow", flow, *common,
            "--users-prefix", MINT_PREFIX, "--count", str(n), *pace,
        ]

    unpaced = ["--rate", "100000", "--concurrency", "64"]
    # The AWS CLI once per user, as a shell script would; `|| exit 1` so a failure shows.
    aws_loop = (
        'aws=$1 url=$2 pool=$3 client=$4 prefix=$5 count=$6; i=1; while [ "$i" -le "$count" ]; do '
        '"$aws" --endpoint-url "$url" cognito-idp admin-initiate-auth --user-pool-id "$pool" --client-id "$client" '
        '--auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters "USERNAME=$prefix$i,PASSWORD=$COGTOK_PASSWORD" '
        "|| exit 1; i=$((i + 1)); done"
    )
    admin, password = "AdminInitiateAuth", "InitiateAuth"
    variants = {
        "paced": MintVariant(
            f"cogtok mint --flow admin, default --rate {MINT_RATE:.0f}",
            cogtok_mint("admin", []), MINT_USERS, args.mint_paced_runs, admin, "ndjson",
        ),
        "admin": MintVariant(
            "cogtok mint --flow admin, --rate 100000 --concurrency 64",
            cogtok_mint("admin", unpaced), MINT_USERS, args.mint_runs, admin, "ndjson",
        ),
        "password": MintVariant(
            "cogtok mint --flow password, --rate 100000 --concurrency 64",
            cogtok_mint("password", unpaced), MINT_USERS, args.mint_runs, password, "ndjson",
        ),
        "boto3": MintVariant(
            "Python boto3 loop, admin_initiate_auth",
            lambda n: [python, boto3_loop, server.url, MINT_POOL, MINT_CLIENT, MINT_PREFIX, str(n)],
            MINT_USERS, args.mint_boto3_runs, admin, "ndjson",
        ),
        "aws": MintVariant(
            "aws cognito-idp admin-initiate-auth, sh loop",
            lambda n: ["/bin/sh", "-c", aws_loop, "sh", aws, server.url, MINT_POOL, MINT_CLIENT, MINT_PREFIX, str(n)],
            args.mint_aws_sample, 1, admin, "aws",
        ),
    }

    def run(v, users):
        """One run of variant `v` for `users` users, checked: (CPU s, wall s, RSS bytes, server CPU s)."""
        argv = v.argv(users)
        before = server.stats()
        code, cpu, wall, rss, stdout, stderr = run_once(spawn, argv, env, workdir)
        after = server.stats()
        counts = {k: after[k] - before[k] for k in after}

        def fail(why):
            die(
                f"mint: {v.label}: {why} (exit {code}; requests at the server: {counts})\n"
                f"command: {' '.join(argv)}\n--- stdout ---\n{stdout[:1000]}\n--- stderr ---\n{stderr[-2000:]}"
            )

        if code != 0:
            fail("it failed")
        if v.output == "ndjson":
            records = [json.loads(line) for line in stdout.splitlines()]
            signed_in = sorted(r["username"] for r in records if r.get("id_token") and r.get("access_token"))
            want = sorted(f"{MINT_PREFIX}{i}" for i in range(1, users + 1))
            if len(records) != users or signed_in != want:
                fail(f"{len(signed_in)} of {users} users have tokens, in {len(records)} records")
        else:
            found = stdout.count('"AccessToken"')
            if found != users:
                fail(f"{found} of {users} answers have an AccessToken")
        # One request per user, of the right kind (signed when admin), and nothing else.
        expect = {"InitiateAuth": 0, "AdminInitiateAuth": 0, "unsigned": 0, "refused": 0, v.operation: users}
        if any(counts[k] != n for k, n in expect.items()):
            fail(f"the server counted {counts}, not {expect}")
        return cpu, wall, rss, counts["cpu_ns"] / 1e9

    started = time.monotonic()
    samples = {name: [] for name in variants}
    try:
        # Untimed: each variant once for a few users (the page cache; Python's imports).
        for v in variants.values():
            run(v, min(v.users, 2 if v.output == "aws" else 20))
        # Interleaved, the variants with fewer runs dropping out first.
        for i in range(max(v.runs for v in variants.values())):
            for name, v in variants.items():
                if i < v.runs:
                    samples[name].append(run(v, v.users))
    finally:
        server.stop()
    figures = {}
    for name, v in variants.items():
        cpu, wall, rss, server_cpu = (statistics.median(s[i] for s in samples[name]) for i in range(4))
        figures[name] = {
            "label": v.label, "users": v.users, "runs": v.runs,
            "cpu": cpu, "wall": wall, "rss": rss, "server_cpu": server_cpu,
        }
    return figures, time.monotonic() - started


def mint_table(figures):
    """The mint section's rows, as text cells: label, users, runs, wall, CPU ms/token, RSS MB,
    server CPU ms/token. The AWS CLI loop ran for a sample: its wall for MINT_USERS is
    extrapolated, and said to be."""
    rows = []
    for f in figures.values():
        users = f"{f['users']:,}"
        wall = f"{f['wall']:.2f}"
        if f["users"] != MINT_USERS:
            users += " (sample)"
            wall += f" ({MINT_USERS:,}: ~{f['wall'] / f['users'] * MINT_USERS:.0f} extrapolated)"
        per_token = f"{f['cpu'] / f['users'] * 1e3:.3f}"
        server = f"{f['server_cpu'] / f['users'] * 1e3:.3f}"
        rows.append((f["label"], users, str(f["runs"]), wall, per_token, f"{f['rss'] / 1e6:.2f}", server))
    return rows


MINT_COLUMNS = ("", "users", "runs", "wall s", "CPU ms/token", "peak RSS MB", "server CPU ms/token")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--runs", type=int, default=30)
    p.add_argument("--cogtok", required=True, help="cogtok's static binary")
    p.add_argument("--baseline", required=True, help="bench/baseline's binary")
    p.add_argument("--spawn", required=True, help="bench/spawn, the measuring launcher")
    p.add_argument("--venv", required=True, help="the venv with moto_server and aws")
    p.add_argument("--size-budget", type=int, default=2_500_000)
    p.add_argument("--server", required=True, help="bench/instant-server's binary, for the mint section")
    p.add_argument("--mint-runs", type=int, default=5, help="runs of each unpaced cogtok mint")
    p.add_argument("--mint-paced-runs", type=int, default=1, help=f"runs of cogtok mint at --rate {MINT_RATE:.0f} (~10 s each)")
    p.add_argument("--mint-boto3-runs", type=int, default=3, help="runs of the boto3 loop")
    p.add_argument("--mint-aws-sample", type=int, default=50, help="users the AWS CLI loop signs in (~0.4 s each)")
    p.add_argument("--readme", help="also write the figures into this README, between its bench markers")
    args = p.parse_args()

    cogtok = os.path.abspath(args.cogtok)
    baseline = os.path.abspath(args.baseline)
    spawn = os.path.abspath(args.spawn)
    venv = os.path.abspath(args.venv)
    aws = os.path.join(venv, "bin", "aws")
    for path in (cogtok, baseline, spawn, aws, os.path.abspath(args.server)):
        if not os.access(path, os.X_OK):
            die(f"{path} is missing or not executable")

    workdir = tempfile.mkdtemp(prefix="cogtok-bench-")
    moto = None
    try:
        moto = Moto(venv, workdir)
        pool, client = provision(moto)

        # One environment for every client: keys and region from variables, a HOME with
        # nothing in it, no AWS config files, no proxy.
        home = os.path.join(workdir, "home")
        os.mkdir(home)
        empty = os.path.join(workdir, "empty")
        open(empty, "w").close()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "LANG": "C.UTF-8",
            "AWS_ACCESS_KEY_ID": ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
            "AWS_REGION": REGION,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_CONFIG_FILE": empty,
            "AWS_SHARED_CREDENTIALS_FILE": empty,
            "AWS_PAGER": "",
            "NO_PROXY": "*",
            "COGTOK_PASSWORD": PASSWORD,
        }
        auth = ["--user-pool-id", pool, "--client-id", client, "--auth-flow", "ADMIN_USER_PASSWORD_AUTH"]
        auth += ["--auth-parameters", f"USERNAME={USERNAME},PASSWORD={PASSWORD}"]
        body = json.dumps(
            {
                "UserPoolId": pool,
                "ClientId": client,
                "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": {"USERNAME": USERNAME, "PASSWORD": PASSWORD},
            }
        )
        variants = {
            "cogtok": ([cogtok, "--endpoint-url", moto.url, "admin-initiate-auth", *auth], "AccessToken"),
            "baseline": ([baseline, moto.url + "/", REGION, "AdminInitiateAuth", body], "AccessToken"),
            "aws": ([aws, "--endpoint-url", moto.url, "cognito-idp", "admin-initiate-auth", *auth], "AccessToken"),
            # The same call with a JMESPath --query and text output: the query's cost.
            "query": (
                [cogtok, "--endpoint-url", moto.url, "admin-initiate-auth", *auth]
                + ["--query", "AuthenticationResult.AccessToken", "--output", "text"],
                "eyJ",
            ),
            "srp": (
                [cogtok, "--endpoint-url", moto.url, "login", "--user-pool-id", pool, "--client-id", client]
                + ["--username", USERNAME, "--output", "id-token"],
                "eyJ",
            ),
        }
        # `cogtok verify` offline: an ID token from moto, its JWKS saved to a file beforehand.
        id_token = subprocess.run(variants["srp"][0], env=env, capture_output=True, text=True, check=True).stdout.strip()
        jwks_file = os.path.join(workdir, "jwks.json")
        with urllib.request.urlopen(f"{moto.url}/{pool}/.well-known/jwks.json", timeout=10) as answer, open(jwks_file, "wb") as f:
            f.write(answer.read())
        variants["verify"] = (
            [cogtok, "verify", id_token, "--user-pool-id", pool, "--client-id", client, "--jwks", jwks_file],
            "token_use",
        )
        order = list(variants)
        samples = {name: [] for name in order}

        # Two untimed rounds: the page cache, Python's bytecode cache, moto's first requests.
        for _ in range(2):
            for name in order:
                argv, expect = variants[name]
                check(name, argv, run_once(spawn, argv, env, workdir), expect)
        started = time.monotonic()
        for i in range(args.runs):
            # Interleaved, in a rotating order, so that drift in the machine's load hits all alike.
            for name in order[i % len(order) :] + order[: i % len(order)]:
                argv, expect = variants[name]
                result = run_once(spawn, argv, env, workdir)
                check(name, argv, result, expect)
                samples[name].append(result[1:4])
        elapsed = time.monotonic() - started
        # moto stopped first: it must not take CPU beside the mint section's clients.
        moto.stop()
        moto = None
        mint, mint_elapsed = mint_bench(args, spawn, cogtok, venv, env, workdir)
    finally:
        if moto is not None:
            moto.stop()
        shutil.rmtree(workdir, ignore_errors=True)

    def median(name, i):
        return statistics.median(s[i] for s in samples[name])

    def quartiles(name, i):
        values = sorted(s[i] for s in samples[name])
        q = statistics.quantiles(values, n=4) if len(values) > 1 else [values[0]] * 3
        return q[0], q[2]

    labels = {
        "cogtok": "cogtok admin-initiate-auth (static)",
        "baseline": "bare reqwest+rustls+sigv4 program",
        "aws": "AWS CLI v1 admin-initiate-auth",
        "query": "cogtok, the same with --query (text)",
        "srp": "cogtok login, SRP (static)",
        "verify": "cogtok verify, offline JWKS (static)",
    }
    print()
    print(f"make bench: {args.runs} interleaved runs of each against one moto on 127.0.0.1 ({elapsed:.0f} s)")
    print(f"  cogtok:   {cogtok}")
    print(f"  baseline: {baseline}")
    print(f"  aws:      {aws}")
    print()
    print(f"{'median of ' + str(args.runs) + ' runs':<38} {'CPU ms':>9} {'(p25-p75)':>15} {'wall ms':>9} {'peak RSS MB':>12}")
    for name in order:
        lo, hi = quartiles(name, 0)
        print(
            f"{labels[name]:<38} {median(name, 0) * 1e3:>9.2f} {f'({lo * 1e3:.2f}-{hi * 1e3:.2f})':>15}"
            f" {median(name, 1) * 1e3:>9.1f} {median(name, 2) / 1e6:>12.2f}"
        )
    print("(CPU = user + sys of the process, from wait4; MB = 10^6 bytes)")

    cpu = {n: median(n, 0) for n in order}
    wall = {n: median(n, 1) for n in order}
    rss = {n: median(n, 2) for n in order}
    size = os.stat(cogtok).st_size
    baseline_size = os.stat(baseline).st_size

    rows = []

    def budget(what, measured, limit, ok):
        rows.append((what, measured, limit, "ok" if ok else "MISS"))

    budget("static binary size", f"{fmt_bytes(size)} B", f"<= {fmt_bytes(args.size_budget)} B", size <= args.size_budget)
    r = cpu["cogtok"] / cpu["baseline"]
    budget("CPU: cogtok / bare program", f"{r:.2f}x", f"<= {CPU_RATIO_BUDGET}x", r <= CPU_RATIO_BUDGET)
    r = cpu["aws"] / cpu["cogtok"]
    budget("CPU: AWS CLI / cogtok", f"{r:.0f}x", f">= {AWS_RATIO_BUDGET:.0f}x", r >= AWS_RATIO_BUDGET)
    budget(
        "peak RSS: cogtok",
        f"{rss['cogtok'] / 1e6:.2f} MB",
        f"<= {RSS_BUDGET / 1e6} MB",
        rss["cogtok"] <= RSS_BUDGET,
    )
    budget(
        "peak RSS: cogtok login (SRP)",
        f"{rss['srp'] / 1e6:.2f} MB",
        f"<= {RSS_BUDGET / 1e6} MB",
        rss["srp"] <= RSS_BUDGET,
    )
    budget(
        "CPU: SRP sign-in",
        f"{cpu['srp'] * 1e3:.2f} ms",
        f"<= {SRP_CPU_BUDGET_MS} ms",
        cpu["srp"] * 1e3 <= SRP_CPU_BUDGET_MS,
    )
    budget(
        "CPU: cogtok verify, offline JWKS",
        f"{cpu['verify'] * 1e3:.2f} ms",
        f"<= {VERIFY_CPU_BUDGET_MS} ms",
        cpu["verify"] * 1e3 <= VERIFY_CPU_BUDGET_MS,
    )
    # The mint section: cogtok's CPU per token and peak RSS at MINT_USERS users, and the pace.
    # The CPU budget is the client's own cost (unpaced: does cogtok or the server limit a run?).
    # A paced run's CPU per token is in the table but under no budget: 10 ms apart, each request
    # wakes a sleeping process, whose cost is the host's (0.18 to 0.27 ms seen here for the same
    # binary as the neighbours' load changed), not cogtok's.
    short = {"admin": "admin, unpaced", "password": "password, unpaced"}
    for name, what in short.items():
        f = mint[name]
        per_token = f["cpu"] / f["users"] * 1e3
        budget(
            f"mint CPU/token: {what}",
            f"{per_token:.3f} ms",
            f"<= {MINT_CPU_BUDGET_MS} ms",
            per_token <= MINT_CPU_BUDGET_MS,
        )
    worst_rss = max(mint[n]["rss"] for n in ("paced", *short))
    budget("mint peak RSS: cogtok", f"{worst_rss / 1e6:.2f} MB", f"<= {MINT_RSS_BUDGET / 1e6:.0f} MB", worst_rss <= MINT_RSS_BUDGET)
    least = (MINT_USERS - 1) / MINT_RATE
    wall_paced = mint["paced"]["wall"]
    budget(
        f"mint --rate {MINT_RATE:.0f}: wall time",
        f"{wall_paced:.2f} s",
        f"{least:.2f}-{least * MINT_PACE_SLACK:.2f} s",
        least <= wall_paced <= least * MINT_PACE_SLACK,
    )

    print()
    print(
        f"make bench: mint, {MINT_USERS:,} users against bench/instant-server, moto stopped ({mint_elapsed:.0f} s);"
        " median of the runs"
    )
    mint_rows = mint_table(mint)
    widths = [max(len(r[i]) for r in [MINT_COLUMNS, *mint_rows]) for i in range(len(MINT_COLUMNS))]
    for row in [MINT_COLUMNS, *mint_rows]:
        print("  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)))
    print(
        "(CPU per token = the process's user + sys from wait4 over the users, start-up included; for the sh loop,\n"
        " the shell's and every aws child's; its peak RSS is the largest single process's)"
    )
    print()
    print(f"{'budget (README: Static binary and figures)':<32} {'measured':>14} {'budget':>18}  verdict")
    for what, measured, limit, verdict in rows:
        print(f"{what:<32} {measured:>14} {limit:>18}  {verdict}")

    print()
    print("for comparison (no budget)")
    print(f"{'  wall: AWS CLI / cogtok':<32} {wall['aws'] / wall['cogtok']:>13.1f}x")
    print(f"{'  peak RSS: AWS CLI / cogtok':<32} {rss['aws'] / rss['cogtok']:>13.1f}x")
    print(f"{'  CPU: SRP login / admin call':<32} {cpu['srp'] / cpu['cogtok']:>13.1f}x")
    print(f"{'  CPU: with --query / without':<32} {cpu['query'] / cpu['cogtok']:>13.2f}x")
    print(f"{'  bare program size':<32} {fmt_bytes(baseline_size):>12} B")
    print(f"{'  cogtok - bare program size':<32} {fmt_bytes(size - baseline_size):>12} B")
    misses = sum(1 for row in rows if row[3] == "MISS")
    print()
    print(f"make bench: {misses} budget miss(es)" if misses else "make bench: every budget met")
    if args.readme:
        figures = [(labels[n], cpu[n] * 1e3, wall[n] * 1e3, rss[n] / 1e6) for n in order]
        write_readme(args.readme, args.runs, figures, rows, mint_rows)
        print(f"make bench: figures written to {args.readme}")


README_BEGIN = "<!-- bench:begin (written by make bench: do not edit) -->"
README_END = "<!-- bench:end -->"


def machine():
    """One line naming the machine the figures come from: CPU model, cores, kernel."""
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, Linux {os.uname().release}"


def write_readme(path, runs, figures, rows, mint_rows):
    """Replaces the README's bench block with these figures, dated and with the machine named,
    so the figures a reader sees are always one run's, never hand-copied."""
    import datetime
    import subprocess

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    lines = [
        README_BEGIN,
        f"Figures of `make bench` on {when} (commit {commit or 'unknown'}), median of {runs} runs each, on {machine()}:",
        "",
        "| | CPU ms | wall ms | peak RSS MB |",
        "|---|---|---|---|",
    ]
    lines += [f"| {label} | {c:.2f} | {w:.1f} | {r:.2f} |" for label, c, w, r in figures]
    lines += [
        "",
        f"Minting {MINT_USERS:,} users against `bench/instant-server` (a stand-in that answers at once), median"
        " of the runs; CPU per token is the whole process's over the users; the AWS CLI runs once per user in a"
        " shell loop, for a sample only, its time for all the users extrapolated:",
        "",
        "| " + " | ".join(MINT_COLUMNS) + " |",
        "|---" * len(MINT_COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in mint_rows]
    lines += ["", "| budget | measured | limit | verdict |", "|---|---|---|---|"]
    lines += [f"| {what} | {measured} | {limit} | {verdict} |" for what, measured, limit, verdict in rows]
    lines.append(README_END)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        die(f"{path} has no bench block ({README_BEGIN} ... {README_END})")
    text = text[:start] + "\n".join(lines) + text[end + len(README_END):]
    tmp = path + ".bench.tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
