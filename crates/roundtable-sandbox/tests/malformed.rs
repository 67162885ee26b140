//! Malformed requests in raw HTTP, not through the generated client: each
//! answers its documented status with the `{error, details}` body, none
//! answers 500, and the sandbox keeps serving afterwards.

mod common;

use reqwest::header::{HeaderMap, HeaderValue, ALLOW, AUTHORIZATION, CONTENT_TYPE};
use reqwest::{Client, Method, StatusCode};
use serde_json::Value;

use roundtable_sandbox::webhook::sign;

/// What a raw request answered.
struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
}

impl Answer {
    /// Asserts the status and the error body shape; returns `details`.
    fn error(&self, status: StatusCode, what: &str) -> Option<&serde_json::Map<String, Value>> {
        assert_eq!(self.status, status, "{what}: {}", self.body);
        assert!(
            self.body["error"].is_string(),
            "{what}: no `error` in {}",
            self.body
        );
        match &self.body["details"] {
            Value::Null => None,
            Value::Object(details) => Some(details),
            other => panic!("{what}: `details` is not an object: {other}"),
        }
    }

    /// Asserts a 400 whose `details` names `field`.
    fn invalid(&self, field: &str, what: &str) {
        let details = self.error(StatusCode::BAD_REQUEST, what);
        let details = details.unwrap_or_else(|| panic!("{what}: no details in {}", self.body));
        assert!(
            details
                .keys()
                .any(|key| key == field || key.starts_with(&format!("{field}."))),
            "{what}: details {details:?} do not name {field}"
        );
    }
}

struct Raw {
    client: Client,
    sandbox: common::Sandbox,
}

