//! The commands for test users, groups, pools and devices, and the AWS CLI's pagination, against
//! one real moto (SigV4 and IAM enforced): the same argv through the AWS CLI of `.venv` and
//! through cogtok, stdout compared byte for byte.
//!
//! Both read the same server state, so list and describe answers need no masking; each command
//! that changes state runs once per tool on a user of its own, and its effect is then read by
//! both.

mod common;

use common::{aws_cli, cogtok, Moto, Output};

const PASSWORD: &str = "Perm-Passw0rd!";
const NEW_PASSWORD: &str = "Next-Passw0rd!";
/// More users than moto's page of ListUsers (60), so that the default run pages.
const USERS: usize = 63;

struct Both<'a> {
    moto: &'a Moto,
}

impl Both<'_> {
    fn ours(&self, args: &[&str]) -> Output {
        cogtok()
            .args(["--endpoint-url", &self.moto.url])
            .env("AWS_REGION", "us-east-1")
            .keys(&self.moto.admin)
            .args(args)
            .run()
    }

    fn theirs(&self, args: &[&str]) -> Output {
        aws_cli(self.moto, &self.moto.admin)
            .args(["--endpoint-url", &self.moto.url, "cognito-idp"])
            .args(args)
            .run()
    }

    /// Runs `args` through both and asserts the same stdout and the same kind of exit (the AWS
    /// CLI v1 exits 255 where cogtok, like v2, says 252 for the command line, 254 for the
    /// service). Returns cogtok's output.
    fn same(&self, args: &[&str]) -> Output {
        let (ours, theirs) = (self.ours(args), self.theirs(args));
        assert_eq!(
            ours.stdout,
            theirs.stdout,
            "stdout differs\ncogtok: {}\naws: {}",
            ours.describe(),
            theirs.describe()
        );
        let kind = |o: &Output, cli: bool| match o.code {
            0 => "ok",
            252 | 254 if !cli => "error",
            255 if cli => "error",
            _ => "other",
        };
        assert_eq!(
            kind(&ours, false),
            kind(&theirs, true),
            "exit codes differ\ncogtok: {}\naws: {}",
            ours.describe(),
            theirs.describe()
        );
        ours
    }

    /// A command that changes state, once per tool with its own `{who}` in the argv; both must
    /// print the same (usually nothing) and succeed.
    fn each(&self, args: &[&str], ours_user: &str, theirs_user: &str) {
        let with = |user: &str| -> Vec<String> { args.iter().map(|a| a.replace("{who}", user)).collect() };
        let a = with(ours_user);
        let b = with(theirs_user);
        let ours = self.ours(&a.iter().map(String::as_str).collect::<Vec<_>>()).success();
        let theirs = self.theirs(&b.iter().map(String::as_str).collect::<Vec<_>>()).success();
        assert_eq!(ours.stdout, theirs.stdout, "{}\n{}", ours.describe(), theirs.describe());
    }
}

/// The `NextToken` of a JSON output.
fn next_token(out: &Output) -> String {
    out.json()["NextToken"]
        .as_str()
        .unwrap_or_else(|| panic!("no NextToken\n{}", out.describe()))
        .to_string()
}

