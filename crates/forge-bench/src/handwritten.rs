//! The hand-written side: serde types, reqwest calls and axum handlers as
//! one would write them for these two operations without a generator.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Json;
use serde::{Deserialize, Serialize};

use crate::data;

/// The model provider.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    VertexAi,
    GoogleAiStudio,
    Openai,
    Anthropic,
    Ollama,
}

/// Whether a workspace runs.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Stopped,
    Running,
}

/// A workspace.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Workspace {
    pub id: String,
    pub name: String,
    pub provider: Provider,
    pub model: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_prompt: Option<String>,
    pub status: Status,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// The listing.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkspaceList {
    pub workspaces: Vec<Workspace>,
}

/// The create request.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateWorkspace {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<Provider>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub system_prompt: Option<String>,
}

/// A failed hand-written call.
#[derive(Debug)]
pub enum Error {
    Http(reqwest::Error),
    Status(StatusCode),
}

impl From<reqwest::Error> for Error {
    fn from(error: reqwest::Error) -> Error {
        Error::Http(error)
    }
}

/// The hand-written client: a base URL and a reqwest client.
pub struct Client {
    base_url: String,
    http: reqwest::Client,
}

impl Client {
    pub fn new(base_url: &str) -> Client {
        Client {
            base_url: base_url.to_string(),
            http: reqwest::Client::new(),
        }
    }

    /// `GET /api/v1/workspaces`.
    pub async fn list_workspaces(&self) -> Result<WorkspaceList, Error> {
        let response = self
            .http
            .get(format!("{}{}", self.base_url, data::WORKSPACES))
            .bearer_auth(data::TOKEN)
            .send()
            .await?;
        if response.status() != StatusCode::OK {
            return Err(Error::Status(response.status()));
        }
        Ok(response.json().await?)
    }

    /// `POST /api/v1/workspaces`.
    pub async fn create_workspace(&self, body: &CreateWorkspace) -> Result<Workspace, Error> {
        let response = self
            .http
            .post(format!("{}{}", self.base_url, data::WORKSPACES))
            .bearer_auth(data::TOKEN)
            .json(body)
            .send()
            .await?;
        if response.status() != StatusCode::CREATED {
            return Err(Error::Status(response.status()));
        }
        Ok(response.json().await?)
    }
}

struct Service {
    list: WorkspaceList,
    timestamp: chrono::DateTime<chrono::Utc>,
}

fn authorized(headers: &HeaderMap) -> bool {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        == Some(data::TOKEN)
}

fn problem(status: StatusCode, message: &str) -> Response {
    (status, Json(serde_json::json!({ "error": message }))).into_response()
}

async fn list(State(service): State<std::sync::Arc<Service>>, headers: HeaderMap) -> Response {
    if !authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "unknown token");
    }
    Json(service.list.clone()).into_response()
}

async fn create(
    State(service): State<std::sync::Arc<Service>>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !authorized(&headers) {
        return problem(StatusCode::UNAUTHORIZED, "unknown token");
    }
    let Ok(body) = serde_json::from_slice::<CreateWorkspace>(&body) else {
        return problem(StatusCode::BAD_REQUEST, "malformed body");
    };
    // The one rule the spec puts on this body (besides enum values).
    if !(1..=100).contains(&body.name.chars().count()) {
        return problem(StatusCode::BAD_REQUEST, "name: 1 to 100 characters");
    }
    let workspace = Workspace {
        id: "ws_000000000new".into(),
        name: body.name,
        provider: body.provider.unwrap_or(Provider::VertexAi),
        model: body.model.unwrap_or_else(|| "claude-sonnet-4".into()),
        system_prompt: body.system_prompt,
        status: Status::Stopped,
        created_at: service.timestamp,
        updated_at: service.timestamp,
    };
    (StatusCode::CREATED, Json(workspace)).into_response()
}

/// The hand-written router for the two operations.
pub fn router() -> Result<axum::Router, serde_json::Error> {
    let service = Service {
        list: serde_json::from_value(data::list_json())?,
        timestamp: serde_json::from_value(serde_json::json!(data::TIMESTAMP))?,
    };
    Ok(axum::Router::new()
        .route(data::WORKSPACES, get(list).post(create))
        .with_state(std::sync::Arc::new(service)))
}
