//! Unit tests of what `fix` decides for a file (the runs are in `tests/it/fix.rs`).

use super::*;
use crate::portfolio::model::MediaInfo;

fn artefact(path: &str, kind: Kind, media: MediaInfo) -> Artefact {
    Artefact {
        path: path.into(),
        rel: path.into(),
        kind,
        size: None,
        indicators: vec![],
        bad_codes: vec![],
        sidecar: None,
        sidecar_path: None,
        challenge: false,
        dpa: None,
        in_dpa: false,
        media: Some(media),
        link: None,
        publication: Default::default(),
    }
}

fn codecs(v: &str, a: Option<&str>) -> MediaInfo {
    MediaInfo { video_codec: Some(v.into()), audio_codec: a.map(Into::into), ..Default::default() }
}

#[test]
fn what_each_file_needs() {
    let none = Path::new("/nonexistent");
    let pdf = artefact("a.pdf", Kind::Pdf, MediaInfo::default());
    assert_eq!(decide(&pdf, none), Decision::Skip);
    let heic = artefact("IMG_1.HEIC", Kind::Heic, MediaInfo::default());
    assert_eq!(decide(&heic, none), Decision::Do(Action::Heic));
    let hevc = artefact("clip.mp4", Kind::Video, codecs("hevc", Some("aac")));
    assert_eq!(decide(&hevc, none), Decision::Do(Action::Transcode { copy: false }));
    let mov = artefact("clip.mov", Kind::OtherVideo, codecs("h264", Some("aac")));
    assert_eq!(decide(&mov, none), Decision::Do(Action::Transcode { copy: true }), "rewrapped, not encoded");
    let avi = artefact("clip.avi", Kind::OtherVideo, codecs("h264", Some("mp3")));
    assert_eq!(decide(&avi, none), Decision::Do(Action::Transcode { copy: false }));
    let mut broken = codecs("h264", None);
    broken.error = Some(Text::new("เสีย", "broken"));
    let broken = artefact("clip.mp4", Kind::Video, broken);
    assert!(matches!(decide(&broken, none), Decision::Cannot(t) if t.en.contains("broken")));
    // A good MP4 whose file is gone: the box walk's error, not a panic.
    let gone = artefact("clip.mp4", Kind::Video, codecs("h264", Some("aac")));
    assert!(matches!(decide(&gone, none), Decision::Cannot(_)));
}

#[test]
fn the_manual_command_names_the_real_files() {
    let cmd = manual_command(Path::new("dpa/คลิป การสอน.mov"), Path::new("dpa/คลิป การสอน.fixed.mp4"), false);
    assert!(cmd.starts_with("ffmpeg -i 'dpa/คลิป การสอน.mov' "), "{cmd}");
    assert!(cmd.ends_with(" +faststart 'dpa/คลิป การสอน.fixed.mp4'"), "{cmd}");
}
