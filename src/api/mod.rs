//! The cognito-idp API as cogtok knows it: the shape vocabulary, the operation tables generated
//! from the official model (options, output shapes, which operations are signed), and the lean
//! structs of the operations `login` sends itself, and botocore's checks before sending; and
//! the three cognito-identity (identity pool) operations of `aws-credentials` (`identity`).
//! Everything above it (cli, output, transport, auth) takes its facts about the APIs from here;
//! it imports nothing of cogtok's but `secret`.

pub(crate) mod identity;
pub(crate) mod model;
pub(crate) mod ops;
pub(crate) mod paginate;
pub(crate) mod shape;
pub(crate) mod skeleton;
pub(crate) mod validate;
