//! What the build script generates equals the committed `generated/roundtable`.

use std::path::Path;

#[test]
fn build_script_output_equals_committed_crate() {
    let out_dir = Path::new(env!("OUT_DIR"));
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../generated/roundtable/src");
    for module in ["models.rs", "client.rs", "server.rs"] {
        let built = std::fs::read(out_dir.join(module)).expect("build script output");
        let checked_in = std::fs::read(committed.join(module)).expect("committed file");
        assert!(
            built == checked_in,
            "{module} differs from generated/roundtable/src/{module}"
        );
    }
}
