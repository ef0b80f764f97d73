//! The remembered device of `--device-file`: the keys and password that ConfirmDevice
//! registered, kept in a JSON file with mode 0600, and used on later sign-ins and refreshes
//! (DEVICE_KEY, and the device's own SRP proof for DEVICE_PASSWORD_VERIFIER).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::api::model::AuthenticationResult;
use crate::auth::srp;
use crate::error::{Error, Result};
use crate::private_file;
use crate::secret::Secret;
use crate::transport::Client;

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Device {
    pub(crate) device_key: String,
    pub(crate) device_group_key: String,
    pub(crate) device_password: Secret,
}

impl Device {
    /// The device in `path`, or `None` when the file does not exist yet (the first sign-in
    /// creates it).
    pub(crate) fn load(path: &Path) -> Result<Option<Device>> {
        // Its password signs the user in with the device: a file that is not private (a link,
        // a FIFO, another user's, or one others may write or read) is refused, never waited on.
        let bytes = match private_file::read_private(path, 1 << 20) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(None),
            Err(why) => {
                return Err(Error::config(format!(
                    "refusing the device file {}: it {why} (cogtok writes it itself, mode 0600; \
                     remove it to remember the device afresh)",
                    crate::quote::path(path)
                )))
            }
        };
        serde_json::from_slice(&bytes).map(Some).map_err(|e| {
            Error::config(format!(
                "the device file {} is not a cogtok device file: {}",
                crate::quote::path(path),
                crate::diagnostics::json_problem(&e)
            ))
        })
    }

    pub(crate) fn save(&self, path: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::encode(&e))?;
        private_file::write(path, &(text + "\n"))
    }
}

/// After a sign-in whose result carries NewDeviceMetadata: keep a fresh device password in
/// `path`, then ConfirmDevice with its verifier, and mark the device remembered when the pool
/// lets users choose. The file is written first, so that the service never remembers a device
/// whose password is lost. A failure here does not cost the tokens: it is a warning, and the
/// device is simply not remembered (hence no `Result`: nothing here may lose the tokens).
pub(crate) async fn remember(client: &Client<'_>, tokens: &AuthenticationResult, path: &Path) -> Option<Device> {
    let not_remembered = |e: &dyn std::fmt::Display| {
        crate::diagnostics::warn(&format!("the device is not remembered: {e}"));
        None
    };
    let meta = tokens.new_device_metadata.as_ref()?;
    let secrets = match srp::device_verifier(&meta.device_group_key, &meta.device_key) {
        Ok(secrets) => secrets,
        Err(e) => return not_remembered(&format!("SRP: {e}")),
    };
    let device = Device {
        device_key: meta.device_key.clone(),
        device_group_key: meta.device_group_key.clone(),
        device_password: secrets.device_password,
    };
    if let Err(e) = device.save(path) {
        return not_remembered(&e);
    }
    let access_token = tokens.access_token.expose();
    let confirm = serde_json::json!({
        "AccessToken": access_token,
        "DeviceKey": device.device_key,
        "DeviceSecretVerifierConfig": {"PasswordVerifier": secrets.password_verifier, "Salt": secrets.salt},
        "DeviceName": "cogtok",
    });
    let confirmed = async {
        let answer = client
            .call_json_async::<serde_json::Value>("ConfirmDevice", &confirm)
            .await?;
        if answer.get("UserConfirmationNecessary").and_then(|v| v.as_bool()) == Some(true) {
            // The pool lets users choose which devices to remember: a device file is that choice.
            let remembered = serde_json::json!({
                "AccessToken": access_token,
                "DeviceKey": device.device_key,
                "DeviceRememberedStatus": "remembered",
            });
            client
                .call_json_async::<serde_json::Value>("UpdateDeviceStatus", &remembered)
                .await?;
        }
        Ok::<(), crate::error::Error>(())
    }
    .await;
    if let Err(e) = confirmed {
        let _ = std::fs::remove_file(path);
        return not_remembered(&e);
    }
    Some(device)
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Device")
            .field("device_key", &self.device_key)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reports_bad_files_without_their_content() {
        let dir = std::env::temp_dir().join(format!("cogtok-device-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("device.json");
        assert!(Device::load(&path).unwrap().is_none());
        let device = Device {
            device_key: "us-east-1_0b1c2d3e-aaaa".into(),
            device_group_key: "-abcDEF".into(),
            device_password: Secret::new("pw-secret"),
        };
        device.save(&path).unwrap();
        let back = Device::load(&path).unwrap().unwrap();
        assert_eq!(
            (back.device_key.as_str(), back.device_group_key.as_str()),
            ("us-east-1_0b1c2d3e-aaaa", "-abcDEF")
        );
        assert_eq!(back.device_password.expose(), "pw-secret");
        assert!(!format!("{back:?}").contains("pw-secret"));
        std::fs::write(&path, "{\"DeviceKey\": \"k\", \"secret-ish\": \"pw-secret\"").unwrap();
        let e = Device::load(&path).err().unwrap();
        assert_eq!(e.exit_code(), 253);
        assert!(!e.to_string().contains("pw-secret"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
