//! Approximated constructs resolve, each with a located warning.

mod common;

use openapi_forge::Severity;

#[test]
fn approximations_are_warned_with_their_location() {
    let resolved = common::run(&common::test_file("warn/approximations.yaml"))
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let warnings: Vec<(String, String)> = resolved
        .warnings
        .iter()
        .map(|w| {
            assert_eq!(w.severity, Severity::Warning);
            assert!(w.file.ends_with("approximations.yaml"));
            (w.pointer.clone(), w.message.clone())
        })
        .collect();
    let expect = |pointer: &str, words: &str| {
        assert!(
            warnings
                .iter()
                .any(|(p, m)| p == pointer && m.contains(words)),
            "no warning `{words}` at {pointer}: {warnings:#?}"
        );
    };
    let op = "/paths/~1things/post";
    expect(&format!("{op}/parameters/0"), "`content`");
    expect(&format!("{op}/parameters/1"), "`Accept` is ignored");
    expect(&format!("{op}/requestBody/content"), "application/xml");
    expect(&format!("{op}/callbacks"), "callbacks");
    expect(&format!("{op}/responses/200/links"), "links");
    expect(&format!("{op}/responses/200/content"), "not supported");
    expect("/components/schemas/Thing", "`xml`");
    expect("/components/schemas/Thing/properties/id", "`not`");
    expect("/components/schemas/Thing/properties/either", "`anyOf`");
    expect("/components/schemas/Thing/properties/ratio", "base type");
    expect(
        "/components/schemas/Thing/properties/code",
        "read as their text",
    );
    let mut sorted = resolved.warnings.clone();
    sorted.sort();
    assert_eq!(sorted, resolved.warnings, "warnings are sorted");
}

#[test]
fn odd_shapes_do_not_panic() {
    let path = common::test_file("warn/odd-shapes.yaml");
    let resolved = common::run(&path).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let api = &resolved.api;
    assert_eq!(api.title, "42");
    assert!(
        common::name_problems(api).is_empty(),
        "{:?}",
        common::name_problems(api)
    );
    assert!(api.operations.iter().any(|op| op.path == "/refs"));
    let odd = api
        .operations
        .iter()
        .find(|op| op.path == "/odd/{id}")
        .expect("operation");
    assert_eq!(odd.fn_name, "_7");
    assert!(!resolved.warnings.is_empty());
}

/// The warnings of a spec as `(pointer, message)` pairs.
fn warnings_of(path: &std::path::Path) -> Vec<(String, String)> {
    let resolved = common::run(path).unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    resolved
        .warnings
        .iter()
        .map(|w| (w.pointer.clone(), w.message.clone()))
        .collect()
}

fn expect_warning(warnings: &[(String, String)], pointer: &str, words: &str) {
    assert!(
        warnings
            .iter()
            .any(|(p, m)| p == pointer && m.contains(words)),
        "no warning `{words}` at {pointer}: {warnings:#?}"
    );
}

#[test]
fn endless_recursion_is_cut_with_a_warning() {
    let path = common::repo_file("tests/fixtures/endless-recursion.yaml");
    let warnings = warnings_of(&path);
    let schemas = "/components/schemas";
    expect_warning(
        &warnings,
        &format!("{schemas}/Word"),
        "`Word` is the union itself",
    );
    expect_warning(
        &warnings,
        &format!("{schemas}/Shape"),
        "`Shape` is the union itself",
    );
    expect_warning(&warnings, &format!("{schemas}/Right"), "`Left` leads back");
    expect_warning(
        &warnings,
        &format!("{schemas}/Labelled/allOf/0"),
        "refers back",
    );
    expect_warning(&warnings, &format!("{schemas}/Loop"), "any JSON value");
    let api = common::api(&path);
    let variants = |name: &str| -> Vec<String> {
        match &common::ty(&api, name).kind {
            openapi_forge::model::TypeKind::Union(union) => {
                union.variants.iter().map(|v| v.name.clone()).collect()
            }
            other => panic!("{name} is not a union: {other:?}"),
        }
    };
    assert_eq!(variants("Word"), vec!["String".to_string()]);
    assert_eq!(
        variants("Left"),
        vec!["Right".to_string(), "Integer".to_string()]
    );
    assert_eq!(variants("Right"), vec!["Boolean".to_string()]);
    match &common::ty(&api, "Labelled").kind {
        openapi_forge::model::TypeKind::Struct(s) => assert_eq!(s.fields.len(), 1),
        other => panic!("Labelled is not a struct: {other:?}"),
    }
}

