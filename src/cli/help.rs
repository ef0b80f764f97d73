//! Help texts: the command list, `login`'s options, and per raw command the option table
//! generated from the API model.

use crate::api::ops::OPS;
use crate::api::shape::OpSpec;
use crate::api::shape::Shape;

const MAIN_HEAD: &str = "\
cogtok: sign in to Amazon Cognito user pools and print the tokens

Usage: cogtok [global options] <command> [options]

The whole sign-in in one command:
  login                     InitiateAuth or AdminInitiateAuth, then every challenge answered
                            from the options (run `cogtok login --help`)
  refresh                   fresh tokens from a refresh token (run `cogtok refresh --help`)
  exec                      sign in, then run a command with the tokens in its environment
  user                      test users: `user ensure` (permanent password), `user delete`

Drop-in for `aws cognito-idp <command>` (same options, same JSON output):
";

const MAIN_TAIL: &str = "
Global options (before or after the command):
  --region R                AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then the
                            part of --user-pool-id before `_`
  --profile P               AWS_PROFILE, then `default`
  --endpoint-url URL        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, then
                            https://cognito-idp.REGION.amazonaws.com (partition-aware)
  --fips                    use the FIPS endpoint (also AWS_USE_FIPS_ENDPOINT=true)
  --ca-bundle PATH          extra PEM roots to trust (also AWS_CA_BUNDLE)
  --cli-connect-timeout S   default 10
  --cli-read-timeout S      default 30
  --debug                   trace requests and answers on stderr, secrets redacted
  --output json|text        raw commands: the AWS CLI's formats
  --query EXPR              raw commands: a JMESPath expression, e.g. AuthenticationResult.IdToken
  -h, --help                this text; `cogtok <command> --help` for a command
  --version                 the version

Exit codes: 0 success, 252 bad command line, 253 configuration or credentials,
254 the service answered with an error, 255 anything else.
";

pub(super) fn main_help() -> String {
    let mut text = MAIN_HEAD.to_string();
    for op in OPS {
        let signed = if op.signed {
            "SigV4-signed"
        } else {
            "unsigned, no AWS credentials"
        };
        text.push_str(&format!("  {:<34}{} ({signed})\n", op.command, op.operation));
    }
    text.push_str(MAIN_TAIL);
    text
}

pub(super) fn raw_help(spec: &OpSpec) -> String {
    let signed = if spec.signed {
        "SigV4-signed: needs AWS credentials"
    } else {
        "sent unsigned: needs no AWS credentials"
    };
    let mut text = format!(
        "cogtok {}: the {} operation, as `aws cognito-idp {}` ({signed})\n\nOptions:\n",
        spec.command, spec.operation, spec.command
    );
    for m in spec.input {
        let kind = match m.shape {
            Shape::Boolean => format!("--{} | --no-{}", m.option, m.option),
            Shape::Map(_) => format!("--{} K=V,K=V | JSON | file://PATH", m.option),
            Shape::List(Shape::Structure(_)) => {
                format!("--{} K=V,K=V [K=V,K=V ...] | JSON", m.option)
            }
            Shape::List(_) => format!("--{} VALUE [VALUE ...] | JSON", m.option),
            Shape::Structure(_) => format!("--{} K=V,K=V | JSON", m.option),
            _ => format!("--{} VALUE", m.option),
        };
        let required = if m.required { "  (required)" } else { "" };
        text.push_str(&format!("  {kind}{required}\n"));
    }
    text.push_str("  --cli-input-json JSON | file://PATH   the whole request as JSON\n");
    text.push_str("\nGlobal options as in `cogtok --help` (--region, --endpoint-url, --query, --output, ...).\n");
    text
}

pub(super) const LOGIN: &str = "\
cogtok login: sign in and print the tokens, answering every challenge from the options

Usage: cogtok login [options]

  --user-pool-id ID            the user pool (COGTOK_USER_POOL_ID); needed by srp and admin
  --client-id ID               the app client (COGTOK_CLIENT_ID)
  --username U                 the login name: username, email or alias (COGTOK_USERNAME)
  --flow F                     srp (default): USER_SRP_AUTH, the password never leaves the machine
                               password: USER_PASSWORD_AUTH; admin: ADMIN_USER_PASSWORD_AUTH
                               (SigV4-signed, needs AWS credentials); user-auth: USER_AUTH
                               (choice-based); custom: CUSTOM_AUTH (Lambda triggers)
Password (one of; default COGTOK_PASSWORD, then a prompt when a terminal is attached):
  --password-env VAR | --password-file PATH | --password-stdin | --password P
App client secret (SECRET_HASH is computed at every step; default COGTOK_CLIENT_SECRET):
  --client-secret-env VAR | --client-secret-file PATH
