//! The checked-in generated code matches what the generator produces now.

#[test]
fn generated_files_are_fresh() {
    let outcome = xtask::codegen::run(true).unwrap_or_else(|error| panic!("{error}"));
    let stale: Vec<_> = outcome
        .sync
        .changed
        .iter()
        .chain(&outcome.sync.removed)
        .collect();
    assert!(
        stale.is_empty(),
        "generated files are stale: {stale:?}\nrun `cargo xtask codegen` and review the diff"
    );
}
