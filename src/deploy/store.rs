//! The bucket, through `object_store`'s S3 client: connecting with the key
//! from [`super::credentials`], reading and writing the manifest, uploading
//! one file (multipart when large) and deleting one object. Every error is
//! a [`Diagnostic`] naming the bucket and the object, in Thai and English.

use std::path::Path as FsPath;
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::{
    Attribute, Attributes, ObjectStore, ObjectStoreExt, PutMultipartOptions, PutOptions, PutPayload,
};

use super::credentials::Credentials;
use super::plan::{Entry, Manifest, MANIFEST};
use crate::config::deploy::DeployConfig;
use crate::diagnostic::Diagnostic;

/// Files from this size up go in parts.
pub const MULTIPART_FROM: u64 = 16 * 1024 * 1024;
/// The size of one part (S3 wants at least 5 MiB but for the last).
const PART: usize = 8 * 1024 * 1024;
/// Parts of one file in flight at once.
const PARTS_AT_ONCE: usize = 4;

/// A bucket and a prefix in it.
#[derive(Clone)]
pub struct Target {
    store: Arc<AmazonS3>,
    /// The bucket's name.
    pub bucket: String,
    /// `""` or `folder/…/` (never starting with `/`).
    pub prefix: String,
}

impl Target {
    /// Connects (no request is made yet). The endpoint must be a web address
    /// without a user name or password in it.
    pub fn connect(cfg: &DeployConfig, key: &Credentials) -> Result<Target, Diagnostic> {
        let Some(bucket) = cfg.bucket.clone().filter(|b| !b.trim().is_empty()) else {
            return Err(config_error("ไม่ได้ระบุถังเก็บข้อมูล (bucket)", "no bucket given"));
        };
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(&bucket)
            .with_region(cfg.region.clone().unwrap_or_else(|| "us-east-1".into()))
            .with_access_key_id(&key.key_id)
            .with_secret_access_key(&key.secret)
            .with_retry(object_store::RetryConfig {
                max_retries: 3,
                retry_timeout: Duration::from_secs(30),
                ..Default::default()
            });
        if let Some(t) = &key.token {
            b = b.with_token(t);
        }
        if let Some(endpoint) = &cfg.endpoint {
            check_endpoint(endpoint)?;
            b = b
                .with_endpoint(endpoint.trim_end_matches('/'))
                .with_allow_http(endpoint.starts_with("http://"));
        }
        let store = b.build().map_err(|e| {
            config_error("ตั้งค่าการเชื่อมต่อถังเก็บข้อมูลไม่ได้", &format!("cannot set up the bucket connection: {e}"))
        })?;
        Ok(Target {
            store: Arc::new(store),
            bucket,
            prefix: normal_prefix(cfg.prefix.as_deref().unwrap_or("")),
        })
    }

    /// `s3://bucket/prefix…path`, as messages show an object.
    pub fn shown(&self, path: &str) -> String {
        format!("s3://{}/{}{}", self.bucket, self.prefix, path)
    }

    fn key(&self, path: &str) -> Result<Path, Diagnostic> {
        Path::parse(format!("{}{}", self.prefix, path)).map_err(|e| {
            self.error(path, "ชื่อไฟล์นี้ใช้เป็นชื่อออบเจกต์ไม่ได้", &format!("this name cannot be an object key: {e}"))
        })
    }

    /// A failure about the object at `path`: what krufolio was doing, in
    /// Thai, and in English with the client's reason.
    fn error(&self, path: &str, th: &str, en: &str) -> Diagnostic {
        Diagnostic::new(
            self.shown(path),
            None,
            format!("{th} (ถัง {})", self.bucket),
            format!("{en} (bucket {})", self.bucket),
        )
    }

