//! The endpoints: a custom URL checked for shape and safety (plain http only to loopback unless
//! opted in, no userinfo), or the partition-aware default built as the APIs' endpoint rules
//! build it (`cognito-idp-2016-04-18.endpoint-rules.json`, and the same rules, host for host,
//! in `cognito-identity-2014-06-30.endpoint-rules.json`; STS's own). Messages show an endpoint
//! only as `shown` makes it: without userinfo, query or fragment.

use crate::error::{Error, Result};

/// One AWS partition: which regions it holds and its DNS suffixes.
struct Partition {
    name: &'static str,
    region_prefixes: &'static [&'static str],
    dns_suffix: &'static str,
    dual_stack_dns_suffix: Option<&'static str>,
    supports_fips: bool,
}

/// The partitions of the AWS endpoint rules. A region that matches no prefix belongs to `aws`.
const PARTITIONS: &[Partition] = &[
    Partition {
        name: "aws-cn",
        region_prefixes: &["cn-"],
        dns_suffix: "amazonaws.com.cn",
        dual_stack_dns_suffix: Some("api.amazonwebservices.com.cn"),
        supports_fips: true,
    },
    Partition {
        name: "aws-us-gov",
        region_prefixes: &["us-gov-"],
        dns_suffix: "amazonaws.com",
        dual_stack_dns_suffix: Some("api.aws"),
        supports_fips: true,
    },
    Partition {
        name: "aws-iso",
        region_prefixes: &["us-iso-"],
        dns_suffix: "c2s.ic.gov",
        dual_stack_dns_suffix: None,
        supports_fips: true,
    },
    Partition {
        name: "aws-iso-b",
        region_prefixes: &["us-isob-"],
        dns_suffix: "sc2s.sgov.gov",
        dual_stack_dns_suffix: None,
        supports_fips: true,
    },
    Partition {
        name: "aws-iso-e",
        region_prefixes: &["eu-isoe-"],
        dns_suffix: "cloud.adc-e.uk",
        dual_stack_dns_suffix: None,
        supports_fips: true,
    },
    Partition {
        name: "aws-iso-f",
        region_prefixes: &["us-isof-"],
        dns_suffix: "csp.hci.ic.gov",
        dual_stack_dns_suffix: None,
        supports_fips: true,
    },
    Partition {
        name: "aws-eusc",
        region_prefixes: &["eusc-"],
        dns_suffix: "amazonaws.eu",
        dual_stack_dns_suffix: None,
        supports_fips: true,
    },
];

const AWS: Partition = Partition {
    name: "aws",
    region_prefixes: &[],
    dns_suffix: "amazonaws.com",
    dual_stack_dns_suffix: Some("api.aws"),
    supports_fips: true,
};

fn partition_of(region: &str) -> &'static Partition {
    PARTITIONS
        .iter()
        .find(|p| p.region_prefixes.iter().any(|prefix| region.starts_with(prefix)))
        .unwrap_or(&AWS)
}

/// A region must be a valid DNS label so it can go into a host name.
pub(crate) fn is_valid_region(region: &str) -> bool {
    !region.is_empty()
        && region.len() <= 63
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !region.starts_with('-')
        && !region.ends_with('-')
}

/// The DNS suffix of `region`'s partition (`amazonaws.com`, `amazonaws.com.cn`, …): what
/// service host names and the user pools' token issuers end with.
pub(crate) fn dns_suffix(region: &str) -> &'static str {
    partition_of(region).dns_suffix
}

/// The default cognito-idp endpoint for `region`, with the FIPS and dual-stack variants of the
/// rules.
pub(crate) fn default_endpoint(region: &str, fips: bool, dualstack: bool) -> Result<String, String> {
    service_endpoint("cognito-idp", region, fips, dualstack)
}

/// The default cognito-identity endpoint for `region`: its rules are cognito-idp's with the
/// other host name (`cognito-identity.{Region}.{dnsSuffix}`, `cognito-identity-fips.…`).
pub(crate) fn cognito_identity_default_endpoint(region: &str, fips: bool, dualstack: bool) -> Result<String, String> {
    service_endpoint("cognito-identity", region, fips, dualstack)
}

