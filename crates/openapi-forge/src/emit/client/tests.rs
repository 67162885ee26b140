//! The client emitter over a hand-built API that exercises every kind of
//! parameter, body, response and security requirement.
//!
//! Set `FORGE_CLIENT_SCRATCH` to a crate directory to also write the
//! formatted module to `<dir>/src/client.rs`, for compiling it by hand.

use crate::model::*;

fn origin() -> Origin {
    Origin {
        file: "sample.yaml".into(),
        pointer: String::new(),
    }
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: name.into(),
        origin: origin(),
        docs: Docs::default(),
        deprecated: false,
        kind,
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

fn structure(fields: Vec<Field>) -> TypeKind {
    TypeKind::Struct(Struct {
        fields,
        additional: None,
    })
}

fn param(
    name: &str,
    wire: &str,
    location: ParamLocation,
    required: bool,
    ty: TypeExpr,
) -> Parameter {
    let style = match location {
        ParamLocation::Path | ParamLocation::Header => ParamStyle::Simple,
        ParamLocation::Query | ParamLocation::Cookie => ParamStyle::Form,
    };
    Parameter {
        name: name.into(),
        wire_name: wire.into(),
        location,
        required,
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

fn response(status: StatusMatch, variant: &str, body: Option<Body>, success: bool) -> Response {
    Response {
        status,
        variant: variant.into(),
        description: String::new(),
        body,
        headers: Vec::new(),
        success,
    }
}

fn header(name: &str, wire: &str, required: bool, ty: TypeExpr) -> ResponseHeader {
    ResponseHeader {
        name: name.into(),
        wire_name: wire.into(),
        required,
        ty,
        docs: Docs::default(),
    }
}

fn operation(id: &str, fn_name: &str, stem: &str, method: Method, path: &str) -> Operation {
    Operation {
        id: id.into(),
        id_derived: false,
        fn_name: fn_name.into(),
        type_stem: stem.into(),
        success_type: format!("{stem}Success"),
        error_type: format!("{stem}Error"),
        request_type: format!("{stem}Request"),
        method,
        path: path.into(),
        segments: vec![PathPart::Literal(path.into())],
        versioned: path.starts_with("/api/v1"),
        summary: None,
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

const JOB: TypeId = TypeId(0);
const PROBLEM: TypeId = TypeId(1);
const QUEUE: TypeId = TypeId(2);
const THEME: TypeId = TypeId(3);
const MONEY: TypeId = TypeId(4);
const UPLOAD: TypeId = TypeId(5);
const META: TypeId = TypeId(6);
const AGGREGATE: TypeId = TypeId(7);
const ERROR: TypeId = TypeId(8);

/// The sample API (types are listed in id order rather than by name; the
/// emitter does not care).
pub(crate) fn sample_api() -> Api {
    use TypeExpr as T;
    let types = vec![
        def("Job", structure(vec![field("id", "id", T::String, true)])),
        def(
            "Problem",
            structure(vec![field("title", "title", T::String, true)]),
        ),
        def(
            "QueuePosition",
            structure(vec![field(
                "position",
                "position",
                T::Integer(IntFormat::I64),
                true,
            )]),
        ),
        def(
            "Theme",
            TypeKind::StringEnum(StringEnum {
                variants: vec![
                    EnumVariant {
                        name: "Light".into(),
                        value: "light".into(),
                    },
                    EnumVariant {
                        name: "Dark".into(),
                        value: "dark".into(),
                    },
                ],
                other_variant: "Other".into(),
            }),
        ),
        def(
            "Money",
            structure(vec![
                field("amount", "amount", T::String, true),
                field("currency", "currency", T::String, true),
            ]),
        ),
        def(
            "CreateUploadRequest",
            structure(vec![
                field("file", "file", T::Binary, true),
                field("note", "note", T::String, false),
                field("meta", "meta", T::Named(META), true),
                field("tags", "tags", T::Array(Box::new(T::String)), false),
                field("thumbnail", "thumbnail", T::Binary, false),
            ]),
        ),
        def(
            "UploadMeta",
            structure(vec![field("title", "title", T::String, true)]),
        ),
        def(
            "Aggregate",
            TypeKind::StringEnum(StringEnum {
                variants: vec![EnumVariant {
                    name: "Plus1".into(),
                    value: "+1".into(),
                }],
                other_variant: "Other".into(),
            }),
        ),
        def(
            "Error",
            structure(vec![
                field("error", "error", T::String, true),
                field("details", "details", T::Any, false),
            ]),
        ),
    ];
    let schemes = vec![
        SecurityScheme {
            key: "bearerAuth".into(),
            name: "bearer_auth".into(),
            kind: SchemeKind::Bearer,
            description: Some("A token.".into()),
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
            key: "basic".into(),
            name: "basic".into(),
            kind: SchemeKind::Basic,
            description: None,
        },
    ];
    let bearer = vec![vec![SchemeId(0)]];

    let mut get_job = operation(
        "getJob",
        "get_job",
        "GetJob",
        Method::Get,
        "/api/v1/jobs/{jobId}",
    );
    get_job.summary = Some("Reads a job.".into());
    get_job.description = Some("Polls until done; see [the docs](https://example.test).".into());
    get_job.params = vec![param(
        "job_id",
        "jobId",
        ParamLocation::Path,
        true,
        T::String,
    )];
    get_job.segments = vec![
        PathPart::Literal("/api/v1/jobs/".into()),
        PathPart::Param(0),
    ];
    get_job.security = bearer.clone();
    let mut queued = response(
        StatusMatch::Code(202),
        "Accepted",
        json(T::Named(QUEUE)),
        true,
    );
    queued.headers = vec![header(
        "retry_after",
        "Retry-After",
        false,
        T::Integer(IntFormat::I64),
    )];
    let mut limited = response(StatusMatch::Code(429), "TooManyRequests", None, false);
    limited.headers = vec![header(
        "retry_after",
        "Retry-After",
        true,
        T::Integer(IntFormat::I64),
    )];
    get_job.responses = vec![
        response(StatusMatch::Code(200), "Ok", json(T::Named(JOB)), true),
        queued,
        response(
            StatusMatch::Code(404),
            "NotFound",
            Some(Body {
                media_type: "application/problem+json".into(),
                encoding: BodyEncoding::Json,
                ty: T::Named(PROBLEM),
            }),
            false,
        ),
        limited,
        response(StatusMatch::Default, "Default", None, false),
    ];

    let mut create_job = operation(
        "createJob",
        "create_job",
        "CreateJob",
        Method::Post,
        "/api/v1/jobs",
    );
    create_job.security = bearer.clone();
    create_job.body = Some(RequestBody {
        required: true,
        docs: Docs::default(),
        body: json(T::Named(MONEY)).unwrap_or_else(|| unreachable!()),
    });
    let mut created = response(StatusMatch::Code(201), "Created", json(T::Named(JOB)), true);
    created.headers = vec![header("location", "Location", true, T::String)];
    create_job.responses = vec![
        created,
        response(StatusMatch::Code(204), "NoContent", None, true),
    ];

    let mut health = operation(
        "getHealth",
        "get_health",
        "GetHealth",
        Method::Get,
        "/api/health",
    );
    health.responses = vec![
        response(
            StatusMatch::Code(200),
            "Ok",
            Some(Body {
                media_type: "text/plain".into(),
                encoding: BodyEncoding::Text,
                ty: T::String,
            }),
            true,
        ),
        response(
            StatusMatch::Code(503),
            "ServiceUnavailable",
            json(T::Named(ERROR)),
            false,
        ),
    ];

    let mut session = operation(
        "getCurrentSession",
        "get_current_session",
        "GetCurrentSession",
        Method::Get,
        "/sessions/current",
    );
    session.security = vec![vec![SchemeId(1)]];
    session.params = vec![
        param(
            "theme",
            "theme",
            ParamLocation::Cookie,
            false,
            T::Named(THEME),
        ),
        param(
            "x_request_id",
            "X-Request-ID",
            ParamLocation::Header,
            false,
            T::Uuid,
        ),
    ];
    session.responses = vec![
        response(StatusMatch::Code(200), "Ok", json(T::Named(JOB)), true),
        response(StatusMatch::Code(401), "Unauthorized", None, false),
    ];

    let mut delete = operation(
        "deleteCurrentSession",
        "delete_current_session",
        "DeleteCurrentSession",
        Method::Delete,
        "/sessions/current",
    );
    delete.security = vec![vec![SchemeId(1)], vec![SchemeId(2)]];
    delete.deprecated = true;
    delete.responses = vec![
        response(StatusMatch::Code(204), "NoContent", None, true),
        response(
            StatusMatch::Range(4),
            "Status4xx",
            json(T::Named(ERROR)),
            false,
        ),
    ];

    let mut upload = operation(
        "createUpload",
        "create_upload",
        "CreateUpload",
        Method::Post,
        "/uploads",
    );
    upload.body = Some(RequestBody {
        required: true,
        docs: Docs::default(),
        body: Body {
            media_type: "multipart/form-data".into(),
            encoding: BodyEncoding::Multipart(vec![
                MultipartPart {
                    field: 0,
                    content_type: Some("image/png, image/jpeg".into()),
                },
                MultipartPart {
                    field: 2,
                    content_type: Some("application/json".into()),
                },
            ]),
            ty: T::Named(UPLOAD),
        },
    });
    upload.responses = vec![response(
        StatusMatch::Code(201),
        "Created",
        json(T::Named(JOB)),
        true,
    )];

    let mut reports = operation(
        "listReports",
        "list_reports",
        "ListReports",
        Method::Get,
        "/reports",
    );
    reports.provisional = Some("the filters are new".into());
    let mut tags = param(
        "tags",
        "tags",
        ParamLocation::Query,
        false,
        T::Array(Box::new(T::String)),
    );
    tags.explode = false;
    let mut min_total = param(
        "min_total",
        "minTotal",
        ParamLocation::Query,
        false,
        T::Named(MONEY),
    );
    min_total.style = ParamStyle::DeepObject;
    let mut page = param(
        "page",
        "page",
        ParamLocation::Query,
        true,
        T::Integer(IntFormat::I32),
    );
    page.docs.description = Some("The page, from 1.".into());
    reports.params = vec![
        param(
            "aggregate",
            "aggregate",
            ParamLocation::Query,
            false,
            T::Named(AGGREGATE),
        ),
        param("finish", "finish", ParamLocation::Query, false, T::String),
        tags,
        min_total,
        page,
        param(
            "r#type",
            "type",
            ParamLocation::Query,
            false,
            T::Nullable(Box::new(T::String)),
        ),
        param(
            "limit",
            "limit",
            ParamLocation::Query,
            false,
            T::Integer(IntFormat::U32),
        ),
    ];
    reports.body = Some(RequestBody {
        required: false,
        docs: Docs::default(),
        body: json(T::Array(Box::new(T::Named(MONEY)))).unwrap_or_else(|| unreachable!()),
    });
    reports.responses = vec![response(
        StatusMatch::Code(200),
        "Ok",
        json(T::Array(Box::new(T::Named(JOB)))),
        true,
    )];

    let mut file = operation(
        "getFile",
        "get_file",
        "GetFile",
        Method::Get,
        "/files/{file-name}.{ext}",
    );
    file.params = vec![
        param(
            "file_name",
            "file-name",
            ParamLocation::Path,
            true,
            T::String,
        ),
        param("ext", "ext", ParamLocation::Path, true, T::String),
    ];
    file.segments = vec![
        PathPart::Literal("/files/".into()),
        PathPart::Param(0),
        PathPart::Literal(".".into()),
        PathPart::Param(1),
    ];
    file.responses = vec![response(
        StatusMatch::Code(200),
        "Ok",
        Some(Body {
            media_type: "application/octet-stream".into(),
            encoding: BodyEncoding::Binary,
            ty: T::Binary,
        }),
        true,
    )];

    let mut put_blob = operation("putBlob", "put_blob", "PutBlob", Method::Put, "/blobs");
    put_blob.security = vec![vec![SchemeId(3)]];
    put_blob.body = Some(RequestBody {
        required: true,
        docs: Docs::default(),
        body: Body {
            media_type: "application/octet-stream".into(),
            encoding: BodyEncoding::Binary,
            ty: T::Binary,
        },
    });

    Api {
        title: "Sample".into(),
        version: "1.0.0".into(),
        description: None,
        servers: vec![Server {
            url: "https://api.example.test".into(),
            description: None,
        }],
        versioning: Some(Versioning {
            current: "v1".into(),
            prefix: "/api/v1".into(),
            aliases: vec!["/api".into()],
        }),
        types,
        operations: vec![
            get_job, create_job, health, session, delete, upload, reports, file, put_blob,
        ],
        security_schemes: schemes,
        error_format: None,
    }
}

#[test]
fn emits_a_client_that_parses() {
    let api = sample_api();
    let text = crate::emit::format("// @generated", super::emit(&api));
    let text = match text {
        Ok(text) => text,
        Err(error) => panic!("client tokens do not parse: {}", error.message),
    };
    assert!(
        text.contains("pub async fn get_job(\n        &self,\n        job_id: &str,"),
        "{text}"
    );
    assert!(text.contains(".path(\"/api/v1/jobs/\")"));
    assert!(text.contains("security: &[&[\"session_cookie\"], &[\"api_key_header\"]]"));
    assert!(text.contains("#[allow(clippy::too_many_arguments)]"));
    assert!(text.contains("#[deprecated]"));
    assert!(text.contains("**Provisional:**"));
    if let Some(dir) = std::env::var_os("FORGE_CLIENT_SCRATCH") {
        let path = std::path::Path::new(&dir).join("src/client.rs");
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

#[test]
fn output_is_deterministic() {
    let api = sample_api();
    assert_eq!(super::emit(&api).to_string(), super::emit(&api).to_string());
}
