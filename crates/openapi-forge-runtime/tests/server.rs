//! The server runtime through real requests, with a hand-written service
//! shaped like generated code.
#![cfg(feature = "server")]

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;
use axum::Router;
use bytes::Bytes;
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use openapi_forge_runtime::server::{
    self, AuthError, Authenticate, Config, Credentials, Endpoint, ErrorFormat, Failure, Input,
    KeyLocation, Metrics, Optional, Param, Public, Reply, Required, Respond, Routes, Rules, Scheme,
    Secret, Shape, Shared, Style,
};
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

struct Service;

impl Authenticate for Service {
    type Principal = String;

    async fn authenticate(&self, credentials: Credentials) -> Result<String, AuthError> {
        let secret = credentials
            .items
            .first()
            .map(|item| item.secret.expose().to_owned());
        match secret.as_deref() {
            Some("good") | Some("abc") => Ok("alice".to_owned()),
            Some("reader") => Err(AuthError::forbidden("read only")),
            _ => Err(AuthError::unauthorized("unknown token")),
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct NewItem {
    name: String,
    count: u32,
}

struct Ok200(serde_json::Value);

impl Respond for Ok200 {
    fn respond(self) -> Response {
        Reply::new(200)
            .header("X-Count", &1)
            .json("application/json", &self.0)
            .finish()
    }
}

enum NoError {}

impl Respond for NoError {
    fn respond(self) -> Response {
        match self {}
    }
}

type Ctx = State<Arc<Shared<Service>>>;

const BEARER: Scheme = Scheme::Bearer { key: "bearerAuth" };
const SESSION: Scheme = Scheme::ApiKey {
    key: "sessionCookie",
    location: KeyLocation::Cookie,
    name: "session-id",
};
const KEY: Scheme = Scheme::ApiKey {
    key: "apiKeyHeader",
    location: KeyLocation::Header,
    name: "X-Api-Key",
};

static GET_ITEM: Endpoint<Required> = Endpoint {
    id: "getItem",
    template: "/api/v1/items/{itemId}",
    access: Required(&[&[BEARER]]),
};

struct GetItem {
    item_id: String,
    limit: Option<i32>,
    tags: Option<Vec<String>>,
    filter: Option<std::collections::BTreeMap<String, String>>,
}

fn extract_get_item(input: &mut Input) -> Option<GetItem> {
    let item_id = input.param(&Param::path("itemId").rules(Rules {
        min_length: Some(3),
        ..Rules::NONE
    }));
    let limit = input.param(&Param::query("limit").rules(Rules {
        minimum: Some(1.0),
        maximum: Some(10.0),
        ..Rules::NONE
    }));
    let tags = input.param(
        &Param::query("tags")
            .shape(Shape::Array)
            .style(Style::Form, false),
    );
    let filter = input.param(
        &Param::query("filter")
            .shape(Shape::Object)
            .style(Style::DeepObject, true),
    );
    Some(GetItem {
        item_id: item_id??,
        limit: limit?,
        tags: tags?,
        filter: filter?,
    })
}

async fn get_item(State(shared): Ctx, request: Request) -> Response {
    server::run(
        shared,
        request,
        &GET_ITEM,
        extract_get_item,
        |_, input, principal| async move {
            let body = serde_json::json!({
                "id": input.item_id, "limit": input.limit, "tags": input.tags,
                "filter": input.filter, "who": principal,
            });
            Ok::<_, Failure<NoError>>(Ok200(body))
        },
    )
    .await
}

static CREATE_ITEM: Endpoint<Required> = Endpoint {
    id: "createItem",
    template: "/api/v1/items",
    access: Required(&[&[BEARER]]),
};

async fn create_item(State(shared): Ctx, request: Request) -> Response {
    let extract = |input: &mut Input| input.json::<NewItem>(true).map(|body| body.map(|b| b.name));
    server::run(
        shared,
        request,
        &CREATE_ITEM,
        extract,
        |_, name, _| async move {
            Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "name": name })))
        },
    )
    .await
}

