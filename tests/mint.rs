//! `cogtok mint` (issue 10): many users' tokens at once. Against moto with SigV4 and IAM enforced
//! (`--ensure` of hundreds of users, every token checked against the pool's JWKS by PyJWT, the
//! cache, a refresh, users files, the three output formats), and against
//! tests/support/throttle_server.py, a stand-in that throttles as Cognito does, for the pacing:
//! the achieved rate, backing off and recovering, a wrong password never retried, per-user
//! spacing, and Ctrl-C leaving whole output behind.

mod common;

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use common::{cogtok, temp_dir, venv, Keys, Moto, Output, Pool, TestCommand};
use serde_json::{json, Value};

/// moto's default password policy wants upper and lower case, a digit and a symbol.
const PASSWORD: &str = "Load-Passw0rd!";

// ---------------------------------------------------------------------------------------------
// Against moto

/// cogtok against `moto`, region us-east-1, signing with `keys` (the admin's: `--ensure` is
/// signed, and an enforcing moto checks the signature and the IAM policy of every admin call).
fn cogtok_at(moto: &Moto, keys: &Keys) -> TestCommand {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &moto.url])
        .env("AWS_REGION", "us-east-1")
        .keys(keys);
    cmd
}

/// `mint` for `pool` with the password flow: InitiateAuth is one of moto's public operations,
/// and an enforcing moto refuses RespondToAuthChallenge unsigned (so SRP cannot finish there).
fn mint_at(moto: &Moto, pool: &Pool) -> TestCommand {
    let mut cmd = cogtok_at(moto, &moto.admin);
    cmd.args([
        "mint",
        "--user-pool-id",
        &pool.user_pool_id,
        "--client-id",
        &pool.client_id,
    ])
    .args(["--flow", "password"])
    .timeout(Duration::from_secs(90));
    cmd
}

/// The NDJSON records of a run, each checked to be a JSON object.
#[track_caller]
fn records(out: &Output) -> Vec<Value> {
    out.stdout
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("a line that is not JSON ({e}): {line:?}\n{}", out.describe()));
            assert!(v.is_object(), "a record that is not an object: {line}");
            v
        })
        .collect()
}

/// The summary line on stderr (`mint: N of M users got tokens (...); R requests in ...`).
#[track_caller]
fn summary(out: &Output) -> &str {
    out.stderr
        .lines()
        .find(|l| l.starts_with("mint: "))
        .unwrap_or_else(|| panic!("no summary line on stderr\n{}", out.describe()))
}

/// Each record's username, sorted, next to the usernames expected.
#[track_caller]
fn assert_users(records: &[Value], expected: &[String], out: &Output) {
    let mut got: Vec<&str> = records
        .iter()
        .map(|r| r["username"].as_str().expect("a username in every record"))
        .collect();
    got.sort_unstable();
    let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
    want.sort_unstable();
    assert_eq!(got, want, "one record per user\n{}", out.describe());
}

/// Every record's ID and access tokens verified by PyJWT against the pool's JWKS, which moto
/// serves at `/<pool id>/.well-known/jwks.json`: RS256 signature, issuer, audience (ID token)
/// or client_id (access token), token_use, expiry, and the user named in the record. Returns
/// how many tokens were verified; panics with every problem.
#[track_caller]
fn verify_with_pyjwt(moto: &Moto, pool: &Pool, records: &[Value]) -> usize {
    const SCRIPT: &str = r#"
import json, sys, jwt
jwks_url, pool_id, client_id = sys.argv[1:4]
issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}"
keys = jwt.PyJWKClient(jwks_url, cache_keys=True)
problems, verified = [], 0
for line in sys.stdin:
    record = json.loads(line)
    user = record["username"]
    for field, use in (("id_token", "id"), ("access_token", "access")):
        token = record.get(field)
        try:
            key = keys.get_signing_key_from_jwt(token).key
            claims = jwt.decode(token, key, algorithms=["RS256"], issuer=issuer,
                                audience=client_id if use == "id" else None,
                                options={"require": ["exp", "iat", "iss"], "verify_aud": use == "id"})
            if claims.get("token_use") != use:
                raise ValueError(f"token_use {claims.get('token_use')!r}")
            if use == "access" and claims.get("client_id") != client_id:
                raise ValueError(f"client_id {claims.get('client_id')!r}")
            named = {claims.get("email"), claims.get("username"), claims.get("cognito:username")}
            if use == "id" and user not in named:
                raise ValueError(f"the ID token names {sorted(map(str, named))}, not {user}")
            verified += 1
        except Exception as e:
            problems.append(f"{user} {field}: {type(e).__name__}: {e}")