/// The rules both Cognito APIs share, for the host name `service`.
fn service_endpoint(service: &str, region: &str, fips: bool, dualstack: bool) -> Result<String, String> {
    let p = partition_of(region);
    let url = match (fips, dualstack) {
        (true, true) => {
            let Some(ds) = p.dual_stack_dns_suffix.filter(|_| p.supports_fips) else {
                return Err(format!(
                    "FIPS and dual-stack endpoints are not both available in partition {}",
                    p.name
                ));
            };
            // The rules pin four US regions to the plain FIPS host even with dual-stack.
            if p.name == "aws" && ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].contains(&region) {
                format!("https://{service}-fips.{region}.amazonaws.com/")
            } else {
                format!("https://{service}-fips.{region}.{ds}/")
            }
        }
        (true, false) => {
            if !p.supports_fips {
                return Err(format!("FIPS endpoints are not available in partition {}", p.name));
            }
            format!("https://{service}-fips.{region}.{}/", p.dns_suffix)
        }
        (false, true) => match p.dual_stack_dns_suffix {
            // The `aws` partition serves dual-stack on the ordinary host name.
            Some(_) if p.name == "aws" => format!("https://{service}.{region}.amazonaws.com/"),
            Some(ds) => format!("https://{service}.{region}.{ds}/"),
            None => {
                return Err(format!(
                    "dual-stack endpoints are not available in partition {}",
                    p.name
                ))
            }
        },
        (false, false) => format!("https://{service}.{region}.{}/", p.dns_suffix),
    };
    Ok(url)
}

/// The default STS endpoint for `region`, as `sts-2011-06-15.endpoint-rules.json` builds it with
/// `UseGlobalEndpoint` false (aws-config's only mode; botocore's `sts_regional_endpoints =
/// legacy` is not followed): regional hosts, `aws-global` on the global host, and FIPS hosts
/// except in aws-us-gov, whose ordinary hosts are FIPS already.
pub(crate) fn sts_default_endpoint(region: &str, fips: bool, dualstack: bool) -> Result<String, String> {
    let p = partition_of(region);
    let url = match (fips, dualstack) {
        (true, true) => match p.dual_stack_dns_suffix.filter(|_| p.supports_fips) {
            Some(ds) => format!("https://sts-fips.{region}.{ds}/"),
            None => {
                return Err(format!(
                    "FIPS and dual-stack STS endpoints are not both available in partition {}",
                    p.name
                ))
            }
        },
        (true, false) if !p.supports_fips => {
            return Err(format!("FIPS STS endpoints are not available in partition {}", p.name))
        }
        (true, false) if p.name == "aws-us-gov" => format!("https://sts.{region}.amazonaws.com/"),
        (true, false) => format!("https://sts-fips.{region}.{}/", p.dns_suffix),
        (false, true) => match p.dual_stack_dns_suffix {
            Some(ds) => format!("https://sts.{region}.{ds}/"),
            None => {
                return Err(format!(
                    "dual-stack STS endpoints are not available in partition {}",
                    p.name
                ))
            }
        },
        (false, false) if region == "aws-global" => "https://sts.amazonaws.com/".to_string(),
        (false, false) => format!("https://sts.{region}.{}/", p.dns_suffix),
    };
    Ok(url)
}

/// Where a custom endpoint came from. It names the setting in messages and decides the exit
/// code of a bad value: 252 (usage) for the command line, 253 (configuration) for the
/// environment, as the AWS CLI v2 scheme splits them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Flag,
    /// The environment variable that held it.
    Env(&'static str),
    /// The shared config file: the profile's `endpoint_url` or its `[services]` section.
    Profile,
}

impl Source {
    fn name(self) -> &'static str {
        match self {
            Source::Flag => "--endpoint-url",
            Source::Env(var) => var,
            Source::Profile => "endpoint_url in the config file",
        }
    }

    fn error(self, message: String) -> Error {
        match self {
            Source::Flag => Error::usage(message),
            Source::Env(_) | Source::Profile => Error::config(message),
        }
    }
}

