//! The server emitter over a hand-built API that covers each construct it
//! handles: security alternatives, optional authentication, versioning,
//! composite path segments, raw bodies, every response variant shape.
//! Generated servers are compiled and exercised through the fixture crate
//! (`generated/fixtures`) and `tests/tests/server_cases.rs`.

use crate::model::*;

fn origin() -> Origin {
    Origin {
        file: "scratch.yaml".into(),
        pointer: String::new(),
    }
}

fn field(name: &str, wire: &str, ty: TypeExpr, required: bool) -> Field {
    Field {
        name: name.into(),
        wire_name: wire.into(),
        docs: Docs::default(),
        ty,
        required,
        nullable: false,
        read_only: false,
        write_only: false,
        deprecated: false,
        default: None,
        constraints: Constraints::default(),
    }
}

fn object(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.into(),
        origin: origin(),
        docs: Docs::default(),
        deprecated: false,
        kind: TypeKind::Struct(Struct {
            fields,
            additional: None,
        }),
    }
}

fn string_enum(name: &str, values: &[(&str, &str)]) -> TypeDef {
    let variants = values
        .iter()
        .map(|(name, value)| EnumVariant {
            name: (*name).into(),
            value: (*value).into(),
        })
        .collect();
    TypeDef {
        name: name.into(),
        origin: origin(),
        docs: Docs::default(),
        deprecated: false,
        kind: TypeKind::StringEnum(StringEnum {
            variants,
            other_variant: "Other".into(),
        }),
    }
}

fn param(name: &str, wire: &str, location: ParamLocation, ty: TypeExpr) -> Parameter {
    let style = match location {
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
    };
    Parameter {
        name: name.into(),
        wire_name: wire.into(),
        location,
        required: location == ParamLocation::Path,
        ty,
        style,
        explode: style == ParamStyle::Form,
        docs: Docs::default(),
        deprecated: false,
        constraints: Constraints::default(),
    }
}

fn json(ty: TypeExpr) -> Option<Body> {
    Some(Body {
        media_type: "application/json".into(),
        encoding: BodyEncoding::Json,
        ty,
    })
}

fn response(status: StatusMatch, variant: &str, body: Option<Body>) -> Response {
    let success = match status {
        StatusMatch::Code(code) => (200..300).contains(&code),
        StatusMatch::Range(digit) => digit == 2,
        StatusMatch::Default => false,
    };
    Response {
        status,
        variant: variant.into(),
        description: format!("The {variant} response."),
        body,
        headers: Vec::new(),
        success,
    }
}

fn header(name: &str, wire: &str, ty: TypeExpr, required: bool) -> ResponseHeader {
    ResponseHeader {
        name: name.into(),
        wire_name: wire.into(),
        required,
        ty,
        docs: Docs::default(),
    }
}

fn operation(id: &str, stem: &str, method: Method, path: &str) -> Operation {
    Operation {
        id: id.into(),
        id_derived: false,
        fn_name: heck::ToSnakeCase::to_snake_case(id),
        type_stem: stem.into(),
        success_type: format!("{stem}Success"),
        error_type: format!("{stem}Error"),
        request_type: format!("{stem}Request"),
        method,
        path: path.into(),
        segments: Vec::new(),
        versioned: path.starts_with("/api/v1/"),
        summary: Some(format!("The {id} operation.")),
        description: None,
        tags: Vec::new(),
        deprecated: false,
        provisional: None,
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        security: Vec::new(),
        raw_body: false,
        origin: origin(),
    }
}

const ERROR: TypeId = TypeId(0);
const FINISH: TypeId = TypeId(1);
const JOB: TypeId = TypeId(2);
const JOB_SPEC: TypeId = TypeId(3);
const PROBLEM: TypeId = TypeId(4);
const THEME: TypeId = TypeId(5);
const BEARER: SchemeId = SchemeId(1);
const KEY: SchemeId = SchemeId(0);
const COOKIE: SchemeId = SchemeId(2);

