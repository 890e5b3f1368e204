//! The one place that decides which paths sigs-lint may touch. Reading files of the repository
//! being checked: only regular files that resolve inside the repository root (a link that leads
//! outside is refused, and so is anything in `.git`), with a size cap. Writing: the test of a
//! path sigs-lint is about to write, the test of a group's `dir` (the `safe-dir` rule and
//! `generate` share it), and the atomic write (a temporary file renamed over the old one) with the
//! removal of a killed run's leftovers.

use std::io::{self, Read, Write};
use std::path::{Component, Path};

/// The text of `path`, a regular UTF-8 file inside `root` (generator sources, templates), at most
/// [`MAX_DOC`] bytes: [`read_bytes_inside`] and a UTF-8 check.
pub fn read_inside(root: &Path, path: &Path) -> io::Result<String> {
    let bytes = read_bytes_inside(root, path, MAX_DOC)?;
    String::from_utf8(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "it is not UTF-8"))
}

/// Why a file could not be read or written, in sigs-lint's words: its own refusals (a link out
/// of the root, `.git`, a FIFO, the size cap) as they say it, the system's errors by what they
/// mean rather than as `strerror` words them ("Not a directory (os error 20)").
pub fn reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    if e.get_ref().is_some() {
        return e.to_string();
    }
    // ELOOP (Linux, macOS 62): no stable ErrorKind names it yet.
    if matches!(e.raw_os_error(), Some(40) if cfg!(target_os = "linux")) {
        return "a link on its path leads back to itself (a link loop)".into();
    }
    match e.kind() {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "it is a directory".into(),
        K::NotADirectory => "a part of its path is a file, not a folder".into(),
        K::InvalidFilename => "its path or a name in it is too long for the system".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the file system is read-only".into(),
        K::QuotaExceeded => "the disk quota is exceeded".into(),
        K::FileTooLarge => "it is too large for the file system".into(),
        _ => e.to_string(),
    }
}

/// The largest committed generated file sigs-lint reads (markdown, OWNERS_ALIASES).
pub const MAX_DOC: u64 = 16 << 20;
/// The largest data file sigs-lint reads.
pub const MAX_DATA: u64 = 64 << 20;

/// Why a data file of `len` bytes is not written (`fmt`, `check --fix`): past [`MAX_DATA`],
/// sigs-lint would refuse to read it back (a 40 MB file whose canonical form is 100 MB).
pub fn data_too_large(len: usize) -> Option<String> {
    (len as u64 > MAX_DATA).then(|| {
        format!("the file would be {len} bytes, more than a data file may have ({MAX_DATA}): sigs-lint could not read it back")
    })
}

/// Why nothing in `.git` is read or written: CI keeps credentials there (`actions/checkout`
/// writes the job's token into `.git/config`), and a pull request that links a committed README
/// to it would show them in a diff; a written hook or config would run code on the next `git`.
const IN_GIT: &str =
    "it is inside `.git` (the repository's own metadata, where CI keeps credentials)";

/// Whether a path relative to the repository root is in `.git`: a component that names `.git`
/// on some file system sigs-lint is released for ([`names_dot_git`]).
pub fn in_git(rel: &Path) -> bool {
    rel.components()
        .any(|c| names_dot_git(c.as_os_str().as_encoded_bytes()))
}

/// Whether a file name is `.git` on a file system of a platform sigs-lint is released for, the
/// spellings git itself refuses in a checkout (`core.protectNTFS`, `core.protectHFS`): every
/// spelling [`same_name`] takes, and the 8.3 short name (`GIT~1`). Refused on every platform: a
/// repository checked out on Linux is also opened on a Mac, and no group's folder has such a name.
pub fn names_dot_git(name: &[u8]) -> bool {
    if same_name(name, b".git") {
        return true;
    }
    // The 8.3 short name Windows may give `.git` (`GIT~1`, or a later number when taken).
    let stem = fs_stem(name);
    stem.len() > 4
        && stem[..4].eq_ignore_ascii_case(b"git~")
        && stem[4..].iter().all(u8::is_ascii_digit)
}