static FILE: Endpoint<Public> = Endpoint {
    id: "getFile",
    template: "/files/{file-name}.{ext}",
    access: Public,
};

async fn get_file(State(shared): Ctx, request: Request) -> Response {
    let extract = |input: &mut Input| {
        let name: Option<Option<String>> = input.param(&Param::path("file-name"));
        let ext: Option<Option<String>> = input.param(&Param::path("ext").rules(Rules {
            pattern: Some("^(json|csv)$"),
            ..Rules::NONE
        }));
        Some((name??, ext??))
    };
    server::run(
        shared,
        request,
        &FILE,
        extract,
        |_, (name, ext), ()| async move {
            Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "name": name, "ext": ext })))
        },
    )
    .await
}

static SESSION_GET: Endpoint<Required> = Endpoint {
    id: "getSession",
    template: "/sessions/current",
    access: Required(&[&[SESSION]]),
};
static SESSION_DELETE: Endpoint<Required> = Endpoint {
    id: "deleteSession",
    template: "/sessions/current",
    access: Required(&[&[SESSION], &[KEY]]),
};
static SESSION_PATCH: Endpoint<Optional> = Endpoint {
    id: "touchSession",
    template: "/sessions/current",
    access: Optional(&[&[], &[KEY]]),
};

fn no_input(_: &mut Input) -> Option<()> {
    Some(())
}

async fn get_session(State(shared): Ctx, request: Request) -> Response {
    let extract = |input: &mut Input| {
        let theme: Option<Option<String>> = input.param(&Param::cookie("theme").rules(Rules {
            pattern: Some("^(light|dark)$"),
            ..Rules::NONE
        }));
        theme
    };
    server::run(
        shared,
        request,
        &SESSION_GET,
        extract,
        |_, theme, who| async move {
            Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "theme": theme, "who": who })))
        },
    )
    .await
}

async fn delete_session(State(shared): Ctx, request: Request) -> Response {
    server::run(shared, request, &SESSION_DELETE, no_input, |_, (), who| async move {
        Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "who": who })))
    })
    .await
}

async fn touch_session(State(shared): Ctx, request: Request) -> Response {
    server::run(shared, request, &SESSION_PATCH, no_input, |_, (), who| async move {
        Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "who": who })))
    })
    .await
}

static UNIMPLEMENTED: Endpoint<Public> = Endpoint {
    id: "later",
    template: "/later",
    access: Public,
};

async fn later(State(shared): Ctx, request: Request) -> Response {
    server::run(
        shared,
        request,
        &UNIMPLEMENTED,
        no_input,
        |_, (), ()| async move { Err::<Ok200, _>(Failure::<NoError>::not_implemented()) },
    )
    .await
}

static PANIC: Endpoint<Public> = Endpoint {
    id: "panic",
    template: "/panic",
    access: Public,
};

async fn panics(State(shared): Ctx, request: Request) -> Response {
    server::run(shared, request, &PANIC, no_input, |_, (), ()| async move {
        let items: Vec<u8> = Vec::new();
        let value = items.first().map_or_else(|| panic!("handler bug"), |v| *v);
        Ok::<_, Failure<NoError>>(Ok200(serde_json::json!(value)))
    })
    .await
}

static WEBHOOK: Endpoint<Public> = Endpoint {
    id: "webhook",
    template: "/api/v1/webhook",
    access: Public,
};

async fn webhook(State(shared): Ctx, request: Request) -> Response {
    let extract = |input: &mut Input| {
        let signature: Option<Option<String>> =
            input.param(&Param::header("Stripe-Signature").required());
        let body = input.raw("application/json");
        Some((signature??, body??))
    };
    server::run(
        shared,
        request,
        &WEBHOOK,
        extract,
        |_, (signature, body): (String, Bytes), ()| async move {
            let text = String::from_utf8_lossy(&body).into_owned();
            Ok::<_, Failure<NoError>>(Ok200(serde_json::json!({ "sig": signature, "raw": text })))
        },
    )
    .await
}

static METRICS: Endpoint<Public> = Endpoint {
    id: "metrics",
    template: "/api/metrics",
    access: Public,
};

