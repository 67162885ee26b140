//! The embedded store: one SQLite file that keeps the sandbox's data across
//! restarts.
//!
//! Every domain operation runs inside one transaction ([`Store::transaction`])
//! on the one connection, behind a mutex, so a check and the write that
//! depends on it (an invitation after looking for the same address) cannot
//! interleave with another request. The queries are small and local, so
//! holding a blocking mutex inside an async handler costs microseconds.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::error::{DomainError, DomainResult};
use crate::records::{
    from_millis, CheckoutSession, Member, MemberStatus, Plan, Principal, Provider, Role,
    Subscription, SubscriptionStatus, Workspace, WorkspaceStatus,
};

/// The schema, applied once to a new file. `user_version` records it.
const SCHEMA: &str = "
CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE TABLE members (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    email TEXT NOT NULL,
    name TEXT,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (organization_id, email)
);
CREATE TABLE api_keys (
    key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES members(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    system_prompt TEXT,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE subscriptions (
    organization_id TEXT PRIMARY KEY REFERENCES organizations(id),
    plan TEXT NOT NULL,
    status TEXT NOT NULL,
    current_period_end INTEGER,
    cancel_at_period_end INTEGER NOT NULL,
    stripe_customer_id TEXT NOT NULL,
    stripe_subscription_id TEXT NOT NULL UNIQUE
);
CREATE TABLE checkout_sessions (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    plan TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at INTEGER NOT NULL
);
";

const SCHEMA_VERSION: i64 = 1;

/// The store: one SQLite connection.
pub struct Store {
    connection: Mutex<Connection>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the store in the file at `path`.
    pub fn open(path: &Path) -> DomainResult<Store> {
        Store::prepare(Connection::open(path)?)
    }

    /// A store that lives in memory and vanishes with it, for tests.
    pub fn open_in_memory() -> DomainResult<Store> {
        Store::prepare(Connection::open_in_memory()?)
    }

    fn prepare(connection: Connection) -> DomainResult<Store> {
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        connection.pragma_update(None, "foreign_keys", true)?;
        let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
        match version {
            0 => {
                connection.execute_batch(SCHEMA)?;
                connection.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            }
            SCHEMA_VERSION => {}
            other => {
                return Err(DomainError::Internal(format!(
                    "the database has schema version {other}; this sandbox knows {SCHEMA_VERSION}"
                )))
            }
        }
        Ok(Store {
            connection: Mutex::new(connection),
        })
    }

    /// Runs `work` in one transaction: committed when it returns `Ok`,
    /// rolled back when it returns `Err`.
    pub fn transaction<T>(&self, work: impl FnOnce(&Tx<'_>) -> DomainResult<T>) -> DomainResult<T> {
        // A panic while holding the lock cannot leave a half-written
        // transaction behind (SQLite rolls it back), so a poisoned lock is
        // safe to take over.
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let tx = Tx {
            inner: connection.transaction()?,
        };
        let value = work(&tx)?;
        tx.inner.commit()?;
        Ok(value)
    }
}

/// An open transaction, with the sandbox's queries.
pub struct Tx<'a> {
    inner: rusqlite::Transaction<'a>,
}

fn text_enum<T>(value: String, parse: fn(&str) -> Option<T>, column: usize) -> rusqlite::Result<T> {
    parse(&value).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            column,
            rusqlite::types::Type::Text,
            format!("unexpected value {value:?}").into(),
        )
    })
}

const WORKSPACE_COLUMNS: &str = "id, organization_id, name, provider, model, system_prompt, \
                                 status, created_at, updated_at";

fn workspace_row(row: &Row<'_>) -> rusqlite::Result<Workspace> {
    Ok(Workspace {
        id: row.get(0)?,
        organization_id: row.get(1)?,
        name: row.get(2)?,
        provider: text_enum(row.get(3)?, Provider::parse, 3)?,
        model: row.get(4)?,
        system_prompt: row.get(5)?,
        status: text_enum(row.get(6)?, WorkspaceStatus::parse, 6)?,
        created_at: from_millis(row.get(7)?),
        updated_at: from_millis(row.get(8)?),
    })
}

