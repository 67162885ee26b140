//! Writing generated files to a directory: only changed bytes are written,
//! files no longer generated are removed, and a check mode writes nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::GeneratedFile;

/// What syncing a directory did, or in check mode would do.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Files whose bytes differ (or are missing) and were (or would be)
    /// written.
    pub changed: Vec<PathBuf>,
    /// Files that the generator no longer produces, removed (or to remove).
    pub removed: Vec<PathBuf>,
    /// Files that were already up to date.
    pub unchanged: usize,
}

impl SyncReport {
    /// Whether anything differs.
    pub fn is_stale(&self) -> bool {
        !self.changed.is_empty() || !self.removed.is_empty()
    }

    /// Adds another report's findings.
    pub fn merge(&mut self, other: SyncReport) {
        self.changed.extend(other.changed);
        self.removed.extend(other.removed);
        self.unchanged += other.unchanged;
    }
}

/// Makes `dir` hold exactly `files` among the files matching `owned`.
///
/// `owned` says which existing files under `dir` the generator is
/// responsible for (for example every `.rs` file and `Cargo.toml`); other
/// files are left alone. With `check`, nothing is written.
pub fn sync(
    dir: &Path,
    files: &[GeneratedFile],
    owned: &dyn Fn(&Path) -> bool,
    check: bool,
) -> std::io::Result<SyncReport> {
    let mut report = SyncReport::default();
    let mut expected = BTreeSet::new();
    for file in files {
        let path = dir.join(&file.path);
        expected.insert(path.clone());
        let current = std::fs::read(&path).ok();
        if current.as_deref() == Some(file.contents.as_bytes()) {
            report.unchanged += 1;
            continue;
        }
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&path, &file.contents)?;
        }
        report.changed.push(path);
    }
    let mut existing = Vec::new();
    collect_files(dir, &mut existing)?;
    existing.sort();
    for path in existing {
        if !expected.contains(&path) && owned(&path) {
            if !check {
                std::fs::remove_file(&path)?;
            }
            report.removed.push(path);
        }
    }
    Ok(report)
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            if path.file_name().is_some_and(|name| name == "target") {
                continue;
            }
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