/// A checked custom endpoint.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Custom {
    /// The URL normalised to end with `/`, without userinfo (refused).
    pub(crate) url: String,
    /// The URL as messages show it (`shown`).
    pub(crate) shown: String,
    /// Plain http to a host that is not loopback, let through by the opt-in: the caller warns.
    pub(crate) in_clear: bool,
}

/// Checks a user-given endpoint URL and normalises it to end with `/`.
///
/// Plain `http://` is refused unless the host is loopback (`is_loopback`) or `allow_plain_http`
/// (the opt-in) is set: over http, passwords, tokens and SigV4 headers would cross the network
/// unencrypted. Userinfo is refused, never stripped: AWS endpoints take none, and a user who put
/// a password there meant it to be used; the messages never show it (`shown`).
pub(crate) fn check_custom(url: &str, source: Source, allow_plain_http: bool) -> Result<Custom> {
    let name = source.name();
    let shown_raw = crate::quote::quoted(&shown_text(url));
    let parsed = match reqwest::Url::parse(url) {
        Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.has_host() => parsed,
        // Without `://` the scheme is missing, whatever the parser made of it: `127.0.0.1:5000`
        // is a relative URL to it, and `localhost:5000` one of the scheme `localhost`.
        _ if !url.contains("://") => {
            return Err(source.error(format!(
                "invalid endpoint URL {shown_raw} ({name}): no scheme; add http:// or https:// in front"
            )))
        }
        Err(e) => return Err(source.error(format!("invalid endpoint URL {shown_raw} ({name}): {e}"))),
        Ok(_) => {
            return Err(source.error(format!(
                "invalid endpoint URL {shown_raw} ({name}): expected http:// or https:// and a host"
            )))
        }
    };
    let shown = shown(&parsed);
    let quoted = crate::quote::quoted(&shown);
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(source.error(format!(
            "endpoint URL {quoted} ({name}) holds a user name or password (not shown): AWS endpoints take none; remove it"
        )));
    }
    let host = parsed.host_str().unwrap_or_default();
    let in_clear = parsed.scheme() == "http" && !is_loopback(host);
    if in_clear && !allow_plain_http {
        return Err(source.error(format!(
            "refusing the plain-http endpoint {quoted} ({name}): {} is not loopback, so passwords, tokens and \
             request signatures would cross the network unencrypted; use https://, or on a test network pass \
             --allow-plain-http (or set COGTOK_ALLOW_PLAIN_HTTP=1)",
            crate::quote::shortened(host)
        )));
    }
    Ok(Custom {
        url: parsed.to_string(),
        shown,
        in_clear,
    })
}

/// Whether an endpoint's host (as `Url::host_str` gives it: IPv4 normalised to dotted decimal,
/// IPv6 in brackets, names in lower case) is loopback. The rule is the W3C Secure Contexts one
/// for a "potentially trustworthy" host: 127.0.0.0/8, `::1`, and the name `localhost`. Not
/// `::ffff:127.0.0.1` (outside `::1/128`), and not the names under `.localhost`: RFC 6761 asks
/// resolvers to keep them on loopback and Secure Contexts trusts them only where the client
/// itself does so, but cogtok asks the system resolver, which knows `localhost` from
/// `/etc/hosts` and may send `x.localhost` to DNS, where any address can come back.
pub(crate) fn is_loopback(host: &str) -> bool {
    if let Some(v6) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return v6.parse::<std::net::Ipv6Addr>().is_ok_and(|a| a.is_loopback());
    }
    if let Ok(v4) = host.parse::<std::net::Ipv4Addr>() {
        return v4.is_loopback();
    }
    let name = host.strip_suffix('.').unwrap_or(host);
    name.eq_ignore_ascii_case("localhost")
}

/// The endpoint as messages and traces show it: `scheme://host[:port]/path`. Never the
/// userinfo, the query or the fragment, which may carry secrets.
pub(crate) fn shown(url: &reqwest::Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{}://{host}:{port}{}", url.scheme(), url.path()),
        None => format!("{}://{host}{}", url.scheme(), url.path()),
    }
}

