//! Emits and formats the files of a run on several threads.
//!
//! Building tokens, parsing them with syn and printing them with
//! prettyplease cost about the same per item, and items do not depend on
//! each other, so a file can be made of pieces formatted apart and joined
//! in order: prettyplease ends every top-level item with a line break at
//! column zero, so the joined text is the text of the whole file. Tokens
//! never cross threads (proc-macro2's are not `Send`); each piece is built,
//! formatted and dropped on the thread that runs it, and only its text
//! comes back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use proc_macro2::TokenStream;

use super::EmitError;

/// A function building the tokens of one piece of a file.
pub type Piece<'a> = Box<dyn Fn() -> TokenStream + Sync + 'a>;

/// One output file: its name for error messages and its pieces in order.
pub struct FileJob<'a> {
    pub module: &'static str,
    pub pieces: Vec<Piece<'a>>,
}

/// Formats every file of `jobs` (each as `header`, a line break and its
/// pieces' text), spreading the pieces over the available cores. Pieces
/// are started in the order given, so listing the largest first balances
/// the threads best.
pub fn format_files(header: &str, jobs: &[FileJob<'_>]) -> Result<Vec<String>, EmitError> {
    let order: Vec<(usize, usize)> = jobs
        .iter()
        .enumerate()
        .flat_map(|(file, job)| (0..job.pieces.len()).map(move |piece| (file, piece)))
        .collect();
    let results: Vec<Mutex<Option<Result<String, EmitError>>>> =
        order.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let work = || loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(&(file, piece)) = order.get(index) else {
            break;
        };
        let Some(job) = jobs.get(file) else {
            continue;
        };
        let Some(build) = job.pieces.get(piece) else {
            continue;
        };
        let text = super::unparse(job.module, build());
        if let Some(slot) = results.get(index) {
            // A poisoned slot only means another piece panicked, which
            // ends the scope anyway.
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(text);
            }
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(order.len());
    std::thread::scope(|scope| {
        for _ in 1..threads {
            scope.spawn(work);
        }
        work();
    });
    let mut texts: Vec<String> = jobs.iter().map(|_| format!("{header}\n")).collect();
    for ((file, _), slot) in order.iter().zip(results) {
        let piece = slot
            .into_inner()
            .ok()
            .flatten()
            .unwrap_or_else(|| Err(lost(jobs, *file)))?;
        if let Some(text) = texts.get_mut(*file) {
            text.push_str(&piece);
        }
    }
    Ok(texts)
}

/// Parses the tokens of one piece as a file and prints them.
fn lost(jobs: &[FileJob<'_>], file: usize) -> EmitError {
    EmitError {
        module: jobs.get(file).map_or("", |job| job.module).into(),
        message: "a formatting thread ended without a result".into(),
    }
}