    /// The previous manifest; an empty one when there is none yet.
    pub async fn manifest(&self) -> Result<Manifest, Diagnostic> {
        let key = self.key(MANIFEST)?;
        let bytes = match self.store.get(&key).await {
            Ok(r) => r.bytes().await,
            Err(object_store::Error::NotFound { .. }) => return Ok(Manifest::default()),
            Err(e) => Err(e),
        }
        .map_err(|e| {
            self.error(
                MANIFEST,
                "อ่านรายการไฟล์ที่อัปโหลดครั้งก่อนไม่ได้",
                &format!("cannot read the previous deploy's manifest: {e}"),
            )
        })?;
        serde_json::from_slice(&bytes).map_err(|e| {
            self.error(
                MANIFEST,
                "รายการไฟล์ที่อัปโหลดครั้งก่อนเสีย จึงไม่อัปโหลดและไม่ลบอะไร",
                &format!("the previous deploy's manifest is broken, so nothing was uploaded or deleted: {e}"),
            )
            .with_hint(
                "ถ้าแน่ใจ ให้ลบออบเจกต์นี้ (ไฟล์ที่ krufolio อัปโหลดไว้จะไม่ถูกลบอัตโนมัติอีก)",
                "if you are sure, delete this object (krufolio then no longer deletes what it uploaded before)",
            )
        })
    }

    /// Writes the manifest (pages-short caching: it changes every deploy).
    pub async fn put_manifest(&self, m: &Manifest) -> Result<(), Diagnostic> {
        let bytes = serde_json::to_vec_pretty(m).expect("a manifest serialises");
        let opts = put_options("application/json", "no-cache");
        self.store.put_opts(&self.key(MANIFEST)?, PutPayload::from(bytes), opts).await.map(|_| ()).map_err(
            |e| {
                self.error(
                    MANIFEST,
                    "เขียนรายการไฟล์ที่อัปโหลดไม่ได้",
                    &format!("cannot write the deploy manifest: {e}"),
                )
            },
        )
    }

    /// Uploads one file with its headers; `sent` is told each chunk's size.
    pub async fn upload(
        &self,
        path: &str,
        file: &FsPath,
        entry: &Entry,
        sent: &(dyn Fn(u64) + Sync),
    ) -> Result<(), Diagnostic> {
        let key = self.key(path)?;
        let fail =
            |e: &dyn std::fmt::Display| self.error(path, "อัปโหลดไฟล์ไม่สำเร็จ", &format!("upload failed: {e}"));
        if entry.size < MULTIPART_FROM {
            let bytes = tokio::fs::read(file).await.map_err(|e| read_error(file, &e))?;
            let len = bytes.len() as u64;
            let opts = put_options(&entry.content_type, &entry.cache_control);
            self.store.put_opts(&key, PutPayload::from(bytes), opts).await.map_err(|e| fail(&e))?;
            sent(len);
            return Ok(());
        }
        let opts = PutMultipartOptions {
            attributes: attributes(&entry.content_type, &entry.cache_control),
            ..Default::default()
        };
        let upload = self.store.put_multipart_opts(&key, opts).await.map_err(|e| fail(&e))?;
        let mut writer = object_store::WriteMultipart::new_with_chunk_size(upload, PART);
        match send_parts(&mut writer, file, sent).await {
            Ok(()) => writer.finish().await.map(|_| ()).map_err(|e| fail(&e)),
            Err(e) => {
                let _ = writer.abort().await;
                Err(match e {
                    PartError::Read(io) => read_error(file, &io),
                    PartError::Store(s) => fail(&s),
                })
            }
        }
    }

    /// Deletes one object krufolio uploaded before.
    pub async fn delete(&self, path: &str) -> Result<(), Diagnostic> {
        match self.store.delete(&self.key(path)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(self.error(path, "ลบออบเจกต์ไม่สำเร็จ", &format!("delete failed: {e}"))),
        }
    }
}

enum PartError {
    Read(std::io::Error),
    Store(object_store::Error),
}

