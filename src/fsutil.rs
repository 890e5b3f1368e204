//! Reading files of the repository being checked: only regular files that resolve inside the
//! repository root (a link that leads outside is refused), and at most [`MAX_READ`] bytes.

use std::io::{self, Read};
use std::path::Path;

/// The largest file sigs-lint reads (generator sources, templates).
pub const MAX_READ: u64 = 16 << 20;

/// The text of `path`, a regular UTF-8 file inside `root`.
pub fn read_inside(root: &Path, path: &Path) -> io::Result<String> {
    let real = path.canonicalize()?;
    let real_root = root.canonicalize()?;
    if !real.starts_with(&real_root) {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!("{} leads outside the repository", path.display()),
        ));
    }
    let meta = std::fs::metadata(&real)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} is not a regular file", path.display()),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(&real)?
        .take(MAX_READ + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_READ {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is larger than {MAX_READ} bytes", path.display()),
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not UTF-8", path.display()),
        )
    })
}