print(json.dumps({"verified": verified, "problems": problems}))
"#;
    let jwks = format!("{}/{}/.well-known/jwks.json", moto.url, pool.user_pool_id);
    let input: String = records.iter().map(|r| format!("{r}\n")).collect();
    let out = TestCommand::new(venv().join("bin/python"))
        .args(["-c", SCRIPT, &jwks, &pool.user_pool_id, &pool.client_id])
        .env("NO_PROXY", "*")
        .stdin(input)
        .run();
    assert_eq!(out.code, 0, "PyJWT's check did not run\n{}", out.describe());
    let verdict = out.json();
    let problems = verdict["problems"].as_array().unwrap();
    assert!(
        problems.is_empty(),
        "PyJWT refused {} token(s): {problems:#?}",
        problems.len()
    );
    verdict["verified"].as_u64().unwrap() as usize
}

/// `cogtok verify` of one token against the pool's JWKS (fetched from moto, the default URL).
#[track_caller]
fn verify_with_cogtok(moto: &Moto, pool: &Pool, token: &str, token_use: &str) -> Value {
    let mut cmd = cogtok();
    cmd.args(["--endpoint-url", &moto.url])
        .env("AWS_REGION", "us-east-1")
        .args([
            "verify",
            "--user-pool-id",
            &pool.user_pool_id,
            "--client-id",
            &pool.client_id,
        ])
        .args(["--token-use", token_use, "--token-env", "T"])
        .env("T", token);
    cmd.run().success().not_leaking(token).json()
}

