//! Generated clients of the regression cases against a small local axum
//! server written here (not the generated server), checking what each case
//! header asks of a client: the exact request on the wire and the decoded
//! outcome of each documented status.

use std::sync::{Arc, Mutex};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use forge_tests::generated::{
    case_01_enum_case_collision as case01, case_02_enum_empty_string as case02,
    case_05_rust_keyword_names as case05, case_06_path_param_dots_dashes as case06,
    case_10_multiple_response_types as case10, case_12_missing_operation_id as case12,
    case_18_cookie_security_per_operation as case18, case_19_external_ref as case19,
};
use openapi_forge_runtime::client::Error;

/// One request as the server saw it: the target exactly as sent.
#[derive(Debug, Clone, Default)]
struct Seen {
    method: String,
    target: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// A canned answer: status, headers, body.
type Answer = (u16, Vec<(&'static str, &'static str)>, &'static str);

#[derive(Clone)]
struct Shared {
    seen: Arc<Mutex<Vec<Seen>>>,
    answer: fn(&Seen) -> Answer,
}

async fn capture(State(shared): State<Shared>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        target: parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str().to_owned())
            .unwrap_or_default(),
        headers: parts.headers,
        body: body.to_vec(),
    };
    let (status, headers, text) = (shared.answer)(&seen);
    shared.seen.lock().expect("log").push(seen);
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = StatusCode::from_u16(status).expect("status");
    for (name, value) in headers {
        response
            .headers_mut()
            .insert(name, value.parse().expect("header value"));
    }
    response
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    async fn start(answer: fn(&Seen) -> Answer) -> Server {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = axum::Router::new().fallback(capture).with_state(Shared {
            seen: seen.clone(),
            answer,
        });
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Server { url, seen }
    }

    fn last(&self) -> Seen {
        self.seen
            .lock()
            .expect("log")
            .last()
            .cloned()
            .unwrap_or_default()
    }
}

fn json(body: &'static str) -> Answer {
    (200, vec![("content-type", "application/json")], body)
}