#[test]
fn list_commands_page_as_the_aws_cli_does() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("paging", false);
    let p = pool.user_pool_id.as_str();
    let both = Both { moto: &moto };
    for i in 0..USERS {
        let user = format!("user{i:02}@example.com");
        both.ours(&["admin-create-user", "--user-pool-id", p, "--username", &user])
            .success();
    }

    // Every page followed: moto's page is 60, so two calls, one list.
    let all = both.same(&["list-users", "--user-pool-id", p]);
    assert_eq!(all.json()["Users"].as_array().map(Vec::len), Some(USERS));
    assert!(all.json().get("PaginationToken").is_none() && all.json().get("NextToken").is_none());
    both.same(&["list-users", "--user-pool-id", p, "--output", "text"]);
    both.same(&["list-users", "--user-pool-id", p, "--query", "Users[].Username"]);

    // --max-items inside the first page, then resumed from the token of either tool.
    let first = both.same(&["list-users", "--user-pool-id", p, "--max-items", "2"]);
    let token = next_token(&first);
    let second = both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--max-items",
        "2",
        "--starting-token",
        &token,
    ]);
    // The token cogtok printed is the one the AWS CLI printed (compared above), and it resumes
    // after the two users shown.
    assert_eq!(
        second.json()["Users"][0]["Username"],
        all.json()["Users"][2]["Username"]
    );
    let token = next_token(&second);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--starting-token",
        &token,
        "--query",
        "Users[0].Username",
    ]);

    // Small pages: --page-size sets Limit; a cut inside the third page, a resume across pages,
    // and a cut on a page boundary (the service's own token inside).
    let cut = both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "20",
        "--max-items",
        "45",
    ]);
    let token = next_token(&cut);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "20",
        "--max-items",
        "30",
        "--starting-token",
        &token,
    ]);
    let boundary = both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "20",
        "--max-items",
        "40",
    ]);
    let token = next_token(&boundary);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "20",
        "--starting-token",
        &token,
    ]);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "20",
        "--max-items",
        "45",
        "--output",
        "text",
    ]);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--page-size",
        "25",
        "--max-items",
        "30",
        "--output",
        "text",
        "--query",
        "Users[].Username",
    ]);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--max-items",
        "3",
        "--query",
        "NextToken",
    ]);

    // One call: --no-paginate, or the service's own --limit / --pagination-token.
    let one = both.same(&["list-users", "--user-pool-id", p, "--no-paginate"]);
    assert!(one.json()["PaginationToken"].is_string(), "{}", one.describe());
    let one = both.same(&["list-users", "--user-pool-id", p, "--limit", "5"]);
    let service_token = one.json()["PaginationToken"]
        .as_str()
        .expect("a PaginationToken")
        .to_string();
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--limit",
        "5",
        "--pagination-token",
        &service_token,
    ]);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--no-paginate",
        "--max-items",
        "2",
        "--page-size",
        "3",
    ]);
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--limit",
        "5",
        "--starting-token",
        &token,
    ]);
    // Not a paginated command: the paging options are unknown, as in the AWS CLI.
    both.same(&["describe-user-pool", "--user-pool-id", p, "--max-items", "1"]);
}

#[test]
fn pools_clients_groups_and_users_as_the_aws_cli_prints_them() {
    let moto = Moto::start_enforcing();
    let pool = moto.create_pool("ops", false);
    moto.create_pool("ops-second", false);
    let (p, c) = (pool.user_pool_id.as_str(), pool.client_id.as_str());
    let both = Both { moto: &moto };
    let (mine, yours) = ("mine@example.com", "yours@example.com");
    for user in [mine, yours, "third@example.com"] {
        moto.create_user(&pool, user, "Temp-Passw0rd!");
        moto.set_permanent_password(&pool, user, PASSWORD);
    }

    both.same(&["list-user-pools", "--max-results", "10"]);
    both.same(&["list-user-pools", "--max-results", "1", "--max-items", "1"]);
    both.same(&["describe-user-pool", "--user-pool-id", p]);
    both.same(&["list-user-pool-clients", "--user-pool-id", p, "--max-results", "5"]);
    both.same(&["describe-user-pool-client", "--user-pool-id", p, "--client-id", c]);

    for g in ["admins", "readers", "writers"] {
        both.ours(&[
            "create-group",
            "--user-pool-id",
            p,
            "--group-name",
            g,
            "--precedence",
            "1",
        ])
        .success();
    }
    both.same(&["list-groups", "--user-pool-id", p]);
    both.same(&["list-groups", "--user-pool-id", p, "--max-items", "2"]);
    both.same(&["get-group", "--user-pool-id", p, "--group-name", "readers"]);
    both.each(
        &[
            "admin-add-user-to-group",
            "--user-pool-id",
            p,
            "--username",
            "{who}",
            "--group-name",
            "readers",
        ],
        mine,
        yours,
    );
    both.each(
        &[
            "admin-add-user-to-group",
            "--user-pool-id",
            p,
            "--username",
            "{who}",
            "--group-name",
            "admins",
        ],
        mine,
        yours,
    );
    both.same(&["admin-list-groups-for-user", "--user-pool-id", p, "--username", mine]);
    both.same(&[
        "admin-list-groups-for-user",
        "--user-pool-id",
        p,
        "--username",
        yours,
        "--max-items",
        "1",
    ]);
    both.same(&["list-users-in-group", "--user-pool-id", p, "--group-name", "readers"]);
    both.each(
        &[
            "admin-remove-user-from-group",
            "--user-pool-id",
            p,
            "--username",
            "{who}",
            "--group-name",
            "admins",
        ],
        mine,
        yours,
    );
    both.same(&["list-users-in-group", "--user-pool-id", p, "--group-name", "admins"]);

    both.each(
        &[
            "admin-update-user-attributes",
            "--user-pool-id",
            p,
            "--username",
            "{who}",
            "--user-attributes",
            "Name=given_name,Value=Pat",
        ],
        mine,
        yours,
    );
    both.each(
        &["admin-disable-user", "--user-pool-id", p, "--username", "{who}"],
        mine,
        yours,
    );
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--query",
        "Users[].[Username,Enabled]",
        "--output",
        "text",
    ]);
    both.each(
        &["admin-enable-user", "--user-pool-id", p, "--username", "{who}"],
        mine,
        yours,
    );
    both.each(
        &["admin-reset-user-password", "--user-pool-id", p, "--username", "{who}"],
        mine,
        yours,
    );
    both.same(&["list-users", "--user-pool-id", p, "--output", "text"]);
    both.same(&["admin-get-user", "--user-pool-id", p, "--username", yours]);
    both.each(
        &["delete-group", "--user-pool-id", p, "--group-name", "{who}"],
        "writers",
        "admins",
    );
    both.same(&["list-groups", "--user-pool-id", p, "--query", "Groups[].GroupName"]);
}

