//! Snapshots of the generated code: the models, client and server of the
//! Roundtable spec and of every fixture and case. A snapshot is a claim
//! about the output; a change to one is reviewed (`cargo insta review`)
//! before it is accepted.

use std::path::Path;

use openapi_forge::Settings;

fn snapshot_modules(name: &str, spec: &Path) {
    let root = xtask::project_root();
    // Relative paths keep machine-specific directories out of the output.
    std::env::set_current_dir(&root).expect("project root");
    let mut settings = Settings::new(spec);
    settings.regenerate_command = xtask::codegen::COMMAND.into();
    let output = openapi_forge::generate(&settings).unwrap_or_else(|d| panic!("{name}:\n{d}"));
    for module in ["models", "client", "server"] {
        let file = output.file(&format!("src/{module}.rs")).expect("module is generated");
        insta::assert_snapshot!(format!("{name}__{module}"), file.contents);
    }
}

#[test]
fn roundtable() {
    snapshot_modules("roundtable", Path::new("spec/roundtable.yaml"));
}

#[test]
fn fixtures_and_cases() {
    let root = xtask::project_root();
    let specs = xtask::codegen::fixture_specs(&root).expect("fixture list");
    assert!(!specs.is_empty(), "no fixtures found under tests/");
    for (module, spec) in specs {
        snapshot_modules(&module, &spec);
    }
}
