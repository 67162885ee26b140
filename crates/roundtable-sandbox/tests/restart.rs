//! Data survives a restart on the same database file, and so do the keys.

mod common;

use roundtable::client::ClientBuilder;
use roundtable::models as wire;

#[tokio::test]
async fn a_restart_on_the_same_file_keeps_everything() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let db = dir.path().join("kept.db");

    let first = common::start_at(&db).await;
    let client = ClientBuilder::new(first.base.clone())
        .with_bearer_auth(first.owner.clone())
        .build();
    let request = wire::CreateWorkspaceRequest {
        name: "Kept".to_owned(),
        provider: Some(wire::Provider::Ollama),
        model: None,
        system_prompt: Some("Remember me.".to_owned()),
    };
    let wire::CreateWorkspaceSuccess::Created(created) =
        client.create_workspace(&request).await.expect("created");
    let start = wire::UpdateWorkspaceRequest {
        status: Some(wire::DesiredWorkspaceStatus::Running),
        ..Default::default()
    };
    let wire::UpdateWorkspaceSuccess::Ok(started) = client
        .update_workspace(&created.id, &start)
        .await
        .expect("started");
    let keys = first.server.keys().to_vec();
    let owner = first.owner.clone();
    first.server.stop().await;

    let second = common::start_at(&db).await;
    assert_eq!(second.server.keys(), keys.as_slice());
    assert_eq!(second.owner, owner);
    let client = ClientBuilder::new(second.base.clone())
        .with_bearer_auth(second.owner.clone())
        .build();
    let wire::GetWorkspaceSuccess::Ok(read) = client
        .get_workspace(&created.id)
        .await
        .expect("still there");
    assert_eq!(read, started);
    let wire::ListWorkspacesSuccess::Ok(list) = client.list_workspaces().await.expect("listed");
    assert_eq!(list.workspaces.len(), 1);
    second.server.stop().await;
}
