//! Help texts: the command list, and per raw command the option table generated from the API
//! model. `login`, `refresh`, `exec` and `user` render theirs from their option tables
//! (`options.rs`), next to their parsers.

use crate::api::ops::{FEATURED, OPS};
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
  mint                      tokens for many users at once, for load tests (`cogtok mint --help`)
  credentials               which AWS credential provider signs requests here (never the keys)
  token                     a machine-to-machine access token (run `cogtok token --help`)
  verify                    check a token's signature and claims as an API would
  aws-credentials           AWS credentials from an identity pool, for a user, a CI job or a
                            guest; for credential_process (run `cogtok aws-credentials --help`)

Drop-in for `aws cognito-idp <command>` (same options, same JSON output):
";

const MAIN_TAIL: &str = "
Global options (before or after the command):
  --region R                AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then the
                            part of --user-pool-id before `_`
  --profile P               AWS_PROFILE, then `default`
  --endpoint-url URL        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, then
                            https://cognito-idp.REGION.amazonaws.com (partition-aware);
                            http:// only to 127.0.0.0/8, [::1] or localhost
  --allow-plain-http        allow http:// to any host, for test networks: passwords and tokens
                            travel unencrypted (also COGTOK_ALLOW_PLAIN_HTTP=1)
  --web-identity github|gitlab|auto
                            sign with --role-arn, assumed with the CI runner's own OIDC token
                            (GitHub: needs `id-token: write`; GitLab: an `id_tokens` variable)
  --role-arn ARN            the role --web-identity assumes (else AWS_ROLE_ARN)
  --web-identity-token-env VAR
                            GitLab's id_tokens variable (default GITLAB_OIDC_TOKEN)
  --fips                    use the FIPS endpoint (also AWS_USE_FIPS_ENDPOINT=true)
  --ca-bundle PATH          extra PEM roots to trust (also AWS_CA_BUNDLE)
  --cli-connect-timeout S   default 10
  --cli-read-timeout S      default 30
  --debug                   trace requests and answers on stderr, secrets redacted
  --no-sign-request         send every operation unsigned; no credentials are looked for
  --no-verify-ssl           take any server certificate (with the AWS CLI's warning)
  --color on|off|auto, --cli-binary-format F, --no-cli-pager
                            accepted for AWS CLI v2 scripts (cogtok prints no colour)
  --output json|text|table  raw commands: the AWS CLI's formats; else AWS_DEFAULT_OUTPUT,
                            the profile's output, then json
  --no-paginate             list commands: one call, the answer as the service gives it
  --query EXPR              raw commands: a JMESPath expression, e.g. AuthenticationResult.IdToken
  -h, --help                this text; `cogtok <command> --help` for a command
  --version                 the version

Exit codes: 0 success, 252 bad command line, 253 configuration or credentials,
254 the service answered with an error, 255 anything else.
";

pub(super) fn main_help() -> String {
    let mut text = MAIN_HEAD.to_string();
    for op in &OPS[..FEATURED] {
        let signed = if op.signed {
            "SigV4-signed"
        } else {
            "unsigned, no AWS credentials"
        };
        text.push_str(&format!("  {:<34}{} ({signed})\n", op.command, op.operation));
    }
    // The others by name only, two to a line: the list stays one screen.
    text.push_str("\nFor test users, groups, pools and devices (`cogtok <command> --help` for each):\n");
    for pair in OPS[FEATURED..].chunks(2) {
        let line = match pair {
            [a, b] => format!("  {:<48}{}", a.command, b.command),
            [a] => format!("  {}", a.command),
            _ => unreachable!("chunks of two"),
        };
        text.push_str(&line);
        text.push('\n');
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
        // Every option's value may also come from a file, as in the AWS CLI; it is worth
        // saying for the containers, whose JSON is long, and for binary data.
        let kind = match m.shape {
            Shape::Boolean => format!("--{} | --no-{}", m.option, m.option),
            Shape::Map(_) => format!("--{} K=V,K=V | JSON | file://PATH", m.option),
            Shape::List(Shape::Structure(_)) => {
                format!("--{} K=V,K=V [K=V,K=V ...] | JSON | file://PATH", m.option)
            }
            Shape::List(_) => format!("--{} VALUE [VALUE ...] | JSON | file://PATH", m.option),
            Shape::Structure(_) => format!("--{} K=V,K=V | JSON | file://PATH", m.option),
            Shape::Blob => format!("--{} VALUE | fileb://PATH", m.option),
            Shape::Document => format!("--{} JSON | file://PATH", m.option),
            _ => format!("--{} VALUE", m.option),
        };
        let required = if m.required { "  (required)" } else { "" };
        text.push_str(&format!("  {kind}{required}\n"));
        if !m.values.is_empty() {
            let each = if matches!(m.shape, Shape::List(_)) { "each " } else { "" };
            text.push_str(&wrapped(&format!("{each}one of:"), m.values));
        }
    }
    text.push_str("  --cli-input-json JSON | file://PATH   the whole request as JSON\n");
    if let Some(p) = spec.paginator {
        let option = |name: &str| spec.input.iter().find(|m| m.name == name).map_or("", |m| m.option);
        text.push_str(&format!(
            "\nPaginated as in the AWS CLI: call after call while the answer has a {}, and the\n\
             {} lists joined:\n\
             \x20 --max-items N             stop after N items, and print the NextToken to resume from\n\
             \x20 --starting-token TOKEN    resume from a NextToken (cogtok's or the AWS CLI's)\n\
             \x20 --page-size N             the --{} of each call\n\
             \x20 --no-paginate             one call, the answer as it is (so do --{} and --{})\n",
            p.output_token,
            p.result_key,
            option(p.limit_key),
            option(p.input_token),
            option(p.limit_key),
        ));
    }
    text.push_str("\nGlobal options as in `cogtok --help` (--region, --endpoint-url, --query, --output, ...).\n");
    text
}

/// Help lines are kept within this many columns.
const WIDTH: usize = 100;

/// `label` and the `values`, comma-separated, indented under the option and wrapped to `WIDTH`.
fn wrapped(label: &str, values: &[&str]) -> String {
    const INDENT: &str = "      ";
    let mut text = String::new();
    let mut line = format!("{INDENT}{label}");
    for (i, v) in values.iter().enumerate() {
        let item = if i + 1 < values.len() {
            format!("{v},")
        } else {
            (*v).to_string()
        };
        if line.len() + 1 + item.len() > WIDTH {
            text.push_str(&line);
            text.push('\n');
            line = format!("{INDENT}   ");
        }
        line.push(' ');
        line.push_str(&item);
    }
    text.push_str(&line);
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ops::find;

    fn help(command: &str) -> String {
        raw_help(find(command).unwrap())
    }

    #[test]
    fn enum_options_list_their_values_from_the_model() {
        let text = help("admin-initiate-auth");
        assert!(
            text.contains("  --auth-flow VALUE  (required)\n      one of: USER_SRP_AUTH, REFRESH_TOKEN_AUTH,"),
            "{text}"
        );
        assert!(text.contains(" ADMIN_USER_PASSWORD_AUTH,"), "{text}");
        let text = help("respond-to-auth-challenge");
        for value in [
            "NEW_PASSWORD_REQUIRED",
            "SOFTWARE_TOKEN_MFA",
            "PASSWORD_VERIFIER",
            "SELECT_CHALLENGE",
        ] {
            assert!(text.contains(value), "{value} missing from\n{text}");
        }
        let text = help("admin-create-user");
        assert!(
            text.contains("  --message-action VALUE\n      one of: RESEND, SUPPRESS\n"),
            "{text}"
        );
        assert!(text.contains("\n      each one of: SMS, EMAIL\n"), "{text}");
        // Options without an enum list nothing.
        assert!(
            text.contains("  --user-pool-id VALUE  (required)\n  --username"),
            "{text}"
        );
    }

    #[test]
    fn every_container_option_mentions_file() {
        for op in OPS {
            let text = raw_help(op);
            for m in op.input {
                if matches!(m.shape, Shape::Map(_) | Shape::List(_) | Shape::Structure(_)) {
                    let line = text
                        .lines()
                        .find(|l| l.starts_with(&format!("  --{} ", m.option)))
                        .unwrap();
                    assert!(line.contains("| file://PATH"), "{line}");
                }
            }
            // The option lines, that is: the first line names the command and may be longer.
            assert!(
                text.lines().filter(|l| l.starts_with(' ')).all(|l| l.len() <= WIDTH),
                "{text}"
            );
        }
    }
}
