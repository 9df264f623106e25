//! Reading documents from disk with messages a user can act on, and atomic writes.

use crate::error::SessionError;
use std::io::{ErrorKind, Write};
use std::path::Path;

/// The largest file the app opens. AWS accepts definitions up to 1 MiB; anything much
/// bigger is not a state machine a person edits, and would only make the app sluggish.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a text file for editing. Refuses (with the reason, naming the file) what is not
/// an editable text: missing, unreadable, a folder, too large, binary, not UTF-8.
pub fn read_text(path: &Path) -> Result<String, SessionError> {
    let shown = path.display();
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return Err(SessionError::new("io", format!("{shown} is a folder, not a file")));
    }
    editable_size(path, meta.len())?;
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    text_of(path, bytes)
}

/// Refuses a file of `len` bytes that is too large to edit (naming it and its size).
pub fn editable_size(path: &Path, len: u64) -> Result<(), SessionError> {
    if len <= MAX_FILE_BYTES {
        return Ok(());
    }
    Err(SessionError::new(
        "too-large",
        format!(
            "{} is {:.1} MB; ASL Studio opens files up to {} MB (AWS accepts definitions up to 1 MB)",
            path.display(),
            len as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ),
    ))
}

/// The bytes as text, or why they are not one.
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<String, SessionError> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_column(&bytes, at);
        return Err(SessionError::new(
            "binary",
            format!("{}:{line}:{column}: not a text file (a NUL byte)", path.display()),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = line_column(e.as_bytes(), at);
        SessionError::new("binary", format!("{}:{line}:{column}: not UTF-8 text", path.display()))
    })
}

fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

pub fn io_error(path: &Path, e: &std::io::Error) -> SessionError {
    let shown = path.display();
    match e.kind() {
        ErrorKind::NotFound => SessionError::new("not-found", format!("{shown}: no such file")),
        ErrorKind::PermissionDenied => SessionError::new("permission", format!("{shown}: permission denied")),
        _ => SessionError::new("io", format!("{shown}: {e}")),
    }
}

/// Writes `contents` atomically: a temporary file beside the target, synced, then renamed
/// over it, so a crash or a full disk never leaves a half-written file. An existing file
/// keeps its permissions. (The `asl` CLI writes its `-o` files with this too.)
pub fn write_atomic(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_atomic_with(path, |out| out.write_all(contents))
}

/// [`write_atomic`] of what `write` writes (buffered): a big export streamed, not built
/// in memory first.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        let mut out = std::io::BufWriter::new(&mut file);
        write(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// [`write_atomic`] with the error as the app shows it ("cannot save: FILE: ...").
pub fn save(path: &Path, contents: &[u8]) -> Result<(), SessionError> {
    save_with(path, |out| out.write_all(contents))
}

/// [`save`] of what `write` writes.
pub fn save_with(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<&mut std::fs::File>) -> std::io::Result<()>,
) -> Result<(), SessionError> {
    write_atomic_with(path, write).map_err(|e| {
        let error = io_error(path, &e);
        SessionError::new(error.code, format!("cannot save: {}", error.message))
    })
}
