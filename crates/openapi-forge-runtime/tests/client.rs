//! The client runtime against a real local HTTP server.
//!
//! The server is a small HTTP/1.1 responder on raw TCP, so the tests see the
//! exact bytes the client sends (the request target before any decoding, the
//! headers as written) and can answer anything, including a closed socket.
//! Each test drives `RequestBuilder` the way a generated method does.

use std::sync::{Arc, Mutex};

use openapi_forge_runtime::bytes::Bytes;
use openapi_forge_runtime::client::{
    ClientCore, Credential, Error, Hook, Method, Multipart, Operation, Response, Secret,
    StatusMatch, Style,
};
use openapi_forge_runtime::FilePart;
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// One request as the server received it.
#[derive(Debug, Clone, Default)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn headers_named(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }
}

/// What the server does with a request.
enum Reply {
    Send {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    Close,
}

fn reply(status: u16, content_type: &str, body: &str) -> Reply {
    let mut headers = Vec::new();
    if !content_type.is_empty() {
        headers.push(("Content-Type", content_type.to_owned()));
    }
    Reply::Send {
        status,
        headers,
        body: body.as_bytes().to_vec(),
    }
}

struct Server {
    base_url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    async fn start(answer: fn(&Seen) -> Reply) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}", listener.local_addr().expect("address"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                let log = log.clone();
                tokio::spawn(async move {
                    let Some(request) = read_request(&mut socket).await else {
                        return;
                    };
                    log.lock().expect("log").push(request.clone());
                    if let Reply::Send {
                        status,
                        headers,
                        body,
                    } = answer(&request)
                    {
                        let mut head = format!("HTTP/1.1 {status} Whatever\r\n");
                        for (name, value) in headers {
                            head.push_str(&format!("{name}: {value}\r\n"));
                        }
                        head.push_str(&format!(
                            "Content-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        ));
                        let _ = socket.write_all(head.as_bytes()).await;
                        let _ = socket.write_all(&body).await;
                    }
                    let _ = socket.shutdown().await;
                });
            }
        });
        Server { base_url, seen }
    }

    fn last(&self) -> Seen {
        self.seen
            .lock()
            .expect("log")
            .last()
            .cloned()
            .unwrap_or_default()
    }

    fn core(&self) -> ClientCore {
        ClientCore::new(format!("{}/", self.base_url))
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Seen> {
    let mut data = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

fn ok_empty(_: &Seen) -> Reply {
    reply(204, "", "")
}

const GET_ITEM: Operation = Operation {
    id: "getItem",
    method: Method::Get,
    path: "/api/v1/items/{itemId}",
    versioned: true,
    security: &[],
};

#[derive(Debug, Serialize)]
struct Money {
    amount: String,
    currency: String,
}

#[derive(Debug, Serialize)]
enum Aggregate {
    #[serde(rename = "+1")]
    Plus1,
    #[serde(rename = "")]
    EmptyString,
}

#[tokio::test]
async fn every_parameter_kind_is_encoded() {
    let server = Server::start(ok_empty).await;
    let core = server.core();
    let tags = vec!["a b".to_owned(), "c,d".to_owned()];
    let none: Option<&str> = None;
    let response = core
        .request(&GET_ITEM)
        .path("/api/v1/items/")
        .path_param("a/b?c#d e\u{e9}")
        .path(".json")
        .query("aggregate", &Some(Aggregate::Plus1), Style::Form, true)
        .query("finish", &Aggregate::EmptyString, Style::Form, true)
        .query("missing", &none, Style::Form, true)
        .query("tag", &tags, Style::Form, true)
        .query("ids", &[1, 2, 3], Style::Form, false)
        .query("pipes", &["x", "y"], Style::PipeDelimited, false)
        .query("spaces", &["x", "y"], Style::SpaceDelimited, false)
        .query(
            "minTotal",
            &Money {
                amount: "5.00".into(),
                currency: "EUR".into(),
            },
            Style::DeepObject,
            true,
        )
        .header("X-Request-ID", &Some("r-1"))
        .header("X-Missing", &none)
        .cookie("theme", &"dark")
        .cookie("session-id", &"abc")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status_code(), 204);
    let seen = server.last();
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.target,
        "/api/v1/items/a%2Fb%3Fc%23d%20e%C3%A9.json?aggregate=%2B1&finish=&tag=a%20b&tag=c%2Cd\
         &ids=1,2,3&pipes=x|y&spaces=x%20y&minTotal%5Bamount%5D=5.00&minTotal%5Bcurrency%5D=EUR"
    );
    assert_eq!(seen.header("x-request-id"), Some("r-1"));
    assert_eq!(seen.header("x-missing"), None);
    assert_eq!(seen.headers_named("cookie"), 1);
    assert_eq!(seen.header("cookie"), Some("theme=dark; session-id=abc"));
}

