//! The data both sides of every benchmark exchange.

use serde_json::{json, Value};

/// The bearer token every request carries and every server checks.
pub const TOKEN: &str = "rt_sk_benchmark0000000000";

/// The workspace collection path, under the versioned prefix.
pub const WORKSPACES: &str = "/api/v1/workspaces";

/// The number of workspaces in the listing.
pub const LIST_LEN: usize = 100;

/// The timestamp every workspace carries, so responses are the same bytes
/// on both sides.
pub const TIMESTAMP: &str = "2025-01-02T03:04:05Z";

/// One workspace as listed (no system prompt).
fn workspace(index: usize) -> Value {
    json!({
        "id": format!("ws_{index:012}"),
        "name": format!("Workspace {index}"),
        "provider": "vertex_ai",
        "model": "gemini-2.5-pro",
        "status": if index % 2 == 0 { "stopped" } else { "running" },
        "createdAt": TIMESTAMP,
        "updatedAt": TIMESTAMP,
    })
}

/// `{"workspaces": [...]}` with [`LIST_LEN`] workspaces.
pub fn list_json() -> Value {
    json!({ "workspaces": (0..LIST_LEN).map(workspace).collect::<Vec<_>>() })
}

/// The body of the create request.
pub fn create_request_json() -> Value {
    json!({
        "name": "Research",
        "provider": "anthropic",
        "systemPrompt": "You answer questions about the research archive.",
    })
}

/// The workspace that a create with [`create_request_json`] answers.
pub fn created_json() -> Value {
    json!({
        "id": "ws_000000000new",
        "name": "Research",
        "provider": "anthropic",
        "model": "claude-sonnet-4",
        "systemPrompt": "You answer questions about the research archive.",
        "status": "stopped",
        "createdAt": TIMESTAMP,
        "updatedAt": TIMESTAMP,
    })
}

/// A plain axum server on `127.0.0.1:0` answering the two operations with
/// fixed bytes, for the client benchmarks: both clients talk to it, so the
/// server's share of the time is the same for both. Returns its base URL.
pub async fn canned_server() -> std::io::Result<String> {
    use axum::http::{header, StatusCode};
    use axum::routing::get;

    let list = bytes_of(&list_json());
    let created = bytes_of(&created_json());
    let app = axum::Router::new().route(
        WORKSPACES,
        get(move || {
            let list = list.clone();
            async move { ([(header::CONTENT_TYPE, "application/json")], list) }
        })
        .post(move |_body: axum::body::Bytes| {
            let created = created.clone();
            async move {
                (
                    StatusCode::CREATED,
                    [(header::CONTENT_TYPE, "application/json")],
                    created,
                )
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    tokio::spawn(async move {
        // The benchmark process ends the server; an error here only ends
        // the benchmarks that need it, which then fail on their requests.
        let _ = axum::serve(listener, app).await;
    });
    Ok(format!("http://{address}"))
}

/// The JSON text of `value` as bytes.
pub fn bytes_of(value: &Value) -> axum::body::Bytes {
    axum::body::Bytes::from(value.to_string())
}
