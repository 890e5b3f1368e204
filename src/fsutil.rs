//! Reading files of the repository being checked: only regular files that resolve inside the
//! repository root (a link that leads outside is refused), with a size cap; and the test of a
//! path sigs-lint is about to write.

use std::io::{self, Read};
use std::path::Path;

/// The text of `path`, a regular UTF-8 file inside `root` (generator sources, templates), at most
/// [`MAX_DOC`] bytes: [`read_bytes_inside`] and a UTF-8 check.
pub fn read_inside(root: &Path, path: &Path) -> io::Result<String> {
    let bytes = read_bytes_inside(root, path, MAX_DOC)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8"))
}

/// The largest committed generated file sigs-lint reads (markdown, OWNERS_ALIASES).
pub const MAX_DOC: u64 = 16 << 20;
/// The largest data file sigs-lint reads.
pub const MAX_DATA: u64 = 64 << 20;

/// The bytes of `path`, a regular file inside `root`, at most `cap` bytes. A missing file (or a
/// dangling link) is `NotFound`; a link that leads outside the root, a FIFO, device or socket,
/// or a file larger than `cap` is an error whose message says so — nothing is read from them.
pub fn read_bytes_inside(root: &Path, path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let real = path.canonicalize()?;
    let real_root = root.canonicalize()?;
    if !real.starts_with(&real_root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "it leads outside the repository (a link to {})",
                real.display()
            ),
        ));
    }
    let meta = std::fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a FIFO, device, socket or directory)",
        ));
    }
    if meta.len() > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is larger than {cap} bytes"),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)?
        .take(cap + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is larger than {cap} bytes"),
        ));
    }
    Ok(bytes)
}

/// Why a path relative to the repository root may not be written, if it may not: it must be a
/// plain relative path (no `..`, `.`, root or prefix), every existing component a directory that
/// stays inside the root (links included, checked one by one), and the file itself, if it
/// exists, a regular file and not a link.
pub fn unwritable(root: &Path, rel: &str) -> Option<String> {
    use std::path::Component;
    let p = Path::new(rel);
    if rel.is_empty()
        || rel.contains('\\')
        || p.is_absolute()
        || p.components().any(|c| !matches!(c, Component::Normal(_)))
    {
        return Some(format!(
            "`{rel}` leaves the repository (only plain relative paths)"
        ));
    }
    let real_root = root.canonicalize().ok()?;
    let mut at = root.to_path_buf();
    let parts: Vec<_> = p.components().collect();
    for (i, c) in parts.iter().enumerate() {
        at.push(c);
        let Ok(meta) = at.symlink_metadata() else {
            return None; // the rest does not exist yet: it is created inside
        };
        let last = i + 1 == parts.len();
        if meta.file_type().is_symlink() {
            if last {
                return Some(format!(
                    "`{rel}` is a link; sigs-lint does not replace links"
                ));
            }
            match at.canonicalize() {
                Ok(real) if real.starts_with(&real_root) => {}
                Ok(real) => {
                    return Some(format!(
                        "`{rel}` goes through a link to {}, outside the repository",
                        real.display()
                    ));
                }
                Err(_) => return Some(format!("`{rel}` goes through a dangling link")),
            }
        } else if last && !meta.is_file() {
            return Some(format!("`{rel}` is not a regular file"));
        } else if !last && !meta.is_dir() {
            return Some(format!("`{rel}`: {} is not a directory", at.display()));
        }
    }
    None
}