/// Streams the file into the parts writer, at most [`PARTS_AT_ONCE`] in flight.
async fn send_parts(
    writer: &mut object_store::WriteMultipart,
    file: &FsPath,
    sent: &(dyn Fn(u64) + Sync),
) -> Result<(), PartError> {
    use tokio::io::AsyncReadExt;
    let mut f = tokio::fs::File::open(file).await.map_err(PartError::Read)?;
    let mut buf = vec![0u8; PART];
    loop {
        let mut filled = 0;
        while filled < buf.len() {
            let n = f.read(&mut buf[filled..]).await.map_err(PartError::Read)?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        if filled == 0 {
            return Ok(());
        }
        writer.wait_for_capacity(PARTS_AT_ONCE).await.map_err(PartError::Store)?;
        writer.write(&buf[..filled]);
        sent(filled as u64);
        if filled < buf.len() {
            return Ok(());
        }
    }
}

fn attributes(content_type: &str, cache_control: &str) -> Attributes {
    let mut a = Attributes::new();
    a.insert(Attribute::ContentType, content_type.to_string().into());
    a.insert(Attribute::CacheControl, cache_control.to_string().into());
    a
}

fn put_options(content_type: &str, cache_control: &str) -> PutOptions {
    PutOptions { attributes: attributes(content_type, cache_control), ..Default::default() }
}

fn read_error(file: &FsPath, e: &std::io::Error) -> Diagnostic {
    Diagnostic::new(file, None, "อ่านไฟล์ที่จะอัปโหลดไม่ได้", format!("cannot read the file to upload: {e}"))
}

fn config_error(th: &str, en: &str) -> Diagnostic {
    Diagnostic::new(
        std::path::PathBuf::from("content").join(crate::config::SITE_FILE),
        None,
        format!("deploy: {th}"),
        format!("deploy: {en}"),
    )
    .with_hint(
        "เพิ่มในไฟล์ deploy: แล้วใส่ bucket: ชื่อถัง (และ endpoint: region: ถ้าไม่ใช่ AWS) หรือใช้ --bucket",
        "add a deploy: block with bucket: NAME (and endpoint:, region: unless it is AWS), or pass --bucket",
    )
}

/// The endpoint must be `http(s)://host[:port][/]`, with no user name or
/// password (a key there would be a key in `site.yaml`).
fn check_endpoint(endpoint: &str) -> Result<(), Diagnostic> {
    let parsed =
        url::Url::parse(endpoint).ok().filter(|u| matches!(u.scheme(), "http" | "https") && u.has_host());
    match parsed {
        Some(u) if u.username().is_empty() && u.password().is_none() => Ok(()),
        Some(_) => Err(config_error(
            "endpoint มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในที่อยู่ ให้ลบออก แล้วตั้งกุญแจในตัวแปรสภาพแวดล้อมแทน",
            "the endpoint holds a user name or password: remove it, and set the key in the environment instead",
        )),
        None => Err(config_error(
            "endpoint ต้องเป็นที่อยู่เว็บ เช่น http://127.0.0.1:3900",
            "the endpoint must be a web address, e.g. http://127.0.0.1:3900",
        )),
    }
}

/// `"/a//b"` → `"a/b/"`; `""` stays `""`.
fn normal_prefix(p: &str) -> String {
    let parts: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("{}/", parts.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_endpoints() {
        assert_eq!(normal_prefix(""), "");
        assert_eq!(normal_prefix("/"), "");
        assert_eq!(normal_prefix("/pa//2568/"), "pa/2568/");
        assert!(check_endpoint("http://127.0.0.1:3900").is_ok());
        assert!(check_endpoint("https://s3.example.go.th/").is_ok());
        let d = check_endpoint("https://GK1:secret@s3.example.go.th").unwrap_err();
        assert!(!d.to_string().contains("secret"), "{d}");
        assert!(d.message_en.contains("user name or password"));
        assert!(check_endpoint("s3.example.go.th").is_err());
    }
}