#[test]
fn hundreds_of_users_ensured_in_moto_then_from_the_cache_then_refreshed() {
    const USERS: u32 = 200;
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("mint-load", false);
    let usernames: Vec<String> = (1..=USERS).map(|n| format!("load-{n}@example.com")).collect();
    let cache = temp_dir().join("cache");
    let run = |extra: &[&str]| {
        let mut cmd = mint_at(&moto, &pool);
        cmd.args(["--users-prefix", "load-{n}@example.com", "--count", &USERS.to_string()])
            .args(["--password-env", "PW", "--cache", "--cache-dir"])
            .arg(&cache)
            .args(["--rate", "1000"])
            .args(extra)
            .env("PW", PASSWORD);
        cmd.run()
    };

    // First: every user created (AdminGetUser, AdminCreateUser, AdminSetUserPassword, all signed
    // and checked by moto), then signed in; the records carry both tokens and their expiry.
    let started = Instant::now();
    let first = run(&["--ensure", "--ensure-rate", "1000"])
        .success()
        .not_leaking(PASSWORD);
    let took = started.elapsed();
    let first_records = records(&first);
    assert_users(&first_records, &usernames, &first);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    for r in &first_records {
        assert!(r.get("error").is_none(), "a failure: {r}");
        let expires_at = r["expires_at"].as_i64().unwrap_or_else(|| panic!("no expires_at: {r}"));
        assert!(
            (now + 3000..=now + 3700).contains(&expires_at),
            "expires_at {expires_at}: {r}"
        );
        assert!(r.get("refresh_token").is_none(), "not asked for: {r}");
    }
    assert!(
        summary(&first).contains(&format!("{USERS} of {USERS} users got tokens ({USERS} signed in")),
        "{}",
        first.describe()
    );
    assert_eq!(verify_with_pyjwt(&moto, &pool, &first_records), 2 * USERS as usize);
    let sample = &first_records[USERS as usize / 2];
    let claims = verify_with_cogtok(&moto, &pool, sample["id_token"].as_str().unwrap(), "id");
    assert_eq!(claims["email"], sample["username"]);
    verify_with_cogtok(&moto, &pool, sample["access_token"].as_str().unwrap(), "access");
    eprintln!("mint: {USERS} users ensured and signed in against moto in {took:?}");

    // Again, with the cache: every user from it, and not one request.
    let second = run(&[]).success();
    let second_records = records(&second);
    assert_users(&second_records, &usernames, &second);
    assert!(
        summary(&second).contains(&format!(
            "(0 signed in, 0 refreshed, {USERS} from the cache), 0 failed; 0 requests"
        )),
        "{}",
        second.describe()
    );
    let by_user = |rs: &[Value]| -> std::collections::HashMap<String, Value> {
        rs.iter()
            .map(|r| (r["username"].as_str().unwrap().to_string(), r.clone()))
            .collect()
    };
    let first_by_user = by_user(&first_records);
    for r in &second_records {
        let was = &first_by_user[r["username"].as_str().unwrap()];
        assert_eq!(r["access_token"], was["access_token"], "the cached token");
        // The same expiry, give or take the second between the record and the cache's write.
        let drift = r["expires_at"].as_i64().unwrap() - was["expires_at"].as_i64().unwrap();
        assert!(drift.abs() <= 2, "expires_at moved by {drift} s: {r}");
    }

    // With --min-ttl above the tokens' lifetime (an hour), every cached token is too short-lived:
    // each user is refreshed (REFRESH_TOKEN_AUTH, one request each), and the new tokens verify.
    let third = run(&["--min-ttl", "4000", "--tokens", "id,access,refresh"]).success();
    let third_records = records(&third);
    assert_users(&third_records, &usernames, &third);
    assert!(
        summary(&third).contains(&format!(
            "(0 signed in, {USERS} refreshed, 0 from the cache), 0 failed; {USERS} requests"
        )),
        "{}",
        third.describe()
    );
    for r in &third_records {
        let was = &first_by_user[r["username"].as_str().unwrap()];
        assert_ne!(r["access_token"], was["access_token"], "a refreshed token: {r}");
        // A refresh hands out no new refresh token; the one it was made with is still good.
        assert!(r["refresh_token"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
    }
    assert_eq!(verify_with_pyjwt(&moto, &pool, &third_records), 2 * USERS as usize);
}

/// The CSV cells of one line: the records' cells never hold a comma or a quote (tokens are
/// base64url and dots, usernames and codes plain), so a split is the whole parser needed.
fn csv_cells(line: &str) -> Vec<&str> {
    assert!(!line.contains('"'), "a quoted cell: {line}");
    line.split(',').collect()
}

#[test]
fn users_files_csv_and_ndjson_on_stdin_with_their_own_passwords_and_every_output_format() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("mint-files", false);
    let dir = temp_dir();
    // A CSV with a header, per-user passwords, CRLF line ends and a column of the load test's
    // own (ignored): --ensure creates each user with its password.
    let users: Vec<(String, String)> = (1..=5)
        .map(|n| (format!("file-{n}@example.com"), format!("File-Passw0rd-{n}!")))
        .collect();
    let mut csv = String::from("username,password,team\r\n");
    for (i, (user, password)) in users.iter().enumerate() {
        csv.push_str(&format!("{user},{password},team-{}\r\n", i % 2));
    }
    let csv_path = dir.join("users.csv");
    std::fs::write(&csv_path, csv).unwrap();
    let out = mint_at(&moto, &pool)
        .arg("--users")
        .arg(&csv_path)
        .args(["--ensure", "--output", "csv", "--tokens", "access,id,refresh"])
        .run()
        .success();
    for (_, password) in &users {
        out.clone().not_leaking(password);
    }
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some("username,access_token,id_token,refresh_token,expires_at,error,message"),
        "{}",
        out.describe()
    );
    let rows: Vec<Vec<&str>> = lines.map(csv_cells).collect();
    assert_eq!(rows.len(), users.len(), "{}", out.describe());
    let mut as_records = Vec::new();
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
        assert!(users.iter().any(|(u, _)| u == row[0]), "{row:?}");
        assert!(row[1..4].iter().all(|t| !t.is_empty()), "three tokens: {row:?}");
        assert!(row[4].parse::<i64>().is_ok(), "expires_at: {row:?}");
        assert_eq!((row[5], row[6]), ("", ""), "no error: {row:?}");
        as_records.push(json!({"username": row[0], "access_token": row[1], "id_token": row[2]}));
    }
    assert_eq!(verify_with_pyjwt(&moto, &pool, &as_records), 2 * users.len());

    // The same users as NDJSON on standard input, each password from its own variable; one
    // user's variable holds a wrong password: its record is the service's refusal, exit 1, and
    // the k6 array still has every user.
    let mut ndjson = String::new();
    for (n, (user, _)) in users.iter().enumerate() {
        ndjson.push_str(&format!(
            "{}\n",
            json!({"username": user, "password_env": format!("PW_{n}"), "n": n})
        ));
    }
    let mut cmd = mint_at(&moto, &pool);
    cmd.args(["--users", "-", "--output", "k6"]).stdin(ndjson);
    for (n, (_, password)) in users.iter().enumerate() {
        let value = if n == 2 { "Wrong-Passw0rd!" } else { password };
        cmd.env(format!("PW_{n}"), value);
    }
    let out = cmd.run().code(1).not_leaking("Wrong-Passw0rd!");
    let array: Vec<Value> = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("k6 output is not one JSON array ({e})\n{}", out.describe()));
    let expected: Vec<String> = users.iter().map(|(u, _)| u.clone()).collect();
    assert_users(&array, &expected, &out);
    for r in &array {
        if r["username"] == users[2].0 {
            assert_eq!(r["error"], "NotAuthorizedException", "{r}");
            assert!(r["message"].as_str().is_some_and(|m| !m.is_empty()), "{r}");
            assert!(r.get("access_token").is_none(), "{r}");
        } else {
            assert!(r["access_token"].is_string() && r["id_token"].is_string(), "{r}");
        }
    }
    assert!(summary(&out).contains("4 of 5 users got tokens"), "{}", out.describe());
    let ok: Vec<Value> = array.into_iter().filter(|r| r.get("error").is_none()).collect();
    assert_eq!(verify_with_pyjwt(&moto, &pool, &ok), 8);
}