#[test]
fn values_that_are_not_schemas_are_reported_where_they_are() {
    let warnings = warnings_of(&common::test_file("warn/not-schemas.yaml"));
    let op = "/paths/~1things~1{id}/post";
    let not_schema = "not a schema";
    expect_warning(&warnings, &format!("{op}/parameters/0/schema"), not_schema);
    let body = format!("{op}/requestBody/content/application~1json/schema");
    expect_warning(&warnings, &body, "the string `hello`");
    let thing = "/components/schemas/Thing";
    expect_warning(
        &warnings,
        &format!("{thing}/properties/name/minLength"),
        "non-negative",
    );
    expect_warning(
        &warnings,
        &format!("{thing}/properties/tags/items"),
        "`items` must be",
    );
    expect_warning(
        &warnings,
        &format!("{thing}/properties/count/type"),
        "the number `5`",
    );
    expect_warning(&warnings, &format!("{thing}/properties/flag"), not_schema);
    expect_warning(
        &warnings,
        &format!("{thing}/properties/rest/allOf/0"),
        not_schema,
    );
    expect_warning(&warnings, &format!("{thing}/required"), "a list of strings");
    let broken = "/components/schemas/Broken/properties";
    expect_warning(
        &warnings,
        broken,
        "`properties` must be an object, not a list",
    );
    expect_warning(&warnings, "/components/schemas/Scalar", not_schema);
}

#[test]
fn collision_renames_are_reported_and_documented() {
    let path = common::test_file("warn/renames.yaml");
    let warnings = warnings_of(&path);
    let props = "/components/schemas/T/properties";
    expect_warning(
        &warnings,
        &format!("{props}/Type"),
        "property `Type` is named `type_2` in Rust: `type` converts to the same name and keeps \
         `r#type`",
    );
    expect_warning(&warnings, &format!("{props}/TYPE"), "`type_3`");
    expect_warning(
        &warnings,
        "/paths/~1a/put/operationId",
        "operationId `get thing!` is named `get_thing_2` in Rust: `get_thing` converts",
    );
    expect_warning(
        &warnings,
        "/paths/~1a/post/operationId",
        "`getThing` is named `get_thing_3`",
    );
    expect_warning(
        &warnings,
        "/paths/~1a/put/parameters/1",
        "parameter `id` (in header) is named `id_2` in Rust: `id` (in query)",
    );
    expect_warning(
        &warnings,
        "/components/schemas/t",
        "the schema `t` is named `T2` in Rust: the schema `T` converts to the same name",
    );
    assert_eq!(warnings.len(), 6, "{warnings:#?}");

    let output = openapi_forge::generate(&openapi_forge::Settings::new(&path))
        .unwrap_or_else(|diagnostics| panic!("{diagnostics}"));
    let text = |file: &str| {
        output
            .file(file)
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    let models = text("src/models.rs");
    assert!(models.contains("`Type` in the spec; numbered"), "{models}");
    assert!(models.contains("`TYPE` in the spec; numbered"), "{models}");
    assert!(
        models.contains("The spec's schema `t`; numbered"),
        "{models}"
    );
    for module in ["src/client.rs", "src/server.rs"] {
        let code = text(module);
        assert!(code.contains("The spec's operation `getThing`"), "{code}");
        assert!(code.contains("The spec's operation `get thing!`"), "{code}");
    }
}
