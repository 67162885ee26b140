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

/// The mark every generated file carries in its first line; only files with
/// it are ever overwritten or removed.
pub const GENERATED_MARK: &str = "@generated";

/// Makes `dir` hold exactly `files` among the files matching `owned`.
///
/// `owned` says which existing files under `dir` the generator is
/// responsible for (for example every `.rs` file and `Cargo.toml`); other
/// files are left alone. A file is only ever overwritten or removed when its
/// first line carries [`GENERATED_MARK`]: pointing the output at a
/// directory of hand-written code fails, naming the files, before anything
/// is written. With `check`, nothing is written.
pub fn sync(
    dir: &Path,
    files: &[GeneratedFile],
    owned: &dyn Fn(&Path) -> bool,
    check: bool,
) -> std::io::Result<SyncReport> {
    let mut report = SyncReport::default();
    let mut expected = BTreeSet::new();
    let mut pending = Vec::new();
    let mut foreign = Vec::new();
    for file in files {
        let path = dir.join(&file.path);
        expected.insert(path.clone());
        let current = std::fs::read(&path).ok();
        match current {
            Some(bytes) if bytes == file.contents.as_bytes() => report.unchanged += 1,
            Some(bytes) if !is_marked(&bytes) => foreign.push(path),
            _ => pending.push((path, file)),
        }
    }
    if !foreign.is_empty() {
        let list: Vec<String> = foreign.iter().map(|p| p.display().to_string()).collect();
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!(
                "refusing to overwrite files that openapi-forge did not generate: {}; \
                 choose an empty or generated output directory, or move them away",
                list.join(", ")
            ),
        ));
    }
    for (path, file) in pending {
        if !check {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| with_path(e, parent))?;
            }
            std::fs::write(&path, &file.contents).map_err(|e| with_path(e, &path))?;
        }
        report.changed.push(path);
    }
    let mut existing = Vec::new();
    collect_files(dir, &mut existing)?;
    existing.sort();
    for path in existing {
        if expected.contains(&path) || !owned(&path) {
            continue;
        }
        let marked = std::fs::read(&path)
            .map(|bytes| is_marked(&bytes))
            .unwrap_or(false);
        if !marked {
            continue;
        }
        if !check {
            std::fs::remove_file(&path).map_err(|e| with_path(e, &path))?;
        }
        report.removed.push(path);
    }
    Ok(report)
}

fn is_marked(contents: &[u8]) -> bool {
    let first_line = contents.split(|&b| b == b'\n').next().unwrap_or_default();
    String::from_utf8_lossy(first_line).contains(GENERATED_MARK)
}

fn with_path(error: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(with_path(error, dir)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile {
            path: path.into(),
            contents: contents.into(),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("openapi-forge-sync-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("src")).expect("scratch directory");
        dir
    }

    #[test]
    fn hand_written_files_are_never_overwritten_or_removed() {
        let dir = scratch("foreign");
        std::fs::write(dir.join("Cargo.toml"), "[package]\nname = \"mine\"\n").expect("write");
        std::fs::write(dir.join("src/main.rs"), "fn main() {}\n").expect("write");
        let files = [
            file("Cargo.toml", "# @generated\n"),
            file("src/lib.rs", "// @generated\n"),
        ];
        let error = sync(&dir, &files, &|_| true, false).expect_err("refuses");
        assert!(error.to_string().contains("Cargo.toml"), "{error}");
        // Nothing was written, nothing removed.
        assert!(!dir.join("src/lib.rs").exists());
        assert!(dir.join("src/main.rs").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn only_marked_files_are_removed() {
        let dir = scratch("remove");
        std::fs::write(dir.join("src/old.rs"), "// @generated\n").expect("write");
        std::fs::write(dir.join("src/mine.rs"), "// written by hand\n").expect("write");
        let files = [file("src/lib.rs", "// @generated\n")];
        let report = sync(&dir, &files, &|_| true, false).expect("syncs");
        assert_eq!(report.removed, vec![dir.join("src/old.rs")]);
        assert!(dir.join("src/mine.rs").exists());
        let report = sync(&dir, &files, &|_| true, true).expect("checks");
        assert!(!report.is_stale());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