/// The hand-built API.
pub(crate) fn scratch_api() -> Api {
    let types = vec![
        object(
            "Error",
            vec![
                field("error", "error", TypeExpr::String, true),
                field("details", "details", TypeExpr::Any, false),
            ],
        ),
        string_enum(
            "Finish",
            &[("EmptyString", ""), ("Empty", "empty"), ("Matte", "matte")],
        ),
        object(
            "Job",
            vec![
                field("id", "id", TypeExpr::String, true),
                field("state", "state", TypeExpr::String, true),
            ],
        ),
        object(
            "JobSpec",
            vec![field("name", "name", TypeExpr::String, true)],
        ),
        object(
            "Problem",
            vec![field("title", "title", TypeExpr::String, false)],
        ),
        string_enum("Theme", &[("Light", "light"), ("Dark", "dark")]),
    ];
    let error = |code: u16, variant: &str| {
        response(
            StatusMatch::Code(code),
            variant,
            json(TypeExpr::Named(ERROR)),
        )
    };
    let job = || json(TypeExpr::Named(JOB));

    let mut health = operation("getHealth", "GetHealth", Method::Get, "/api/health");
    health.responses = vec![response(StatusMatch::Code(200), "Ok", job())];

    let mut metrics = operation("getMetrics", "GetMetrics", Method::Get, "/api/metrics");
    let text = Body {
        media_type: "text/plain; version=0.0.4".into(),
        encoding: BodyEncoding::Text,
        ty: TypeExpr::String,
    };
    metrics.responses = vec![response(StatusMatch::Code(200), "Ok", Some(text))];

    let mut create = operation("createJob", "CreateJob", Method::Post, "/api/v1/jobs");
    create.security = vec![vec![BEARER]];
    create.body = Some(RequestBody {
        required: true,
        docs: Docs::default(),
        body: Body {
            media_type: "application/json".into(),
            encoding: BodyEncoding::Json,
            ty: TypeExpr::Named(JOB_SPEC),
        },
    });
    let mut created = response(StatusMatch::Code(201), "Created", job());
    created.headers = vec![header("location", "Location", TypeExpr::String, true)];
    create.responses = vec![
        created,
        response(StatusMatch::Code(204), "NoContent", None),
        error(400, "BadRequest"),
        error(401, "Unauthorized"),
    ];

    let mut get = operation("getJob", "GetJob", Method::Get, "/api/v1/jobs/{jobId}");
    get.security = vec![vec![BEARER]];
    let mut job_id = param("job_id", "jobId", ParamLocation::Path, TypeExpr::String);
    job_id.constraints.min_length = Some(2);
    let finish = param(
        "finish",
        "finish",
        ParamLocation::Query,
        TypeExpr::Named(FINISH),
    );
    let mut limit = param(
        "limit",
        "limit",
        ParamLocation::Query,
        TypeExpr::Integer(IntFormat::I32),
    );
    limit.constraints.minimum = Some(1.0);
    limit.constraints.maximum = Some(10.0);
    let mut tags = param(
        "tags",
        "tags",
        ParamLocation::Query,
        TypeExpr::Array(Box::new(TypeExpr::String)),
    );
    tags.explode = false;
    tags.constraints.max_items = Some(3);
    tags.constraints.unique_items = true;
    let mut filter = param(
        "filter",
        "filter",
        ParamLocation::Query,
        TypeExpr::Map(Box::new(TypeExpr::String)),
    );
    filter.style = ParamStyle::DeepObject;
    get.params = vec![job_id, finish, limit, tags, filter];
    let mut queued = response(StatusMatch::Code(202), "Accepted", job());
    queued.headers = vec![header(
        "retry_after",
        "Retry-After",
        TypeExpr::Integer(IntFormat::I32),
        false,
    )];
    let problem = Body {
        media_type: "application/problem+json".into(),
        encoding: BodyEncoding::Json,
        ty: TypeExpr::Named(PROBLEM),
    };
    let mut slow = response(StatusMatch::Code(429), "TooManyRequests", None);
    slow.headers = vec![header(
        "retry_after",
        "Retry-After",
        TypeExpr::Integer(IntFormat::I32),
        true,
    )];
    get.responses = vec![
        response(StatusMatch::Code(200), "Ok", job()),
        queued,
        response(StatusMatch::Code(404), "NotFound", Some(problem)),
        slow,
        response(StatusMatch::Default, "Default", None),
    ];

    let mut webhook = operation(
        "handleWebhook",
        "HandleWebhook",
        Method::Post,
        "/api/v1/webhook",
    );
    webhook.raw_body = true;
    let mut signature = param(
        "stripe_signature",
        "Stripe-Signature",
        ParamLocation::Header,
        TypeExpr::String,
    );
    signature.required = true;
    webhook.params = vec![signature];
    webhook.body = Some(RequestBody {
        required: true,
        docs: Docs::default(),
        body: Body {
            media_type: "application/json".into(),
            encoding: BodyEncoding::Json,
            ty: TypeExpr::Any,
        },
    });
    webhook.responses = vec![
        response(StatusMatch::Code(200), "Ok", None),
        error(400, "BadRequest"),
    ];

    let mut file = operation(
        "getFile",
        "GetFile",
        Method::Get,
        "/files/{file-name}.{ext}",
    );
    file.params = vec![
        param(
            "file_name",
            "file-name",
            ParamLocation::Path,
            TypeExpr::String,
        ),
        param("ext", "ext", ParamLocation::Path, TypeExpr::Named(FINISH)),
    ];
    let binary = Body {
        media_type: "application/octet-stream".into(),
        encoding: BodyEncoding::Binary,
        ty: TypeExpr::Binary,
    };
    file.responses = vec![response(StatusMatch::Code(200), "Ok", Some(binary))];

    let mut optional = operation("whoAmI", "WhoAmI", Method::Get, "/optional");
    optional.security = vec![vec![], vec![BEARER]];
    optional.responses = vec![response(StatusMatch::Code(200), "Ok", job())];

    let mut delete = operation(
        "deleteCurrentSession",
        "DeleteCurrentSession",
        Method::Delete,
        "/sessions/current",
    );
    delete.security = vec![vec![COOKIE], vec![KEY]];
    delete.responses = vec![
        response(StatusMatch::Code(204), "NoContent", None),
        response(StatusMatch::Code(401), "Unauthorized", None),
    ];

    let mut session = operation(
        "getCurrentSession",
        "GetCurrentSession",
        Method::Get,
        "/sessions/current",
    );
    session.security = vec![vec![COOKIE]];
    session.params = vec![
        param(
            "theme",
            "theme",
            ParamLocation::Cookie,
            TypeExpr::Named(THEME),
        ),
        param(
            "x_request_id",
            "X-Request-ID",
            ParamLocation::Header,
            TypeExpr::Uuid,
        ),
    ];
    session.responses = vec![response(StatusMatch::Code(200), "Ok", job())];

    let mut touch = operation(
        "touchCurrentSession",
        "TouchCurrentSession",
        Method::Patch,
        "/sessions/current",
    );
    touch.responses = vec![response(StatusMatch::Code(204), "NoContent", None)];

    Api {
        title: "Scratch API".into(),
        version: "1.0.0".into(),
        description: None,
        servers: Vec::new(),
        versioning: Some(Versioning {
            current: "v1".into(),
            prefix: "/api/v1".into(),
            aliases: vec!["/api".into()],
        }),
        types,
        operations: vec![
            health, metrics, create, get, webhook, file, optional, delete, session, touch,
        ],
        security_schemes: vec![
            SecurityScheme {
                key: "apiKeyHeader".into(),
                name: "api_key_header".into(),
                kind: SchemeKind::ApiKey {
                    location: ParamLocation::Header,
                    name: "X-Api-Key".into(),
                },
                description: None,
            },
            SecurityScheme {
                key: "bearerAuth".into(),
                name: "bearer_auth".into(),
                kind: SchemeKind::Bearer,
                description: None,
            },
            SecurityScheme {
                key: "sessionCookie".into(),
                name: "session_cookie".into(),
                kind: SchemeKind::ApiKey {
                    location: ParamLocation::Cookie,
                    name: "session-id".into(),
                },
                description: None,
            },
        ],
        error_format: Some(ErrorFormat {
            ty: ERROR,
            message_field: "error".into(),
            details_field: Some("details".into()),
        }),
    }
}