impl Raw {
    async fn new() -> Raw {
        Raw {
            client: Client::new(),
            sandbox: common::start().await,
        }
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<Vec<u8>>,
    ) -> Answer {
        let mut request = self.client.request(method, self.sandbox.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(body) = body {
            request = request.body(body);
        }
        let response = request.send().await.expect("the sandbox answers");
        let status = response.status();
        assert_ne!(
            status,
            StatusCode::INTERNAL_SERVER_ERROR,
            "{path} answered 500"
        );
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("a body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A JSON request as the owner.
    async fn owner_json(&self, method: Method, path: &str, body: &str) -> Answer {
        let bearer = format!("Bearer {}", self.sandbox.owner);
        let headers = [
            ("authorization", bearer.as_str()),
            ("content-type", "application/json"),
        ];
        self.send(method, path, &headers, Some(body.as_bytes().to_vec()))
            .await
    }

    async fn owner_get(&self, path: &str) -> Answer {
        let bearer = format!("Bearer {}", self.sandbox.owner);
        self.send(
            Method::GET,
            path,
            &[("authorization", bearer.as_str())],
            None,
        )
        .await
    }

    async fn assert_still_healthy(&self) {
        let health = self.send(Method::GET, "/api/health", &[], None).await;
        assert_eq!(health.status, StatusCode::OK);
        assert_eq!(health.body["status"], "ok");
    }

    async fn workspace(&self) -> String {
        let created = self
            .owner_json(Method::POST, "/api/v1/workspaces", r#"{"name":"target"}"#)
            .await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
        created.body["id"].as_str().expect("an id").to_owned()
    }
}

#[tokio::test]
async fn broken_json_is_a_bad_request() {
    let raw = Raw::new().await;
    for body in [r#"{"name":"#, "{", "not json", r#"{"name":"x",}"#, "\u{0}"] {
        let answer = raw
            .owner_json(Method::POST, "/api/v1/workspaces", body)
            .await;
        answer.error(StatusCode::BAD_REQUEST, body);
    }
    let id = raw.workspace().await;
    let answer = raw
        .owner_json(Method::PATCH, &format!("/api/v1/workspaces/{id}"), "{")
        .await;
    answer.error(StatusCode::BAD_REQUEST, "broken PATCH");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn wrong_types_name_the_field() {
    let raw = Raw::new().await;
    let cases = [
        (r#"{"name": 5}"#, "name"),
        (r#"{"name": ["a"]}"#, "name"),
        (r#"{"name": "x", "systemPrompt": {}}"#, "systemPrompt"),
        (r#"{"name": "x", "provider": 1}"#, "provider"),
    ];
    for (body, field) in cases {
        raw.owner_json(Method::POST, "/api/v1/workspaces", body)
            .await
            .invalid(field, body);
    }
    for body in ["[]", "null", "42", r#""name""#] {
        let answer = raw
            .owner_json(Method::POST, "/api/v1/workspaces", body)
            .await;
        answer.error(StatusCode::BAD_REQUEST, body);
    }
    let invite = r#"{"emails": "grace@example.com", "role": "member"}"#;
    raw.owner_json(Method::POST, "/api/v1/members/invitations", invite)
        .await
        .invalid("emails", invite);
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn missing_and_empty_fields_name_the_field() {
    let raw = Raw::new().await;
    raw.owner_json(Method::POST, "/api/v1/workspaces", "{}")
        .await
        .invalid("name", "missing name");
    raw.owner_json(Method::POST, "/api/v1/workspaces", r#"{"name": ""}"#)
        .await
        .invalid("name", "empty name");
    let long = format!(r#"{{"name": "{}"}}"#, "x".repeat(101));
    raw.owner_json(Method::POST, "/api/v1/workspaces", &long)
        .await
        .invalid("name", "long name");
    raw.owner_json(Method::POST, "/api/v1/billing/checkout", "{}")
        .await
        .invalid("plan", "missing plan");
    raw.owner_json(
        Method::POST,
        "/api/v1/members/invitations",
        r#"{"emails": []}"#,
    )
    .await
    .error(StatusCode::BAD_REQUEST, "empty emails, no role");
    let id = raw.workspace().await;
    let answer = raw
        .owner_json(Method::PATCH, &format!("/api/v1/workspaces/{id}"), "{}")
        .await;
    answer.error(StatusCode::BAD_REQUEST, "empty PATCH");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn unknown_enum_values_are_refused_in_requests() {
    let raw = Raw::new().await;
    let create = r#"{"name": "x", "provider": "skynet"}"#;
    raw.owner_json(Method::POST, "/api/v1/workspaces", create)
        .await
        .invalid("provider", create);
    let id = raw.workspace().await;
    let path = format!("/api/v1/workspaces/{id}");
    raw.owner_json(Method::PATCH, &path, r#"{"status": "starting"}"#)
        .await
        .invalid("status", "transitional status");
    raw.owner_json(
        Method::POST,
        "/api/v1/billing/checkout",
        r#"{"plan": "enterprise"}"#,
    )
    .await
    .invalid("plan", "enterprise checkout");
    let owner_invite = r#"{"emails": ["a@example.com"], "role": "owner"}"#;
    raw.owner_json(Method::POST, "/api/v1/members/invitations", owner_invite)
        .await
        .invalid("role", "owner invitation");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn odd_ids_are_not_found() {
    let raw = Raw::new().await;
    let long = "a".repeat(4000);
    let paths = [
        "/api/v1/workspaces/..%2F".to_owned(),
        "/api/v1/workspaces/%2E%2E".to_owned(),
        "/api/v1/workspaces/ws_%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9%C3%A9".to_owned(),
        "/api/v1/workspaces/%F0%9F%A6%80".to_owned(),
        format!("/api/v1/workspaces/{long}"),
        "/api/v1/workspaces/ws_000000000000".to_owned(),
        "/api/v1/workspaces/%00".to_owned(),
        "/api/workspaces/WS_ABCDEFGHIJKL".to_owned(),
    ];
    for path in &paths {
        raw.owner_get(path).await.error(StatusCode::NOT_FOUND, path);
    }
    let member = raw
        .owner_json(
            Method::PATCH,
            "/api/v1/members/..%2F",
            r#"{"role": "admin"}"#,
        )
        .await;
    member.error(StatusCode::NOT_FOUND, "odd user id");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let raw = Raw::new().await;
    let prompt = "x".repeat(3 * 1024 * 1024);
    let body = format!(r#"{{"name": "big", "systemPrompt": "{prompt}"}}"#);
    let answer = raw
        .owner_json(Method::POST, "/api/v1/workspaces", &body)
        .await;
    answer.error(StatusCode::PAYLOAD_TOO_LARGE, "3 MiB body");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn a_wrong_method_is_not_allowed_and_says_what_is() {
    let raw = Raw::new().await;
    let answer = raw
        .owner_json(Method::PUT, "/api/v1/workspaces", "{}")
        .await;
    answer.error(StatusCode::METHOD_NOT_ALLOWED, "PUT workspaces");
    let allow = answer
        .headers
        .get(ALLOW)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("POST"),
        "Allow: {allow:?}"
    );
    let answer = raw.owner_json(Method::POST, "/api/health", "{}").await;
    answer.error(StatusCode::METHOD_NOT_ALLOWED, "POST health");
    let answer = raw.owner_get("/api/v1/billing/webhook").await;
    answer.error(StatusCode::METHOD_NOT_ALLOWED, "GET webhook");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn an_unknown_path_is_not_found() {
    let raw = Raw::new().await;
    for path in [
        "/",
        "/api",
        "/api/v2/workspaces",
        "/api/v1/workspace",
        "/api/v1/workspaces/a/b",
    ] {
        raw.owner_get(path).await.error(StatusCode::NOT_FOUND, path);
    }
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn missing_or_malformed_bearer_headers_are_unauthorized() {
    let raw = Raw::new().await;
    let key = raw.sandbox.owner.clone();
    let headers: Vec<Vec<(&str, String)>> = vec![
        vec![],
        vec![("authorization", String::new())],
        vec![("authorization", "Bearer".to_owned())],
        vec![("authorization", "Bearer ".to_owned())],
        vec![("authorization", key.clone())],
        vec![("authorization", format!("Basic {key}"))],
        vec![("authorization", format!("Token {key}"))],
        vec![("authorization", "Bearer rt_sk_notakey".to_owned())],
        vec![(
            "authorization",
            "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln".to_owned(),
        )],
        vec![("x-api-key", key.clone())],
    ];
    for (index, set) in headers.iter().enumerate() {
        let pairs: Vec<(&str, &str)> = set.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let answer = raw
            .send(Method::GET, "/api/v1/workspaces", &pairs, None)
            .await;
        answer.error(StatusCode::UNAUTHORIZED, &format!("header set {index}"));
    }
    // Credentials are checked before the body is read: a caller without
    // them learns nothing about their request.
    let answer = raw
        .send(Method::POST, "/api/v1/workspaces", &[], Some(b"{".to_vec()))
        .await;
    answer.error(StatusCode::UNAUTHORIZED, "no token, broken body");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn a_wrong_content_type_is_refused() {
    let raw = Raw::new().await;
    let bearer = format!("Bearer {}", raw.sandbox.owner);
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        let mut headers = vec![("authorization", bearer.as_str())];
        if let Some(content_type) = content_type {
            headers.push(("content-type", content_type));
        }
        let body = Some(br#"{"name":"x"}"#.to_vec());
        let answer = raw
            .send(Method::POST, "/api/v1/workspaces", &headers, body)
            .await;
        assert!(
            matches!(answer.status.as_u16(), 400 | 415),
            "{content_type:?}: {}",
            answer.status
        );
        assert!(answer.body["error"].is_string());
    }
    raw.assert_still_healthy().await;
}

fn event() -> Vec<u8> {
    br#"{"id":"evt_raw","object":"event","type":"invoice.paid","data":{"object":{}}}"#.to_vec()
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

#[tokio::test]
async fn webhook_signatures_are_checked() {
    let raw = Raw::new().await;
    let path = "/api/v1/billing/webhook";
    let body = event();
    let json = ("content-type", "application/json");

    let good = sign(&body, common::SECRET, now());
    let answer = raw
        .send(
            Method::POST,
            path,
            &[json, ("stripe-signature", &good)],
            Some(body.clone()),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["received"], true);

    let stale = sign(&body, common::SECRET, now() - 301);
    let wrong_secret = sign(&body, "whsec_wrong", now());
    let mut tampered_body = body.clone();
    tampered_body.push(b' ');
    let cases: Vec<(&str, Option<String>, Vec<u8>)> = vec![
        ("stale timestamp", Some(stale), body.clone()),
        ("wrong secret", Some(wrong_secret), body.clone()),
        ("changed body", Some(good.clone()), tampered_body),
        ("malformed header", Some("v1=abc".to_owned()), body.clone()),
        ("no v1", Some(format!("t={}", now())), body.clone()),
        ("missing header", None, body.clone()),
    ];
    for (what, header, body) in cases {
        let mut headers = vec![json];
        if let Some(header) = &header {
            headers.push(("stripe-signature", header.as_str()));
        }
        let answer = raw.send(Method::POST, path, &headers, Some(body)).await;
        answer.error(StatusCode::BAD_REQUEST, what);
    }

    // A correct signature over something that is not a Stripe event.
    let junk = b"{not json".to_vec();
    let signed = sign(&junk, common::SECRET, now());
    let answer = raw
        .send(
            Method::POST,
            path,
            &[json, ("stripe-signature", &signed)],
            Some(junk),
        )
        .await;
    answer.error(StatusCode::BAD_REQUEST, "signed junk");
    raw.assert_still_healthy().await;
}

#[tokio::test]
async fn garbage_headers_do_not_break_anything() {
    let raw = Raw::new().await;
    let mut headers = HeaderMap::new();
    headers.insert(
        AUTHORIZATION,
        HeaderValue::from_bytes(b"Bearer \xff\xfe").expect("bytes"),
    );
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    let response = raw
        .client
        .post(raw.sandbox.url("/api/v1/workspaces"))
        .headers(headers)
        .body(r#"{"name":"x"}"#)
        .send()
        .await
        .expect("an answer");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    raw.assert_still_healthy().await;
}