async fn metrics(State(shared): Ctx, request: Request) -> Response {
    server::run(
        shared,
        request,
        &METRICS,
        no_input,
        |shared, (), ()| async move {
            let text = shared.config.metrics.render();
            Ok::<_, Failure<NoError>>(Reply::new(200).text(Metrics::CONTENT_TYPE, text).finish())
        },
    )
    .await
}

fn router(config: Config) -> Router {
    let format = ErrorFormat {
        message: "message",
        details: Some("problems"),
        details_as_text: false,
    };
    Routes::new(Shared::new(Service, format, config))
        .versioning("/api/v1", &["/api"])
        .add(Method::GET, "/api/v1/items/{itemId}", get_item)
        .add(Method::POST, "/api/v1/items", create_item)
        .add(Method::GET, "/files/{file-name}.{ext}", get_file)
        .add(Method::GET, "/sessions/current", get_session)
        .add(Method::DELETE, "/sessions/current", delete_session)
        .add(Method::PATCH, "/sessions/current", touch_session)
        .add(Method::GET, "/later", later)
        .add(Method::GET, "/panic", panics)
        .add(Method::POST, "/api/v1/webhook", webhook)
        .add(Method::GET, "/api/metrics", metrics)
        .finish()
}

struct Answer {
    status: StatusCode,
    headers: http::HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or(serde_json::Value::Null)
    }
}

