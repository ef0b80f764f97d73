//! Help texts: the command list, and per raw command the option table generated from the API
//! model. `login`, `refresh`, `exec` and `user` render theirs from their option tables
//! (`options.rs`), next to their parsers.

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
  credentials               which AWS credential provider signs requests here (never the keys)

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
