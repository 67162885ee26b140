//! The generated servers of the regression cases and of the Roundtable spec
//! through real requests (in-process, `tower::ServiceExt::oneshot`), checking
//! what each case's header says a correct server must do.

use axum::body::Body;
use axum::Router;
use http::{HeaderMap, Method, Request, StatusCode};
use tower::ServiceExt;

/// A response, read whole.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    text: String,
}

impl Answer {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_default()
    }
}

async fn send(
    router: &Router,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Answer {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let request = request
        .body(Body::from(body.to_owned()))
        .expect("a valid request");
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("routers do not fail");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("a body");
    Answer {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

async fn get(router: &Router, uri: &str, headers: &[(&str, &str)]) -> Answer {
    send(router, Method::GET, uri, headers, "").await
}

mod case_06 {
    use forge_tests::generated::case_06_path_param_dots_dashes::models::*;
    use forge_tests::generated::case_06_path_param_dots_dashes::server::{self, Api, Failure};

    use super::*;

    struct Calendar;

    impl Api for Calendar {
        async fn get_calendar_day(
            &self,
            request: server::GetCalendarDayRequest,
        ) -> Result<GetCalendarDaySuccess, Failure<GetCalendarDayError>> {
            let day = format!(
                "{}-{}-{}",
                request.date_year, request.date_month, request.day_of_month
            );
            Ok(GetCalendarDaySuccess::Ok(vec![day]))
        }

        async fn get_file(
            &self,
            request: server::GetFileRequest,
        ) -> Result<GetFileSuccess, Failure<GetFileError>> {
            let text = format!("{}|{:?}", request.file_name, request.ext);
            Ok(GetFileSuccess::Ok(text.into()))
        }
    }

    #[tokio::test]
    async fn path_parameters_with_dots_and_dashes() {
        let router = server::router(Calendar);
        let answer = get(&router, "/calendar/2024/2/29", &[]).await;
        assert_eq!(answer.json(), serde_json::json!(["2024-2-29"]));
        let answer = get(&router, "/calendar/2024/13/1", &[]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["date.month"].is_string(),
            "{}",
            answer.text
        );
        let answer = get(&router, "/calendar/x/2/1", &[]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["date.year"].is_string(),
            "{}",
            answer.text
        );
    }

    #[tokio::test]
    async fn a_segment_with_two_parameters_splits_at_the_last_dot() {
        let router = server::router(Calendar);
        let answer = get(&router, "/files/my.report.csv", &[]).await;
        assert_eq!(answer.text, "my.report|Csv");
        let answer = get(&router, "/files/q1%20report%2Ffinal.csv", &[]).await;
        assert_eq!(answer.text, "q1 report/final|Csv");
        let answer = get(&router, "/files/readme.txt", &[]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["ext"].is_string(),
            "{}",
            answer.text
        );
    }
}

mod case_02 {
    use forge_tests::generated::case_02_enum_empty_string::models::*;
    use forge_tests::generated::case_02_enum_empty_string::server::{self, Api, Failure};

    use super::*;

    struct Panels;

    impl Api for Panels {
        async fn list_panels(
            &self,
            request: server::ListPanelsRequest,
        ) -> Result<ListPanelsSuccess, Failure<ListPanelsError>> {
            let panels = request.finish.into_iter().map(|finish| Panel {
                finish,
                coating: None,
            });
            Ok(ListPanelsSuccess::Ok(panels.collect()))
        }
    }

    #[tokio::test]
    async fn an_empty_query_value_is_the_empty_string_variant() {
        let router = server::router(Panels);
        let answer = get(&router, "/panels?finish=", &[]).await;
        assert_eq!(answer.json(), serde_json::json!([{"finish": ""}]));
        let answer = get(&router, "/panels?finish=empty", &[]).await;
        assert_eq!(answer.json(), serde_json::json!([{"finish": "empty"}]));
        let answer = get(&router, "/panels", &[]).await;
        assert_eq!(answer.json(), serde_json::json!([]));
        let answer = get(&router, "/panels?finish=shiny", &[]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["finish"].is_string(),
            "{}",
            answer.text
        );
    }
}

mod case_10 {
    use forge_tests::generated::case_10_multiple_response_types::models::*;
    use forge_tests::generated::case_10_multiple_response_types::server::{self, Api, Failure};

    use super::*;

    struct Jobs;

    impl Api for Jobs {
        async fn create_job(
            &self,
            request: server::CreateJobRequest,
        ) -> Result<CreateJobSuccess, Failure<CreateJobError>> {
            if request.body.name == "again" {
                return Ok(CreateJobSuccess::NoContent);
            }
            let body = Job {
                id: "j1".into(),
                state: JobState::Done,
            };
            Ok(CreateJobSuccess::Created {
                body,
                location: "/jobs/j1".into(),
            })
        }

        async fn get_job(
            &self,
            request: server::GetJobRequest,
        ) -> Result<GetJobSuccess, Failure<GetJobError>> {
            match request.job_id.as_str() {
                "queued" => Ok(GetJobSuccess::Accepted {
                    body: QueuePosition { position: 3 },
                    retry_after: Some(5),
                }),
                "gone" => Err(GetJobError::NotFound(Problem {
                    title: Some("gone".into()),
                    status: Some(404),
                    detail: None,
                })
                .into()),
                "busy" => Err(GetJobError::TooManyRequests { retry_after: 30 }.into()),
                "broken" => Err(GetJobError::Default { status: 500 }.into()),
                _ => Ok(GetJobSuccess::Ok(Job {
                    id: request.job_id,
                    state: JobState::Done,
                })),
            }
        }
    }

    #[tokio::test]
    async fn each_declared_response_has_its_status_headers_and_content_type() {
        let router = server::router(Jobs);
        let answer = get(&router, "/jobs/j1", &[]).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(
            answer.json(),
            serde_json::json!({"id": "j1", "state": "done"})
        );
        let answer = get(&router, "/jobs/queued", &[]).await;
        assert_eq!(answer.status, StatusCode::ACCEPTED);
        assert_eq!(answer.headers["retry-after"], "5");
        assert_eq!(answer.json(), serde_json::json!({"position": 3}));
        let answer = get(&router, "/jobs/gone", &[]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert_eq!(answer.headers["content-type"], "application/problem+json");
        let answer = get(&router, "/jobs/busy", &[]).await;
        assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(answer.headers["retry-after"], "30");
        assert!(answer.text.is_empty());
        let answer = get(&router, "/jobs/broken", &[]).await;
        assert_eq!(answer.status, StatusCode::INTERNAL_SERVER_ERROR);

        let json = ("Content-Type", "application/json");
        let answer = send(&router, Method::POST, "/jobs", &[json], r#"{"name":"a"}"#).await;
        assert_eq!(answer.status, StatusCode::CREATED);
        assert_eq!(answer.headers["location"], "/jobs/j1");
        let answer = send(
            &router,
            Method::POST,
            "/jobs",
            &[json],
            r#"{"name":"again"}"#,
        )
        .await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        // The spec's error body is `Problem`: `title` holds the message and
        // `detail` (a string) the problems.
        let answer = send(&router, Method::POST, "/jobs", &[json], r#"{"name":"#).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.json()["title"], "request body is not valid JSON");
        assert!(answer.json()["detail"].is_string(), "{}", answer.text);
    }
}

mod case_18 {
    use forge_tests::generated::case_18_cookie_security_per_operation::models::*;
    use forge_tests::generated::case_18_cookie_security_per_operation::server::{
        self, Api, AuthError, Credentials, Failure,
    };

    use super::*;

    struct Sessions;

    impl Api for Sessions {
        type Principal = String;

        async fn authenticate(&self, credentials: Credentials) -> Result<String, AuthError> {
            match credentials.items.first() {
                Some(item) if item.secret.expose() != "revoked" => Ok(item.scheme.to_owned()),
                _ => Err(AuthError::unauthorized("revoked")),
            }
        }

        async fn get_current_session(
            &self,
            request: server::GetCurrentSessionRequest,
            principal: String,
        ) -> Result<GetCurrentSessionSuccess, Failure<GetCurrentSessionError>> {
            let theme = request.theme.map(|theme| format!("{theme:?}"));
            let id = format!(
                "{principal} {:?}",
                request.x_request_id.map(|id| id.to_string())
            );
            Ok(GetCurrentSessionSuccess::Ok(Session { id, theme }))
        }

        async fn delete_current_session(
            &self,
            _request: server::DeleteCurrentSessionRequest,
            _principal: String,
        ) -> Result<DeleteCurrentSessionSuccess, Failure<DeleteCurrentSessionError>> {
            Ok(DeleteCurrentSessionSuccess::NoContent)
        }

        async fn touch_current_session(
            &self,
            _request: server::TouchCurrentSessionRequest,
        ) -> Result<TouchCurrentSessionSuccess, Failure<TouchCurrentSessionError>> {
            Ok(TouchCurrentSessionSuccess::NoContent)
        }
    }

    const PATH: &str = "/sessions/current";

    #[tokio::test]
    async fn get_needs_the_session_cookie_and_reads_cookie_and_header_parameters() {
        let router = server::router(Sessions);
        let cookie = ("Cookie", "session-id=abc; theme=dark");
        let answer = get(&router, PATH, &[cookie]).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
        assert_eq!(
            answer.json(),
            serde_json::json!({"id": "sessionCookie None", "theme": "Dark"})
        );
        let id = ("X-Request-ID", "67e55044-10b1-426f-9247-bb680e5fe0c8");
        let answer = get(&router, PATH, &[cookie, id]).await;
        assert!(
            answer.text.contains("67e55044-10b1-426f-9247-bb680e5fe0c8"),
            "{}",
            answer.text
        );
        let answer = get(&router, PATH, &[("Cookie", "theme=dark")]).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert!(answer.json()["error"].is_string());
        let answer = get(&router, PATH, &[("Cookie", "session-id=revoked")]).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let answer = get(&router, PATH, &[("Cookie", "session-id=abc; theme=blue")]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        let answer = get(&router, PATH, &[cookie, ("X-Request-ID", "not-a-uuid")]).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["X-Request-ID"].is_string(),
            "{}",
            answer.text
        );
    }

    #[tokio::test]
    async fn each_method_has_its_own_security() {
        let router = server::router(Sessions);
        let key = ("X-Api-Key", "k1");
        let cookie = ("Cookie", "session-id=abc");
        let answer = send(&router, Method::POST, PATH, &[], "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let answer = send(&router, Method::POST, PATH, &[cookie], "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        // Authenticated, but left unimplemented: the default answer.
        let answer = send(&router, Method::POST, PATH, &[key], "").await;
        assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);

        let answer = send(&router, Method::DELETE, PATH, &[], "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let answer = send(&router, Method::DELETE, PATH, &[cookie], "").await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        let answer = send(&router, Method::DELETE, PATH, &[key], "").await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);

        let answer = send(&router, Method::PATCH, PATH, &[], "").await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT);

        let answer = send(&router, Method::PUT, PATH, &[], "").await;
        assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
        let allow = answer
            .headers
            .get("allow")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        for method in ["GET", "POST", "DELETE", "PATCH"] {
            assert!(allow.contains(method), "{allow}");
        }
    }
}

mod case_17 {
    use std::sync::{Arc, Mutex};

    use forge_tests::generated::case_17_multipart_object_field::models::*;
    use forge_tests::generated::case_17_multipart_object_field::server::{self, Api, Failure};

    use super::*;

    /// Keeps the body it receives so tests can look at it.
    #[derive(Clone, Default)]
    struct Uploads {
        received: Arc<Mutex<Option<CreateUploadRequestBody>>>,
    }

    impl Api for Uploads {
        async fn create_upload(
            &self,
            request: server::CreateUploadRequest,
        ) -> Result<CreateUploadSuccess, Failure<CreateUploadError>> {
            let size = request.body.file.bytes.len() as i64;
            if let Ok(mut received) = self.received.lock() {
                *received = Some(request.body);
            }
            Ok(CreateUploadSuccess::Created(Upload {
                id: "u1".into(),
                size,
            }))
        }
    }

    const BOUNDARY: &str = "forge-boundary";

    /// One part: name, file name, content type, content.
    type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

    fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, filename, content_type, content) in parts {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            let mut disposition = format!("Content-Disposition: form-data; name=\"{name}\"");
            if let Some(filename) = filename {
                disposition.push_str(&format!("; filename=\"{filename}\""));
            }
            body.extend_from_slice(format!("{disposition}\r\n").as_bytes());
            if let Some(content_type) = content_type {
                body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
            }
            body.extend_from_slice(b"\r\n");
            body.extend_from_slice(content);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    }

    async fn upload(router: &Router, content_type: &str, body: Vec<u8>) -> Answer {
        let request = Request::builder()
            .method(Method::POST)
            .uri("/uploads")
            .header("Content-Type", content_type)
            .body(Body::from(body))
            .expect("a valid request");
        let response = router
            .clone()
            .oneshot(request)
            .await
            .expect("routers do not fail");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a body");
        Answer {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn form() -> String {
        format!("multipart/form-data; boundary={BOUNDARY}")
    }

    const FILE: Part<'static> = ("file", Some("a.png"), Some("image/png"), b"\x89PN");
    const META: Part<'static> = (
        "meta",
        None,
        Some("application/json"),
        br#"{"title":"t","pages":2}"#,
    );

    #[tokio::test]
    async fn every_part_reaches_the_handler() {
        let service = Uploads::default();
        let router = server::router(service.clone());
        let note = ("note", None, None, b"hello".as_slice());
        let tag_a = ("tags", None, None, b"a".as_slice());
        let tag_b = ("tags", None, None, b"b".as_slice());
        let body = multipart(&[FILE, note, META, tag_a, tag_b]);
        let answer = upload(&router, &form(), body).await;
        assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
        assert_eq!(answer.json(), serde_json::json!({"id": "u1", "size": 3}));
        let received = service.received.lock().ok().and_then(|r| r.clone());
        let received = received.expect("the handler ran");
        assert_eq!(received.file.bytes.as_ref(), b"\x89PN");
        assert_eq!(received.file.filename.as_deref(), Some("a.png"));
        assert_eq!(received.file.content_type.as_deref(), Some("image/png"));
        assert_eq!(received.note.as_deref(), Some("hello"));
        assert_eq!(
            received.meta,
            UploadMeta {
                title: "t".into(),
                pages: Some(2),
            }
        );
        assert_eq!(received.tags, Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(received.thumbnail, None);
    }

    #[tokio::test]
    async fn what_the_generated_client_sends_is_what_the_handler_gets() {
        use forge_tests::generated::case_17_multipart_object_field::client::Client;
        use openapi_forge_runtime::FilePart;

        let service = Uploads::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let router = server::router(service.clone());
        tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        let body = CreateUploadRequestBody {
            file: FilePart::new(b"abc".to_vec()).with_filename("a.bin"),
            note: None,
            meta: UploadMeta {
                title: "t".into(),
                pages: None,
            },
            tags: Some(vec!["x".into()]),
            thumbnail: Some(FilePart::new(b"th".to_vec()).with_content_type("image/jpeg")),
        };
        let answer = Client::with_base_url(&url).create_upload(&body).await;
        let expected = Upload {
            id: "u1".into(),
            size: 3,
        };
        assert!(
            matches!(&answer, Ok(CreateUploadSuccess::Created(upload)) if *upload == expected),
            "{answer:?}"
        );
        let received = service.received.lock().ok().and_then(|r| r.clone());
        let received = received.expect("the handler ran");
        // The client fills in the first media type the spec's `encoding` lists.
        let sent = body.file.clone().with_content_type("image/png");
        assert_eq!(received.file, sent);
        assert_eq!(received, CreateUploadRequestBody { file: sent, ..body });
    }

    #[tokio::test]
    async fn missing_parts_are_each_named() {
        let router = server::router(Uploads::default());
        let note = ("note", None, None, b"hello".as_slice());
        let answer = upload(&router, &form(), multipart(&[note])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        let details = &answer.json()["details"];
        assert_eq!(details["file"], "is required", "{}", answer.text);
        assert_eq!(details["meta"], "is required", "{}", answer.text);
        let answer = upload(&router, &form(), multipart(&[FILE])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.json()["details"]["meta"], "is required");
        let answer = upload(&router, &form(), multipart(&[META])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(answer.json()["details"]["file"], "is required");
    }

    #[tokio::test]
    async fn a_meta_part_that_is_not_upload_meta_is_refused() {
        let router = server::router(Uploads::default());
        let broken = (
            "meta",
            None,
            Some("application/json"),
            b"{not json".as_slice(),
        );
        let answer = upload(&router, &form(), multipart(&[FILE, broken])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert!(
            answer.json()["details"]["meta"].is_string(),
            "{}",
            answer.text
        );
        let untitled = ("meta", None, None, br#"{"pages":2}"#.as_slice());
        let answer = upload(&router, &form(), multipart(&[FILE, untitled])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert_eq!(answer.json()["details"]["meta.title"], "is required");
    }

    #[tokio::test]
    async fn other_media_types_and_broken_bodies_are_refused() {
        let router = server::router(Uploads::default());
        let answer = upload(&router, "application/json", b"{}".to_vec()).await;
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        assert!(answer.json()["error"].is_string());
        let answer = upload(&router, &form(), b"no parts here".to_vec()).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        let answer = upload(&router, "multipart/form-data", multipart(&[FILE, META])).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
    }
}

mod roundtable {
    use ::roundtable::models::*;
    use ::roundtable::server::{self, Api, AuthError, Config, Credentials, Failure, Metrics};

    use super::*;

    struct Roundtable {
        metrics: Metrics,
    }

    impl Api for Roundtable {
        type Principal = String;

        async fn authenticate(&self, credentials: Credentials) -> Result<String, AuthError> {
            match credentials.bearer().map(|token| token.expose()) {
                Some("rt_sk_owner") => Ok("owner".into()),
                Some("rt_sk_member") => Err(AuthError::forbidden("members may not do this")),
                _ => Err(AuthError::unauthorized("unknown or revoked token")),
            }
        }

        async fn get_health(
            &self,
            _request: server::GetHealthRequest,
        ) -> Result<GetHealthSuccess, Failure<GetHealthError>> {
            let timestamp = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH.into();
            Ok(GetHealthSuccess::Ok(Health {
                status: "ok".into(),
                timestamp,
            }))
        }

        async fn get_metrics(
            &self,
            _request: server::GetMetricsRequest,
        ) -> Result<GetMetricsSuccess, Failure<GetMetricsError>> {
            Ok(GetMetricsSuccess::Ok(self.metrics.render()))
        }
    }

    fn router() -> Router {
        let metrics = Metrics::new();
        let config = Config::default().with_metrics(metrics.clone());
        server::router_with(Roundtable { metrics }, config)
    }

    const OWNER: (&str, &str) = ("Authorization", "Bearer rt_sk_owner");
    const JSON: (&str, &str) = ("Content-Type", "application/json");

    #[tokio::test]
    async fn bearer_tokens_are_checked_before_anything_else() {
        let router = router();
        for token in [None, Some(""), Some("Bearer "), Some("Basic abc")] {
            let headers: Vec<(&str, &str)> = token
                .into_iter()
                .map(|token| ("Authorization", token))
                .collect();
            let answer = get(&router, "/api/v1/workspaces", &headers).await;
            assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{token:?}");
            assert!(answer.json()["error"].is_string());
        }
        let wrong = ("Authorization", "Bearer rt_sk_nope");
        assert_eq!(
            get(&router, "/api/v1/workspaces", &[wrong]).await.status,
            401
        );
        let member = ("Authorization", "Bearer rt_sk_member");
        assert_eq!(
            get(&router, "/api/v1/workspaces", &[member]).await.status,
            403
        );
        let answer = get(&router, "/api/v1/workspaces", &[OWNER]).await;
        assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
        assert_eq!(answer.json()["error"], "not implemented");
    }

    #[tokio::test]
    async fn the_alias_serves_v1_and_operational_endpoints_are_served_once() {
        let router = router();
        assert_eq!(get(&router, "/api/workspaces", &[OWNER]).await.status, 501);
        assert_eq!(
            get(&router, "/api/health", &[]).await.status,
            StatusCode::OK
        );
        assert_eq!(
            get(&router, "/api/v1/health", &[]).await.status,
            StatusCode::NOT_FOUND
        );
        let answer = get(&router, "/api/v2/workspaces", &[OWNER]).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND);
        assert!(answer.json()["error"].is_string());
    }

    #[tokio::test]
    async fn bodies_are_validated_with_every_problem_listed() {
        let router = router();
        let uri = "/api/v1/workspaces";
        let body = r#"{"provider":"skynet"}"#;
        let answer = send(&router, Method::POST, uri, &[OWNER, JSON], body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert!(
            answer.json()["details"]["name"].is_string(),
            "{}",
            answer.text
        );
        let body = r#"{"name":"w","provider":"skynet"}"#;
        let answer = send(&router, Method::POST, uri, &[OWNER, JSON], body).await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
        assert!(
            answer.json()["details"]["provider"].is_string(),
            "{}",
            answer.text
        );
        let answer = send(&router, Method::POST, uri, &[OWNER], r#"{"name":"w"}"#).await;
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
        let answer = send(
            &router,
            Method::POST,
            uri,
            &[OWNER, JSON],
            r#"{"name":"w"}"#,
        )
        .await;
        assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
    }

    #[tokio::test]
    async fn an_array_is_refused_where_an_object_is_required() {
        let router = router();
        let uri = "/api/v1/workspaces";
        for body in [r#"["from array"]"#, "[]"] {
            let answer = send(&router, Method::POST, uri, &[OWNER, JSON], body).await;
            assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.text);
            let problem = &answer.json()["details"]["body"];
            assert_eq!(
                problem, "wrong type: expected an object, got an array",
                "{}",
                answer.text
            );
        }
    }

    #[tokio::test]
    async fn the_webhook_needs_no_token_but_a_signature() {
        let router = router();
        let uri = "/api/v1/billing/webhook";
        let answer = send(&router, Method::POST, uri, &[JSON], "{}").await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert!(
            answer.json()["details"]["Stripe-Signature"].is_string(),
            "{}",
            answer.text
        );
        let signature = ("Stripe-Signature", "t=1,v1=abc");
        // The bytes reach the handler as sent, even when they are not JSON...
        let answer = send(&router, Method::POST, uri, &[signature, JSON], "not json").await;
        assert_eq!(answer.status, StatusCode::NOT_IMPLEMENTED);
        // ...but the declared media type still holds.
        let text = ("Content-Type", "text/plain");
        let answer = send(&router, Method::POST, uri, &[signature, text], "{}").await;
        assert_eq!(answer.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    }

    #[tokio::test]
    async fn metrics_count_requests_by_route_template() {
        let router = router();
        for id in ["ws_aaaaaaaaaaaa", "ws_bbbbbbbbbbbb"] {
            get(&router, &format!("/api/v1/workspaces/{id}"), &[OWNER]).await;
        }
        get(&router, "/nowhere", &[]).await;
        let answer = get(&router, "/api/metrics", &[]).await;
        assert_eq!(answer.headers["content-type"], "text/plain; version=0.0.4");
        let series = r#"http_requests_total{method="GET",path="/api/v1/workspaces/{workspaceId}","#;
        let series = format!(r#"{series}status="501"}} 2"#);
        assert!(answer.text.contains(&series), "{}", answer.text);
        assert!(
            answer.text.contains(r#"path="unmatched",status="404"} 1"#),
            "{}",
            answer.text
        );
        assert!(!answer.text.contains("ws_aaaaaaaaaaaa"), "{}", answer.text);
    }
}
