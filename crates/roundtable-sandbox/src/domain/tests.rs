//! The domain rules, one behaviour per test.

use super::*;
use crate::webhook::sign;

const SECRET: &str = "whsec_unit";

struct Fixture {
    sandbox: Sandbox,
    owner: Principal,
    admin: Principal,
    member: Principal,
    other: Principal,
}

fn fixture() -> Fixture {
    let sandbox = Sandbox::new(Store::open_in_memory().unwrap(), SECRET).unwrap();
    let keys = sandbox.seeded_keys().unwrap();
    let principal = |label: &str| {
        let key = keys.iter().find(|key| key.label == label).unwrap();
        sandbox.authenticate(&key.key).unwrap()
    };
    Fixture {
        owner: principal("owner"),
        admin: principal("admin"),
        member: principal("member"),
        other: principal(OTHER_OWNER_LABEL),
        sandbox,
    }
}

fn named(name: &str) -> NewWorkspace {
    NewWorkspace {
        name: name.to_owned(),
        ..NewWorkspace::default()
    }
}

fn now() -> i64 {
    Utc::now().timestamp()
}

fn status(result: DomainResult<impl std::fmt::Debug>) -> u16 {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(error) => error.status(),
    }
}

#[test]
fn seeding_gives_four_keys_with_the_right_roles() {
    let f = fixture();
    let labels: Vec<_> = f
        .sandbox
        .seeded_keys()
        .unwrap()
        .into_iter()
        .map(|k| k.label)
        .collect();
    assert_eq!(labels, ["owner", "admin", "member", OTHER_OWNER_LABEL]);
    assert_eq!(f.owner.role, Role::Owner);
    assert_eq!(f.admin.role, Role::Admin);
    assert_eq!(f.member.role, Role::Member);
    assert_eq!(f.owner.organization_id, f.member.organization_id);
    assert_ne!(f.owner.organization_id, f.other.organization_id);
}

#[test]
fn bad_tokens_are_unauthorized() {
    let f = fixture();
    for token in [
        "",
        "  ",
        "rt_sk_unknown",
        "eyJhbGciOiJSUzI1NiJ9.e30.sig",
        "Bearer rt_sk_x",
    ] {
        assert_eq!(status(f.sandbox.authenticate(token)), 401, "{token:?}");
    }
}

#[test]
fn a_new_workspace_is_stopped_with_defaults() {
    let f = fixture();
    let workspace = f
        .sandbox
        .create_workspace(&f.admin, named("  Research  "))
        .unwrap();
    assert!(ids::is_workspace_id(&workspace.id));
    assert_eq!(workspace.name, "Research");
    assert_eq!(workspace.provider, Provider::VertexAi);
    assert_eq!(workspace.model, "gemini-2.5-pro");
    assert_eq!(workspace.status, WorkspaceStatus::Stopped);
    assert_eq!(workspace.created_at, workspace.updated_at);
    assert_eq!(workspace.system_prompt, None);
}

#[test]
fn the_default_model_follows_the_provider() {
    let f = fixture();
    for provider in Provider::ALL {
        let workspace = f
            .sandbox
            .create_workspace(
                &f.owner,
                NewWorkspace {
                    provider: Some(*provider),
                    ..named("w")
                },
            )
            .unwrap();
        assert_eq!(workspace.model, provider.default_model());
    }
    let chosen = f
        .sandbox
        .create_workspace(
            &f.owner,
            NewWorkspace {
                provider: Some(Provider::Openai),
                model: Some("gpt-4.1".to_owned()),
                system_prompt: Some("Be brief.".to_owned()),
                ..named("w")
            },
        )
        .unwrap();
    assert_eq!(chosen.model, "gpt-4.1");
    assert_eq!(chosen.system_prompt.as_deref(), Some("Be brief."));
}

#[test]
fn members_cannot_create_workspaces() {
    let f = fixture();
    assert_eq!(
        status(f.sandbox.create_workspace(&f.member, named("w"))),
        403
    );
}

#[test]
fn bad_names_are_rejected_with_details() {
    let f = fixture();
    for name in ["", "   ", &"x".repeat(NAME_MAX_CHARS + 1)] {
        let error = f
            .sandbox
            .create_workspace(&f.owner, named(name))
            .unwrap_err();
        assert_eq!(error.status(), 400);
        assert!(error.details().unwrap().get("name").is_some());
    }
    let longest = "é".repeat(NAME_MAX_CHARS);
    assert!(f
        .sandbox
        .create_workspace(&f.owner, named(&longest))
        .is_ok());
}

