//! The Python environment of the spec validator.
//!
//! The spec is checked by `openapi-spec-validator`, a widely used validator
//! independent of our loader, with `jsonschema` for the examples. Both are
//! pinned in `spec/requirements.txt` and installed into a virtual
//! environment under `target/`, rebuilt when the requirements change, so a
//! fresh machine needs only `python3`.

use std::path::PathBuf;
use std::process::Command;

/// The Python interpreter of the validator's environment, set up on first
/// use. `SPEC_VALIDATOR_PYTHON` overrides it.
pub fn spec_validator_python() -> Result<PathBuf, String> {
    if let Some(python) = std::env::var_os("SPEC_VALIDATOR_PYTHON") {
        return Ok(PathBuf::from(python));
    }
    // Tests that need the environment run on several threads of one
    // process; only one of them may create it.
    static SETUP: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = SETUP
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let root = crate::project_root();
    let requirements = root.join("spec/requirements.txt");
    let wanted = std::fs::read_to_string(&requirements)
        .map_err(|error| format!("cannot read {}: {error}", requirements.display()))?;
    let venv = root.join("target/spec-venv");
    let python = venv.join("bin/python");
    let stamp = venv.join("requirements.installed");
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&wanted) {
        return Ok(python);
    }
    run(Command::new("python3")
        .arg("-m")
        .arg("venv")
        .arg("--clear")
        .arg(&venv))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(&requirements))?;
    std::fs::write(&stamp, wanted)
        .map_err(|error| format!("cannot write {}: {error}", stamp.display()))?;
    Ok(python)
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|error| format!("cannot run {command:?}: {error} (is python3 installed?)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed with {status}"))
    }
}