// ---------------------------------------------------------------------------------------------
// Against the throttling stand-in

const CLIENT: &str = "throttleclient";
const SERVER_PASSWORD: &str = "Stand-in-Passw0rd!";
const SERVER_READY_TIMEOUT: Duration = Duration::from_secs(20);

/// tests/support/throttle_server.py on 127.0.0.1, killed when dropped (and it exits by itself
/// when its standard input, held here, closes).
struct ThrottleServer {
    url: String,
    child: Child,
    _stdin: ChildStdin,
    dir: PathBuf,
    log: PathBuf,
}

/// One request the server logged.
#[derive(Debug, Clone)]
struct Logged {
    /// Arrival, in seconds since the epoch.
    t: f64,
    op: String,
    username: String,
    /// "tokens", "challenge", or the error code answered.
    answer: String,
}

impl ThrottleServer {
    /// Starts the server with `config` (see the script's docstring; `log` is filled in here).
    /// Panics with the reason when it does not print its port.
    fn start(mut config: Value) -> ThrottleServer {
        let dir = temp_dir();
        let log = dir.join("requests.jsonl");
        config["log"] = json!(log);
        let config_path = dir.join("config.json");
        std::fs::write(&config_path, config.to_string()).unwrap();
        let script = common::repo_root().join("tests/support/throttle_server.py");
        let mut child = Command::new(venv().join("bin/python"))
            .args(["-I", "-S"])
            .arg(&script)
            .arg(&config_path)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(dir.join("stderr.txt")).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(SERVER_READY_TIMEOUT).unwrap_or_default();
        let port = line.trim().parse::<u16>().ok();
        let server = ThrottleServer {
            url: format!("http://127.0.0.1:{}", port.unwrap_or(0)),
            child,
            _stdin: stdin,
            dir,
            log,
        };
        if port.is_none() {
            panic!(
                "{} did not start: it printed {line:?} instead of its port within {SERVER_READY_TIMEOUT:?}; its stderr:\n{}",
                script.display(),
                std::fs::read_to_string(server.dir.join("stderr.txt")).unwrap_or_default()
            );
        }
        server
    }