Challenges:
  --new-password-env VAR | --new-password-file PATH
                               NEW_PASSWORD_REQUIRED (default COGTOK_NEW_PASSWORD)
  --attribute NAME=VALUE       a required attribute for NEW_PASSWORD_REQUIRED (repeatable)
  --totp-secret-env VAR        SOFTWARE_TOKEN_MFA: the base32 seed; cogtok computes the code
                               (default COGTOK_TOTP_SECRET)
  --mfa-code CODE              a one-time code (SMS_MFA, EMAIL_OTP, SMS_OTP, SOFTWARE_TOKEN_MFA)
  --otp-command CMD            a command whose standard output is the one-time code
  --mfa-type totp|sms|email    SELECT_MFA_TYPE (default: the first the options can answer)
  --totp-secret-out FILE       MFA_SETUP: enrol a TOTP authenticator; its seed goes to FILE (0600)
  --preferred-challenge C      user-auth: PASSWORD, PASSWORD_SRP, EMAIL_OTP or SMS_OTP
  --custom-answer VALUE        CUSTOM_CHALLENGE, once per round (repeatable)
  --device-file FILE           remember this device (ConfirmDevice) and answer DEVICE_SRP_AUTH
                               with it on later sign-ins; keys and password kept in FILE (0600)
Cache:
  --cache                      reuse cached tokens while they have more than --min-ttl seconds
                               left (no request at all), else refresh them, else sign in
                               (also COGTOK_CACHE=1); never caches a password or secret
  --cache-dir DIR              default $XDG_CACHE_HOME/cogtok, else ~/.cache/cogtok
  --min-ttl SECONDS            default 300
Output:
  --output json|id-token|access-token|refresh-token|env|header|github
                               json (default): the AuthenticationResult object;
                               env: COGNITO_ID_TOKEN=... lines for `eval`;
                               header: `Authorization: Bearer <id token>`;
                               github: `::add-mask::` each token, and id_token, access_token,
                               refresh_token, expires_at appended to $GITHUB_OUTPUT
  --export                     with --output github: also COGNITO_*_TOKEN to $GITHUB_ENV

Global options as in `cogtok --help` (--region, --profile, --endpoint-url, --debug, ...).
";

pub(super) const REFRESH: &str = "\
cogtok refresh: fresh tokens from a refresh token

Usage: cogtok refresh [options]

  --client-id ID               the app client (COGTOK_CLIENT_ID)
  --refresh-token-env VAR | --refresh-token-file PATH | --refresh-token-stdin
                               the refresh token (default COGTOK_REFRESH_TOKEN)
  --client-secret-env VAR | --client-secret-file PATH
                               the app client's secret (default COGTOK_CLIENT_SECRET)
  --username U                 with a client secret: the internal username SECRET_HASH is
                               computed over (the tokens' cognito:username; COGTOK_USERNAME)
  --user-pool-id ID            gives the region when nothing else does (COGTOK_USER_POOL_ID)
  --device-file PATH           the remembered device of `cogtok login --device-file`: its key
                               goes with the refresh (pools that track devices require it)
  --rotate                     GetTokensFromRefreshToken: for clients with refresh token
                               rotation (used anyway when the service refuses REFRESH_TOKEN_AUTH
                               because rotation is on); the answer carries a new refresh token
  --output json|id-token|access-token|refresh-token|env|header|github  [--export]
                               as for `cogtok login`; without rotation the refresh token given
                               is the one printed

Global options as in `cogtok --help` (--region, --endpoint-url, --debug, ...).
";

pub(super) const EXEC: &str = "\
cogtok exec: sign in (or use the cache), then run a command with the tokens in its environment

Usage: cogtok exec [login options] -- CMD [ARGS...]

The login options are those of `cogtok login` (run `cogtok login --help`), --cache included.
CMD runs in place of cogtok with COGNITO_ID_TOKEN, COGNITO_ACCESS_TOKEN, COGNITO_REFRESH_TOKEN
and COGNITO_EXPIRES_AT (unix seconds) in its environment; its exit status and signals are
cogtok's. Example:

  cogtok exec --user-pool-id P --client-id C --username U --cache -- \\
    sh -c 'curl -H \"Authorization: Bearer $COGNITO_ID_TOKEN\" https://api.example.com/'
";

pub(super) const USER: &str = "\
cogtok user: test users for CI (SigV4-signed admin operations; need AWS credentials)

Usage:
  cogtok user ensure --user-pool-id P --username U [--password-env VAR] [--attribute NAME=VALUE ...]
      AdminCreateUser without an invitation (MessageAction SUPPRESS), then AdminSetUserPassword
      with Permanent=true: the user is CONFIRMED and never meets NEW_PASSWORD_REQUIRED.
      An existing user gets its password and attributes set. Password: --password-env VAR,
      --password-file PATH, --password-stdin, --password P, or COGTOK_PASSWORD.
      `--attribute email_verified=true` marks the email as verified.
  cogtok user delete --user-pool-id P --username U
      AdminDeleteUser; a user already gone is not an error.

Both print a small JSON object ({\"Username\", \"Created\"} or {\"Username\", \"Deleted\"}).
";