/// Whether the file names `a` and `b` name one file on a file system of a platform sigs-lint is
/// released for: in any case (case-insensitive macOS and Windows volumes), with trailing dots
/// and spaces or an alternate data stream (`generator.`, `x::$DATA`: NTFS drops or strips them),
/// with code points HFS+ ignores in names (`.g\u{200c}it`). (Unicode normalization, which
/// macOS also ignores, is not looked at.)
pub fn same_name(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (fs_stem(a), fs_stem(b));
    if a.eq_ignore_ascii_case(&b) {
        return true;
    }
    match (std::str::from_utf8(&a), std::str::from_utf8(&b)) {
        (Ok(x), Ok(y)) if !x.is_ascii() || !y.is_ascii() => x.to_lowercase() == y.to_lowercase(),
        _ => false,
    }
}

/// Whether two relative paths (`/`-separated names) name one file on some file system
/// ([`same_name`] for each name).
pub fn same_path(a: &str, b: &str) -> bool {
    a.split('/').count() == b.split('/').count() && same_or_inside(a, b)
}

/// Whether the relative path `path` (`/`-separated names) is the file or folder `plain` (an ASCII
/// path) or lies inside it on some file system ([`same_name`] for each name).
pub fn same_or_inside(path: &str, plain: &str) -> bool {
    let mut names = path.split('/');
    plain.split('/').all(|p| {
        names
            .next()
            .is_some_and(|n| same_name(n.as_bytes(), p.as_bytes()))
    })
}

/// A name as a case-insensitive file system may store it: without the code points HFS+ ignores,
/// the NTFS stream after a `:`, and trailing dots and spaces.
fn fs_stem(name: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    // HFS+ ignores these code points when it compares names (git's `next_hfs_char` list).
    let ignored = |c: char| matches!(c, '\u{200c}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{206a}'..='\u{206f}' | '\u{feff}');
    // Only a name with non-ASCII bytes can hold one: the others are looked at as they are, no
    // copy (this runs for every name of every path read).
    let kept: std::borrow::Cow<[u8]> = match std::str::from_utf8(name) {
        Ok(s) if !s.is_ascii() => s
            .chars()
            .filter(|&c| !ignored(c))
            .collect::<String>()
            .into_bytes()
            .into(),
        _ => name.into(),
    };
    // NTFS: what follows a `:` is a stream of the file before it; trailing dots and spaces go.
    let stem_len = kept.iter().position(|&b| b == b':').unwrap_or(kept.len());
    let end = kept[..stem_len]
        .iter()
        .rposition(|&b| b != b'.' && b != b' ')
        .map_or(0, |i| i + 1);
    match kept {
        std::borrow::Cow::Borrowed(b) => b[..end].into(),
        std::borrow::Cow::Owned(mut v) => {
            v.truncate(end);
            v.into()
        }
    }
}

/// Whether `real`, a resolved path, lies in the `.git` of the resolved root `real_root`.
fn resolved_in_git(real_root: &Path, real: &Path) -> bool {
    in_git(real.strip_prefix(real_root).unwrap_or(real))
}

/// The bytes of `path`, a regular file inside `root`, at most `cap` bytes. A missing file (or a
/// dangling link) is `NotFound`; a link that leads outside the root, a file in `.git` (by its own
/// name or through a link), a FIFO, device or socket, or a file larger than `cap` is an error
/// whose message says so — nothing is read from them.
pub fn read_bytes_inside(root: &Path, path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let real_root = canonical_root(root)?;
    let (real, meta) = match unlinked_below(&real_root, root, path)? {
        Some(found) => found,
        None => {
            let real = path.canonicalize()?;
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
            (real, meta)
        }
    };
    if resolved_in_git(&real_root, &real) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, IN_GIT));
    }
    read_regular(&real, &meta, cap)
}