#[test]
fn every_role_lists_and_reads_its_own_organization_only() {
    let f = fixture();
    let mine = f.sandbox.create_workspace(&f.owner, named("mine")).unwrap();
    let theirs = f.sandbox.list_workspaces(&f.other).unwrap();
    assert_eq!(theirs.len(), 1);
    for who in [&f.owner, &f.admin, &f.member] {
        let listed = f.sandbox.list_workspaces(who).unwrap();
        assert_eq!(listed, vec![mine.clone()]);
        assert_eq!(f.sandbox.get_workspace(who, &mine.id).unwrap(), mine);
        assert_eq!(status(f.sandbox.get_workspace(who, &theirs[0].id)), 404);
    }
}

#[test]
fn unknown_and_odd_ids_are_not_found() {
    let f = fixture();
    for id in ["ws_000000000000", "../", "", "ws_ÄÖÜ", &"a".repeat(5000)] {
        assert_eq!(status(f.sandbox.get_workspace(&f.owner, id)), 404, "{id}");
        assert_eq!(status(f.sandbox.delete_workspace(&f.owner, id)), 404);
        let patch = WorkspacePatch {
            name: Some("x".to_owned()),
            ..WorkspacePatch::default()
        };
        assert_eq!(status(f.sandbox.update_workspace(&f.owner, id, patch)), 404);
    }
}

#[test]
fn starting_bumps_updated_at_and_repeating_conflicts() {
    let f = fixture();
    let created = f.sandbox.create_workspace(&f.owner, named("w")).unwrap();
    let start = WorkspacePatch {
        status: Some(WorkspaceStatus::Running),
        ..WorkspacePatch::default()
    };
    let started = f
        .sandbox
        .update_workspace(&f.admin, &created.id, start.clone())
        .unwrap();
    assert_eq!(started.status, WorkspaceStatus::Running);
    assert!(started.updated_at > created.updated_at);
    assert_eq!(started.created_at, created.created_at);
    assert_eq!(
        status(f.sandbox.update_workspace(&f.admin, &created.id, start)),
        409
    );
    let stored = f.sandbox.get_workspace(&f.member, &created.id).unwrap();
    assert_eq!(stored, started);
}

#[test]
fn a_patch_changes_only_what_it_names() {
    let f = fixture();
    let created = f
        .sandbox
        .create_workspace(
            &f.owner,
            NewWorkspace {
                system_prompt: Some("old".to_owned()),
                ..named("w")
            },
        )
        .unwrap();
    let patch = WorkspacePatch {
        provider: Some(Provider::Anthropic),
        ..WorkspacePatch::default()
    };
    let updated = f
        .sandbox
        .update_workspace(&f.owner, &created.id, patch)
        .unwrap();
    assert_eq!(updated.provider, Provider::Anthropic);
    // A provider change takes effect at the next start; the model stays.
    assert_eq!(updated.model, created.model);
    assert_eq!(updated.system_prompt.as_deref(), Some("old"));
    assert_eq!(updated.name, "w");
}

#[test]
fn empty_patches_and_members_are_refused() {
    let f = fixture();
    let created = f.sandbox.create_workspace(&f.owner, named("w")).unwrap();
    let error = f
        .sandbox
        .update_workspace(&f.owner, &created.id, WorkspacePatch::default())
        .unwrap_err();
    assert_eq!(error.status(), 400);
    assert!(error.details().is_some());
    let rename = WorkspacePatch {
        name: Some("n".to_owned()),
        ..WorkspacePatch::default()
    };
    assert_eq!(
        status(f.sandbox.update_workspace(&f.member, &created.id, rename)),
        403
    );
    let blank = WorkspacePatch {
        model: Some(" ".to_owned()),
        ..WorkspacePatch::default()
    };
    assert_eq!(
        status(f.sandbox.update_workspace(&f.owner, &created.id, blank)),
        400
    );
}

