//! The AWS JSON 1.1 services the transport speaks. A `Service` says what differs between them on
//! the wire: the `X-Amz-Target` prefix, SigV4's signing name and the operations the model serves
//! unsigned. Everything else about a call (retries, error answers, redaction, the limiter) is
//! the same for all of them, so it is written once in `Client`.

use crate::api;

pub(crate) struct Service {
    /// `X-Amz-Target: <prefix>.<Operation>`.
    pub(crate) target_prefix: &'static str,
    /// The service of SigV4's credential scope.
    pub(crate) signing_name: &'static str,
    /// The operations the model marks unsigned, sorted.
    unsigned: &'static [&'static str],
}

impl Service {
    /// Whether the model requires `operation` to be SigV4-signed.
    pub(crate) fn is_signed(&self, operation: &str) -> bool {
        self.unsigned.binary_search(&operation).is_err()
    }
}

/// User pools: the raw commands, `login` and every other command's sign-in.
pub(crate) const COGNITO_IDP: Service = Service {
    target_prefix: "AWSCognitoIdentityProviderService",
    signing_name: "cognito-idp",
    unsigned: api::ops::UNSIGNED_OPERATIONS,
};

/// Identity pools: `aws-credentials`.
pub(crate) const COGNITO_IDENTITY: Service = Service {
    target_prefix: api::identity::TARGET_PREFIX,
    signing_name: api::identity::SIGNING_NAME,
    unsigned: api::identity::UNSIGNED_OPERATIONS,
};
