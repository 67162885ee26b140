//! Every operation through the generated client, on its success path and
//! on each documented error, once under `/api/v1` and once under the `/api`
//! alias: both runs must tell the same story.

mod common;

use std::collections::BTreeMap;

use roundtable::client::{Client, ClientBuilder};
use roundtable::models as wire;
use roundtable_sandbox::webhook::sign;

/// The clients of one run: one per seeded key, one without a token.
struct Clients {
    owner: Client,
    admin: Client,
    member: Client,
    other: Client,
    anonymous: Client,
}

fn clients(sandbox: &common::Sandbox, alias: Option<&str>) -> Clients {
    let build = |key: Option<&str>| {
        let mut builder = ClientBuilder::new(sandbox.base.clone());
        if let Some(alias) = alias {
            builder = builder.use_alias(alias);
        }
        if let Some(key) = key {
            builder = builder.with_bearer_auth(key.to_owned());
        }
        builder.build()
    };
    Clients {
        owner: build(Some(&sandbox.owner)),
        admin: build(Some(&sandbox.admin)),
        member: build(Some(&sandbox.member)),
        other: build(Some(&sandbox.other)),
        anonymous: build(None),
    }
}

/// What happened, step by step, without the ids and times that differ
/// between runs.
#[derive(Default)]
struct Transcript(Vec<String>);

impl Transcript {
    fn note(&mut self, line: impl Into<String>) {
        self.0.push(line.into());
    }
}

/// The documented error body of a call that must fail with `$variant`.
macro_rules! expect_error {
    ($log:expr, $step:literal, $call:expr, $enum:ident :: $variant:ident) => {{
        match $call {
            Ok(success) => panic!(
                "{}: expected {}, got {success:?}",
                $step,
                stringify!($variant)
            ),
            Err(error) => {
                let status = error.status().map(|status| status.as_u16()).unwrap_or(0);
                match error.into_documented() {
                    Some(wire::$enum::$variant(body)) => {
                        assert!(!body.error.is_empty(), "{}: empty message", $step);
                        $log.note(format!("{}: {status} {}", $step, body.error));
                        body
                    }
                    other => panic!(
                        "{}: expected {}, got {other:?}",
                        $step,
                        stringify!($variant)
                    ),
                }
            }
        }
    }};
}

/// The success value of a call that must succeed.
macro_rules! expect_ok {
    ($log:expr, $step:literal, $call:expr) => {{
        match $call {
            Ok(success) => {
                $log.note(format!("{}: ok", $step));
                success
            }
            Err(error) => panic!("{}: expected success, got {error}", $step),
        }
    }};
}

fn details(body: &wire::Error) -> BTreeMap<String, serde_json::Value> {
    match &body.details {
        Some(serde_json::Value::Object(map)) => map.clone().into_iter().collect(),
        other => panic!("expected details, got {other:?} in {body:?}"),
    }
}

