//! Parsing of `cogtok aws-credentials`: AWS credentials from a Cognito identity pool. It takes
//! `login`'s sign-in options (the user who signs in) and its own below: the pool, the flow, who
//! else the identity may be for (an ID token, a CI job, a guest), and the output. `exec
//! --aws-credentials` takes the same options but the output ([`EXEC_IDENTITY_POOL_OPTIONS`]).
//! Only what was typed is checked here; `COGTOK_*` defaults are read when the command runs.

use super::login::SIGN_IN_OPTIONS;
use super::options::{choice, parse_options_only_in_two, render_options, store, text, Form, OptionSpec};
use super::{Command, GlobalArgs, LoginArgs, Parsed, CI_IDENTITIES};
use crate::auth::secret_sources::SecretSource;
use crate::config::CiIdentity;
use crate::error::{Error, Result};
use crate::output::CredentialsOutput;

#[derive(Clone, Debug, Default)]
pub(crate) struct AwsCredentialsArgs {
    /// The sign-in, when a user signs in (with `--cache`, the cache of everything).
    pub(crate) login: LoginArgs,
    pub(crate) pool: IdentityPoolArgs,
}

/// The identity pool options, `aws-credentials`' and `exec --aws-credentials`'.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdentityPoolArgs {
    pub(crate) identity_pool_id: Option<String>,
    pub(crate) account_id: Option<String>,
    pub(crate) custom_role_arn: Option<String>,
    pub(crate) basic_flow: bool,
    pub(crate) role_arn: Option<String>,
    /// `--id-token-env VAR`, `--id-token-file F`, `--id-token-stdin`: an ID token in hand.
    pub(crate) id_token: Option<SecretSource>,
    /// `--web-identity`: the CI runner's own OIDC token (not the global option of that name,
    /// which signs requests with a role: after `aws-credentials`, this one is meant).
    pub(crate) web_identity: Option<CiIdentity>,
    pub(crate) audience: Option<String>,
    pub(crate) unauthenticated: bool,
    /// `aws-credentials --output`.
    pub(crate) output: Option<CredentialsOutput>,
    /// `exec --aws-credentials`: the options above are asked for.
    pub(crate) requested: bool,
}

impl IdentityPoolArgs {
    /// Whether any of the identity pool's options was given (`exec` wants `--aws-credentials`
    /// with them).
    pub(super) fn any_given(&self) -> bool {
        self.identity_pool_id.is_some()
            || self.account_id.is_some()
            || self.custom_role_arn.is_some()
            || self.basic_flow
            || self.role_arn.is_some()
            || self.id_token.is_some()
            || self.web_identity.is_some()
            || self.audience.is_some()
            || self.unauthenticated
            || self.output.is_some()
    }
}

type Spec = OptionSpec<IdentityPoolArgs>;

const WHO: &str = "Whose identity (one of these; else a user signs in with the login options)";
const OUTPUT: &str = "Output";

/// The pool and the flow, then whose identity: both commands'.
const IDENTITY_POOL_OPTIONS: &[OptionSpec<IdentityPoolArgs>] = &[
    Spec::value("identity-pool-id", "ID", |a, v| {
        store(&mut a.identity_pool_id, text(v)?)
    })
    .env("COGTOK_IDENTITY_POOL_ID")
    .help("the identity pool, REGION:GUID (the endpoint's region)"),
    Spec::value("account-id", "ID", |a, v| {
        store(&mut a.account_id, parse_account_id(&text(v)?)?)
    })
    .help("GetId's AccountId, for the pools that ask for it"),
    Spec::value("custom-role-arn", "ARN", |a, v| {
        store(&mut a.custom_role_arn, parse_arn("custom-role-arn", &text(v)?)?)
    })
    .help(
        "the role to get among those the pool's rules or the token allow\n\
         (GetCredentialsForIdentity's CustomRoleArn)",
    ),
    Spec::switch("basic-flow", |a| a.basic_flow = true).help(
        "the basic flow: GetOpenIdToken, then STS\n\
         AssumeRoleWithWebIdentity with --role-arn (default: the enhanced\n\
         flow, GetCredentialsForIdentity)",
    ),
    Spec::value("role-arn", "ARN", |a, v| {
        store(&mut a.role_arn, parse_arn("role-arn", &text(v)?)?)
    })
    .help("with --basic-flow: the role to assume"),
    Spec::secret("id-token", ID_TOKEN_FORMS, |a| &mut a.id_token)
        .under(WHO)
        .help(
            "a user pool's ID token in hand; the Logins key is\n\
             --user-pool-id's provider, else the token's issuer",
        ),
    Spec::value("web-identity", "github|gitlab|auto", |a, v| {
        store(&mut a.web_identity, choice("web-identity", &text(v)?, CI_IDENTITIES)?)
    })
    .under(WHO)
    .help(
        "the CI job's own OIDC token, under its issuer's name in Logins\n\
         (GitHub: needs `id-token: write`; GitLab: an `id_tokens` variable,\n\
         --web-identity-token-env VAR, default GITLAB_OIDC_TOKEN)",
    ),
    Spec::value("audience", "AUD", |a, v| store(&mut a.audience, text(v)?))
        .under(WHO)
        .help("the audience of GitHub's token\n(default cognito-identity.amazonaws.com)"),
    Spec::switch("unauthenticated", |a| a.unauthenticated = true)
        .under(WHO)
        .help("a guest identity: no logins"),
];

