//! The `deploy:` block of `content/site.yaml` as written: where `krufolio
//! deploy` publishes the built site (an S3-compatible bucket). Plain data;
//! the `deploy` stage checks that a bucket is named and connects.
//!
//! Credentials are never configuration: a key written here is refused
//! ([`secret_key_in`]) with a message that names the line, never the value.

use serde::Deserialize;

/// The `deploy:` block as written (and the command line's overrides, which
/// have the same fields).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployConfig {
    /// Bucket name.
    #[serde(default)]
    pub bucket: Option<String>,
    /// S3 endpoint, e.g. `http://127.0.0.1:3900` for Garage (AWS S3 when unset).
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Region (Garage's default is `garage`; `us-east-1` when unset).
    #[serde(default)]
    pub region: Option<String>,
    /// Folder inside the bucket the site goes to (the bucket's root when unset).
    #[serde(default)]
    pub prefix: Option<String>,
    /// Never read: present only so that a key written here gets its own
    /// message instead of "unknown key" (see [`SECRET_KEYS`]).
    #[serde(default, rename = "access_key_id")]
    pub access_key_id: Option<serde::de::IgnoredAny>,
    /// As `access_key_id`.
    #[serde(default, rename = "secret_access_key")]
    pub secret_access_key: Option<serde::de::IgnoredAny>,
    /// As `access_key_id`.
    #[serde(default, rename = "aws_access_key_id")]
    pub aws_access_key_id: Option<serde::de::IgnoredAny>,
    /// As `access_key_id`.
    #[serde(default, rename = "aws_secret_access_key")]
    pub aws_secret_access_key: Option<serde::de::IgnoredAny>,
    /// As `access_key_id`.
    #[serde(default, rename = "session_token")]
    pub session_token: Option<serde::de::IgnoredAny>,
}

/// The keys of the `deploy:` block that would hold a credential.
pub const SECRET_KEYS: [&str; 5] =
    ["access_key_id", "secret_access_key", "aws_access_key_id", "aws_secret_access_key", "session_token"];

impl DeployConfig {
    /// The first credential key written in the block, if any.
    pub fn secret_key(&self) -> Option<&'static str> {
        let present = [
            self.access_key_id.is_some(),
            self.secret_access_key.is_some(),
            self.aws_access_key_id.is_some(),
            self.aws_secret_access_key.is_some(),
            self.session_token.is_some(),
        ];
        SECRET_KEYS.iter().zip(present).find(|(_, p)| *p).map(|(k, _)| *k)
    }

    /// `self`, with each field `over` sets taken from `over` (the command line).
    pub fn overridden_by(&self, over: &DeployConfig) -> DeployConfig {
        let pick = |a: &Option<String>, b: &Option<String>| b.clone().or_else(|| a.clone());
        DeployConfig {
            bucket: pick(&self.bucket, &over.bucket),
            endpoint: pick(&self.endpoint, &over.endpoint),
            region: pick(&self.region, &over.region),
            prefix: pick(&self.prefix, &over.prefix),
            ..DeployConfig::default()
        }
    }
}

/// The credential key `site.yaml`'s `deploy:` block holds, and its line.
pub fn secret_key_in(deploy: &DeployConfig, text: &str) -> Option<(&'static str, Option<usize>)> {
    let key = deploy.secret_key()?;
    Some((key, crate::yaml::line_of_key(text, &["deploy", key])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_in_the_block_is_found_with_its_line() {
        let text = "title: x\ndeploy:\n  bucket: pa\n  secret_access_key: abc\n";
        #[derive(Deserialize)]
        struct F {
            #[allow(dead_code)]
            title: String,
            deploy: DeployConfig,
        }
        let f: F = crate::yaml::from_str(text).unwrap();
        assert_eq!(secret_key_in(&f.deploy, text), Some(("secret_access_key", Some(4))));
        assert_eq!(f.deploy.bucket.as_deref(), Some("pa"));
    }

    #[test]
    fn the_command_line_overrides_field_by_field() {
        let file =
            DeployConfig { bucket: Some("a".into()), region: Some("garage".into()), ..Default::default() };
        let cli = DeployConfig { bucket: Some("b".into()), ..Default::default() };
        let both = file.overridden_by(&cli);
        assert_eq!(both.bucket.as_deref(), Some("b"));
        assert_eq!(both.region.as_deref(), Some("garage"));
    }
}
