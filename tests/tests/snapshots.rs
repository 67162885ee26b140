//! Snapshots of the generated code: the models, client and server of the
//! Roundtable spec and of every fixture and case. A snapshot is a claim
//! about the output; a change to one is reviewed (`cargo insta review`)
//! before it is accepted.

use std::path::Path;

use openapi_forge::Settings;

fn snapshot_modules(spec: &Path) {
    let root = xtask::project_root();
    // Relative paths keep machine-specific directories out of the output.
    std::env::set_current_dir(&root).expect("project root");
    let spec = spec.strip_prefix(&root).unwrap_or(spec);
    let mut settings = Settings::new(spec);
    settings.regenerate_command = xtask::codegen::COMMAND.into();
    let output = openapi_forge::generate(&settings)
        .unwrap_or_else(|diagnostics| panic!("{}:\n{diagnostics}", spec.display()));
    for module in ["models", "client", "server"] {
        let file = output
            .file(&format!("src/{module}.rs"))
            .expect("module is generated");
        insta::assert_snapshot!(module, file.contents);
    }
}

#[test]
fn roundtable() {
    let spec = xtask::project_root().join("spec/roundtable.yaml");
    insta::with_settings!({ snapshot_suffix => "roundtable.yaml" }, {
        snapshot_modules(&spec);
    });
}

#[test]
fn fixtures() {
    insta::glob!("../fixtures", "*.yaml", |path| {
        if !path.to_string_lossy().contains(".common.") {
            snapshot_modules(path);
        }
    });
}

#[test]
fn cases() {
    insta::glob!("../cases", "*.yaml", |path| {
        if !path.to_string_lossy().contains(".common.") {
            snapshot_modules(path);
        }
    });
}
