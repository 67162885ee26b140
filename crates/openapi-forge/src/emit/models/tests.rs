//! Emitter tests over hand-built models: the output parses, formats, and
//! has the shapes the runtime and the other emitters rely on.

use crate::emit::format;
use crate::model::*;

fn origin(pointer: &str) -> Origin {
    Origin {
        file: "spec.yaml".into(),
        pointer: pointer.into(),
    }
}

fn field(name: &str, wire: &str, ty: TypeExpr, required: bool, nullable: bool) -> Field {
    Field {
        name: name.into(),
        wire_name: wire.into(),
        docs: Docs::default(),
        ty,
        required,
        nullable,
        read_only: false,
        write_only: false,
        deprecated: false,
        default: None,
        constraints: Constraints::default(),
    }
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.into(),
        origin: origin(&format!("/components/schemas/{name}")),
        docs: Docs::default(),
        deprecated: false,
        kind,
    }
}

/// A small API touching every kind of type and response shape. Type ids:
/// 0 Agent, 1 Circle, 2 Legacy, 3 Priority, 4 Shape, 5 Tags, 6 Ticket,
/// 7 Aggregate, 8 Loose.
pub(crate) fn sample_api() -> Api {
    let mut agent = def(
        "Agent",
        TypeKind::Struct(Struct {
            fields: vec![field("name", "name", TypeExpr::String, true, false)],
            additional: None,
        }),
    );
    agent.docs.description = Some("Someone who works on [tickets], see https://a.test/x.".into());
    let circle = def(
        "Circle",
        TypeKind::Struct(Struct {
            fields: vec![
                field("kind", "kind", TypeExpr::String, true, false),
                field(
                    "radius",
                    "radius",
                    TypeExpr::Number(NumFormat::F64),
                    true,
                    false,
                ),
            ],
            additional: None,
        }),
    );
    let mut legacy = def(
        "Legacy",
        TypeKind::Struct(Struct {
            fields: vec![field("old", "old", TypeExpr::Boolean, false, false)],
            additional: None,
        }),
    );
    legacy.deprecated = true;
    let priority = def(
        "Priority",
        TypeKind::IntEnum(IntEnum {
            format: IntFormat::I64,
            variants: vec![
                ("Minus1".into(), -1),
                ("Value0".into(), 0),
                ("Big".into(), 4_294_967_296),
            ],
        }),
    );
    let shape = def(
        "Shape",
        TypeKind::Union(Union {
            tagging: Tagging::Tagged {
                property: "kind".into(),
            },
            variants: vec![UnionVariant {
                name: "Circle".into(),
                tag: Some("circle".into()),
                ty: TypeExpr::Named(TypeId(1)),
                docs: Docs::default(),
            }],
        }),
    );
    let tags_constraints = Constraints {
        min_items: Some(1),
        unique_items: true,
        ..Constraints::default()
    };
    let tags = def(
        "Tags",
        TypeKind::Newtype(Newtype {
            inner: TypeExpr::Array(Box::new(TypeExpr::String)),
            constraints: tags_constraints,
        }),
    );
    let mut id = field("id", "id", TypeExpr::String, true, false);
    id.constraints.min_length = Some(1);
    id.constraints.pattern = Some("^t[0-9]+$".into());
    let mut count = field(
        "count",
        "count",
        TypeExpr::Integer(IntFormat::I32),
        false,
        false,
    );
    count.constraints.minimum = Some(-5.0);
    count.constraints.maximum = Some(10.5);
    count.constraints.exclusive_maximum = true;
    count.default = Some(serde_json::json!(3));
    count.read_only = true;
    let mut r#type = field("r#type", "type", TypeExpr::String, false, false);
    r#type.deprecated = true;
    let ticket = def(
        "Ticket",
        TypeKind::Struct(Struct {
            fields: vec![
                id,
                field(
                    "assignee",
                    "assignee",
                    TypeExpr::Named(TypeId(0)),
                    true,
                    true,
                ),
                field(
                    "reviewer",
                    "reviewer",
                    TypeExpr::Named(TypeId(0)),
                    false,
                    true,
                ),
                field(
                    "watcher",
                    "watcher",
                    TypeExpr::Named(TypeId(0)),
                    false,
                    false,
                ),
                field(
                    "parent",
                    "parent",
                    TypeExpr::Boxed(Box::new(TypeExpr::Named(TypeId(6)))),
                    false,
                    false,
                ),
                field(
                    "shapes",
                    "shapes",
                    TypeExpr::Array(Box::new(TypeExpr::Named(TypeId(4)))),
                    false,
                    false,
                ),
                field("legacy", "legacy", TypeExpr::Named(TypeId(2)), false, false),
                field("created_at", "createdAt", TypeExpr::DateTime, false, false),
                count,
                r#type,
                field(
                    "additional_properties",
                    "additional_properties",
                    TypeExpr::Any,
                    false,
                    false,
                ),
            ],
            additional: Some(TypeExpr::Named(TypeId(3))),
        }),
    );
    let aggregate = def(
        "Aggregate",
        TypeKind::StringEnum(StringEnum {
            variants: vec![
                EnumVariant {
                    name: "Mean".into(),
                    value: "mean".into(),
                },
                EnumVariant {
                    name: "EmptyString".into(),
                    value: "".into(),
                },
                EnumVariant {
                    name: "Tick".into(),
                    value: "a`b".into(),
                },
            ],
            other_variant: "Other".into(),
        }),
    );
    let loose = def(
        "Loose",
        TypeKind::Union(Union {
            tagging: Tagging::Untagged,
            variants: vec![
                UnionVariant {
                    name: "Text".into(),
                    tag: None,
                    ty: TypeExpr::String,
                    docs: Docs::default(),
                },
                UnionVariant {
                    name: "Agent".into(),
                    tag: None,
                    ty: TypeExpr::Named(TypeId(0)),
                    docs: Docs::default(),
                },
            ],
        }),
    );
    let json = |ty| Body {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty,
    };
    let response = |status, variant: &str, body, headers, success| Response {
        status,
        variant: variant.into(),
        description: format!("The {variant} response."),
        body,
        headers,
        success,
    };
    let retry_after = ResponseHeader {
        name: "retry_after".into(),
        wire_name: "Retry-After".into(),
        required: false,
        ty: TypeExpr::Integer(IntFormat::I64),
        docs: Docs::default(),
    };
    let operation = Operation {
        id: "getTicket".into(),
        id_derived: false,
        fn_name: "get_ticket".into(),
        type_stem: "GetTicket".into(),
        success_type: "GetTicketSuccess".into(),
        error_type: "GetTicketError".into(),
        request_type: "GetTicketRequest".into(),
        method: Method::Get,
        path: "/tickets/{ticketId}".into(),
        segments: Vec::new(),
        versioned: false,
        summary: Some("Fetch one ticket.".into()),
        description: None,
        tags: Vec::new(),
        deprecated: false,
        provisional: None,
        params: Vec::new(),
        body: None,
        responses: vec![
            response(
                StatusMatch::Code(200),
                "Ok",
                Some(json(TypeExpr::Named(TypeId(6)))),
                vec![],
                true,
            ),
            response(
                StatusMatch::Code(202),
                "Accepted",
                Some(json(TypeExpr::Named(TypeId(0)))),
                vec![retry_after.clone()],
                true,
            ),
            response(StatusMatch::Code(204), "NoContent", None, vec![], true),
            response(
                StatusMatch::Code(206),
                "PartialContent",
                Some(Body {
                    media_type: "application/octet-stream".into(),
                    encoding: BodyEncoding::Binary,
                    ty: TypeExpr::Binary,
                }),
                vec![],
                true,
            ),
            response(
                StatusMatch::Code(404),
                "NotFound",
                Some(json(TypeExpr::Named(TypeId(2)))),
                vec![],
                false,
            ),
            response(
                StatusMatch::Code(429),
                "TooManyRequests",
                None,
                vec![retry_after],
                false,
            ),
            response(StatusMatch::Range(5), "Status5xx", None, vec![], false),
            response(
                StatusMatch::Default,
                "Default",
                Some(json(TypeExpr::Any)),
                vec![],
                false,
            ),
        ],
        security: Vec::new(),
        raw_body: false,
        origin: origin("/paths/~1tickets~1{ticketId}/get"),
    };
    let mut quiet = operation.clone();
    quiet.id = "touch".into();
    quiet.success_type = "TouchSuccess".into();
    quiet.error_type = "TouchError".into();
    quiet.responses = vec![response(
        StatusMatch::Code(204),
        "NoContent",
        None,
        vec![],
        true,
    )];
    Api {
        title: "Sample".into(),
        version: "1".into(),
        description: None,
        servers: Vec::new(),
        versioning: None,
        types: vec![
            agent, circle, legacy, priority, shape, tags, ticket, aggregate, loose,
        ],
        operations: vec![operation, quiet],
        security_schemes: Vec::new(),
        error_format: None,
    }
}