async fn send(router: &Router, request: http::Request<axum::body::Body>) -> Answer {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Answer {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

fn get(uri: &str) -> http::request::Builder {
    http::Request::builder().method(Method::GET).uri(uri)
}

fn empty(builder: http::request::Builder) -> http::Request<axum::body::Body> {
    builder.body(axum::body::Body::empty()).unwrap()
}

#[tokio::test]
async fn bearer_auth_runs_before_the_handler() {
    let router = router(Config::default());
    for auth in [
        None,
        Some(""),
        Some("Bearer"),
        Some("Bearer   "),
        Some("Token good"),
    ] {
        let mut request = get("/api/v1/items/abc");
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        let answer = send(&router, empty(request)).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{auth:?}");
        assert_eq!(answer.json()["message"], "missing or malformed credentials");
        assert_eq!(answer.headers["www-authenticate"], "Bearer");
    }
    let bad = get("/api/v1/items/abc").header("Authorization", "Bearer nope");
    let answer = send(&router, empty(bad)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(answer.json()["message"], "unknown token");
    let reader = get("/api/v1/items/abc").header("Authorization", "bearer reader");
    assert_eq!(
        send(&router, empty(reader)).await.status,
        StatusCode::FORBIDDEN
    );
    let good = get("/api/v1/items/abc").header("Authorization", "Bearer good");
    let answer = send(&router, empty(good)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["who"], "alice");
    assert_eq!(answer.headers["x-count"], "1");
}

#[tokio::test]
async fn aliases_serve_versioned_operations() {
    let router = router(Config::default());
    for path in ["/api/v1/items/abc", "/api/items/abc"] {
        let request = get(path).header("Authorization", "Bearer good");
        assert_eq!(
            send(&router, empty(request)).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
    assert_eq!(
        send(&router, empty(get("/api/v1/metrics"))).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn parameters_are_validated_with_every_problem_listed() {
    let router = router(Config::default());
    let uri = "/api/v1/items/ab?limit=11&filter%5Bcolor%5D=red&filter[size]=L";
    let request = get(uri).header("Authorization", "Bearer good");
    let answer = send(&router, empty(request)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    let problems = &answer.json()["problems"];
    assert_eq!(problems["itemId"], "must be at least 3 characters long");
    assert_eq!(problems["limit"], "must be at most 10");
    let request = get("/api/v1/items/abc?limit=x").header("Authorization", "Bearer good");
    let answer = send(&router, empty(request)).await;
    assert_eq!(
        answer.json()["problems"]["limit"],
        "expected an integer, found `x`"
    );

    let uri = "/api/v1/items/abc?limit=2&tags=a,b&filter%5Bcolor%5D=red&filter[size]=L";
    let request = get(uri).header("Authorization", "Bearer good");
    let answer = send(&router, empty(request)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    let body = answer.json();
    assert_eq!(body["limit"], 2);
    assert_eq!(body["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(
        body["filter"],
        serde_json::json!({"color": "red", "size": "L"})
    );
}

#[tokio::test]
async fn composite_segments_split_at_the_last_literal() {
    let router = router(Config::default());
    let answer = send(&router, empty(get("/files/my.report.csv"))).await;
    assert_eq!(
        answer.json(),
        serde_json::json!({"name": "my.report", "ext": "csv"})
    );
    let answer = send(&router, empty(get("/files/q1%20report%2Ffinal.csv"))).await;
    assert_eq!(answer.json()["name"], "q1 report/final");
    let answer = send(&router, empty(get("/files/readme.txt"))).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer.json()["problems"]["ext"],
        "must match the pattern `^(json|csv)$`"
    );
    assert_eq!(
        send(&router, empty(get("/files/readme"))).await.status,
        StatusCode::NOT_FOUND
    );
}

fn post(uri: &str, content_type: Option<&str>, body: &str) -> http::Request<axum::body::Body> {
    let mut request = http::Request::builder()
        .method(Method::POST)
        .uri(uri)
        .header("Authorization", "Bearer good");
    if let Some(content_type) = content_type {
        request = request.header("Content-Type", content_type);
    }
    request
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap()
}

#[tokio::test]
async fn json_bodies_are_checked() {
    let router = router(Config::default().with_body_limit(64));
    let json = Some("application/json");
    let answer = send(
        &router,
        post("/api/v1/items", json, r#"{"name":"a","count":1}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["name"], "a");

    let answer = send(&router, post("/api/v1/items", json, r#"{"name":"#)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.json()["message"], "request body is not valid JSON");

    let answer = send(
        &router,
        post("/api/v1/items", None, r#"{"name":"a","count":1}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let text = Some("text/plain");
    let answer = send(
        &router,
        post("/api/v1/items", text, r#"{"name":"a","count":1}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert!(answer.json()["message"].is_string());

    let answer = send(&router, post("/api/v1/items", json, r#"{"count":1}"#)).await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert_eq!(answer.json()["problems"]["name"], "is required");
    let answer = send(
        &router,
        post("/api/v1/items", json, r#"{"name":"a","count":"x"}"#),
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(
        answer.json()["problems"]["count"].is_string(),
        "{}",
        answer.text
    );

    let answer = send(&router, post("/api/v1/items", json, "")).await;
    assert_eq!(answer.json()["problems"]["body"], "is required");

    let big = format!(r#"{{"name":"{}","count":1}}"#, "x".repeat(100));
    let answer = send(&router, post("/api/v1/items", json, &big)).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(answer.json()["message"].is_string());
}

#[tokio::test]
async fn cookie_header_and_alternative_security() {
    let router = router(Config::default());
    let request = get("/sessions/current").header("Cookie", "session-id=abc; theme=dark");
    let answer = send(&router, empty(request)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(
        answer.json(),
        serde_json::json!({"theme": "dark", "who": "alice"})
    );
    let answer = send(
        &router,
        empty(get("/sessions/current").header("Cookie", "theme=dark")),
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert!(!answer.headers.contains_key("www-authenticate"));
    let request = get("/sessions/current").header("Cookie", "session-id=abc; theme=blue");
    assert_eq!(
        send(&router, empty(request)).await.status,
        StatusCode::BAD_REQUEST
    );

    let delete = |header: Option<(&str, &str)>| {
        let mut request = http::Request::builder()
            .method(Method::DELETE)
            .uri("/sessions/current");
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        empty(request)
    };
    assert_eq!(
        send(&router, delete(None)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let by_cookie = delete(Some(("Cookie", "session-id=abc")));
    assert_eq!(send(&router, by_cookie).await.status, StatusCode::OK);
    let by_key = delete(Some(("X-Api-Key", "good")));
    assert_eq!(send(&router, by_key).await.status, StatusCode::OK);

    let patch = http::Request::builder()
        .method(Method::PATCH)
        .uri("/sessions/current");
    let answer = send(&router, empty(patch)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json()["who"], serde_json::Value::Null);
}

#[tokio::test]
async fn router_rejections_use_the_error_format() {
    let router = router(Config::default());
    let answer = send(&router, empty(get("/nowhere"))).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.json()["message"], "no such resource");

    let put = http::Request::builder()
        .method(Method::PUT)
        .uri("/sessions/current");
    let answer = send(&router, empty(put)).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.json()["message"], "method not allowed");
    let allow = answer
        .headers
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    for method in ["GET", "DELETE", "PATCH"] {
        assert!(allow.contains(method), "{allow}");
    }

    let answer = send(&router, empty(get("/later"))).await;
    assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
    assert_eq!(answer.json()["message"], "not implemented");

    let answer = send(&router, empty(get("/panic"))).await;
    assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(answer.json()["message"], "internal server error");
    assert_eq!(
        send(&router, empty(get("/files/a.csv"))).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn raw_bodies_arrive_untouched() {
    let router = router(Config::default());
    let body = "{ \"id\" :1 }\n";
    let request = http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/webhook")
        .header("Stripe-Signature", "t=1,v1=abc")
        .header("Content-Type", "application/json; charset=utf-8")
        .body(axum::body::Body::from(body))
        .unwrap();
    let answer = send(&router, request).await;
    assert_eq!(
        answer.json(),
        serde_json::json!({"sig": "t=1,v1=abc", "raw": body})
    );
    // The bytes are untouched, but the declared media type still holds.
    let request = http::Request::builder()
        .method(Method::POST)
        .uri("/api/v1/webhook")
        .header("Stripe-Signature", "t=1,v1=abc")
        .header("Content-Type", "text/plain")
        .body(axum::body::Body::from(body))
        .unwrap();
    let answer = send(&router, request).await;
    assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let request = http::Request::builder()
        .method(Method::POST)
        .uri("/api/webhook");
    let answer = send(&router, empty(request)).await;
    assert_eq!(answer.json()["problems"]["Stripe-Signature"], "is required");
}

#[tokio::test]
async fn metrics_label_routes_not_urls() {
    let router = router(Config::default());
    for id in ["abc", "xyz"] {
        let request = get(&format!("/api/v1/items/{id}")).header("Authorization", "Bearer good");
        send(&router, empty(request)).await;
    }
    send(&router, empty(get("/files/a.csv"))).await;
    send(&router, empty(get("/nowhere/at/all"))).await;
    let answer = send(&router, empty(get("/api/metrics"))).await;
    assert_eq!(answer.headers["content-type"], "text/plain; version=0.0.4");
    let text = answer.text;
    let line = r#"http_requests_total{method="GET",path="/api/v1/items/{itemId}",status="200"} 2"#;
    assert!(text.contains(line), "{text}");
    let file = r#"path="/files/{file-name}.{ext}",status="200"} 1"#;
    assert!(text.contains(file), "{text}");
    assert!(
        text.contains(r#"path="unmatched",status="404"} 1"#),
        "{text}"
    );
    assert!(!text.contains("abc"), "{text}");
}

#[test]
fn secrets_do_not_print() {
    let secret = Secret::new("rt_sk_live");
    assert_eq!(format!("{secret:?}"), "Secret(<redacted>)");
    assert_eq!(secret.expose(), "rt_sk_live");
}

#[tokio::test]
async fn serves_over_a_socket() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let serving = axum::serve(listener, router(Config::default()));
    tokio::spawn(std::future::IntoFuture::into_future(serving));
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = "GET /panic HTTP/1.1\r\nHost: x\r\n\r\n\
                   GET /files/a.json HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).await.unwrap();
    assert!(text.starts_with("HTTP/1.1 500"), "{text}");
    assert!(text.contains("HTTP/1.1 200"), "{text}");
}
