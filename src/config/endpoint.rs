//! The cognito-idp endpoint: a custom URL checked for shape, or the partition-aware default
//! built as the API's endpoint rules (`cognito-idp-2016-04-18.endpoint-rules.json`) build it.

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

/// The default endpoint for `region`, with the FIPS and dual-stack variants of the rules.
pub(crate) fn default_endpoint(region: &str, fips: bool, dualstack: bool) -> Result<String, String> {
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
                format!("https://cognito-idp-fips.{region}.amazonaws.com/")
            } else {
                format!("https://cognito-idp-fips.{region}.{ds}/")
            }
        }
        (true, false) => {
            if !p.supports_fips {
                return Err(format!("FIPS endpoints are not available in partition {}", p.name));
            }
            format!("https://cognito-idp-fips.{region}.{}/", p.dns_suffix)
        }
        (false, true) => match p.dual_stack_dns_suffix {
            // The `aws` partition serves dual-stack on the ordinary host name.
            Some(_) if p.name == "aws" => format!("https://cognito-idp.{region}.amazonaws.com/"),
            Some(ds) => format!("https://cognito-idp.{region}.{ds}/"),
            None => {
                return Err(format!(
                    "dual-stack endpoints are not available in partition {}",
                    p.name
                ))
            }
        },
        (false, false) => format!("https://cognito-idp.{region}.{}/", p.dns_suffix),
    };
    Ok(url)
}

/// Checks a user-given endpoint URL and normalises it to end with `/`.
pub(crate) fn check_custom(url: &str) -> Result<String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| Error::config(format!("invalid endpoint URL {url:?}: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::config(format!(
            "invalid endpoint URL {url:?}: expected http:// or https:// and a host"
        )));
    }
    Ok(parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn custom_endpoints_are_checked_and_normalised() {
        assert_eq!(check_custom("http://127.0.0.1:5000").unwrap(), "http://127.0.0.1:5000/");
        assert_eq!(
            check_custom("https://proxy.example.com/cognito/").unwrap(),
            "https://proxy.example.com/cognito/"
        );
        for bad in ["127.0.0.1:5000", "ftp://x", "not a url", "http://"] {
            assert_eq!(check_custom(bad).err().unwrap().exit_code(), 253, "{bad}");
        }
    }

    #[test]
    fn regions_must_be_host_labels() {
        assert!(is_valid_region("us-east-1"));
        assert!(!is_valid_region("us-east-1.evil.com"));
        assert!(!is_valid_region("US-EAST-1"));
        assert!(!is_valid_region(""));
    }
}