/// A file the user named on the command line (`--config`, `--baseline`): it may lie anywhere,
/// and be a pipe (`--config <(…)`), but at most `cap` bytes are read and a device, socket or
/// directory is refused (`/dev/zero` took gigabytes).
pub fn read_bytes_named(path: &Path, cap: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    #[cfg(unix)]
    let pipe = std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type());
    #[cfg(not(unix))]
    let pipe = false;
    read_checked(path, &meta, cap, pipe)
}

/// The bytes of `path`, whose (followed) metadata is `meta`: refused unless it is a regular file
/// of at most `cap` bytes.
fn read_regular(path: &Path, meta: &std::fs::Metadata, cap: u64) -> io::Result<Vec<u8>> {
    read_checked(path, meta, cap, false)
}

fn read_checked(
    path: &Path,
    meta: &std::fs::Metadata,
    cap: u64,
    pipe: bool,
) -> io::Result<Vec<u8>> {
    if !meta.is_file() && !pipe {
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
    // Sized from the metadata (one more byte to see the end): a growing buffer would hold up to
    // twice the file.
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize + 1);
    std::fs::File::open(path)?
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

/// `path` resolved without a link, when it is the root followed by plain names none of which is
/// a link (a repository's files, as a check reads them): each name below the root looked at
/// once (a system call each), where resolving the whole path reads every component's link and
/// the working folder. None when a name is a link, `..` or `.`, or `path` is not below `root`:
/// the caller resolves it in full. A missing name is `NotFound`, as resolving it would be.
fn unlinked_below(
    real_root: &Path,
    root: &Path,
    path: &Path,
) -> io::Result<Option<(std::path::PathBuf, std::fs::Metadata)>> {
    let Ok(rel) = path.strip_prefix(root) else {
        return Ok(None);
    };
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Ok(None);
    }
    let mut found = None;
    for (at, meta, _) in below(real_root, rel) {
        let meta = meta?;
        if meta.file_type().is_symlink() {
            return Ok(None);
        }
        found = Some((at, meta));
    }
    Ok(found)
}

/// Each name of `rel` below `base` in turn, looked at with one `lstat` (links not followed):
/// the path so far, what is there, and whether it is the last name. The walk ends after the
/// first error (a missing name: nothing below it exists either). What each caller stops on
/// differs (any link, a link out of the root, a file mid-path), the walk is this one.
fn below<'a>(
    base: &Path,
    rel: &'a Path,
) -> impl Iterator<Item = (std::path::PathBuf, io::Result<std::fs::Metadata>, bool)> + 'a {
    let mut at = base.to_path_buf();
    let mut names = rel.components().peekable();
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        at.push(names.next()?);
        let meta = at.symlink_metadata();
        failed = meta.is_err();
        Some((at.clone(), meta, names.peek().is_none()))
    })
}

thread_local! {
    /// The last root [`canonical_root`] resolved, and what it resolved to.
    static ROOT: std::cell::RefCell<Option<(std::path::PathBuf, std::path::PathBuf)>> =
        const { std::cell::RefCell::new(None) };
}

/// `root.canonicalize()`, resolved once for the files a check reads one after the other (each
/// resolution is a system call per path component).
fn canonical_root(root: &Path) -> io::Result<std::path::PathBuf> {
    if let Some(real) = ROOT.with_borrow(|r| {
        r.as_ref()
            .and_then(|(given, real)| (given == root).then(|| real.clone()))
    }) {
        return Ok(real);
    }
    let real = root.canonicalize()?;
    ROOT.with_borrow_mut(|r| *r = Some((root.to_path_buf(), real.clone())));
    Ok(real)
}

/// [`unwritable`] for a path given whole (the data file `fmt` and `check --fix` rewrite): one
/// that is not under `root` may not be written either. `shown` names it in the message.
pub fn unwritable_path(root: &Path, path: &Path, shown: &str) -> Option<String> {
    match path.strip_prefix(root) {
        Ok(rel) => unwritable(root, &rel.to_string_lossy()),
        Err(_) => Some(format!("`{shown}` is outside the repository")),
    }
}