/// An ID token is a secret: from a variable, a file or standard input, never the command line.
const ID_TOKEN_FORMS: &[Form] = &[Form::Env, Form::File, Form::Stdin];

const OUTPUT_OPTIONS: &[OptionSpec<IdentityPoolArgs>] =
    &[Spec::value("output", "json|credential-process|env|github", |a, v| {
        store(&mut a.output, choice("output", &text(v)?, OUTPUTS)?)
    })
    .under(OUTPUT)
    .help(
        "json (default): IdentityId and Credentials, as the AWS CLI prints\n\
     them; credential-process: the Version 1 JSON of ~/.aws/config's\n\
     credential_process; env: `export AWS_ACCESS_KEY_ID=...` lines for\n\
     `eval`; github: `::add-mask::` each key, the AWS_* variables\n\
     appended to $GITHUB_ENV",
    )];

pub(super) const AWS_CREDENTIALS_TABLES: &[&[OptionSpec<IdentityPoolArgs>]] = &[IDENTITY_POOL_OPTIONS, OUTPUT_OPTIONS];

/// `exec`'s: the switch, then the same options but the output.
pub(super) const EXEC_IDENTITY_POOL_OPTIONS: &[&[OptionSpec<IdentityPoolArgs>]] = &[
    &[Spec::switch("aws-credentials", |a| a.requested = true)
        .under("AWS credentials (instead of the tokens)")
        .help(
            "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and\n\
             AWS_CREDENTIAL_EXPIRATION from the identity pool, as `cogtok\n\
             aws-credentials` gets them, with the options below",
        )],
    IDENTITY_POOL_OPTIONS,
];

const OUTPUTS: &[(&str, CredentialsOutput)] = &[
    ("json", CredentialsOutput::Json),
    ("credential-process", CredentialsOutput::CredentialProcess),
    ("env", CredentialsOutput::Env),
    ("github", CredentialsOutput::Github),
];

const HELP_HEAD: &str = "\
cogtok aws-credentials: AWS credentials from a Cognito identity pool, for a user who signs in,
an ID token, a CI job's own OIDC token, or a guest

Usage: cogtok aws-credentials --identity-pool-id ID [login options] [options]

";

const HELP_TAIL: &str = "
Login options: those of `cogtok login` (run `cogtok login --help`) for the user who signs in:
--user-pool-id, --client-id, --username, --flow, the password, the challenges. --cache keeps
the tokens, the identity id (per pool and user) and the credentials (until 5 minutes before
they expire).

The identity pool's endpoint: AWS_ENDPOINT_URL_COGNITO_IDENTITY, AWS_ENDPOINT_URL, the
profile's services section (cognito_identity) or endpoint_url, else
https://cognito-identity.REGION.amazonaws.com (--endpoint-url is the user pool's).

In ~/.aws/config, for the AWS CLI and every SDK (one line):
  [profile app-user]
  credential_process = cogtok aws-credentials --identity-pool-id us-east-1:0f1e... --user-pool-id us-east-1_AbC --client-id 1a2b... --username u@example.com --password-env APP_PASSWORD --cache --output credential-process

Global options as in `cogtok --help` (--region, --profile, --debug, ...).
";