#[test]
fn deleting_needs_a_manager_and_an_existing_workspace() {
    let f = fixture();
    let created = f.sandbox.create_workspace(&f.owner, named("w")).unwrap();
    assert_eq!(
        status(f.sandbox.delete_workspace(&f.member, &created.id)),
        403
    );
    let foreign = &f.sandbox.list_workspaces(&f.other).unwrap()[0];
    assert_eq!(
        status(f.sandbox.delete_workspace(&f.owner, &foreign.id)),
        404
    );
    f.sandbox.delete_workspace(&f.admin, &created.id).unwrap();
    assert_eq!(
        status(f.sandbox.delete_workspace(&f.admin, &created.id)),
        404
    );
    assert_eq!(f.sandbox.list_workspaces(&f.other).unwrap().len(), 1);
}

#[test]
fn only_the_owner_manages_billing() {
    let f = fixture();
    for who in [&f.admin, &f.member] {
        assert_eq!(
            status(f.sandbox.create_checkout_session(who, Plan::Team)),
            403
        );
        assert_eq!(status(f.sandbox.create_portal_session(who)), 403);
    }
    assert_eq!(status(f.sandbox.get_subscription(&f.member)), 403);
    assert_eq!(status(f.sandbox.get_subscription(&f.admin)), 404);
    assert_eq!(status(f.sandbox.create_portal_session(&f.owner)), 404);
    assert_eq!(
        status(
            f.sandbox
                .create_checkout_session(&f.owner, Plan::Enterprise)
        ),
        400
    );
}

fn event(kind: &str, object: serde_json::Value) -> Vec<u8> {
    serde_json::to_vec(&serde_json::json!({
        "id": format!("evt_{}", ids::random_text(10)),
        "object": "event",
        "type": kind,
        "data": {"object": object},
    }))
    .unwrap()
}

fn deliver(f: &Fixture, body: &[u8]) -> DomainResult<()> {
    let header = sign(body, SECRET, now());
    f.sandbox.handle_webhook(Some(&header), body, now())
}

#[test]
fn checkout_then_webhook_subscribes_and_a_second_checkout_conflicts() {
    let f = fixture();
    let session = f
        .sandbox
        .create_checkout_session(&f.owner, Plan::Team)
        .unwrap();
    assert!(session.id.starts_with("cs_test_sandbox_"));
    assert_eq!(session.url, format!("{FAKE_CHECKOUT_BASE}{}", session.id));
    assert_eq!(status(f.sandbox.get_subscription(&f.owner)), 404);

    deliver(
        &f,
        &event(
            "checkout.session.completed",
            serde_json::json!({"id": session.id}),
        ),
    )
    .unwrap();
    f.sandbox.create_workspace(&f.owner, named("w")).unwrap();
    let summary = f.sandbox.get_subscription(&f.admin).unwrap();
    assert_eq!(summary.subscription.plan, Plan::Team);
    assert_eq!(summary.subscription.status, SubscriptionStatus::Active);
    assert_eq!(summary.workspace_count, 1);
    assert_eq!(summary.seats_used, 3);
    assert_eq!(summary.seats_included, 10);

    assert_eq!(
        status(f.sandbox.create_checkout_session(&f.owner, Plan::Team)),
        409
    );
    assert!(f
        .sandbox
        .create_checkout_session(&f.owner, Plan::Business)
        .is_ok());
    let portal = f.sandbox.create_portal_session(&f.owner).unwrap();
    assert!(portal.starts_with(FAKE_PORTAL_BASE));
    // The other organization is untouched.
    assert_eq!(status(f.sandbox.get_subscription(&f.other)), 404);
}

#[test]
fn subscription_events_update_and_cancel() {
    let f = fixture();
    let session = f
        .sandbox
        .create_checkout_session(&f.owner, Plan::Business)
        .unwrap();
    let completed = serde_json::json!({"id": session.id, "subscription": "sub_given"});
    deliver(&f, &event("checkout.session.completed", completed)).unwrap();
    let updated = serde_json::json!({
        "id": "sub_given", "status": "past_due", "cancel_at_period_end": true,
        "current_period_end": 1_790_000_000,
    });
    deliver(&f, &event("customer.subscription.updated", updated)).unwrap();
    let summary = f.sandbox.get_subscription(&f.owner).unwrap().subscription;
    assert_eq!(summary.status, SubscriptionStatus::PastDue);
    assert!(summary.cancel_at_period_end);
    assert_eq!(
        summary.current_period_end.unwrap().timestamp(),
        1_790_000_000
    );

    deliver(
        &f,
        &event(
            "customer.subscription.deleted",
            serde_json::json!({"id": "sub_given"}),
        ),
    )
    .unwrap();
    let summary = f.sandbox.get_subscription(&f.owner).unwrap().subscription;
    assert_eq!(summary.status, SubscriptionStatus::Canceled);
    // A canceled plan can be bought again.
    assert!(f
        .sandbox
        .create_checkout_session(&f.owner, Plan::Business)
        .is_ok());
}

