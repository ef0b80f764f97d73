//! The `login` flow engine: starts the sign-in and answers each challenge from the options;
//! refreshes; the test users `user ensure` and `mint --ensure` make; an identity pool's AWS
//! credentials for what signed in (`aws-credentials`).

pub(crate) mod challenges;
pub(crate) mod client_credentials;
pub(crate) mod device;
pub(crate) mod engine;
pub(crate) mod identity_pool;
pub(crate) mod options;
pub(crate) mod refresh;
pub(crate) mod secret_hash;
pub(crate) mod secret_sources;
pub(crate) mod srp;
pub(crate) mod totp;
pub(crate) mod user_admin;