/// `shown` for text that may not parse as a URL. Then, cautiously, everything up to the last
/// `@` goes (a password may hold `/`, `?` or `#`, which end the authority for the parser), and
/// so does everything from a `?` or `#` on; a `scheme://` in front stays if it is one.
fn shown_text(text: &str) -> String {
    if let Ok(url) = reqwest::Url::parse(text) {
        if url.has_host() {
            return shown(&url);
        }
    }
    let text = text.trim();
    let is_scheme = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let scheme = match text.find("://") {
        Some(i) if is_scheme(&text[..i]) => &text[..i + 3],
        _ => "",
    };
    let rest = &text[scheme.len()..];
    let rest = rest.rsplit_once('@').map_or(rest, |(_, after)| after);
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    format!("{scheme}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected hosts read off sts-2011-06-15.endpoint-rules.json with UseGlobalEndpoint false.
    #[test]
    fn sts_endpoints_follow_the_sts_rules() {
        let cases = [
            ("us-east-1", false, false, "https://sts.us-east-1.amazonaws.com/"),
            ("eu-west-1", true, false, "https://sts-fips.eu-west-1.amazonaws.com/"),
            ("aws-global", false, false, "https://sts.amazonaws.com/"),
            ("cn-north-1", false, false, "https://sts.cn-north-1.amazonaws.com.cn/"),
            (
                "cn-north-1",
                false,
                true,
                "https://sts.cn-north-1.api.amazonwebservices.com.cn/",
            ),
            ("us-gov-west-1", true, false, "https://sts.us-gov-west-1.amazonaws.com/"),
            ("us-gov-west-1", true, true, "https://sts-fips.us-gov-west-1.api.aws/"),
            ("us-east-2", false, true, "https://sts.us-east-2.api.aws/"),
            ("us-iso-east-1", false, false, "https://sts.us-iso-east-1.c2s.ic.gov/"),
        ];
        for (region, fips, dualstack, url) in cases {
            assert_eq!(
                sts_default_endpoint(region, fips, dualstack).as_deref(),
                Ok(url),
                "{region} fips={fips} dualstack={dualstack}"
            );
        }
        assert!(sts_default_endpoint("us-iso-east-1", false, true).is_err());
    }

    #[test]
    fn default_endpoints_follow_the_partitions() {
        let cases = [
            (
                "us-east-1",
                false,
                false,
                "https://cognito-idp.us-east-1.amazonaws.com/",
            ),
            (
                "ap-northeast-1",
                false,
                false,
                "https://cognito-idp.ap-northeast-1.amazonaws.com/",
            ),
            (
                "cn-north-1",
                false,
                false,
                "https://cognito-idp.cn-north-1.amazonaws.com.cn/",
            ),
            (
                "us-gov-west-1",
                false,
                false,
                "https://cognito-idp.us-gov-west-1.amazonaws.com/",
            ),
            (
                "us-iso-east-1",
                false,
                false,
                "https://cognito-idp.us-iso-east-1.c2s.ic.gov/",
            ),
            (
                "us-isob-east-1",
                false,
                false,
                "https://cognito-idp.us-isob-east-1.sc2s.sgov.gov/",
            ),
            (
                "eu-west-1",
                true,
                false,
                "https://cognito-idp-fips.eu-west-1.amazonaws.com/",
            ),
            (
                "us-east-1",
                true,
                true,
                "https://cognito-idp-fips.us-east-1.amazonaws.com/",
            ),
            ("eu-west-1", true, true, "https://cognito-idp-fips.eu-west-1.api.aws/"),
            ("eu-west-1", false, true, "https://cognito-idp.eu-west-1.amazonaws.com/"),
            (
                "cn-north-1",
                false,
                true,
                "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn/",
            ),
        ];
        for (region, fips, ds, want) in cases {
            assert_eq!(
                default_endpoint(region, fips, ds).unwrap(),
                want,
                "{region} fips={fips} ds={ds}"
            );
        }
        assert!(default_endpoint("us-iso-east-1", false, true).is_err());
    }

    /// Read off cognito-identity-2014-06-30.endpoint-rules.json: the same tree as cognito-idp's.
    #[test]
    fn identity_pool_endpoints_follow_their_rules() {
        let cases = [
            (
                "eu-west-1",
                false,
                false,
                "https://cognito-identity.eu-west-1.amazonaws.com/",
            ),
            (
                "cn-north-1",
                false,
                false,
                "https://cognito-identity.cn-north-1.amazonaws.com.cn/",
            ),
            (
                "us-west-2",
                true,
                true,
                "https://cognito-identity-fips.us-west-2.amazonaws.com/",
            ),
            (
                "ca-central-1",
                true,
                true,
                "https://cognito-identity-fips.ca-central-1.api.aws/",
            ),
            (
                "us-gov-west-1",
                true,
                false,
                "https://cognito-identity-fips.us-gov-west-1.amazonaws.com/",
            ),
            (
                "ap-south-1",
                false,
                true,
                "https://cognito-identity.ap-south-1.amazonaws.com/",
            ),
        ];
        for (region, fips, ds, want) in cases {
            assert_eq!(
                cognito_identity_default_endpoint(region, fips, ds).unwrap(),
                want,
                "{region} fips={fips} ds={ds}"
            );
        }
        assert!(cognito_identity_default_endpoint("us-isob-east-1", false, true).is_err());
        assert_eq!(dns_suffix("cn-northwest-1"), "amazonaws.com.cn");
        assert_eq!(dns_suffix("eu-central-1"), "amazonaws.com");
    }

    fn check(url: &str) -> Result<String> {
        check_custom(url, Source::Flag, false).map(|c| c.url)
    }

    #[test]
    fn custom_endpoints_are_checked_and_normalised() {
        assert_eq!(check("http://127.0.0.1:5000").unwrap(), "http://127.0.0.1:5000/");
        assert_eq!(
            check("https://proxy.example.com/cognito/").unwrap(),
            "https://proxy.example.com/cognito/"
        );
        // From the command line a bad value is a usage error; from the environment, configuration.
        for bad in ["127.0.0.1:5000", "ftp://x", "not a url", "http://", "http://[::1"] {
            assert_eq!(check(bad).err().unwrap().exit_code(), 252, "{bad}");
            let from_env = check_custom(bad, Source::Env("AWS_ENDPOINT_URL"), true);
            assert_eq!(from_env.err().unwrap().exit_code(), 253, "{bad}");
        }
    }

    #[test]
    fn an_endpoint_without_a_scheme_says_to_add_one() {
        for (url, source, code) in [
            ("127.0.0.1:5702", Source::Flag, 252),
            ("localhost:5702", Source::Flag, 252),
            (
                "cognito-idp.eu-west-1.amazonaws.com",
                Source::Env("AWS_ENDPOINT_URL"),
                253,
            ),
        ] {
            let e = check_custom(url, source, false).err().unwrap();
            assert_eq!(e.exit_code(), code, "{url}");
            assert_eq!(
                e.to_string(),
                format!(
                    "invalid endpoint URL {url:?} ({}): no scheme; add http:// or https:// in front",
                    source.name()
                )
            );
        }
    }

    #[test]
    fn loopback_is_127_slash_8_and_ipv6_one_and_the_name_localhost() {
        for host in [
            "127.0.0.1",
            "127.255.255.254",
            "127.1.2.3",
            "[::1]",
            "localhost",
            "LOCALHOST.",
            "localhost.",
        ] {
            assert!(is_loopback(host), "{host}");
        }
        for host in [
            "10.0.0.1",
            "128.0.0.1",
            "0.0.0.0",
            "[::]",
            "[::ffff:127.0.0.1]",
            "[::2]",
            "example.com",
            "x.localhost",
            "localhost.example.com",
            "127.0.0.1.nip.io",
            "localhostx",
        ] {
            assert!(!is_loopback(host), "{host}");
        }
    }

    /// The rule applies to the host as the URL parser normalises it: `127.1`, hex and one big
    /// number are all 127.0.0.1; a name that merely starts with `127.` is a name.
    #[test]
    fn plain_http_is_refused_off_loopback_unless_allowed() {
        for ok in [
            "http://127.0.0.1:5000",
            "http://127.1:5000",
            "http://0x7f.1/",
            "http://2130706433/",
            "http://127.255.255.254/",
            "http://[::1]:5000",
            "http://localhost:5000",
            "http://LOCALHOST.:5000",
            "https://cognito.example.invalid",
            "https://10.0.0.1/",
        ] {
            let c = check_custom(ok, Source::Flag, false).unwrap_or_else(|e| panic!("{ok}: {e}"));
            assert!(!c.in_clear, "{ok}");
        }
        for (bad, host) in [
            ("http://10.0.0.1:5000", "10.0.0.1"),
            ("http://example.com/", "example.com"),
            ("http://cognito.example.invalid:8080", "cognito.example.invalid"),
            ("http://x.localhost/", "x.localhost"),
            ("http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"),
            ("http://127.0.0.1.nip.io/", "127.0.0.1.nip.io"),
        ] {
            let e = check_custom(bad, Source::Flag, false).err().unwrap();
            assert_eq!(e.exit_code(), 252, "{bad}");
            let message = e.to_string();
            assert!(message.starts_with("refusing the plain-http endpoint"), "{message}");
            assert!(message.contains(&format!(": {host} is not loopback")), "{message}");
            assert!(message.contains("--allow-plain-http"), "{message}");
            let e = check_custom(bad, Source::Env("AWS_ENDPOINT_URL"), false).err().unwrap();
            assert_eq!(e.exit_code(), 253, "{bad}");
            let allowed = check_custom(bad, Source::Flag, true).unwrap();
            assert!(allowed.in_clear, "{bad}");
        }
    }

    #[test]
    fn userinfo_is_refused_and_never_shown() {
        for url in [
            "http://alice:hunter2SECRET@127.0.0.1:5000/",
            "https://hunter2SECRET@cognito.example.invalid/",
            "https://alice:hunter2SECRET@cognito.example.invalid/",
            // Not parseable, or not with the password where the user meant it: shown cautiously.
            "https://alice:hunter2SECRET/x@cognito.example.invalid/",
            "https://alice:hunter2SECRET@bad host/",
            "alice:hunter2SECRET@127.0.0.1:5000",
            "alice:hunter2SECRET@h://x",
            "ftp://alice:hunter2SECRET@127.0.0.1/",
            "http://127.0.0.1:5000/?token=hunter2SECRET",
        ] {
            for allow in [false, true] {
                let shown = match check_custom(url, Source::Flag, allow) {
                    Ok(c) => c.shown,
                    Err(e) => e.to_string(),
                };
                assert!(!shown.contains("hunter2SECRET"), "{url}: {shown}");
            }
        }
        let e = check("http://alice:hunter2SECRET@127.0.0.1:5000/").err().unwrap();
        assert_eq!(
            e.to_string(),
            "endpoint URL \"http://127.0.0.1:5000/\" (--endpoint-url) holds a user name or password (not shown): \
             AWS endpoints take none; remove it"
        );
    }

    #[test]
    fn shown_urls_keep_scheme_host_port_and_path_only() {
        let url = reqwest::Url::parse("https://u:p@[::1]:8443/cognito/?q=1#f").unwrap();
        assert_eq!(shown(&url), "https://[::1]:8443/cognito/");
        let url = reqwest::Url::parse("https://Cognito.Example.com").unwrap();
        assert_eq!(shown(&url), "https://cognito.example.com/");
        assert_eq!(shown_text("u:p@127.0.0.1:5702"), "127.0.0.1:5702");
        assert_eq!(shown_text("https://u:p/q?r@h x/y?z"), "https://h x/y");
        assert_eq!(shown_text("u:p@x://y"), "x://y");
    }

    #[test]
    fn regions_must_be_host_labels() {
        assert!(is_valid_region("us-east-1"));
        assert!(!is_valid_region("us-east-1.evil.com"));
        assert!(!is_valid_region("US-EAST-1"));
        assert!(!is_valid_region(""));
    }
}