const MEMBER_COLUMNS: &str = "id, organization_id, email, name, role, status, created_at";

fn member_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: row.get(0)?,
        organization_id: row.get(1)?,
        email: row.get(2)?,
        name: row.get(3)?,
        role: text_enum(row.get(4)?, Role::parse, 4)?,
        status: text_enum(row.get(5)?, MemberStatus::parse, 5)?,
        created_at: from_millis(row.get(6)?),
    })
}

const SUBSCRIPTION_COLUMNS: &str = "organization_id, plan, status, current_period_end, \
    cancel_at_period_end, stripe_customer_id, stripe_subscription_id";

fn subscription_row(row: &Row<'_>) -> rusqlite::Result<Subscription> {
    Ok(Subscription {
        organization_id: row.get(0)?,
        plan: text_enum(row.get(1)?, Plan::parse, 1)?,
        status: text_enum(row.get(2)?, SubscriptionStatus::parse, 2)?,
        current_period_end: row.get::<_, Option<i64>>(3)?.map(from_millis),
        cancel_at_period_end: row.get(4)?,
        stripe_customer_id: row.get(5)?,
        stripe_subscription_id: row.get(6)?,
    })
}

impl Tx<'_> {
    /// Whether the store answers at all.
    pub fn ping(&self) -> DomainResult<()> {
        self.inner.query_row("SELECT 1", [], |_| Ok(()))?;
        Ok(())
    }

    /// How many organizations exist; zero means a new store.
    pub fn organization_count(&self) -> DomainResult<i64> {
        Ok(self
            .inner
            .query_row("SELECT COUNT(*) FROM organizations", [], |row| row.get(0))?)
    }

    /// Adds an organization.
    pub fn insert_organization(&self, id: &str, name: &str) -> DomainResult<()> {
        self.inner.execute(
            "INSERT INTO organizations (id, name) VALUES (?1, ?2)",
            params![id, name],
        )?;
        Ok(())
    }

    /// Adds an API key for a member; `label` says who it is for at startup.
    pub fn insert_api_key(&self, key: &str, user_id: &str, label: &str) -> DomainResult<()> {
        self.inner.execute(
            "INSERT INTO api_keys (key, user_id, label) VALUES (?1, ?2, ?3)",
            params![key, user_id, label],
        )?;
        Ok(())
    }

    /// Every key that is not revoked, with its label, oldest first.
    pub fn api_keys(&self) -> DomainResult<Vec<(String, String)>> {
        let mut statement = self
            .inner
            .prepare("SELECT label, key FROM api_keys WHERE revoked = 0 ORDER BY rowid")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The active member behind a key that is not revoked.
    pub fn principal_for_key(&self, key: &str) -> DomainResult<Option<Principal>> {
        Ok(self
            .inner
            .query_row(
                "SELECT m.id, m.organization_id, m.role FROM api_keys k \
                 JOIN members m ON m.id = k.user_id \
                 WHERE k.key = ?1 AND k.revoked = 0 AND m.status = 'active'",
                params![key],
                |row| {
                    Ok(Principal {
                        user_id: row.get(0)?,
                        organization_id: row.get(1)?,
                        role: text_enum(row.get(2)?, Role::parse, 2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Adds a workspace.
    pub fn insert_workspace(&self, workspace: &Workspace) -> DomainResult<()> {
        self.inner.execute(
            &format!(
                "INSERT INTO workspaces ({WORKSPACE_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            ),
            params![
                workspace.id,
                workspace.organization_id,
                workspace.name,
                workspace.provider.as_str(),
                workspace.model,
                workspace.system_prompt,
                workspace.status.as_str(),
                workspace.created_at.timestamp_millis(),
                workspace.updated_at.timestamp_millis(),
            ],
        )?;
        Ok(())
    }

    /// Writes every field of an existing workspace.
    pub fn update_workspace(&self, workspace: &Workspace) -> DomainResult<()> {
        self.inner.execute(
            "UPDATE workspaces SET name = ?3, provider = ?4, model = ?5, system_prompt = ?6, \
             status = ?7, updated_at = ?8 WHERE id = ?1 AND organization_id = ?2",
            params![
                workspace.id,
                workspace.organization_id,
                workspace.name,
                workspace.provider.as_str(),
                workspace.model,
                workspace.system_prompt,
                workspace.status.as_str(),
                workspace.updated_at.timestamp_millis(),
            ],
        )?;
        Ok(())
    }

    /// The organization's workspaces, oldest first.
    pub fn list_workspaces(&self, organization_id: &str) -> DomainResult<Vec<Workspace>> {
        let mut statement = self.inner.prepare(&format!(
            "SELECT {WORKSPACE_COLUMNS} FROM workspaces WHERE organization_id = ?1 \
             ORDER BY created_at, rowid"
        ))?;
        let rows = statement.query_map(params![organization_id], workspace_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One of the organization's workspaces; another organization's is `None`.
    pub fn workspace(&self, organization_id: &str, id: &str) -> DomainResult<Option<Workspace>> {
        Ok(self
            .inner
            .query_row(
                &format!(
                    "SELECT {WORKSPACE_COLUMNS} FROM workspaces \
                     WHERE organization_id = ?1 AND id = ?2"
                ),
                params![organization_id, id],
                workspace_row,
            )
            .optional()?)
    }

    /// Deletes a workspace; `false` when the organization has none by that id.
    pub fn delete_workspace(&self, organization_id: &str, id: &str) -> DomainResult<bool> {
        let deleted = self.inner.execute(
            "DELETE FROM workspaces WHERE organization_id = ?1 AND id = ?2",
            params![organization_id, id],
        )?;
        Ok(deleted > 0)
    }

    /// How many workspaces the organization has.
    pub fn workspace_count(&self, organization_id: &str) -> DomainResult<i64> {
        Ok(self.inner.query_row(
            "SELECT COUNT(*) FROM workspaces WHERE organization_id = ?1",
            params![organization_id],
            |row| row.get(0),
        )?)
    }

    /// Adds a member.
    pub fn insert_member(&self, member: &Member) -> DomainResult<()> {
        self.inner.execute(
            &format!("INSERT INTO members ({MEMBER_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
            params![
                member.id,
                member.organization_id,
                member.email,
                member.name,
                member.role.as_str(),
                member.status.as_str(),
                member.created_at.timestamp_millis(),
            ],
        )?;
        Ok(())
    }

    /// The organization's members, oldest first.
    pub fn list_members(&self, organization_id: &str) -> DomainResult<Vec<Member>> {
        let mut statement = self.inner.prepare(&format!(
            "SELECT {MEMBER_COLUMNS} FROM members WHERE organization_id = ?1 \
             ORDER BY created_at, rowid"
        ))?;
        let rows = statement.query_map(params![organization_id], member_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One of the organization's members.
    pub fn member(&self, organization_id: &str, id: &str) -> DomainResult<Option<Member>> {
        Ok(self
            .inner
            .query_row(
                &format!(
                    "SELECT {MEMBER_COLUMNS} FROM members WHERE organization_id = ?1 AND id = ?2"
                ),
                params![organization_id, id],
                member_row,
            )
            .optional()?)
    }

    /// The organization's member with this address, compared without case.
    pub fn member_by_email(
        &self,
        organization_id: &str,
        email: &str,
    ) -> DomainResult<Option<Member>> {
        Ok(self
            .inner
            .query_row(
                &format!(
                    "SELECT {MEMBER_COLUMNS} FROM members \
                     WHERE organization_id = ?1 AND lower(email) = lower(?2)"
                ),
                params![organization_id, email],
                member_row,
            )
            .optional()?)
    }

    /// Changes a member's role.
    pub fn set_member_role(&self, organization_id: &str, id: &str, role: Role) -> DomainResult<()> {
        self.inner.execute(
            "UPDATE members SET role = ?3 WHERE organization_id = ?1 AND id = ?2",
            params![organization_id, id, role.as_str()],
        )?;
        Ok(())
    }

    /// Removes a member and, with it, their API keys.
    pub fn delete_member(&self, organization_id: &str, id: &str) -> DomainResult<bool> {
        let deleted = self.inner.execute(
            "DELETE FROM members WHERE organization_id = ?1 AND id = ?2",
            params![organization_id, id],
        )?;
        Ok(deleted > 0)
    }

    /// How many members (active or invited) hold a seat.
    pub fn member_count(&self, organization_id: &str) -> DomainResult<i64> {
        Ok(self.inner.query_row(
            "SELECT COUNT(*) FROM members WHERE organization_id = ?1",
            params![organization_id],
            |row| row.get(0),
        )?)
    }

    /// The organization's subscription.
    pub fn subscription(&self, organization_id: &str) -> DomainResult<Option<Subscription>> {
        Ok(self
            .inner
            .query_row(
                &format!(
                    "SELECT {SUBSCRIPTION_COLUMNS} FROM subscriptions WHERE organization_id = ?1"
                ),
                params![organization_id],
                subscription_row,
            )
            .optional()?)
    }

    /// The subscription with this fake Stripe id.
    pub fn subscription_by_stripe_id(&self, id: &str) -> DomainResult<Option<Subscription>> {
        Ok(self
            .inner
            .query_row(
                &format!(
                    "SELECT {SUBSCRIPTION_COLUMNS} FROM subscriptions \
                     WHERE stripe_subscription_id = ?1"
                ),
                params![id],
                subscription_row,
            )
            .optional()?)
    }

    /// Writes the organization's subscription, replacing any earlier one.
    pub fn put_subscription(&self, subscription: &Subscription) -> DomainResult<()> {
        self.inner.execute(
            &format!(
                "INSERT OR REPLACE INTO subscriptions ({SUBSCRIPTION_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            ),
            params![
                subscription.organization_id,
                subscription.plan.as_str(),
                subscription.status.as_str(),
                subscription
                    .current_period_end
                    .map(|at| at.timestamp_millis()),
                subscription.cancel_at_period_end,
                subscription.stripe_customer_id,
                subscription.stripe_subscription_id,
            ],
        )?;
        Ok(())
    }

    /// Records a started checkout.
    pub fn insert_checkout_session(&self, session: &CheckoutSession) -> DomainResult<()> {
        self.inner.execute(
            "INSERT INTO checkout_sessions (id, organization_id, plan, url, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                session.id,
                session.organization_id,
                session.plan.as_str(),
                session.url,
                session.created_at.timestamp_millis(),
            ],
        )?;
        Ok(())
    }

    /// A started checkout.
    pub fn checkout_session(&self, id: &str) -> DomainResult<Option<CheckoutSession>> {
        Ok(self
            .inner
            .query_row(
                "SELECT id, organization_id, plan, url, created_at FROM checkout_sessions \
                 WHERE id = ?1",
                params![id],
                |row| {
                    Ok(CheckoutSession {
                        id: row.get(0)?,
                        organization_id: row.get(1)?,
                        plan: text_enum(row.get(2)?, Plan::parse, 2)?,
                        url: row.get(3)?,
                        created_at: from_millis(row.get(4)?),
                    })
                },
            )
            .optional()?)
    }

    /// Records a webhook event id; `false` when it was seen before, so that
    /// Stripe's retries are acknowledged without being applied twice.
    pub fn record_webhook_event(&self, id: &str, kind: &str, at_millis: i64) -> DomainResult<bool> {
        let inserted = self.inner.execute(
            "INSERT OR IGNORE INTO webhook_events (id, type, received_at) VALUES (?1, ?2, ?3)",
            params![id, kind, at_millis],
        )?;
        Ok(inserted > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::records::now_millis;

    fn workspace(organization_id: &str, id: &str) -> Workspace {
        let now = now_millis();
        Workspace {
            id: id.to_owned(),
            organization_id: organization_id.to_owned(),
            name: "Research".to_owned(),
            provider: Provider::Anthropic,
            model: "claude-sonnet-4-20250514".to_owned(),
            system_prompt: Some("Be brief.".to_owned()),
            status: WorkspaceStatus::Stopped,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn a_workspace_reads_back_as_written() {
        let store = Store::open_in_memory().unwrap();
        store
            .transaction(|tx| {
                tx.insert_organization("org_a", "A")?;
                tx.insert_workspace(&workspace("org_a", "ws_aaaaaaaaaaaa"))
            })
            .unwrap();
        let read = store
            .transaction(|tx| tx.workspace("org_a", "ws_aaaaaaaaaaaa"))
            .unwrap();
        assert_eq!(
            read,
            Some(workspace_with_times(&read, "org_a", "ws_aaaaaaaaaaaa"))
        );
        let foreign = store
            .transaction(|tx| tx.workspace("org_b", "ws_aaaaaaaaaaaa"))
            .unwrap();
        assert_eq!(foreign, None);
    }

    fn workspace_with_times(
        read: &Option<Workspace>,
        organization_id: &str,
        id: &str,
    ) -> Workspace {
        let mut expected = workspace(organization_id, id);
        if let Some(read) = read {
            expected.created_at = read.created_at;
            expected.updated_at = read.updated_at;
        }
        expected
    }

    #[test]
    fn a_failed_transaction_leaves_nothing_behind() {
        let store = Store::open_in_memory().unwrap();
        let result: DomainResult<()> = store.transaction(|tx| {
            tx.insert_organization("org_a", "A")?;
            Err(DomainError::Conflict("stop".to_owned()))
        });
        assert!(result.is_err());
        assert_eq!(store.transaction(|tx| tx.organization_count()).unwrap(), 0);
    }

    #[test]
    fn data_survives_reopening_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sandbox.db");
        {
            let store = Store::open(&path).unwrap();
            store
                .transaction(|tx| {
                    tx.insert_organization("org_a", "A")?;
                    tx.insert_workspace(&workspace("org_a", "ws_bbbbbbbbbbbb"))
                })
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let listed = store.transaction(|tx| tx.list_workspaces("org_a")).unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].id, "ws_bbbbbbbbbbbb");
    }

    #[test]
    fn webhook_events_are_recorded_once() {
        let store = Store::open_in_memory().unwrap();
        assert!(store
            .transaction(|tx| tx.record_webhook_event("evt_1", "x", 0))
            .unwrap());
        assert!(!store
            .transaction(|tx| tx.record_webhook_event("evt_1", "x", 0))
            .unwrap());
    }

    #[test]
    fn removing_a_member_revokes_their_keys() {
        let store = Store::open_in_memory().unwrap();
        store
            .transaction(|tx| {
                tx.insert_organization("org_a", "A")?;
                tx.insert_member(&Member {
                    id: "user_a".to_owned(),
                    organization_id: "org_a".to_owned(),
                    email: "a@example.test".to_owned(),
                    name: None,
                    role: Role::Admin,
                    status: MemberStatus::Active,
                    created_at: now_millis(),
                })?;
                tx.insert_api_key("rt_sk_a", "user_a", "admin")
            })
            .unwrap();
        assert!(store
            .transaction(|tx| tx.principal_for_key("rt_sk_a"))
            .unwrap()
            .is_some());
        assert!(store
            .transaction(|tx| tx.delete_member("org_a", "user_a"))
            .unwrap());
        assert!(store
            .transaction(|tx| tx.principal_for_key("rt_sk_a"))
            .unwrap()
            .is_none());
    }
}
