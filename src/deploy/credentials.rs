//! Where `deploy`'s key comes from: the environment variables every S3 tool
//! reads (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`),
//! else the profile `AWS_PROFILE` (or `default`) of the shared credentials
//! file (`AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`). Never
//! from `site.yaml` (`config::deploy` refuses it), never printed: `Debug`
//! shows only where the key came from.

use std::path::PathBuf;

use crate::text::Text;

/// An access key.
#[derive(Clone)]
pub struct Credentials {
    /// The key id.
    pub key_id: String,
    /// The secret.
    pub secret: String,
    /// A session token, for temporary keys.
    pub token: Option<String>,
    /// Where it was found, for messages (`AWS_ACCESS_KEY_ID`, `profile default`).
    pub source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials(from {}, secret hidden)", self.source)
    }
}

/// Finds the key; `var` reads an environment variable (the process's, or a
/// test's map). The error says where to put one.
pub fn find(var: &dyn Fn(&str) -> Option<String>) -> Result<Credentials, Text> {
    let get = |k: &str| var(k).filter(|v| !v.trim().is_empty());
    match (get("AWS_ACCESS_KEY_ID"), get("AWS_SECRET_ACCESS_KEY")) {
        (Some(key_id), Some(secret)) => {
            return Ok(Credentials {
                key_id,
                secret,
                token: get("AWS_SESSION_TOKEN"),
                source: "AWS_ACCESS_KEY_ID".into(),
            })
        }
        (Some(_), None) | (None, Some(_)) => {
            return Err(Text::new(
                "ตั้งตัวแปร AWS_ACCESS_KEY_ID และ AWS_SECRET_ACCESS_KEY ไว้เพียงตัวเดียว ต้องตั้งทั้งสองตัว",
                "only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set: set both",
            ))
        }
        (None, None) => {}
    }
    let profile = get("AWS_PROFILE").unwrap_or_else(|| "default".into());
    let file = get("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| get("HOME").map(|h| PathBuf::from(h).join(".aws").join("credentials")));
    let text = file.as_ref().and_then(|f| std::fs::read_to_string(f).ok());
    if let Some(c) = text.as_deref().and_then(|t| from_profile(t, &profile)) {
        return Ok(c);
    }
    let shown = file.map(|f| f.display().to_string()).unwrap_or_else(|| "~/.aws/credentials".into());
    Err(Text::new(
        format!(
            "ไม่พบกุญแจสำหรับอัปโหลด: ตั้งตัวแปร AWS_ACCESS_KEY_ID และ AWS_SECRET_ACCESS_KEY หรือใส่โปรไฟล์ [{profile}] ใน {shown}"
        ),
        format!(
            "no access key: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or put a [{profile}] profile in {shown}"
        ),
    ))
}

/// The key of `[profile]` in a shared credentials file (INI: `key = value`
/// lines under `[name]` headers; `#` and `;` start comments).
fn from_profile(text: &str, profile: &str) -> Option<Credentials> {
    let mut inside = false;
    let (mut key_id, mut secret, mut token) = (None, None, None);
    for line in text.lines().map(str::trim) {
        if line.starts_with('#') || line.starts_with(';') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let name = name.trim();
            inside = name == profile || name.strip_prefix("profile ").is_some_and(|n| n.trim() == profile);
            continue;
        }
        let Some((k, v)) = line.split_once('=') else { continue };
        if !inside {
            continue;
        }
        let v = Some(v.trim().to_string()).filter(|v| !v.is_empty());
        match k.trim().to_ascii_lowercase().as_str() {
            "aws_access_key_id" => key_id = v,
            "aws_secret_access_key" => secret = v,
            "aws_session_token" => token = v,
            _ => {}
        }
    }
    Some(Credentials { key_id: key_id?, secret: secret?, token, source: format!("profile {profile}") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn variables_first_and_never_shown() {
        let c = find(&env(&[("AWS_ACCESS_KEY_ID", "GK1"), ("AWS_SECRET_ACCESS_KEY", "s3cr3t")])).unwrap();
        assert_eq!((c.key_id.as_str(), c.secret.as_str()), ("GK1", "s3cr3t"));
        assert!(!format!("{c:?}").contains("s3cr3t"));
        let half = find(&env(&[("AWS_ACCESS_KEY_ID", "GK1"), ("HOME", "/nonexistent")])).unwrap_err();
        assert!(half.en.contains("set both"), "{half}");
    }

    #[test]
    fn a_profile_of_the_shared_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("credentials");
        std::fs::write(
            &file,
            "[default]\naws_access_key_id = A\naws_secret_access_key = B\n\n# district\n[district]\naws_access_key_id=GK2\naws_secret_access_key = s2\n",
        )
        .unwrap();
        let f = file.to_str().unwrap();
        let c = find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", f), ("AWS_PROFILE", "district")])).unwrap();
        assert_eq!(
            (c.key_id.as_str(), c.secret.as_str(), c.source.as_str()),
            ("GK2", "s2", "profile district")
        );
        assert_eq!(find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", f)])).unwrap().key_id, "A");
        let none = find(&env(&[("AWS_SHARED_CREDENTIALS_FILE", f), ("AWS_PROFILE", "x")])).unwrap_err();
        assert!(none.en.contains("[x]") && none.th.contains("AWS_ACCESS_KEY_ID"), "{none}");
    }
}