#[test]
fn unknown_events_and_unknown_objects_are_acknowledged() {
    let f = fixture();
    deliver(
        &f,
        &event("invoice.paid", serde_json::json!({"id": "in_1"})),
    )
    .unwrap();
    deliver(
        &f,
        &event(
            "checkout.session.completed",
            serde_json::json!({"id": "cs_x"}),
        ),
    )
    .unwrap();
    deliver(
        &f,
        &event("checkout.session.completed", serde_json::json!(null)),
    )
    .unwrap();
    assert_eq!(status(f.sandbox.get_subscription(&f.owner)), 404);
}

#[test]
fn webhook_signature_and_body_problems_are_bad_requests() {
    let f = fixture();
    let body = event("invoice.paid", serde_json::json!({}));
    let stale = sign(&body, SECRET, now() - 301);
    let wrong = sign(&body, "whsec_wrong", now());
    for header in [
        None,
        Some("t=1"),
        Some(stale.as_str()),
        Some(wrong.as_str()),
    ] {
        assert_eq!(
            status(f.sandbox.handle_webhook(header, &body, now())),
            400,
            "{header:?}"
        );
    }
    for body in [&b"not json"[..], b"{}", b"[]", br#"{"id": 1, "type": "x"}"#] {
        assert_eq!(status(deliver(&f, body)), 400);
    }
}

#[test]
fn a_replayed_event_is_applied_once() {
    let f = fixture();
    let session = f
        .sandbox
        .create_checkout_session(&f.owner, Plan::Team)
        .unwrap();
    let body = event(
        "checkout.session.completed",
        serde_json::json!({"id": session.id}),
    );
    deliver(&f, &body).unwrap();
    let first = f.sandbox.get_subscription(&f.owner).unwrap();
    deliver(&f, &body).unwrap();
    assert_eq!(f.sandbox.get_subscription(&f.owner).unwrap(), first);
}

fn emails(list: &[&str]) -> Vec<String> {
    list.iter().map(|email| (*email).to_owned()).collect()
}

#[test]
fn invitations_create_invited_members_and_clash_on_repeats() {
    let f = fixture();
    let invited = f
        .sandbox
        .invite_members(
            &f.admin,
            &emails(&["grace@example.com", "alan@example.com"]),
            Role::Member,
        )
        .unwrap();
    assert_eq!(invited.len(), 2);
    assert!(invited
        .iter()
        .all(|m| m.status == MemberStatus::Invited && m.role == Role::Member));
    assert!(invited
        .iter()
        .all(|m| m.id.starts_with("user_") && m.name.is_none()));
    assert_eq!(f.sandbox.list_members(&f.member).unwrap().len(), 5);

    let again = emails(&["new@example.com", "GRACE@example.com"]);
    assert_eq!(
        status(f.sandbox.invite_members(&f.owner, &again, Role::Admin)),
        409
    );
    // The clash keeps the whole request out, not just the clashing address.
    assert_eq!(f.sandbox.list_members(&f.owner).unwrap().len(), 5);
    let member_address = emails(&["member@sandbox.test"]);
    assert_eq!(
        status(
            f.sandbox
                .invite_members(&f.owner, &member_address, Role::Admin)
        ),
        409
    );
    // Another organization may invite the same address.
    assert!(f
        .sandbox
        .invite_members(&f.other, &emails(&["grace@example.com"]), Role::Admin)
        .is_ok());
}

#[test]
fn invitations_validate_their_input() {
    let f = fixture();
    let one = emails(&["x@example.com"]);
    assert_eq!(
        status(f.sandbox.invite_members(&f.member, &one, Role::Member)),
        403
    );
    assert_eq!(
        status(f.sandbox.invite_members(&f.owner, &one, Role::Owner)),
        400
    );
    assert_eq!(
        status(f.sandbox.invite_members(&f.owner, &[], Role::Member)),
        400
    );
    let error = f
        .sandbox
        .invite_members(
            &f.owner,
            &emails(&["ok@example.com", "nope", "OK@example.com"]),
            Role::Member,
        )
        .unwrap_err();
    let details = error.details().unwrap();
    assert_eq!(details["emails[1]"], "must be an email address");
    assert_eq!(details["emails[2]"], "is listed twice");
    for bad in [
        "a@b",
        "@example.com",
        "a b@example.com",
        "a@@example.com",
        "a@example.",
    ] {
        assert!(!looks_like_email(bad), "{bad}");
    }
}