fn generated() -> String {
    match format("// @generated", super::emit(&sample_api())) {
        Ok(text) => text,
        Err(error) => panic!("emitted code does not parse: {}", error.message),
    }
}

#[test]
fn output_parses_and_is_deterministic() {
    let first = generated();
    assert_eq!(first, generated());
    assert!(
        first.starts_with("// @generated\n//! Schema types of Sample"),
        "{}",
        &first[..200]
    );
}

#[test]
fn fields_follow_required_and_nullable() {
    let text = generated();
    let expected = [
        "pub id: ::std::string::String,",
        concat!(
            "#[serde(deserialize_with = \"::openapi_forge_runtime::models::nullable::required\")]",
            "\n    pub assignee: ::std::option::Option<Agent>,"
        ),
        "deserialize_with = \"::openapi_forge_runtime::models::nullable::double_option\"",
        "pub reviewer: ::std::option::Option<::std::option::Option<Agent>>,",
        "pub watcher: ::std::option::Option<Agent>,",
        "pub parent: ::std::option::Option<::std::boxed::Box<Ticket>>,",
        "rename = \"createdAt\",",
        "pub r#type: ::std::option::Option<::std::string::String>,",
        "#[serde(flatten)]\n    pub additional_properties_2: ::std::collections::BTreeMap<",
        "/// Defaults to `3` when absent",
        "/// Read-only",
    ];
    for snippet in expected {
        assert!(text.contains(snippet), "missing {snippet:?} in\n{text}");
    }
    assert!(
        !text.contains("rename = \"type\""),
        "raw identifiers need no rename"
    );
}