pub(super) fn help() -> String {
    format!("{HELP_HEAD}{}{HELP_TAIL}", render_options(AWS_CREDENTIALS_TABLES))
}

pub(super) fn parse(mut parser: lexopt::Parser, mut globals: GlobalArgs) -> Result<Parsed> {
    let mut login = LoginArgs::default();
    let mut pool = IdentityPoolArgs::default();
    if parse_options_only_in_two(
        &mut parser,
        &mut globals,
        "aws-credentials",
        (&[SIGN_IN_OPTIONS], AWS_CREDENTIALS_TABLES),
        (&mut login, &mut pool),
    )? {
        return Ok(Parsed::Help(help()));
    }
    Ok(Parsed::Run {
        globals,
        command: Command::AwsCredentials(AwsCredentialsArgs { login, pool }),
    })
}

/// `AccountId`: `\d+`, 1 to 15 characters.
fn parse_account_id(value: &str) -> Result<String> {
    if (1..=15).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(value.to_string());
    }
    Err(Error::usage(format!(
        "argument --account-id: expected the account's digits, like 123456789012, not {}",
        crate::quote::quoted(value)
    )))
}

/// An IAM role's ARN (`ARNString`: 20 to 2048 characters): checked for its shape only, the
/// service checks the rest.
fn parse_arn(option: &str, value: &str) -> Result<String> {
    if value.starts_with("arn:") && (20..=2048).contains(&value.len()) {
        return Ok(value.to_string());
    }
    Err(Error::usage(format!(
        "argument --{option}: expected a role's ARN, like arn:aws:iam::123456789012:role/NAME, not {}",
        crate::quote::quoted(value)
    )))
}

#[cfg(test)]
mod tests {
    use super::super::parse as parse_cli;
    use super::*;

    fn parsed(args: &[&str]) -> Result<AwsCredentialsArgs> {
        let argv: Vec<&str> = std::iter::once("aws-credentials").chain(args.iter().copied()).collect();
        match parse_cli(argv)? {
            Parsed::Run {
                command: Command::AwsCredentials(args),
                ..
            } => Ok(args),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn login_and_identity_pool_options_mix_in_any_order() {
        let a = parsed(&[
            "--identity-pool-id",
            "us-east-1:0f1e",
            "--client-id",
            "c",
            "--basic-flow",
            "--role-arn",
            "arn:aws:iam::123456789012:role/app",
            "--username",
            "u",
            "--cache",
            "--output",
            "credential-process",
        ])
        .unwrap();
        assert_eq!(a.pool.identity_pool_id.as_deref(), Some("us-east-1:0f1e"));
        assert_eq!(a.login.client_id.as_deref(), Some("c"));
        assert!(a.pool.basic_flow && a.login.cache);
        assert_eq!(a.pool.output, Some(CredentialsOutput::CredentialProcess));
        // After the command, --web-identity and --role-arn are its own, not the global ones.
        let (globals, a) = match parse_cli([
            "aws-credentials",
            "--web-identity",
            "github",
            "--role-arn",
            "arn:aws:iam::1:role/abcdefgh",
        ])
        .unwrap()
        {
            Parsed::Run {
                globals,
                command: Command::AwsCredentials(a),
            } => (globals, a),
            other => panic!("{other:?}"),
        };
        assert_eq!(a.pool.web_identity, Some(CiIdentity::Github));
        assert!(a.pool.role_arn.is_some());
        assert!(globals.overrides.web_identity.is_none() && globals.overrides.role_arn.is_none());
    }

    #[test]
    fn bad_values_are_usage_errors() {
        let e = |args: &[&str]| parsed(args).unwrap_err();
        assert!(e(&["--account-id", "12ab"]).to_string().contains("--account-id"));
        assert!(e(&["--role-arn", "my-role"]).to_string().contains("--role-arn"));
        assert!(e(&["--output", "text"]).to_string().contains("invalid choice \"text\""));
        assert!(e(&["--id-token", "eyJ.x.y"])
            .to_string()
            .contains("unknown option --id-token "));
        assert!(e(&["--id-token-env", "A", "--id-token-stdin"])
            .to_string()
            .contains("pass only one of"));
        assert_eq!(e(&["--web-identity", "jenkins"]).exit_code(), 252);
    }
}