    /// Every request logged so far, in arrival order.
    fn requests(&self) -> Vec<Logged> {
        let text = std::fs::read_to_string(&self.log).unwrap_or_default();
        let mut all: Vec<Logged> = text
            .lines()
            .map(|line| {
                let v: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("log line {line:?}: {e}"));
                Logged {
                    t: v["t"].as_f64().unwrap(),
                    op: v["op"].as_str().unwrap().to_string(),
                    username: v["username"].as_str().unwrap().to_string(),
                    answer: v["answer"].as_str().unwrap().to_string(),
                }
            })
            .collect();
        all.sort_by(|a, b| a.t.total_cmp(&b.t));
        all
    }

    /// `mint` against this server: the password flow, every user's password from `PW`.
    fn mint(&self) -> TestCommand {
        let mut cmd = cogtok();
        cmd.args(["--endpoint-url", &self.url, "--region", "us-east-1"])
            .args([
                "mint",
                "--client-id",
                CLIENT,
                "--flow",
                "password",
                "--password-env",
                "PW",
            ])
            .env("PW", SERVER_PASSWORD)
            .timeout(Duration::from_secs(60));
        cmd
    }
}

impl Drop for ThrottleServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!(
                "--- throttle_server: its requests are in {}; its stderr:\n{}",
                self.log.display(),
                std::fs::read_to_string(self.dir.join("stderr.txt")).unwrap_or_default()
            );
        } else {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// The most requests that arrived within any one second (a sliding window over `times`).
fn busiest_second(times: &[f64]) -> usize {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mut start = 0;
    let mut most = 0;
    for end in 0..sorted.len() {
        while sorted[end] - sorted[start] >= 1.0 {
            start += 1;
        }
        most = most.max(end - start + 1);
    }
    most
}

#[test]
fn under_the_limit_nothing_is_throttled_and_the_rate_is_kept() {
    let server = ThrottleServer::start(json!({"limit": 20, "password": SERVER_PASSWORD}));
    let out = server
        .mint()
        .args(["--users-prefix", "under-", "--count", "45", "--rate", "15"])
        .run()
        .success();
    let rs = records(&out);
    assert_eq!(rs.len(), 45);
    assert!(rs.iter().all(|r| r["access_token"].is_string()), "{}", out.describe());
    let requests = server.requests();
    assert_eq!(requests.len(), 45, "one request a user");
    assert!(requests.iter().all(|r| r.answer == "tokens"), "{requests:?}");
    let times: Vec<f64> = requests.iter().map(|r| r.t).collect();
    let busiest = busiest_second(&times);
    assert!(busiest <= 16, "{busiest} requests within one second at --rate 15");
    // Paced, not slow: 45 requests at 15 a second take about 3 s.
    let span = times.last().unwrap() - times[0];
    assert!((2.5..6.0).contains(&span), "45 requests over {span:.2} s");
    assert!(
        summary(&out).contains("45 of 45 users got tokens"),
        "{}",
        out.describe()
    );
    assert!(summary(&out).ends_with(", 0 throttled"), "{}", out.describe());
}

#[test]
fn over_the_limit_the_rate_backs_off_to_what_the_service_takes_and_every_user_gets_tokens() {
    const USERS: usize = 150;
    let server = ThrottleServer::start(json!({"limit": 20, "password": SERVER_PASSWORD}));
    let started = Instant::now();
    let out = server
        .mint()
        .args(["--users-prefix", "over-", "--count", &USERS.to_string(), "--rate", "60"])
        .run()
        .success();
    let took = started.elapsed();
    let rs = records(&out);
    assert_eq!(rs.len(), USERS, "{}", out.describe());
    assert!(rs.iter().all(|r| r["access_token"].is_string()), "{}", out.describe());
    let requests = server.requests();
    let throttled = requests
        .iter()
        .filter(|r| r.answer == "TooManyRequestsException")
        .count();
    assert_eq!(requests.len() - throttled, USERS, "one accepted request a user");
    assert!(
        throttled > 0,
        "a run at 60 a second against a limit of 20 was never throttled"
    );
    // The limiter backs off to the service's pace: most requests get through (keeping the rate
    // it had would have two in three throttled).
    assert!(
        throttled * 2 < requests.len(),
        "{throttled} of {} requests throttled",
        requests.len()
    );
    let times: Vec<f64> = requests.iter().map(|r| r.t).collect();
    let busiest = busiest_second(&times);
    assert!(busiest <= 61, "{busiest} requests within one second at --rate 60");
    // After the first second the run goes at about the limit: neither far below (a rate cut at
    // each of the first second's burst of throttles fell to the floor and took 90 s) nor far
    // above.
    let after_first: Vec<&Logged> = requests.iter().filter(|r| r.t >= times[0] + 1.5).collect();
    let span = times.last().unwrap() - (times[0] + 1.5);
    let achieved = after_first.len() as f64 / span;
    assert!(
        (8.0..=24.0).contains(&achieved),
        "{achieved:.1} requests a second after the first"
    );
    let line = summary(&out);
    assert!(line.contains(&format!("{USERS} of {USERS} users got tokens")), "{line}");
    assert!(
        line.contains(&format!("; {} requests in", requests.len()))
            && line.ends_with(&format!(", {throttled} throttled")),
        "the summary counts the requests ({}) and throttles ({throttled}) the server logged: {line}",
        requests.len()
    );
    eprintln!(
        "mint: {USERS} users at --rate 60 against a limit of 20: {took:?}, {} requests, {throttled} throttled",
        requests.len()
    );
}

#[test]
fn a_wrong_password_is_one_request_and_one_failed_record_and_the_others_get_tokens() {
    let server = ThrottleServer::start(json!({"limit": 100, "password": SERVER_PASSWORD}));
    let dir = temp_dir();
    let file = dir.join("users.csv");
    std::fs::write(
        &file,
        format!("username,password\nalice,{SERVER_PASSWORD}\nbob,Not-the-Passw0rd!\ncarol,{SERVER_PASSWORD}\n"),
    )
    .unwrap();
    let out = server
        .mint()
        .arg("--users")
        .arg(&file)
        .run()
        .code(1)
        .not_leaking("Not-the-Passw0rd!")
        .not_leaking(SERVER_PASSWORD);
    let rs = records(&out);
    assert_eq!(rs.len(), 3, "{}", out.describe());
    for r in &rs {
        if r["username"] == "bob" {
            assert_eq!(r["error"], "NotAuthorizedException", "{r}");
            // The service's words, then cogtok's hint.
            let message = r["message"].as_str().unwrap_or_default();
            assert!(message.starts_with("Incorrect username or password. ("), "{r}");
            assert_eq!(r.as_object().unwrap().len(), 3, "username, error, message: {r}");
        } else {
            assert!(r["id_token"].is_string() && r["access_token"].is_string(), "{r}");
        }
    }
    let bob: Vec<Logged> = server.requests().into_iter().filter(|r| r.username == "bob").collect();
    assert_eq!(
        bob.len(),
        1,
        "a wrong password is never sent again (Cognito locks users out): {bob:?}"
    );
    assert!(
        summary(&out).contains("2 of 3 users got tokens (2 signed in, 0 refreshed, 0 from the cache), 1 failed"),
        "{}",
        out.describe()
    );
}

#[test]
fn one_users_requests_are_at_least_a_tenth_of_a_second_apart() {
    // Each user gets NEW_PASSWORD_REQUIRED, so a sign-in is two requests; at --rate 1000 only
    // the per-user spacing (Cognito refuses more than 10 a second about one user) holds the
    // second back: without it, the challenge's answer would follow its question within a few ms.
    const USERS: usize = 8;
    let server = ThrottleServer::start(json!({
        "limit": 1000, "password": SERVER_PASSWORD, "new_password_required": true
    }));
    let out = server
        .mint()
        .args([
            "--users-prefix",
            "pace-",
            "--count",
            &USERS.to_string(),
            "--rate",
            "1000",
        ])
        .args(["--new-password-env", "NEWPW"])
        .env("NEWPW", "New-Passw0rd-1!")
        .run()
        .success()
        .not_leaking("New-Passw0rd-1!");
    assert_eq!(records(&out).len(), USERS);
    let requests = server.requests();
    assert_eq!(requests.len(), 2 * USERS, "{requests:?}");
    for n in 1..=USERS {
        let user = format!("pace-{n}");
        let mine: Vec<&Logged> = requests.iter().filter(|r| r.username == user).collect();
        assert_eq!(
            mine.iter()
                .map(|r| (r.op.as_str(), r.answer.as_str()))
                .collect::<Vec<_>>(),
            [("InitiateAuth", "challenge"), ("RespondToAuthChallenge", "tokens")],
            "{user}"
        );
        // 100 ms between the two slots. What the server sees is less by however late the first
        // request left its slot (the debug build sends every user's first request from one
        // thread, on a machine that may be busy): 88 ms was seen under load.
        let gap = mine[1].t - mine[0].t;
        assert!(gap >= 0.075, "{user}: {:.0} ms between its two requests", gap * 1000.0);
    }
}

/// A run of `mint` with stdout piped, interrupted with SIGINT once `ready` says so (it gets the
/// stdout read so far and the requests the server logged). Returns the exit code and all of
/// stdout and stderr.
fn interrupted(
    server: &ThrottleServer,
    args: &[&str],
    ready: impl Fn(&str, &[Logged]) -> bool,
) -> (i32, String, String) {
    let home = temp_dir();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cogtok"))
        .args(["--endpoint-url", &server.url, "--region", "us-east-1"])
        .args([
            "mint",
            "--client-id",
            CLIENT,
            "--flow",
            "password",
            "--password-env",
            "PW",
        ])
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("NO_PROXY", "*")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("PW", SERVER_PASSWORD)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cogtok");
    let pid = child.id();
    let read_all = |mut pipe: Box<dyn std::io::Read + Send>| {
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        thread::spawn(move || {
            let mut chunk = [0u8; 4096];
            while let Ok(n @ 1..) = pipe.read(&mut chunk) {
                if tx.send(chunk[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        rx
    };
    let stdout = read_all(Box::new(child.stdout.take().unwrap()));
    let stderr = read_all(Box::new(child.stderr.take().unwrap()));
    let mut out = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        while let Ok(chunk) = stdout.try_recv() {
            out.extend(chunk);
        }
        if ready(&String::from_utf8_lossy(&out), &server.requests()) {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "mint ended ({status}) before it could be interrupted: {}",
                String::from_utf8_lossy(&out)
            );
        }
        assert!(Instant::now() < deadline, "mint never got far enough to interrupt");
        thread::sleep(Duration::from_millis(10));
    }
    let signalled = Instant::now();
    let kill = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(kill.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if signalled.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("mint did not stop within 10 s of SIGINT");
        }
        thread::sleep(Duration::from_millis(10));
    };
    assert!(
        signalled.elapsed() < Duration::from_secs(3),
        "{:?} to stop after SIGINT",
        signalled.elapsed()
    );
    // The pipes close with the process: the readers' channels end.
    for chunk in stdout.iter() {
        out.extend(chunk);
    }
    let err: Vec<u8> = stderr.iter().flatten().collect();
    let _ = std::fs::remove_dir_all(home);
    let code = std::os::unix::process::ExitStatusExt::signal(&status)
        .map_or_else(|| status.code().unwrap(), |signal| 128 + signal);
    (code, String::from_utf8(out).unwrap(), String::from_utf8(err).unwrap())
}

/// What every interrupted run shares: exit 130 from mint itself (not the default SIGINT death,
/// which the shell would also report as 130: the summary says mint caught it), and no more
/// records than users that finished.
#[track_caller]
fn assert_interrupted(code: i32, stderr: &str, users: usize) {
    assert_eq!(code, 130, "stderr: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with("mint: "))
        .unwrap_or_else(|| panic!("no summary: {stderr}"));
    assert!(line.contains(": interrupted"), "{line}");
    assert!(line.contains(&format!(" of {users} users got tokens")), "{line}");
}

#[test]
fn ctrl_c_stops_the_run_and_leaves_whole_records_a_closed_k6_array_and_the_private_file() {
    const USERS: usize = 200;
    // Every answer takes 300 ms: at the interrupt, sign-ins are under way.
    let server = ThrottleServer::start(json!({"limit": 1000, "password": SERVER_PASSWORD, "delay_ms": 300}));
    let count = USERS.to_string();
    let users = ["--users-prefix", "int-", "--count", &count, "--rate", "50"];
    let a_few_lines = |stdout: &str, _: &[Logged]| stdout.lines().count() >= 5;

    // NDJSON: every line that came out is a whole record.
    let args: Vec<&str> = users.to_vec();
    let (code, stdout, stderr) = interrupted(&server, &args, a_few_lines);
    assert_interrupted(code, &stderr, USERS);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() >= 5 && lines.len() < USERS, "{} records", lines.len());
    assert!(stdout.ends_with('\n'), "a cut line: {stdout:?}");
    for line in &lines {
        let r: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not a whole record ({e}): {line:?}"));
        assert!(r["access_token"].is_string(), "{r}");
    }

    // k6: the array is closed, so k6's JSON.parse takes what was done.
    let args: Vec<&str> = users.iter().copied().chain(["--output", "k6"]).collect();
    let (code, stdout, stderr) = interrupted(&server, &args, a_few_lines);
    assert_interrupted(code, &stderr, USERS);
    let array: Vec<Value> =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("not one JSON array ({e}):\n{stdout}"));
    assert!(array.len() >= 4 && array.len() < USERS, "{} records", array.len());
    assert!(array.iter().all(|r| r["id_token"].is_string()), "{stdout}");

    // --output-file: nothing on stdout; the file is written at the end all the same, private.
    let dir = temp_dir();
    let file = dir.join("tokens.ndjson");
    let file_arg = file.to_str().unwrap();
    let args: Vec<&str> = users.iter().copied().chain(["--output-file", file_arg]).collect();
    let before = server.requests().len();
    let (code, stdout, stderr) = interrupted(&server, &args, |_, logged| {
        logged.iter().skip(before).filter(|r| r.answer == "tokens").count() >= 15
    });
    assert_interrupted(code, &stderr, USERS);
    assert_eq!(stdout, "", "with --output-file, nothing on stdout");
    let mode = std::fs::metadata(&file)
        .unwrap_or_else(|e| panic!("no {} after the interrupt ({e}); stderr: {stderr}", file.display()))
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    let text = std::fs::read_to_string(&file).unwrap();
    let written: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a whole record ({e}): {l:?}")))
        .collect();
    assert!(
        !written.is_empty() && written.len() < USERS,
        "{} records",
        written.len()
    );
    assert!(written.iter().all(|r| r["access_token"].is_string()));
    no_temporary_files_left(&dir);
}

/// The atomic write leaves only the file itself in its directory.
fn no_temporary_files_left(dir: &Path) {
    let names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["tokens.ndjson"], "{names:?}");
}
