//! The generated side: the Roundtable client, and a minimal implementation
//! of the generated server trait behind the generated router.

use roundtable::models::{
    CreateWorkspaceError, CreateWorkspaceSuccess, ListWorkspacesError, ListWorkspacesSuccess,
    Provider, Workspace, WorkspaceList, WorkspaceStatus,
};
use roundtable::server::{
    self, AuthError, CreateWorkspaceParams, Credentials, Failure, ListWorkspacesRequest,
};

use crate::data;

/// The generated client for the server at `base_url`, with the token.
pub fn client(base_url: &str) -> roundtable::client::Client {
    roundtable::client::ClientBuilder::new(base_url)
        .with_bearer_auth(data::TOKEN)
        .build()
}

/// Serves the listing and the create; everything else answers 501.
pub struct Service {
    list: WorkspaceList,
    timestamp: openapi_forge_runtime::Timestamp,
}

impl Service {
    /// A service holding the [`data::LIST_LEN`] workspaces.
    pub fn new() -> Result<Service, serde_json::Error> {
        Ok(Service {
            list: serde_json::from_value(data::list_json())?,
            timestamp: serde_json::from_value(serde_json::json!(data::TIMESTAMP))?,
        })
    }
}

impl server::Api for Service {
    type Principal = ();

    async fn authenticate(&self, credentials: Credentials) -> Result<(), AuthError> {
        match credentials.bearer() {
            Some(token) if token.expose() == data::TOKEN => Ok(()),
            _ => Err(AuthError::unauthorized("unknown token")),
        }
    }

    async fn list_workspaces(
        &self,
        _request: ListWorkspacesRequest,
        _principal: (),
    ) -> Result<ListWorkspacesSuccess, Failure<ListWorkspacesError>> {
        Ok(ListWorkspacesSuccess::Ok(self.list.clone()))
    }

    async fn create_workspace(
        &self,
        request: CreateWorkspaceParams,
        _principal: (),
    ) -> Result<CreateWorkspaceSuccess, Failure<CreateWorkspaceError>> {
        let body = request.body;
        Ok(CreateWorkspaceSuccess::Created(Workspace {
            id: "ws_000000000new".into(),
            name: body.name,
            provider: body.provider.unwrap_or(Provider::VertexAi),
            model: body.model.unwrap_or_else(|| "claude-sonnet-4".into()),
            system_prompt: body.system_prompt,
            status: WorkspaceStatus::Stopped,
            created_at: self.timestamp,
            updated_at: self.timestamp,
        }))
    }
}

/// The generated router over [`Service`].
pub fn router() -> Result<axum::Router, serde_json::Error> {
    Ok(server::router(Service::new()?))
}
