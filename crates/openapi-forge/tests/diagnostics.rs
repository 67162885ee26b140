//! Bad specs give located diagnostics: file, line:column, JSON pointer and a
//! hint, all errors together, and no output.

mod common;

use common::test_file;
use openapi_forge::{Diagnostic, Severity};

fn errors(name: &str) -> Vec<Diagnostic> {
    match common::run(&test_file(&format!("bad/{name}"))) {
        Ok(_) => panic!("{name} resolved"),
        Err(diagnostics) => {
            assert!(!diagnostics.0.is_empty(), "{name}: no diagnostics");
            for diagnostic in &diagnostics.0 {
                assert_eq!(diagnostic.severity, Severity::Error);
                assert!(diagnostic.hint.is_some(), "{diagnostic}");
            }
            diagnostics.0
        }
    }
}

fn only(name: &str) -> Diagnostic {
    let mut all = errors(name);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

#[test]
fn yaml_syntax_error_has_the_parser_position() {
    let error = only("not-yaml.yaml");
    assert!(error.file.ends_with("not-yaml.yaml"), "{error}");
    assert!(error.message.contains("not valid YAML"), "{error}");
    assert!(matches!(error.position, Some((6 | 7, _))), "{error}");
}

#[test]
fn json_syntax_error_has_the_parser_position() {
    let error = only("not-json.json");
    assert!(error.message.contains("not valid JSON"), "{error}");
    assert_eq!(error.position, Some((4, 13)), "{error}");
}

#[test]
fn top_level_must_be_an_object() {
    let error = only("not-object.yaml");
    assert!(error.message.contains("not an object"), "{error}");
    assert_eq!(error.pointer, "");
}

#[test]
fn swagger_2_is_refused_with_one_message() {
    let error = only("swagger2.yaml");
    assert!(error.message.contains("Swagger 2.0"), "{error}");
    assert!(error
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("swagger2openapi")));
    assert_eq!(
        (error.pointer.as_str(), error.position),
        ("/swagger", Some((2, 1)))
    );
}

#[test]
fn openapi_31_is_refused_with_one_message() {
    let error = only("openapi31.yaml");
    assert!(error.message.contains("3.1.0"), "{error}");
    assert!(error
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("only 3.0.x")));
    assert_eq!(
        (error.pointer.as_str(), error.position),
        ("/openapi", Some((2, 1)))
    );
}

#[test]
fn missing_external_file_names_file_and_referrer() {
    let error = only("missing-file.yaml");
    assert!(error.message.contains("no-such-file.yaml"), "{error}");
    assert!(error.file.ends_with("missing-file.yaml"), "{error}");
    assert_eq!(
        error.pointer,
        "/paths/~1things/get/responses/200/content/application~1json/schema/$ref"
    );
    assert_eq!(error.position, Some((15, 17)), "{error}");
}

#[test]
fn missing_case_companion_is_reported() {
    // Case 19 without its companion: copy the case alone to a temporary
    // directory.
    let dir = std::env::temp_dir().join(format!("forge-missing-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let source = common::repo_file("tests/cases/19-external-ref.yaml");
    let copy = dir.join("19-external-ref.yaml");
    std::fs::copy(&source, &copy).expect("copy the case");
    let result = common::run(&copy);
    let _ = std::fs::remove_dir_all(&dir);
    let diagnostics = result.expect_err("must fail").0;
    assert!(diagnostics
        .iter()
        .all(|d| d.message.contains("19-external-ref.common.yaml")));
    assert!(diagnostics.iter().all(|d| d.position.is_some()));
}

#[test]
fn broken_companion_points_into_both_files() {
    let all = errors("bad-companion.yaml");
    assert!(
        all.iter().any(|d| d.file.ends_with("bad-companion.yaml")),
        "{all:?}"
    );
    assert!(all
        .iter()
        .any(|d| d.file.ends_with("broken.common.yaml") && d.position.is_some()));
}

#[test]
fn dangling_reference_is_located() {
    let error = only("dangling-ref.yaml");
    assert!(error.message.contains("dangling reference"), "{error}");
    assert_eq!(
        error.pointer,
        "/components/schemas/Order/properties/customer/$ref"
    );
    assert_eq!(error.position, Some((13, 11)), "{error}");
}

#[test]
fn reference_cycle_is_reported_once() {
    let error = only("ref-cycle.yaml");
    assert!(error.message.contains("cycle"), "{error}");
    assert_eq!(error.pointer, "/components/schemas/A/$ref");
    assert_eq!(error.position, Some((10, 7)), "{error}");
}

#[test]
fn display_shows_file_position_pointer_and_hint() {
    let text = only("dangling-ref.yaml").to_string();
    assert!(text.starts_with("error: dangling reference"), "{text}");
    assert!(
        text.contains("dangling-ref.yaml:13:11 at /components/schemas/Order"),
        "{text}"
    );
    assert!(text.contains("= hint:"), "{text}");
}

/// Writes a description whose schema `S0` refers to `S1`, and so on up to
/// `S<links>`, a string; returns its path.
fn ref_chain(links: usize) -> std::path::PathBuf {
    let mut text = String::from(
        "openapi: 3.0.3\ninfo: {title: Chain, version: '1'}\npaths: {}\n\
         components:\n  schemas:\n",
    );
    for i in 0..links {
        let next = i + 1;
        text.push_str(&format!(
            "    S{i}: {{$ref: '#/components/schemas/S{next}'}}\n"
        ));
    }
    text.push_str(&format!("    S{links}: {{type: string}}\n"));
    let dir = std::env::temp_dir().join(format!("forge-chain-{}-{links}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("chain.yaml");
    std::fs::write(&path, text).expect("write the chain");
    path
}

#[test]
fn long_acyclic_reference_chains_resolve() {
    let path = ref_chain(300);
    let result = common::run(&path);
    let _ = std::fs::remove_dir_all(path.parent().expect("a directory"));
    let api = result.unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    assert!(api.api.types.iter().any(|t| t.name == "S0"));
}

#[test]
fn pathologically_long_chains_are_refused_once_and_quickly() {
    let start = std::time::Instant::now();
    let path = ref_chain(30_000);
    let result = common::run(&path);
    let _ = std::fs::remove_dir_all(path.parent().expect("a directory"));
    let diagnostics = result.expect_err("must fail").0;
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let message = &diagnostics[0].message;
    assert!(message.contains("more than 10000 references"), "{message}");
    assert!(!message.contains("cycle"), "{message}");
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
