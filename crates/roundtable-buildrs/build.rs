//! Generates the Roundtable bindings from the spec at build time.

fn main() {
    let mut settings = openapi_forge::Settings::new("../../spec/roundtable.yaml");
    // The same header as the committed crate, so the two agree byte for byte.
    settings.regenerate_command = "cargo xtask codegen".into();
    if let Err(error) = openapi_forge::build_script::generate_into_out_dir(&settings) {
        panic!("cannot generate the Roundtable bindings:\n{error}");
    }
}