#[tokio::test]
async fn case_01_plus_is_percent_encoded() {
    let server = Server::start(|_| json(r#"{"aggregate":"+1"}"#)).await;
    let client = case01::client::Client::with_base_url(&server.url);
    let outcome = client
        .list_reports(Some(case01::models::Aggregate::Plus1))
        .await;
    assert!(outcome.is_ok(), "{outcome:?}");
    assert_eq!(server.last().target, "/reports?aggregate=%2B1");
    client
        .list_reports(Some(case01::models::Aggregate::EtcGmtMinus1))
        .await
        .expect("call");
    assert_eq!(server.last().target, "/reports?aggregate=Etc%2FGMT-1");
    client.list_reports(None).await.expect("call");
    assert_eq!(server.last().target, "/reports");
}

#[tokio::test]
async fn case_02_empty_string_is_sent_as_empty_value() {
    let server = Server::start(|_| json(r#"[{"finish":""}]"#)).await;
    let client = case02::client::Client::with_base_url(&server.url);
    client
        .list_panels(Some(case02::models::Finish::EmptyString))
        .await
        .expect("call");
    assert_eq!(server.last().target, "/panels?finish=");
    client
        .list_panels(Some(case02::models::Finish::Empty))
        .await
        .expect("call");
    assert_eq!(server.last().target, "/panels?finish=empty");
}

#[tokio::test]
async fn case_05_keyword_parameters() {
    let server = Server::start(|_| json(r#"{"type":"tag","ref":"main","self":"x"}"#)).await;
    let client = case05::client::Client::with_base_url(&server.url);
    client
        .get_ref("main", Some("tag"), Some(true))
        .await
        .expect("call");
    assert_eq!(server.last().target, "/refs/main?type=tag&self=true");
}

#[tokio::test]
async fn case_06_path_values_stay_in_their_segment() {
    let server = Server::start(|seen| match seen.target.starts_with("/files/") {
        true => (
            200,
            vec![("content-type", "application/octet-stream")],
            "a,b",
        ),
        false => json(r#"["x"]"#),
    })
    .await;
    let client = case06::client::Client::with_base_url(&server.url);
    client.get_calendar_day(2024, 2, 29).await.expect("call");
    assert_eq!(server.last().target, "/calendar/2024/2/29");
    let file = client
        .get_file("q1 report/final", case06::models::GetFileExt::Csv)
        .await;
    assert!(matches!(file, Ok(case06::models::GetFileSuccess::Ok(ref bytes)) if bytes == "a,b"));
    assert_eq!(server.last().target, "/files/q1%20report%2Ffinal.csv");
}

fn jobs(seen: &Seen) -> Answer {
    let json_type = ("content-type", "application/json");
    match (seen.method.as_str(), seen.target.as_str()) {
        ("GET", "/jobs/done") => json(r#"{"id":"j1","state":"done"}"#),
        ("GET", "/jobs/queued") => (
            202,
            vec![json_type, ("retry-after", "5")],
            r#"{"position":3}"#,
        ),
        ("GET", "/jobs/gone") => (
            404,
            vec![("content-type", "application/problem+json")],
            r#"{"title":"gone","status":404}"#,
        ),
        ("GET", "/jobs/busy") => (429, vec![("retry-after", "30")], ""),
        ("GET", "/jobs/garbled") => json("{\"id\":"),
        ("POST", "/jobs") if seen.body == br#"{"name":"again"}"# => (204, vec![], ""),
        ("POST", "/jobs") => (
            201,
            vec![json_type, ("location", "/jobs/j9")],
            r#"{"id":"j9","state":"queued"}"#,
        ),
        _ => (500, vec![], ""),
    }
}

#[tokio::test]
async fn case_10_each_status_has_its_outcome() {
    use case10::models::{CreateJobSuccess, GetJobError, GetJobSuccess, JobSpec};
    let server = Server::start(jobs).await;
    let client = case10::client::Client::with_base_url(&server.url);

    match client.get_job("done").await {
        Ok(GetJobSuccess::Ok(job)) => assert_eq!(job.id, "j1"),
        other => panic!("200: {other:?}"),
    }
    match client.get_job("queued").await {
        Ok(GetJobSuccess::Accepted { body, retry_after }) => {
            assert_eq!((body.position, retry_after), (3, Some(5)));
        }
        other => panic!("202: {other:?}"),
    }
    match client.get_job("gone").await {
        Err(Error::Documented {
            error: GetJobError::NotFound(problem),
            ..
        }) => {
            assert_eq!(problem.title.as_deref(), Some("gone"));
        }
        other => panic!("404: {other:?}"),
    }
    match client.get_job("busy").await {
        Err(Error::Documented {
            error: GetJobError::TooManyRequests { retry_after },
            ..
        }) => {
            assert_eq!(retry_after, 30);
        }
        other => panic!("429: {other:?}"),
    }
    match client.get_job("broken").await {
        Err(Error::Documented {
            error: GetJobError::Default { status },
            ..
        }) => {
            assert_eq!(status, 500);
        }
        other => panic!("500: {other:?}"),
    }
    match client.get_job("garbled").await {
        Err(Error::Decode {
            status, body_start, ..
        }) => {
            assert_eq!((status.as_u16(), body_start.as_str()), (200, "{\"id\":"));
        }
        other => panic!("garbled: {other:?}"),
    }

    let created = client.create_job(&JobSpec { name: "new".into() }).await;
    match created {
        Ok(CreateJobSuccess::Created { body, location }) => {
            assert_eq!((body.id.as_str(), location.as_str()), ("j9", "/jobs/j9"));
        }
        other => panic!("201: {other:?}"),
    }
    let seen = server.last();
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(seen.body, br#"{"name":"new"}"#);
    let again = client
        .create_job(&JobSpec {
            name: "again".into(),
        })
        .await;
    assert!(
        matches!(again, Ok(CreateJobSuccess::NoContent)),
        "{again:?}"
    );
}

#[tokio::test]
async fn case_12_derived_names_request_exact_paths() {
    let server = Server::start(|seen| match seen.target.as_str() {
        "/" => json(r#"{"version":"1"}"#),
        _ => (200, vec![("content-type", "text/csv")], "id,balance\n"),
    })
    .await;
    let client = case12::client::Client::with_base_url(&server.url);
    client.get_root().await.expect("call");
    assert_eq!(server.last().target, "/");
    client
        .get_accounts_account_id_statement_csv("a1")
        .await
        .expect("call");
    assert_eq!(server.last().target, "/accounts/a1/statement.csv");
}

fn sessions(seen: &Seen) -> Answer {
    match seen.method.as_str() {
        "GET" => json(r#"{"id":"s1","theme":"dark"}"#),
        "POST" => (
            201,
            vec![("content-type", "application/json")],
            r#"{"id":"s2"}"#,
        ),
        _ => (204, vec![], ""),
    }
}

#[tokio::test]
async fn case_18_cookies_and_keys_per_operation() {
    use case18::models::GetCurrentSessionTheme;
    let server = Server::start(sessions).await;
    let client = case18::client::Client::builder(&server.url)
        .with_session_cookie("abc")
        .with_api_key_header("key-1")
        .build();
    let request_id = uuid::Uuid::nil();
    client
        .get_current_session(Some(GetCurrentSessionTheme::Dark), Some(request_id))
        .await
        .expect("call");
    let seen = server.last();
    assert_eq!(seen.headers.get_all("cookie").iter().count(), 1);
    assert_eq!(seen.header("cookie"), Some("session-id=abc; theme=dark"));
    assert_eq!(
        seen.header("x-request-id"),
        Some(request_id.to_string().as_str())
    );
    assert_eq!(seen.header("x-api-key"), None);

    client.create_session().await.expect("call");
    let seen = server.last();
    assert_eq!(seen.header("x-api-key"), Some("key-1"));
    assert_eq!(seen.header("cookie"), None);

    // Either scheme satisfies DELETE; the first listed one is sent.
    client.delete_current_session().await.expect("call");
    let seen = server.last();
    assert_eq!(seen.header("cookie"), Some("session-id=abc"));
    assert_eq!(seen.header("x-api-key"), None);

    client.touch_current_session().await.expect("call");
    let seen = server.last();
    assert_eq!(
        (seen.header("cookie"), seen.header("x-api-key")),
        (None, None)
    );

    let keyless = case18::client::Client::builder(&server.url)
        .with_api_key_header("k")
        .build();
    keyless.delete_current_session().await.expect("call");
    assert_eq!(server.last().header("x-api-key"), Some("k"));
}

#[tokio::test]
async fn case_19_deep_object_and_external_parameter() {
    use case19::models::{Currency, Money};
    let server = Server::start(|_| json("[]")).await;
    let client = case19::client::Client::with_base_url(&server.url);
    let money = Money {
        amount: "5.00".into(),
        currency: Currency::Eur,
    };
    client
        .list_invoices(Some(20), Some(money))
        .await
        .expect("call");
    assert_eq!(
        server.last().target,
        "/invoices?pageSize=20&minTotal%5Bamount%5D=5.00&minTotal%5Bcurrency%5D=EUR"
    );
}
