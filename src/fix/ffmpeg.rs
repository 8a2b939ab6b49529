//! The ffmpeg run of `krufolio fix`: a DPA-ready MP4 with a progress bar read from
//! ffmpeg's `-progress pipe:1` lines (`out_time_us=`) against the probed duration. Without
//! ffmpeg, the error holds the exact command with the real file names, quoted for the shell.

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::assets::convert::ffmpeg_args;
use crate::text::Text;

/// Makes the MP4 of `src` at `tmp` (the hidden file that becomes `dest`).
pub fn transcode(src: &Path, tmp: &Path, dest: &Path, copy: bool, duration: Option<f64>) -> Result<(), Text> {
    let Some(ffmpeg) = crate::assets::heic::on_path("ffmpeg") else {
        let cmd = super::manual_command(src, dest, copy);
        return Err(Text::new(
            format!("เครื่องนี้ไม่มี ffmpeg ให้ติดตั้ง (sudo apt install ffmpeg) แล้วรัน krufolio fix อีกครั้ง หรือพิมพ์คำสั่งนี้เอง:\n    {cmd}"),
            format!("ffmpeg is not installed: install it (sudo apt install ffmpeg) and run krufolio fix again, or type this command:\n    {cmd}"),
        ));
    };
    let mut args = ffmpeg_args(&src.to_string_lossy(), &tmp.to_string_lossy(), copy);
    let out = args.pop().unwrap_or_default();
    args.extend(["-f".into(), "mp4".into(), "-y".into(), out]);
    let mut child = Command::new(ffmpeg)
        .args(["-nostdin", "-hide_banner", "-v", "error", "-nostats", "-progress", "pipe:1"])
        .args(&args[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Text::new(format!("เรียก ffmpeg ไม่ได้: {e}"), format!("cannot run ffmpeg: {e}")))?;
    let mut stderr = child.stderr.take();
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(e) = stderr.as_mut() {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let bar = bar(duration);
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if let Some(us) = line.strip_prefix("out_time_us=").and_then(|v| v.trim().parse::<u64>().ok()) {
                bar.set_position(us / 1000);
            }
        }
    }
    let status =
        child.wait().map_err(|e| Text::new(format!("ffmpeg ขัดข้อง: {e}"), format!("ffmpeg failed: {e}")))?;
    bar.finish_and_clear();
    let errors = errors.join().unwrap_or_default();
    if !status.success() {
        let why: String = errors.trim().chars().take(400).collect();
        return Err(Text::new(
            format!("ffmpeg แปลงไฟล์ไม่สำเร็จ: {why}"),
            format!("ffmpeg could not convert the file: {why}"),
        ));
    }
    Ok(())
}

/// A progress bar in milliseconds of media, shown only on a terminal.
fn bar(duration: Option<f64>) -> indicatif::ProgressBar {
    let Some(secs) = duration.filter(|d| *d > 0.0) else { return indicatif::ProgressBar::hidden() };
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new((secs * 1000.0) as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("แปลงวิดีโอ / converting {bar:30} {percent}% ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}
