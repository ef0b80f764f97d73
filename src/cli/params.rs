//! TEMPORARY STUB (lead): replaced by helper's params.rs.
use super::shape::Shape;
#[derive(Debug)]
pub(crate) struct ParamError(String);
impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
pub(crate) fn member_value(
    _shape: &Shape,
    raw: &[String],
) -> Result<serde_json::Value, ParamError> {
    Ok(serde_json::Value::String(raw.join(" ")))
}