#[test]
fn deprecated_items_are_marked_and_their_users_allowed() {
    let text = generated();
    let legacy = "#[deprecated]\n#[derive(Debug, Clone, PartialEq, ::serde::Serialize, \
                  ::serde::Deserialize, Default)]\n#[allow(deprecated)]\npub struct Legacy";
    assert!(text.contains(legacy), "{text}");
    assert!(
        text.contains("#[allow(deprecated)]\npub struct Ticket"),
        "{text}"
    );
    assert!(
        text.contains("#[allow(deprecated)]\npub enum GetTicketError"),
        "{text}"
    );
}

#[test]
fn enums_use_the_runtime_macros() {
    let text = generated();
    assert!(text.contains("::openapi_forge_runtime::string_enum_impls!(Aggregate);"));
    assert!(text.contains("::openapi_forge_runtime::int_enum_impls!(Priority);"));
    assert!(text.contains("Other(::std::string::String)"));
    assert!(
        text.contains("-1 => ::std::option::Option::Some(Self::Minus1)"),
        "{text}"
    );
    assert!(text.contains("4294967296 => ::std::option::Option::Some(Self::Big)"));
    assert!(
        text.contains("/// The empty string.\n    EmptyString,"),
        "{text}"
    );
    assert!(text.contains("/// ``a`b``."), "{text}");
}

#[test]
fn response_variants_follow_their_shape() {
    let text = generated();
    for snippet in [
        "Ok(Ticket),",
        "Accepted {",
        "retry_after: ::std::option::Option<i64>,",
        "NoContent,",
        "PartialContent(::openapi_forge_runtime::bytes::Bytes),",
        "Status5xx {",
        "status: u16,",
        "Default {",
        "impl ::std::error::Error for GetTicketError {}",
        "pub enum TouchError {}",
        "match *self {}",
        "/// Success responses of `getTicket` (`GET /tickets/{ticketId}`).",
    ] {
        assert!(text.contains(snippet), "missing {snippet:?} in\n{text}");
    }
}