#[tokio::test]
async fn path_styles_and_dot_segments() {
    let server = Server::start(ok_empty).await;
    let core = server.core();
    core.request(&GET_ITEM)
        .path("/colors/")
        .path_param_styled("c", &["r", "g"], Style::Label, false)
        .path("/m")
        .path_param_styled("id", &[3, 4], Style::Matrix, true)
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().target, "/colors/.r,g/m;id=3;id=4");
    let error = core
        .request(&GET_ITEM)
        .path("/items/")
        .path_param("..")
        .send()
        .await;
    assert!(matches!(
        error,
        Err(openapi_forge_runtime::client::SendError::Build(_))
    ));
}

const BEARER_OP: Operation = Operation {
    id: "b",
    method: Method::Get,
    path: "/b",
    versioned: false,
    security: &[&["bearer"]],
};
const OPEN_OP: Operation = Operation {
    id: "o",
    method: Method::Patch,
    path: "/o",
    versioned: false,
    security: &[],
};
const EITHER_OP: Operation = Operation {
    id: "e",
    method: Method::Delete,
    path: "/e",
    versioned: false,
    security: &[&["cookie"], &["header"]],
};
const BOTH_OP: Operation = Operation {
    id: "q",
    method: Method::Get,
    path: "/q",
    versioned: false,
    security: &[&["query", "basic"]],
};

