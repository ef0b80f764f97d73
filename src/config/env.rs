//! `Env`: the process environment, captured once, so that every resolution step is a pure
//! function of it and can be tested with a made-up environment.

use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Default, Clone)]
pub(crate) struct Env {
    // A BTreeMap, not a HashMap: a few dozen variables, each looked up a few times; SipHash over
    // every name cost more than the comparisons (measured on a whole run's instructions).
    vars: BTreeMap<String, String>,
}

impl Env {
    pub(crate) fn from_process() -> Self {
        // Variables that are not valid UTF-8 cannot be a region, a path we print or a key: skip them.
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .collect();
        Env { vars }
    }

    #[cfg(test)]
    pub(crate) fn from_pairs(pairs: &[(&str, &str)]) -> Self {
        let vars = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Env { vars }
    }

    /// The value of `name`, treating an empty variable as unset (as the AWS CLI does).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// A boolean variable: `true` (any case) is true, anything else false.
    pub(crate) fn flag(&self, name: &str) -> bool {
        self.get(name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    pub(crate) fn home(&self) -> Option<PathBuf> {
        self.get("HOME").or_else(|| self.get("USERPROFILE")).map(PathBuf::from)
    }
}