/// Why a path relative to the repository root may not be written, if it may not: it must be a
/// plain relative path (no `..`, `.`, root or prefix), every existing component a directory that
/// stays inside the root and out of `.git` (links included, checked one by one), and the file
/// itself, if it exists, a regular file and not a link.
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
    if in_git(p) {
        return Some(format!("`{rel}`: {IN_GIT}"));
    }
    let real_root = root.canonicalize().ok()?;
    for (at, meta, last) in below(root, p) {
        let Ok(meta) = meta else {
            return None; // the rest does not exist yet: it is created inside
        };
        if meta.file_type().is_symlink() {
            if last {
                return Some(format!(
                    "`{rel}` is a link; sigs-lint does not replace links"
                ));
            }
            match at.canonicalize() {
                Ok(real) if real.starts_with(&real_root) => {
                    if resolved_in_git(&real_root, &real) {
                        return Some(format!("`{rel}` goes through a link: {IN_GIT}"));
                    }
                }
                Ok(real) => {
                    return Some(format!(
                        "`{rel}` goes through a link to {}, outside the repository",
                        real.display()
                    ));
                }
                Err(_) => return Some(format!("`{rel}` goes through {NOWHERE}")),
            }
        } else if last && !meta.is_file() {
            return Some(format!("`{rel}` is not a regular file"));
        } else if !last && !meta.is_dir() {
            return Some(format!("`{rel}`: {} is not a directory", at.display()));
        }
    }
    None
}

/// A link on a path that resolves to nothing: its target is missing, or links lead in a circle.
const NOWHERE: &str = "a link that leads nowhere (dangling, or a loop)";

/// The longest file or folder name most file systems take (Linux `NAME_MAX`), in bytes.
const NAME_MAX: usize = 255;
/// The longest path a system call takes, its terminating NUL included (Linux `PATH_MAX`).
const PATH_MAX: usize = 4096;

/// Why a group's `dir` cannot be written, if it cannot: it must stay inside the repository. Links
/// are followed only when the repository root is known.
pub fn unsafe_dir(root: Option<&Path>, dir: &str) -> Option<String> {
    if dir.trim().is_empty() {
        return Some("it is empty".into());
    }
    if dir.contains('\\') {
        return Some("it contains a backslash".into());
    }
    if dir.chars().any(char::is_control) {
        return Some("it contains control characters".into());
    }
    if dir.starts_with('/') {
        return Some("it is an absolute path".into());
    }
    // The folder the generator's `filepath.Join` writes to: `./sig`, `sig/` and `sig/.` are
    // `sig`; what is left must be plain folder names below the root.
    let folder = clean(dir);
    if folder == "." {
        return Some("it names the repository root, not a folder in it".into());
    }
    let p = Path::new(&folder);
    if p.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Some("it leaves the repository (`..`)".into());
    }
    if in_git(p) {
        return Some("it is inside `.git`".into());
    }
    // The kernel's limits (Linux NAME_MAX and PATH_MAX): the generator fails to create such a
    // folder or its README ("file name too long"), and so would sigs-lint.
    if let Some(long) = folder.split('/').find(|c| c.len() > NAME_MAX) {
        return Some(format!(
            "a folder name in it is {} bytes long, more than file systems allow ({NAME_MAX})",
            long.len()
        ));
    }
    if folder.len() + "/README.md".len() >= PATH_MAX {
        return Some(format!(
            "its README's path would be {} bytes long, more than the system allows ({})",
            folder.len() + "/README.md".len(),
            PATH_MAX - 1
        ));
    }
    if same_or_inside(&folder, "generator") {
        return Some("it is inside `generator/`, the templates' folder".into());
    }
    // A link inside the repository may point outside it: follow the path only when it holds one.
    let root = root?;
    for (path, meta, _) in below(root, p) {
        match meta {
            Ok(m) if m.file_type().is_symlink() => {
                // The link itself (a later folder may not exist yet).
                match (path.canonicalize(), root.canonicalize()) {
                    (Ok(real), Ok(real_root)) if !real.starts_with(&real_root) => {
                        return Some(format!(
                            "it is a link to {}, outside the repository",
                            real.display()
                        ));
                    }
                    (Ok(real), Ok(real_root)) if resolved_in_git(&real_root, &real) => {
                        return Some("it is a link into `.git`".into());
                    }
                    (Err(_), _) => return Some(format!("it goes through {NOWHERE}")),
                    _ => {}
                }
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    None
}

/// A relative slash-separated path as Go's `path.Clean` makes it (what the generator's
/// `filepath.Join` writes to): without empty and `.` components, `..` taking back the one before
/// it; `.` when nothing is left. `sig/`, `sig/.` and `sig` name one folder.
pub fn clean(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(c),
        }
    }
    if parts.is_empty() {
        ".".into()
    } else {
        parts.join("/")
    }
}