#[test]
fn validation_checks_rules_and_recurses() {
    let text = generated();
    for snippet in [
        "impl ::openapi_forge_runtime::Validate for Ticket",
        "min_length: ::std::option::Option::Some(1)",
        "pattern: ::std::option::Option::Some(\"^t[0-9]+$\")",
        "minimum: ::std::option::Option::Some(-5.0)",
        "maximum: ::std::option::Option::Some(10.5)",
        "exclusive_maximum: true",
        "&path.field(\"shapes\")",
        "unique_items: true",
    ] {
        assert!(text.contains(snippet), "missing {snippet:?} in\n{text}");
    }
}

#[test]
fn docs_are_sanitized() {
    let text = generated();
    assert!(
        text.contains("/// Someone who works on \\[tickets\\], see <https://a.test/x>."),
        "{text}"
    );
}

#[test]
fn response_shapes_are_shared() {
    use super::{variant_shape, VariantShape};
    let api = sample_api();
    let shapes: Vec<VariantShape> = api.operations[0]
        .responses
        .iter()
        .map(variant_shape)
        .collect();
    assert_eq!(shapes[0], VariantShape::Tuple);
    assert_eq!(
        shapes[1],
        VariantShape::Struct {
            body: true,
            headers: vec!["retry_after".into()],
            status: false
        }
    );
    assert_eq!(shapes[2], VariantShape::Unit);
    assert_eq!(
        shapes[6],
        VariantShape::Struct {
            body: false,
            headers: vec![],
            status: true
        }
    );
}

/// With `FORGE_MODELS_SCRATCH=<dir>`, writes the models of the sample and of
/// every case and fixture under `tests/` as modules of the crate at `<dir>`
/// (whose `Cargo.toml` the caller provides), to compile them together with
/// every lint denied; `FORGE_MODELS_SPECS` adds more specs (a `PATH`-style
/// list), e.g. from a corpus. Without the variable it only checks that each spec
/// that resolves also emits code that parses.
#[test]
fn models_of_every_case_parse() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut specs: Vec<std::path::PathBuf> = ["cases", "fixtures"]
        .iter()
        .filter_map(|dir| std::fs::read_dir(root.join(dir)).ok())
        .flatten()
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".yaml") && !name.ends_with(".common.yaml")
        })
        .collect();
    specs.sort();
    specs.push(root.join("../spec/roundtable.yaml"));
    // More specs to try (e.g. from a corpus), separated like `PATH`.
    if let Some(extra) = std::env::var_os("FORGE_MODELS_SPECS") {
        specs.extend(std::env::split_paths(&extra));
    }
    let scratch = std::env::var_os("FORGE_MODELS_SCRATCH").map(std::path::PathBuf::from);
    let mut modules = vec![("sample".to_string(), generated())];
    for spec in &specs {
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
        let stem: String = stem
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let module = if stem.starts_with(|c: char| c.is_ascii_digit()) {
            format!("case_{stem}")
        } else {
            stem.to_ascii_lowercase()
        };
        let Ok(documents) = crate::load::load(spec) else {
            continue;
        };
        let Ok(resolved) = crate::resolve::resolve(&documents) else {
            continue;
        };
        match format("// @generated", super::emit(&resolved.api)) {
            Ok(text) => modules.push((module, text)),
            Err(error) => panic!(
                "{}: emitted code does not parse: {}",
                spec.display(),
                error.message
            ),
        }
    }
    if let Some(dir) = scratch {
        // The layout mirrors the fixture crate's, `generated::<name>::models`,
        // so that `tests/tests/models_cases.rs` compiles against either.
        let mut lib = String::from(
            "//! Generated models compiled together.\n#![deny(warnings, missing_docs)]\n\n\
             /// Generated bindings.\npub mod generated {\n",
        );
        for (module, text) in &modules {
            let dir = dir.join("src/generated").join(module);
            std::fs::create_dir_all(&dir).expect("creates a module directory");
            std::fs::write(dir.join("models.rs"), text).expect("writes a module");
            lib.push_str(&format!(
                "    /// `{module}`.\n    pub mod {module} {{\n        pub mod models;\n    }}\n"
            ));
        }
        lib.push_str("}\n");
        std::fs::write(dir.join("src/lib.rs"), lib).expect("writes lib.rs");
    }
}