fn is_workspace_id(id: &str) -> bool {
    id.strip_prefix("ws_").is_some_and(|rest| {
        rest.len() == 12
            && rest
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

fn named(name: &str) -> wire::CreateWorkspaceRequest {
    wire::CreateWorkspaceRequest {
        name: name.to_owned(),
        provider: None,
        model: None,
        system_prompt: None,
    }
}

async fn workspaces(log: &mut Transcript, c: &Clients) {
    let wire::CreateWorkspaceSuccess::Created(first) = expect_ok!(
        log,
        "create as admin with defaults",
        c.admin.create_workspace(&named("Research")).await
    );
    assert!(is_workspace_id(&first.id), "{}", first.id);
    assert_eq!(first.status, wire::WorkspaceStatus::Stopped);
    assert_eq!(first.provider, wire::Provider::VertexAi);
    assert_eq!(first.model, "gemini-2.5-pro");
    assert_eq!(first.created_at, first.updated_at);
    assert_eq!(first.system_prompt, None);

    let full = wire::CreateWorkspaceRequest {
        provider: Some(wire::Provider::Anthropic),
        system_prompt: Some("Answer briefly.".to_owned()),
        ..named("Support")
    };
    let wire::CreateWorkspaceSuccess::Created(second) = expect_ok!(
        log,
        "create as owner",
        c.owner.create_workspace(&full).await
    );
    assert_eq!(second.model, "claude-sonnet-4-20250514");
    assert_eq!(second.system_prompt.as_deref(), Some("Answer briefly."));

    expect_error!(
        log,
        "create as member",
        c.member.create_workspace(&named("x")).await,
        CreateWorkspaceError::Forbidden
    );
    expect_error!(
        log,
        "create without token",
        c.anonymous.create_workspace(&named("x")).await,
        CreateWorkspaceError::Unauthorized
    );
    let body = expect_error!(
        log,
        "create with an empty name",
        c.owner.create_workspace(&named("")).await,
        CreateWorkspaceError::BadRequest
    );
    assert!(details(&body).contains_key("name"), "{body:?}");
    let unknown = wire::CreateWorkspaceRequest {
        provider: Some(wire::Provider::Other("skynet".to_owned())),
        ..named("x")
    };
    let body = expect_error!(
        log,
        "create with an unknown provider",
        c.owner.create_workspace(&unknown).await,
        CreateWorkspaceError::BadRequest
    );
    assert!(details(&body).contains_key("provider"), "{body:?}");

    let wire::ListWorkspacesSuccess::Ok(list) =
        expect_ok!(log, "list as member", c.member.list_workspaces().await);
    let ids: Vec<_> = list.workspaces.iter().map(|w| w.id.clone()).collect();
    assert_eq!(ids, [first.id.clone(), second.id.clone()]);
    assert!(list.workspaces.iter().all(|w| w.system_prompt.is_none()));
    expect_error!(
        log,
        "list without token",
        c.anonymous.list_workspaces().await,
        ListWorkspacesError::Unauthorized
    );

    let wire::GetWorkspaceSuccess::Ok(read) = expect_ok!(
        log,
        "get as member",
        c.member.get_workspace(&second.id).await
    );
    assert_eq!(read, second);
    expect_error!(
        log,
        "get an unknown id",
        c.member.get_workspace("ws_000000000000").await,
        GetWorkspaceError::NotFound
    );
    let wire::ListWorkspacesSuccess::Ok(theirs) = expect_ok!(
        log,
        "list as the other organization",
        c.other.list_workspaces().await
    );
    assert_eq!(theirs.workspaces.len(), 1);
    let foreign = theirs.workspaces[0].id.clone();
    expect_error!(
        log,
        "get another organization's workspace",
        c.owner.get_workspace(&foreign).await,
        GetWorkspaceError::NotFound
    );
    expect_error!(
        log,
        "get without token",
        c.anonymous.get_workspace(&first.id).await,
        GetWorkspaceError::Unauthorized
    );

    let start = wire::UpdateWorkspaceRequest {
        status: Some(wire::DesiredWorkspaceStatus::Running),
        ..Default::default()
    };
    let wire::UpdateWorkspaceSuccess::Ok(started) = expect_ok!(
        log,
        "start as admin",
        c.admin.update_workspace(&first.id, &start).await
    );
    assert_eq!(started.status, wire::WorkspaceStatus::Running);
    assert!(started.updated_at > first.updated_at);
    assert_eq!(started.created_at, first.created_at);
    expect_error!(
        log,
        "start a running workspace",
        c.admin.update_workspace(&first.id, &start).await,
        UpdateWorkspaceError::Conflict
    );
    expect_error!(
        log,
        "update as member",
        c.member.update_workspace(&first.id, &start).await,
        UpdateWorkspaceError::Forbidden
    );
    expect_error!(
        log,
        "update with an empty body",
        c.owner
            .update_workspace(&first.id, &wire::UpdateWorkspaceRequest::default())
            .await,
        UpdateWorkspaceError::BadRequest
    );
    expect_error!(
        log,
        "update an unknown id",
        c.owner.update_workspace("ws_000000000000", &start).await,
        UpdateWorkspaceError::NotFound
    );
    expect_error!(
        log,
        "update another organization's workspace",
        c.owner.update_workspace(&foreign, &start).await,
        UpdateWorkspaceError::NotFound
    );
    expect_error!(
        log,
        "update without token",
        c.anonymous.update_workspace(&first.id, &start).await,
        UpdateWorkspaceError::Unauthorized
    );

    expect_error!(
        log,
        "delete as member",
        c.member.delete_workspace(&second.id).await,
        DeleteWorkspaceError::Forbidden
    );
    expect_error!(
        log,
        "delete without token",
        c.anonymous.delete_workspace(&second.id).await,
        DeleteWorkspaceError::Unauthorized
    );
    let wire::DeleteWorkspaceSuccess::NoContent = expect_ok!(
        log,
        "delete as owner",
        c.owner.delete_workspace(&second.id).await
    );
    expect_error!(
        log,
        "delete again",
        c.owner.delete_workspace(&second.id).await,
        DeleteWorkspaceError::NotFound
    );
    expect_error!(
        log,
        "delete another organization's workspace",
        c.owner.delete_workspace(&foreign).await,
        DeleteWorkspaceError::NotFound
    );
}

fn member_with_role(list: &wire::MemberList, role: wire::MemberRole) -> String {
    let found = list.members.iter().find(|m| m.role == role);
    found.map(|m| m.id.clone()).expect("a member with the role")
}

async fn members(log: &mut Transcript, c: &Clients) {
    let wire::ListMembersSuccess::Ok(list) =
        expect_ok!(log, "list members as member", c.member.list_members().await);
    assert_eq!(list.members.len(), 3);
    let owners = list
        .members
        .iter()
        .filter(|m| m.role == wire::MemberRole::Owner);
    assert_eq!(owners.count(), 1);
    let owner = member_with_role(&list, wire::MemberRole::Owner);
    let admin = member_with_role(&list, wire::MemberRole::Admin);
    expect_error!(
        log,
        "list members without token",
        c.anonymous.list_members().await,
        ListMembersError::Unauthorized
    );

    let invite = wire::InviteMembersRequest {
        emails: vec![
            "grace@example.com".to_owned(),
            "alan@example.com".to_owned(),
        ],
        role: wire::InviteRole::Member,
    };
    let wire::InviteMembersSuccess::Created(invited) = expect_ok!(
        log,
        "invite as admin",
        c.admin.invite_members(&invite).await
    );
    assert_eq!(invited.members.len(), 2);
    for member in &invited.members {
        assert!(member.id.starts_with("user_"));
        assert_eq!(member.status, Some(wire::MemberStatus::Invited));
        assert_eq!(member.role, wire::MemberRole::Member);
    }
    let grace = invited.members[0].id.clone();
    let alan = invited.members[1].id.clone();
    expect_error!(
        log,
        "invite an invited address",
        c.owner.invite_members(&invite).await,
        InviteMembersError::Conflict
    );
    let existing = wire::InviteMembersRequest {
        emails: vec!["member@sandbox.test".to_owned()],
        role: wire::InviteRole::Admin,
    };
    expect_error!(
        log,
        "invite a member's address",
        c.owner.invite_members(&existing).await,
        InviteMembersError::Conflict
    );
    expect_error!(
        log,
        "invite as member",
        c.member.invite_members(&invite).await,
        InviteMembersError::Forbidden
    );
    let empty = wire::InviteMembersRequest {
        emails: Vec::new(),
        role: wire::InviteRole::Member,
    };
    let body = expect_error!(
        log,
        "invite nobody",
        c.owner.invite_members(&empty).await,
        InviteMembersError::BadRequest
    );
    assert!(details(&body).contains_key("emails"), "{body:?}");
    let as_owner = wire::InviteMembersRequest {
        emails: vec!["boss@example.com".to_owned()],
        role: wire::InviteRole::Other("owner".to_owned()),
    };
    let body = expect_error!(
        log,
        "invite as owner role",
        c.owner.invite_members(&as_owner).await,
        InviteMembersError::BadRequest
    );
    assert!(details(&body).contains_key("role"), "{body:?}");
    expect_error!(
        log,
        "invite without token",
        c.anonymous.invite_members(&invite).await,
        InviteMembersError::Unauthorized
    );

    let to_admin = wire::UpdateMemberRequest {
        role: wire::InviteRole::Admin,
    };
    let wire::UpdateMemberSuccess::Ok(promoted) = expect_ok!(
        log,
        "promote as admin",
        c.admin.update_member(&grace, &to_admin).await
    );
    assert_eq!(promoted.role, wire::MemberRole::Admin);
    expect_error!(
        log,
        "change one's own role",
        c.admin.update_member(&admin, &to_admin).await,
        UpdateMemberError::Forbidden
    );
    expect_error!(
        log,
        "admin changes the owner",
        c.admin.update_member(&owner, &to_admin).await,
        UpdateMemberError::Forbidden
    );
    expect_error!(
        log,
        "owner changes their own role",
        c.owner.update_member(&owner, &to_admin).await,
        UpdateMemberError::Forbidden
    );
    expect_error!(
        log,
        "change roles as member",
        c.member.update_member(&grace, &to_admin).await,
        UpdateMemberError::Forbidden
    );
    expect_error!(
        log,
        "change an unknown member",
        c.owner.update_member("user_nobody", &to_admin).await,
        UpdateMemberError::NotFound
    );
    let to_owner = wire::UpdateMemberRequest {
        role: wire::InviteRole::Other("owner".to_owned()),
    };
    expect_error!(
        log,
        "give the owner role",
        c.owner.update_member(&grace, &to_owner).await,
        UpdateMemberError::BadRequest
    );
    expect_error!(
        log,
        "change roles without token",
        c.anonymous.update_member(&grace, &to_admin).await,
        UpdateMemberError::Unauthorized
    );

    expect_error!(
        log,
        "admin removes the owner",
        c.admin.remove_member(&owner).await,
        RemoveMemberError::Forbidden
    );
    expect_error!(
        log,
        "remove as member",
        c.member.remove_member(&alan).await,
        RemoveMemberError::Forbidden
    );
    let wire::RemoveMemberSuccess::NoContent = expect_ok!(
        log,
        "withdraw an invitation",
        c.owner.remove_member(&alan).await
    );
    expect_error!(
        log,
        "remove again",
        c.owner.remove_member(&alan).await,
        RemoveMemberError::NotFound
    );
    let wire::ListMembersSuccess::Ok(theirs) = expect_ok!(
        log,
        "list members of the other organization",
        c.other.list_members().await
    );
    expect_error!(
        log,
        "remove another organization's member",
        c.owner.remove_member(&theirs.members[0].id).await,
        RemoveMemberError::NotFound
    );
    expect_error!(
        log,
        "remove without token",
        c.anonymous.remove_member(&grace).await,
        RemoveMemberError::Unauthorized
    );
}

fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_secs() as i64)
        .unwrap_or(0)
}

fn completed(session_id: &str) -> wire::StripeEvent {
    let mut data = BTreeMap::new();
    data.insert("object".to_owned(), serde_json::json!({ "id": session_id }));
    wire::StripeEvent {
        id: Some(format!("evt_{session_id}")),
        object: Some("event".to_owned()),
        r#type: Some("checkout.session.completed".to_owned()),
        created: Some(unix_now()),
        livemode: Some(false),
        data: Some(data),
        additional_properties: BTreeMap::new(),
    }
}

async fn billing(log: &mut Transcript, c: &Clients) {
    expect_error!(
        log,
        "subscription before any",
        c.owner.get_subscription().await,
        GetSubscriptionError::NotFound
    );
    expect_error!(
        log,
        "subscription as member",
        c.member.get_subscription().await,
        GetSubscriptionError::Forbidden
    );
    expect_error!(
        log,
        "subscription without token",
        c.anonymous.get_subscription().await,
        GetSubscriptionError::Unauthorized
    );
    expect_error!(
        log,
        "portal before any subscription",
        c.owner.create_portal_session().await,
        CreatePortalSessionError::NotFound
    );
    expect_error!(
        log,
        "portal as admin",
        c.admin.create_portal_session().await,
        CreatePortalSessionError::Forbidden
    );
    expect_error!(
        log,
        "portal without token",
        c.anonymous.create_portal_session().await,
        CreatePortalSessionError::Unauthorized
    );

    let team = wire::CheckoutRequest {
        plan: wire::CheckoutPlan::Team,
    };
    expect_error!(
        log,
        "checkout as admin",
        c.admin.create_checkout_session(&team).await,
        CreateCheckoutSessionError::Forbidden
    );
    expect_error!(
        log,
        "checkout without token",
        c.anonymous.create_checkout_session(&team).await,
        CreateCheckoutSessionError::Unauthorized
    );
    let enterprise = wire::CheckoutRequest {
        plan: wire::CheckoutPlan::Other("enterprise".to_owned()),
    };
    let body = expect_error!(
        log,
        "checkout the enterprise plan",
        c.owner.create_checkout_session(&enterprise).await,
        CreateCheckoutSessionError::BadRequest
    );
    assert!(details(&body).contains_key("plan"), "{body:?}");
    let wire::CreateCheckoutSessionSuccess::Ok(session) = expect_ok!(
        log,
        "checkout as owner",
        c.owner.create_checkout_session(&team).await
    );
    assert!(session.session_id.starts_with("cs_test_sandbox_"));
    assert_eq!(
        session.url,
        format!("https://checkout.stripe.test/c/pay/{}", session.session_id)
    );

    let event = completed(&session.session_id);
    let bytes = serde_json::to_vec(&event).expect("the event serializes");
    let wrong = sign(&bytes, "whsec_wrong", unix_now());
    expect_error!(
        log,
        "webhook with a wrong signature",
        c.anonymous.handle_stripe_webhook(&wrong, &event).await,
        HandleStripeWebhookError::BadRequest
    );
    let stale = sign(&bytes, common::SECRET, unix_now() - 600);
    expect_error!(
        log,
        "webhook with a stale signature",
        c.anonymous.handle_stripe_webhook(&stale, &event).await,
        HandleStripeWebhookError::BadRequest
    );
    let good = sign(&bytes, common::SECRET, unix_now());
    let wire::HandleStripeWebhookSuccess::Ok(ack) = expect_ok!(
        log,
        "webhook completing the checkout",
        c.anonymous.handle_stripe_webhook(&good, &event).await
    );
    assert!(ack.received);

    let wire::GetSubscriptionSuccess::Ok(subscription) = expect_ok!(
        log,
        "subscription as admin",
        c.admin.get_subscription().await
    );
    assert_eq!(subscription.plan, wire::Plan::Team);
    assert_eq!(subscription.status, Some(wire::SubscriptionStatus::Active));
    assert_eq!(subscription.cancel_at_period_end, Some(false));
    assert_eq!(subscription.workspace_count, Some(1));
    assert_eq!(subscription.seats_included, Some(10));
    // Three seeded members, one invitation left after the members steps.
    assert_eq!(subscription.seats_used, Some(4));
    assert!(subscription.current_period_end.is_some());

    expect_error!(
        log,
        "checkout the plan subscribed to",
        c.owner.create_checkout_session(&team).await,
        CreateCheckoutSessionError::Conflict
    );
    let wire::CreatePortalSessionSuccess::Ok(portal) = expect_ok!(
        log,
        "portal as owner",
        c.owner.create_portal_session().await
    );
    assert!(portal
        .url
        .starts_with("https://billing.stripe.test/p/session/test_sandbox_"));
    expect_error!(
        log,
        "other organization's subscription",
        c.other.get_subscription().await,
        GetSubscriptionError::NotFound
    );
}

async fn operations(log: &mut Transcript, c: &Clients) {
    let wire::GetHealthSuccess::Ok(health) =
        expect_ok!(log, "health", c.anonymous.get_health().await);
    assert_eq!(health.status, "ok");
    let wire::GetMetricsSuccess::Ok(text) =
        expect_ok!(log, "metrics", c.anonymous.get_metrics().await);
    assert!(
        text.contains("# TYPE http_requests_total counter"),
        "{text}"
    );
}

/// Runs every step against a new sandbox, through `alias` when given.
async fn run(alias: Option<&str>) -> (Transcript, String) {
    let sandbox = common::start().await;
    let c = clients(&sandbox, alias);
    let mut log = Transcript::default();
    workspaces(&mut log, &c).await;
    members(&mut log, &c).await;
    billing(&mut log, &c).await;
    operations(&mut log, &c).await;
    let wire::GetMetricsSuccess::Ok(metrics) = c.anonymous.get_metrics().await.expect("metrics");
    sandbox.server.stop().await;
    (log, metrics)
}

#[tokio::test]
async fn every_operation_answers_the_same_under_the_prefix_and_the_alias() {
    let (versioned, versioned_metrics) = run(None).await;
    let (aliased, aliased_metrics) = run(Some("/api")).await;
    assert_eq!(versioned.0, aliased.0);
    assert!(versioned.0.len() > 60, "{} steps", versioned.0.len());

    // Each run went where it was told: the alias run never touched /api/v1.
    assert!(versioned_metrics.contains(r#"path="/api/v1/workspaces""#));
    assert!(!aliased_metrics.contains("/api/v1/"), "{aliased_metrics}");
    assert!(aliased_metrics.contains(r#"path="/api/workspaces""#));
    // The operational endpoints are unversioned: the same label in both.
    assert!(aliased_metrics.contains(r#"path="/api/health""#));
}

/// The `http_requests_total` sample for `method`, `path` and `status`.
fn sample(metrics: &str, method: &str, path: &str, status: u16) -> Option<u64> {
    let labels = format!(r#"{{method="{method}",path="{path}",status="{status}"}}"#);
    metrics
        .lines()
        .find_map(|line| {
            line.strip_prefix("http_requests_total")?
                .strip_prefix(&labels)
        })
        .and_then(|value| value.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_by_route_template_not_by_id() {
    let sandbox = common::start().await;
    let c = clients(&sandbox, None);
    let mut ids = Vec::new();
    for name in ["one", "two"] {
        let wire::CreateWorkspaceSuccess::Created(workspace) = c
            .owner
            .create_workspace(&named(name))
            .await
            .expect("created");
        ids.push(workspace.id);
    }
    for id in &ids {
        c.member.get_workspace(id).await.expect("read");
    }
    let _ = c.member.get_workspace("ws_000000000000").await;
    let wire::GetMetricsSuccess::Ok(text) = c.anonymous.get_metrics().await.expect("metrics");

    let template = "/api/v1/workspaces/{workspaceId}";
    assert_eq!(sample(&text, "GET", template, 200), Some(2), "{text}");
    assert_eq!(sample(&text, "GET", template, 404), Some(1), "{text}");
    assert_eq!(
        sample(&text, "POST", "/api/v1/workspaces", 201),
        Some(2),
        "{text}"
    );
    for id in &ids {
        assert!(!text.contains(id.as_str()), "an id became a label: {text}");
    }
    sandbox.server.stop().await;
}

#[tokio::test]
async fn timestamps_are_rfc3339_with_milliseconds() {
    let sandbox = common::start().await;
    let response = reqwest::Client::new()
        .post(sandbox.url("/api/v1/workspaces"))
        .bearer_auth(&sandbox.owner)
        .json(&serde_json::json!({"name": "clock"}))
        .send()
        .await
        .expect("an answer");
    let body: serde_json::Value = response.json().await.expect("json");
    for field in ["createdAt", "updatedAt"] {
        let text = body[field].as_str().expect("a string");
        let shape = text.len() == 24
            && text.ends_with('Z')
            && text.as_bytes().get(19) == Some(&b'.')
            && text.as_bytes().get(10) == Some(&b'T');
        assert!(shape, "{field}: {text}");
    }
    let health: serde_json::Value = reqwest::get(sandbox.url("/api/health"))
        .await
        .expect("an answer")
        .json()
        .await
        .expect("json");
    assert_eq!(
        health["timestamp"].as_str().map(str::len),
        Some(24),
        "{health}"
    );
    sandbox.server.stop().await;
}