#[test]
fn self_service_commands_as_the_aws_cli_runs_them() {
    // moto without IAM checks: the enforcing one answers requests without SigV4 (the
    // self-service operations are unsigned) with HTTP 500.
    let moto = Moto::start_open();
    let pool = moto.create_pool("self", false);
    let (p, c) = (pool.user_pool_id.as_str(), pool.client_id.as_str());
    let both = Both { moto: &moto };
    let (mine, yours) = ("me@example.com", "you@example.com");
    for user in [mine, yours] {
        moto.create_user(&pool, user, "Temp-Passw0rd!");
        moto.set_permanent_password(&pool, user, PASSWORD);
    }
    let access = |user: &str| -> String {
        let out = both
            .ours(&[
                "admin-initiate-auth",
                "--user-pool-id",
                p,
                "--client-id",
                c,
                "--auth-flow",
                "ADMIN_USER_PASSWORD_AUTH",
                "--auth-parameters",
                &format!("USERNAME={user},PASSWORD={PASSWORD}"),
                "--query",
                "AuthenticationResult.AccessToken",
                "--output",
                "text",
            ])
            .success();
        out.stdout.trim().to_string()
    };
    let (t_mine, t_yours) = (access(mine), access(yours));
    both.same(&["forgot-password", "--client-id", c, "--username", mine]);
    both.each(
        &[
            "change-password",
            "--previous-password",
            PASSWORD,
            "--proposed-password",
            NEW_PASSWORD,
            "--access-token",
            "{who}",
        ],
        &t_mine,
        &t_yours,
    );
    both.each(
        &[
            "update-user-attributes",
            "--access-token",
            "{who}",
            "--user-attributes",
            "Name=family_name,Value=Doe",
        ],
        &t_mine,
        &t_yours,
    );
    both.each(
        &[
            "set-user-mfa-preference",
            "--access-token",
            "{who}",
            "--software-token-mfa-settings",
            "Enabled=false",
        ],
        &t_mine,
        &t_yours,
    );
    both.same(&[
        "list-users",
        "--user-pool-id",
        p,
        "--query",
        "Users[].Attributes[?Name=='family_name'].Value",
    ]);
    // delete-user is not here: moto does not implement DeleteUser (HTTP 500).
    both.same(&["list-users", "--user-pool-id", p]);
}