#[tokio::test]
async fn credentials_go_only_where_required() {
    let server = Server::start(ok_empty).await;
    let mut core = server.core();
    core.set_credential("bearer", Credential::bearer("t0ken"));
    core.set_credential("header", Credential::header_key("X-Api-Key", "k1"));

    core.request(&BEARER_OP)
        .path("/b")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().header("authorization"), Some("Bearer t0ken"));

    core.request(&OPEN_OP)
        .path("/o")
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.header("x-api-key"), None);

    // The cookie alternative is not configured, so the header one is used.
    core.request(&EITHER_OP)
        .path("/e")
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(seen.header("x-api-key"), Some("k1"));
    assert_eq!(seen.header("cookie"), None);
    assert_eq!(seen.header("authorization"), None);

    core.set_credential("cookie", Credential::cookie_key("session-id", "s 1"));
    core.request(&EITHER_OP)
        .path("/e")
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(seen.header("cookie"), Some("session-id=s%201"));
    assert_eq!(seen.header("x-api-key"), None);

    // An alternative with two schemes needs both.
    core.set_credential("query", Credential::query_key("api_key", "q+1"));
    core.request(&BOTH_OP)
        .path("/q")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().target, "/q");
    core.set_credential("basic", Credential::basic("ann", "pw"));
    core.request(&BOTH_OP)
        .path("/q")
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(seen.target, "/q?api_key=q%2B1");
    assert_eq!(seen.header("authorization"), Some("Basic YW5uOnB3"));

    let debug = format!("{core:?} {:?}", Secret::new("t0ken"));
    assert!(!debug.contains("t0ken") && !debug.contains("k1") && !debug.contains("pw"));
    assert!(debug.contains("[redacted]"));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Job {
    id: String,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Problem {
    title: String,
}

#[derive(Debug, PartialEq)]
enum GetJobSuccess {
    Ok(Job),
    Accepted { body: Job, retry_after: Option<i64> },
    Created { location: String },
}

#[derive(Debug, PartialEq)]
enum GetJobError {
    NotFound(Problem),
    Default { status: u16 },
}

/// What a generated method for `getJob` does.
async fn get_job(core: &ClientCore, id: &str) -> Result<GetJobSuccess, Error<GetJobError>> {
    const OPERATION: Operation = Operation {
        id: "getJob",
        method: Method::Get,
        path: "/jobs/{jobId}",
        versioned: false,
        security: &[],
    };
    let response = core
        .request(&OPERATION)
        .path("/jobs/")
        .path_param(id)
        .send()
        .await?;
    match response.pick(&[
        StatusMatch::Code(200),
        StatusMatch::Code(201),
        StatusMatch::Code(202),
        StatusMatch::Code(404),
        StatusMatch::Default,
    ]) {
        Some(0) => Ok(GetJobSuccess::Ok(response.json()?)),
        Some(1) => Ok(GetJobSuccess::Created {
            location: response.required_header("Location")?,
        }),
        Some(2) => Ok(GetJobSuccess::Accepted {
            body: response.json()?,
            retry_after: response.header("Retry-After")?,
        }),
        Some(3) => Err(response.documented(GetJobError::NotFound(response.json()?))),
        Some(4) => Err(response.documented(GetJobError::Default {
            status: response.status_code(),
        })),
        _ => Err(response.unexpected()),
    }
}

fn job_answers(seen: &Seen) -> Reply {
    let json = "application/json";
    match seen.target.as_str() {
        "/jobs/ok" => reply(200, json, r#"{"id":"j1","extra":true}"#),
        "/jobs/queued" => Reply::Send {
            status: 202,
            headers: vec![("Content-Type", json.into()), ("Retry-After", "5".into())],
            body: br#"{"id":"j2"}"#.to_vec(),
        },
        "/jobs/bad-header" => Reply::Send {
            status: 202,
            headers: vec![
                ("Content-Type", json.into()),
                ("Retry-After", "soon".into()),
            ],
            body: br#"{"id":"j2"}"#.to_vec(),
        },
        "/jobs/created" => reply(201, "", ""),
        "/jobs/gone" => reply(
            404,
            "application/problem+json",
            r#"{"title":"gone","status":404}"#,
        ),
        "/jobs/broken" => reply(500, "", ""),
        "/jobs/garbled" => reply(200, json, "<html>not json</html>"),
        "/jobs/drop" => Reply::Close,
        _ => reply(304, "", ""),
    }
}

#[tokio::test]
async fn responses_decode_by_status() {
    let server = Server::start(job_answers).await;
    let core = server.core();

    let ok = get_job(&core, "ok").await.expect("200");
    assert_eq!(ok, GetJobSuccess::Ok(Job { id: "j1".into() }));

    let queued = get_job(&core, "queued").await.expect("202");
    assert_eq!(
        queued,
        GetJobSuccess::Accepted {
            body: Job { id: "j2".into() },
            retry_after: Some(5)
        }
    );

    let gone = get_job(&core, "gone").await.expect_err("404");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(
        gone.into_documented(),
        Some(GetJobError::NotFound(Problem {
            title: "gone".into()
        }))
    );

    let broken = get_job(&core, "broken").await.expect_err("500");
    assert_eq!(
        broken.into_documented(),
        Some(GetJobError::Default { status: 500 })
    );

    match get_job(&core, "created").await {
        Err(Error::Decode {
            status, message, ..
        }) => {
            assert_eq!(status.as_u16(), 201);
            assert!(message.contains("Location"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    match get_job(&core, "bad-header").await {
        Err(Error::Decode { message, .. }) => assert!(message.contains("Retry-After")),
        other => panic!("expected a decode error, got {other:?}"),
    }
    match get_job(&core, "garbled").await {
        Err(Error::Decode {
            status, body_start, ..
        }) => {
            assert_eq!(status.as_u16(), 200);
            assert_eq!(body_start, "<html>not json</html>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_status_keeps_the_body() {
    async fn only_ok(core: &ClientCore) -> Result<Job, Error<()>> {
        let response = core.request(&GET_ITEM).path("/teapot").send().await?;
        match response.pick(&[StatusMatch::Code(200)]) {
            Some(0) => Ok(response.json()?),
            _ => Err(response.unexpected()),
        }
    }
    fn teapot(_: &Seen) -> Reply {
        Reply::Send {
            status: 418,
            headers: vec![("X-Why", "tea".into())],
            body: b"short and stout".to_vec(),
        }
    }
    let server = Server::start(teapot).await;
    match only_ok(&server.core()).await {
        Err(Error::UnexpectedStatus {
            status,
            headers,
            body,
        }) => {
            assert_eq!(status.as_u16(), 418);
            assert_eq!(
                headers.get("x-why").and_then(|v| v.to_str().ok()),
                Some("tea")
            );
            assert_eq!(body, Bytes::from_static(b"short and stout"));
        }
        other => panic!("expected an unexpected status, got {other:?}"),
    }
}

#[tokio::test]
async fn dropped_connection_is_a_transport_error() {
    let server = Server::start(job_answers).await;
    match get_job(&server.core(), "drop").await {
        Err(Error::Transport(_)) => {}
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn bad_base_url_is_a_build_error() {
    let core = ClientCore::new("not a url");
    match get_job(&core, "x").await {
        Err(Error::Build { message }) => assert!(message.contains("invalid URL"), "{message}"),
        other => panic!("expected a build error, got {other:?}"),
    }
}

#[derive(Serialize)]
struct UploadMeta {
    title: String,
    pages: i64,
}

#[tokio::test]
async fn multipart_parts() {
    let server = Server::start(ok_empty).await;
    let core = server.core();
    let file = FilePart::new(Bytes::from_static(b"\x89PNG"))
        .with_filename("cat.png")
        .with_content_type("image/png");
    let thumbnail: Option<Bytes> = None;
    let tags = Some(vec!["a".to_owned(), "b".to_owned()]);
    let body = Multipart::new()
        .file("file", &file, Some("image/png, image/jpeg"))
        .text("note", &"hello")
        .json(
            "meta",
            &UploadMeta {
                title: "t".into(),
                pages: 2,
            },
            None,
        )
        .text("tags", &tags)
        .file("thumbnail", &thumbnail, None)
        .file("raw", &Bytes::from_static(b"xyz"), None);
    core.request(&OPEN_OP)
        .path("/uploads")
        .multipart(body)
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    let content_type = seen.header("content-type").unwrap_or_default().to_owned();
    let boundary = content_type.split("boundary=").nth(1).expect("boundary");
    let body = String::from_utf8_lossy(&seen.body).into_owned();
    let parts: Vec<&str> = body
        .split(&format!("--{boundary}"))
        .map(str::trim)
        .filter(|p| !p.is_empty() && *p != "--")
        .collect();
    assert_eq!(parts.len(), 6, "{body}");
    assert!(parts[0].contains("name=\"file\"; filename=\"cat.png\""));
    assert!(parts[0].contains("Content-Type: image/png"));
    assert!(parts[0].ends_with("\u{fffd}PNG"));
    assert!(parts[1].contains("name=\"note\"") && parts[1].ends_with("\r\n\r\nhello"));
    assert!(
        parts[2].contains("name=\"meta\"") && parts[2].contains("Content-Type: application/json")
    );
    assert!(parts[2].ends_with(r#"{"title":"t","pages":2}"#));
    assert!(parts[3].contains("name=\"tags\"") && parts[3].ends_with("\r\n\r\na"));
    assert!(parts[4].contains("name=\"tags\"") && parts[4].ends_with("\r\n\r\nb"));
    assert!(!body.contains("thumbnail"));
    assert!(parts[5].contains("Content-Type: application/octet-stream"));
}

#[tokio::test]
async fn json_form_text_and_binary_bodies() {
    let server = Server::start(ok_empty).await;
    let core = server.core();
    let meta = UploadMeta {
        title: "a b".into(),
        pages: 2,
    };
    core.request(&OPEN_OP)
        .json("application/merge-patch+json", &meta)
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(
        seen.header("content-type"),
        Some("application/merge-patch+json")
    );
    assert_eq!(seen.body, br#"{"title":"a b","pages":2}"#);

    core.request(&OPEN_OP)
        .form(&meta)
        .send()
        .await
        .expect("sent");
    let seen = server.last();
    assert_eq!(
        seen.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(seen.body, b"title=a%20b&pages=2");

    core.request(&OPEN_OP)
        .text("text/plain", "hi")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().body, b"hi");

    core.request(&OPEN_OP)
        .binary("application/octet-stream", vec![0u8, 255])
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().body, [0u8, 255]);
}

#[tokio::test]
async fn alias_replaces_only_the_versioned_prefix() {
    let server = Server::start(ok_empty).await;
    let mut core = server.core();
    core.set_versioned_prefix("/api/v1");
    core.request(&GET_ITEM)
        .path("/api/v1/items")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().target, "/api/v1/items");
    core.set_alias(Some("/api/".into()));
    core.request(&GET_ITEM)
        .path("/api/v1/items")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().target, "/api/items");
    core.request(&OPEN_OP)
        .path("/api/v1/health")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().target, "/api/v1/health");
}

#[derive(Default)]
struct Recorder {
    statuses: Mutex<Vec<(String, u16)>>,
}

impl Hook for Recorder {
    fn on_request(&self, _: &Operation, request: &mut openapi_forge_runtime::reqwest::Request) {
        request
            .headers_mut()
            .insert("x-trace", "t-1".parse().expect("header"));
    }

    fn on_response(&self, operation: &Operation, response: &Response) {
        let entry = (operation.id.to_owned(), response.status_code());
        self.statuses.lock().expect("lock").push(entry);
    }
}

#[tokio::test]
async fn hook_sees_requests_and_responses() {
    let server = Server::start(ok_empty).await;
    let mut core = server.core();
    let recorder = Arc::new(Recorder::default());
    core.set_hook(recorder.clone());
    core.request(&OPEN_OP)
        .path("/o")
        .send()
        .await
        .expect("sent");
    assert_eq!(server.last().header("x-trace"), Some("t-1"));
    assert_eq!(
        *recorder.statuses.lock().expect("lock"),
        [("o".to_owned(), 204)]
    );
}