/// The file a path relative to `root` names once links are followed, for telling whether two
/// outputs are one file: the longest existing ancestor resolved, the rest appended as given
/// (already [`clean`]ed by the caller). `sig-docs/README.md` and `sig-release/README.md` are one
/// file when `sig-docs` links to `sig-release`: the generator writes it twice, the last write
/// stays. Falls back to `root.join(rel)` when nothing resolves. Without a link on the way (the
/// common case) it costs one `lstat` per existing component, not a resolution of the whole path.
pub fn resolved(root: &Path, rel: &str) -> std::path::PathBuf {
    if let Ok(real_root) = canonical_root(root) {
        // Up to the first name that does not exist (nor does the rest: no link in it).
        let linked = below(root, Path::new(rel))
            .map_while(|(_, meta, _)| meta.ok())
            .any(|meta| meta.file_type().is_symlink());
        if !linked {
            return real_root.join(rel);
        }
    }
    let full = root.join(rel);
    let mut rest = Vec::new();
    let mut at = full.as_path();
    loop {
        if let Ok(real) = at.canonicalize() {
            return rest.iter().rev().fold(real, |p, c| p.join(c));
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return full,
        }
    }
}

/// What every temporary file's name holds: `.<file>.sigs-lint-<pid>.tmp`.
const TMP_INFIX: &str = ".sigs-lint-";

/// Whether `name` is one [`create_temporary`] gives: `.<file>.sigs-lint-<pid>.tmp` or
/// `.<file>.sigs-lint-<pid>-<n>.tmp`, numbers only after the infix (a file of the repository's
/// own that merely looks alike is not removed).
fn is_temporary_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let Some((file, id)) = rest.rsplit_once(TMP_INFIX) else {
        return false;
    };
    let (pid, n) = id.split_once('-').unwrap_or((id, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    !file.is_empty() && digits(pid) && digits(n)
}

/// How old a temporary file must be to be taken for a killed run's: a run writes one and renames
/// it within a second (16 MiB at most), so a younger one may be another run's, live (two
/// `generate`s at once: the first swept the second's file away, and its rename failed).
pub const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Temporary files a killed run left in `dir` (`.<file>.sigs-lint-<pid>.tmp`, regular files
/// only): removes those last written [`LEFTOVER_AGE`] ago or earlier and returns their names,
/// then the names of the younger ones, kept.
pub fn remove_leftovers(dir: &Path) -> (Vec<String>, Vec<String>) {
    let (mut removed, mut kept) = (Vec::new(), Vec::new());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (removed, kept);
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !is_temporary_name(&name) {
            continue;
        }
        let Ok(meta) = e.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        // A time in the future (a clock set back) counts as young: kept, not removed.
        let old = meta
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age >= LEFTOVER_AGE);
        if !old {
            kept.push(name);
        } else if std::fs::remove_file(e.path()).is_ok() {
            removed.push(name);
        }
    }
    (removed, kept)
}