#[test]
fn emits_a_formatted_server_module() {
    let api = scratch_api();
    let text = match crate::emit::format("// @generated", super::emit(&api)) {
        Ok(text) => text,
        Err(error) => panic!("invalid tokens: {}", error.message),
    };
    for expected in [
        "pub trait Api: Send + Sync + 'static",
        "type Principal: Send + 'static;",
        "fn get_job(",
        "principal: Self::Principal,",
        "principal: ::std::option::Option<Self::Principal>,",
        "pub struct GetJobRequest",
        ".add(rt::Method::GET, \"/files/{file-name}.{ext}\", handle_get_file::<S>)",
        ".versioning(\"/api/v1\", &[\"/api\"])",
        "rt::Required(&[&[SCHEME_SESSION_COOKIE], &[SCHEME_API_KEY_HEADER]])",
        "rt::Optional(&[&[], &[SCHEME_BEARER_AUTH]])",
        "input.raw(\"application/json\")",
        ".header(\"Retry-After\", &retry_after)",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    let again = crate::emit::format("// @generated", super::emit(&api)).map(|t| t == text);
    assert!(matches!(again, Ok(true)), "output is not deterministic");
}

/// Every case, fixture and the Roundtable spec emit a server that parses.
/// (The fixture crate, `generated/fixtures`, compiles them all and
/// `tests/tests/server_cases.rs` exercises them.)
#[test]
fn servers_of_every_case_parse() {
    let manifest_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("../../tests");
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
    specs.push(manifest_dir.join("../../spec/roundtable.yaml"));
    let mut emitted = 0;
    for spec in &specs {
        let Ok(documents) = crate::load::load(spec) else {
            continue;
        };
        let Ok(resolved) = crate::resolve::resolve(&documents) else {
            continue;
        };
        if let Err(error) = crate::emit::format("// @generated", super::emit(&resolved.api)) {
            panic!(
                "{}: server does not parse: {}",
                spec.display(),
                error.message
            );
        }
        emitted += 1;
    }
    assert!(emitted > 10, "only {emitted} specs emitted");
}
