//! What the unit tests of several modules share.

use std::path::PathBuf;

/// Every fixture folder, then every corpus slice of `../shared/corpus` (with a loud notice when
/// it is absent): where the tests find data files to read.
pub fn data_dirs() -> Vec<PathBuf> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    let corpus = root.join("../shared/corpus");
    match std::fs::read_dir(&corpus) {
        Ok(slices) => dirs.extend(slices.flatten().map(|e| e.path())),
        Err(_) => eprintln!(
            "\n!!!!!!!! NOTICE: {} is absent: corpus data files SKIPPED !!!!!!!!\n",
            corpus.display()
        ),
    }
    dirs
}

/// A xorshift generator from `seed`: each call gives a number below its argument.
pub fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
