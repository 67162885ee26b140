//! `spec/roundtable.yaml` passes an independent OpenAPI validator, and every
//! example in it matches its schema.

use std::process::Command;

#[test]
fn roundtable_spec_is_valid() {
    let root = xtask::project_root();
    let python = xtask::python::spec_validator_python().unwrap_or_else(|error| panic!("{error}"));
    let output = Command::new(&python)
        .current_dir(&root)
        .args(["spec/validate.py", "spec/roundtable.yaml"])
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    assert!(
        output.status.success(),
        "validation failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn validator_rejects_broken_specs() {
    let root = xtask::project_root();
    let python = xtask::python::spec_validator_python().unwrap_or_else(|error| panic!("{error}"));
    let output = Command::new(&python)
        .current_dir(&root)
        .args(["spec/validate.py", "--self-test", "spec/roundtable.yaml"])
        .output()
        .unwrap_or_else(|error| panic!("cannot run {}: {error}", python.display()));
    assert!(
        output.status.success(),
        "the validator's self-test failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