fn member_id(f: &Fixture, role: Role) -> String {
    let members = f.sandbox.list_members(&f.owner).unwrap();
    members.into_iter().find(|m| m.role == role).unwrap().id
}

#[test]
fn role_changes_follow_the_dashboard_rules() {
    let f = fixture();
    let owner = member_id(&f, Role::Owner);
    let admin = member_id(&f, Role::Admin);
    let member = member_id(&f, Role::Member);

    assert_eq!(
        status(f.sandbox.update_member(&f.member, &admin, Role::Member)),
        403
    );
    assert_eq!(
        status(f.sandbox.update_member(&f.admin, &admin, Role::Member)),
        403
    );
    assert_eq!(
        status(f.sandbox.update_member(&f.owner, &owner, Role::Admin)),
        403
    );
    assert_eq!(
        status(f.sandbox.update_member(&f.admin, &owner, Role::Member)),
        403
    );
    assert_eq!(
        status(f.sandbox.update_member(&f.owner, &member, Role::Owner)),
        400
    );
    assert_eq!(
        status(
            f.sandbox
                .update_member(&f.owner, "user_nobody", Role::Admin)
        ),
        404
    );
    let foreign = f.sandbox.list_members(&f.other).unwrap()[0].id.clone();
    assert_eq!(
        status(f.sandbox.update_member(&f.owner, &foreign, Role::Admin)),
        404
    );

    let promoted = f
        .sandbox
        .update_member(&f.admin, &member, Role::Admin)
        .unwrap();
    assert_eq!(promoted.role, Role::Admin);
    let roles: Vec<_> = f
        .sandbox
        .list_members(&f.owner)
        .unwrap()
        .iter()
        .map(|m| m.role)
        .collect();
    assert_eq!(roles.iter().filter(|role| **role == Role::Owner).count(), 1);
}

#[test]
fn removals_follow_the_dashboard_rules_and_revoke_keys() {
    let f = fixture();
    let owner = member_id(&f, Role::Owner);
    let admin = member_id(&f, Role::Admin);
    let member = member_id(&f, Role::Member);

    assert_eq!(status(f.sandbox.remove_member(&f.member, &admin)), 403);
    assert_eq!(status(f.sandbox.remove_member(&f.admin, &owner)), 403);
    assert_eq!(status(f.sandbox.remove_member(&f.owner, &owner)), 403);
    assert_eq!(status(f.sandbox.remove_member(&f.admin, &admin)), 403);
    assert_eq!(
        status(f.sandbox.remove_member(&f.owner, "user_nobody")),
        404
    );

    let member_key = f.sandbox.seeded_keys().unwrap()[2].key.clone();
    f.sandbox.remove_member(&f.admin, &member).unwrap();
    assert_eq!(status(f.sandbox.authenticate(&member_key)), 401);
    assert_eq!(status(f.sandbox.remove_member(&f.admin, &member)), 404);

    let invited = f
        .sandbox
        .invite_members(&f.owner, &emails(&["x@example.com"]), Role::Member)
        .unwrap();
    f.sandbox.remove_member(&f.owner, &invited[0].id).unwrap();
}

#[test]
fn restarting_on_the_same_file_keeps_data_and_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sandbox.db");
    let (keys, id) = {
        let sandbox = Sandbox::new(Store::open(&path).unwrap(), SECRET).unwrap();
        let keys = sandbox.seeded_keys().unwrap();
        let owner = sandbox.authenticate(&keys[0].key).unwrap();
        let created = sandbox.create_workspace(&owner, named("kept")).unwrap();
        (keys, created.id)
    };
    let sandbox = Sandbox::new(Store::open(&path).unwrap(), SECRET).unwrap();
    assert_eq!(sandbox.seeded_keys().unwrap(), keys);
    let owner = sandbox.authenticate(&keys[0].key).unwrap();
    assert_eq!(sandbox.get_workspace(&owner, &id).unwrap().name, "kept");
    assert!(sandbox.healthy());
}