/// A new temporary file beside `path`, `.<file>.sigs-lint-<pid>.tmp` (`…-<pid>-<n>.tmp` when
/// that name is taken), created only if nothing has its name: a link, FIFO or file a repository
/// commits under the name a run will pick (process ids are few and guessable) is passed over, never
/// opened — opening it would write through a link out of the repository, or hang on a FIFO.
fn create_temporary(dir: &Path, path: &Path) -> io::Result<(std::path::PathBuf, std::fs::File)> {
    let name = path
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let pid = std::process::id();
    for n in 0..100u32 {
        let tmp = match n {
            0 => dir.join(format!(".{name}{TMP_INFIX}{pid}.tmp")),
            _ => dir.join(format!(".{name}{TMP_INFIX}{pid}-{n}.tmp")),
        };
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        match options.open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!(
            "the repository holds files under the 100 temporary names `.{name}{TMP_INFIX}{pid}*.tmp` a run would write it through"
        ),
    ))
}

/// Writes `content` to `path` through a new temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, content: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let (tmp, mut f) = create_temporary(dir, path)?;
    let result = (|| {
        f.write_all(content.as_bytes())?;
        f.sync_all()?;
        // The rewritten file keeps the old one's permissions.
        if let Ok(meta) = std::fs::metadata(path) {
            f.set_permissions(meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dir_is_judged_as_the_folder_the_generator_writes_to() {
        // Spellings of one folder inside the root are that folder (Go's filepath.Join cleans).
        let longest = vec!["d".repeat(255); 16].join("/")[..4085].to_string();
        let longest_name = "a".repeat(255);
        for dir in [
            "sig",
            "./sig",
            "sig/",
            "sig/.",
            "x/../sig",
            "sig/sub",
            &longest_name,
            &longest,
        ] {
            assert_eq!(unsafe_dir(None, dir), None, "{dir}");
        }
        for (dir, why) in [
            ("..", "it leaves the repository (`..`)"),
            ("../sig", "it leaves the repository (`..`)"),
            ("sig/../../x", "it leaves the repository (`..`)"),
            (".", "it names the repository root, not a folder in it"),
            ("sig/..", "it names the repository root, not a folder in it"),
            ("/etc", "it is an absolute path"),
            ("./.git/hooks", "it is inside `.git`"),
            (
                "./generator",
                "it is inside `generator/`, the templates' folder",
            ),
            (" ", "it is empty"),
            (
                &format!("sig/{}", "a".repeat(256)),
                "a folder name in it is 256 bytes long, more than file systems allow (255)",
            ),
            (
                &vec!["d".repeat(255); 16].join("/"),
                "its README's path would be 4105 bytes long, more than the system allows (4095)",
            ),
            ("a\\b", "it contains a backslash"),
            ("a\nb", "it contains control characters"),
        ] {
            assert_eq!(unsafe_dir(None, dir).as_deref(), Some(why), "{dir:?}");
        }
    }

    #[test]
    fn two_paths_through_a_link_inside_the_root_resolve_to_one_file() {
        let root = std::env::temp_dir().join(format!("sigs-lint-resolved-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("sig-release")).expect("mkdir");
        std::os::unix::fs::symlink("sig-release", root.join("sig-docs")).expect("link");
        let real = root.canonicalize().expect("root");
        assert_eq!(
            resolved(&root, "sig-docs/README.md"),
            real.join("sig-release/README.md")
        );
        assert_eq!(
            resolved(&root, "sig-release/README.md"),
            resolved(&root, "sig-docs/README.md")
        );
        // Parts that do not exist yet are kept as given.
        assert_eq!(
            resolved(&root, "sig-new/README.md"),
            real.join("sig-new/README.md")
        );
        assert_eq!(
            resolved(&root, "sig-docs/a/b"),
            real.join("sig-release/a/b")
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn clean_is_go_path_clean_for_relative_paths() {
        for (path, cleaned) in [
            ("sig", "sig"),
            ("sig/", "sig"),
            ("sig/.", "sig"),
            ("sig//x/./y/", "sig/x/y"),
            ("a/../b", "b"),
            ("a/b/../..", "."),
            ("../a", "../a"),
            ("", "."),
            (".", "."),
        ] {
            assert_eq!(clean(path), cleaned, "{path}");
        }
    }

    /// A link or FIFO committed under the temporary name a run picks is passed over: nothing is
    /// written through the link (out of the repository), no open of the FIFO hangs, both stay.
    #[cfg(unix)]
    #[test]
    fn a_temporary_name_taken_by_a_link_or_fifo_is_passed_over() {
        let base = std::env::temp_dir().join(format!("sigs-lint-tmpname-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let repo = base.join("repo/sig");
        std::fs::create_dir_all(&repo).unwrap();
        std::fs::write(base.join("victim"), "outside").unwrap();
        let pid = std::process::id();
        let link = repo.join(format!(".README.md.sigs-lint-{pid}.tmp"));
        std::os::unix::fs::symlink(base.join("victim"), &link).unwrap();
        let fifo = repo.join(format!(".README.md.sigs-lint-{pid}-1.tmp"));
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let dangling = repo.join(format!(".README.md.sigs-lint-{pid}-2.tmp"));
        std::os::unix::fs::symlink(base.join("nothing"), &dangling).unwrap();

        write_atomic(&repo.join("README.md"), "generated\n").unwrap();
        assert_eq!(
            std::fs::read_to_string(repo.join("README.md")).unwrap(),
            "generated\n"
        );
        assert_eq!(
            std::fs::read_to_string(base.join("victim")).unwrap(),
            "outside"
        );
        assert!(
            !base.join("nothing").exists(),
            "created through a dangling link"
        );
        let mut names: Vec<_> = std::fs::read_dir(&repo)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        let mut expected = vec![
            format!(".README.md.sigs-lint-{pid}-1.tmp"),
            format!(".README.md.sigs-lint-{pid}-2.tmp"),
            format!(".README.md.sigs-lint-{pid}.tmp"),
            "README.md".to_string(),
        ];
        expected.sort();
        assert_eq!(
            names, expected,
            "the committed entries stay, no temporary is left"
        );
        // The leftovers' sweep removes regular files only: these are the repository's own.
        assert_eq!(remove_leftovers(&repo), (Vec::new(), Vec::new()));
        std::fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn only_names_a_run_gives_are_temporary() {
        for name in [
            ".README.md.sigs-lint-1234.tmp",
            ".README.md.sigs-lint-1234-7.tmp",
            ".sig-list.md.sigs-lint-1.tmp",
            ".a.sigs-lint-b.sigs-lint-9.tmp",
        ] {
            assert!(is_temporary_name(name), "{name}");
        }
        for name in [
            "README.md.sigs-lint-1234.tmp",
            ".README.md.sigs-lint-.tmp",
            ".README.md.sigs-lint-draft.tmp",
            ".README.md.sigs-lint-12-.tmp",
            ".README.md.sigs-lint-12-3-4.tmp",
            "..sigs-lint-1.tmp",
            ".README.md.sigs-lint-1.tmp.bak",
            ".notes.tmp",
        ] {
            assert!(!is_temporary_name(name), "{name}");
        }
    }

    /// The names Windows and macOS file systems take for `.git`, and names that are not it.
    #[test]
    fn names_are_compared_as_case_insensitive_file_systems_compare_them() {
        for (path, plain) in [
            ("generator", "generator"),
            ("Generator", "generator"),
            ("GENERATOR./x", "generator"),
            ("gene\u{200d}rator/x/y", "generator"),
            ("Docs/SIG-LIST.md", "docs/sig-list.md"),
            ("sigs.yaml::$DATA", "sigs.yaml"),
            ("tools/Generator/x", "tools/generator"),
            ("Données.yaml", "DONNÉES.yaml"),
            ("e\u{200c}", "E"),
        ] {
            assert!(same_or_inside(path, plain), "{path:?} {plain:?}");
        }
        for (path, plain) in [
            ("generators", "generator"),
            ("x/generator", "generator"),
            ("tools", "tools/generator"),
            ("docs/sig-list.mdx", "docs/sig-list.md"),
            ("gene\u{200b}rator", "generator"),
            ("sig-docs", "sig-doc"),
        ] {
            assert!(!same_or_inside(path, plain), "{path:?} {plain:?}");
        }
        assert_eq!(
            unsafe_dir(None, "Generator").as_deref(),
            Some("it is inside `generator/`, the templates' folder")
        );
    }

    #[test]
    fn every_spelling_of_dot_git_is_dot_git() {
        for name in [
            ".git",
            ".GIT",
            ".Git",
            ".git.",
            ".git...",
            ".git ",
            ".git. .",
            ".git::$INDEX_ALLOCATION",
            ".git:stream",
            "GIT~1",
            "git~12",
            ".g\u{200c}it",
            "\u{feff}.git",
            ".gi\u{206a}t\u{200f}",
            ".g\u{202e}it",
        ] {
            assert!(names_dot_git(name.as_bytes()), "{name:?}");
        }
        for name in [
            "git",
            ".gitx",
            ".github",
            "x.git",
            ".gi t",
            "git~",
            "git~1a",
            "git-1",
            ".g\u{200b}it",
            "..git",
            "",
            ".",
        ] {
            assert!(!names_dot_git(name.as_bytes()), "{name:?}");
        }
        assert!(in_git(Path::new("sig/GIT~1/hooks")));
        assert!(!in_git(Path::new("sig/.github/x")));
        assert_eq!(
            unsafe_dir(None, "sigs/.git./hooks").as_deref(),
            Some("it is inside `.git`")
        );
        assert!(unwritable(Path::new("/nonexistent"), "git~1/config").is_some());
    }

    /// The name-by-name look-up finds what resolving the whole path finds, and leaves links,
    /// `..` and paths elsewhere to it.
    #[cfg(unix)]
    #[test]
    fn names_below_the_root_are_looked_at_one_by_one() {
        let base = std::env::temp_dir().join(format!("sigs-lint-fsutil-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("repo");
        std::fs::create_dir_all(root.join("sig-a")).unwrap();
        std::fs::write(root.join("sig-a/README.md"), "a").unwrap();
        std::fs::write(base.join("outside.md"), "secret").unwrap();
        std::os::unix::fs::symlink(root.join("sig-a"), root.join("sig-b")).unwrap();
        std::os::unix::fs::symlink(base.join("outside.md"), root.join("leak.md")).unwrap();
        let real_root = root.canonicalize().unwrap();
        let found = |rel: &str| unlinked_below(&real_root, &root, &root.join(rel));

        let (real, meta) = found("sig-a/README.md").unwrap().unwrap();
        assert_eq!(real, root.join("sig-a/README.md").canonicalize().unwrap());
        assert!(meta.is_file() && meta.len() == 1);
        assert!(
            found("sig-b/README.md").unwrap().is_none(),
            "a linked folder"
        );
        assert!(found("leak.md").unwrap().is_none(), "a linked file");
        assert!(found("sig-a/../sig-a/README.md").unwrap().is_none());
        assert!(
            unlinked_below(&real_root, &root, &base.join("outside.md"))
                .unwrap()
                .is_none()
        );
        let missing = found("sig-c/README.md").unwrap_err();
        assert_eq!(missing.kind(), io::ErrorKind::NotFound);
        // Through the whole function: the link inside is followed, the one outside refused.
        assert_eq!(
            read_bytes_inside(&root, &root.join("sig-b/README.md"), 10).unwrap(),
            b"a"
        );
        let refused = read_bytes_inside(&root, &root.join("leak.md"), 10).unwrap_err();
        assert_eq!(refused.kind(), io::ErrorKind::PermissionDenied);
        std::fs::remove_dir_all(&base).unwrap();
    }
}
