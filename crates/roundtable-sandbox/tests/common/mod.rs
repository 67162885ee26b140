//! Starting a sandbox for a test: a temporary database, a free port, the
//! seeded keys at hand.

#![allow(dead_code)] // Each test file uses a different part of this module.

use std::net::SocketAddr;
use std::path::Path;

use roundtable_sandbox::domain::OTHER_OWNER_LABEL;
use roundtable_sandbox::server::{serve, ServeConfig, Server};

/// The webhook secret every test sandbox uses.
pub const SECRET: &str = "whsec_tests";

/// A running sandbox.
pub struct Sandbox {
    pub addr: SocketAddr,
    /// `http://127.0.0.1:port`, no trailing slash.
    pub base: String,
    pub owner: String,
    pub admin: String,
    pub member: String,
    /// The owner of the second organization.
    pub other: String,
    pub server: Server,
    /// Keeps the database's directory alive as long as the sandbox.
    pub dir: Option<tempfile::TempDir>,
}

/// A sandbox on a new database in a temporary directory.
pub async fn start() -> Sandbox {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut sandbox = start_at(&dir.path().join("sandbox.db")).await;
    sandbox.dir = Some(dir);
    sandbox
}

/// A sandbox on the database file at `db`.
pub async fn start_at(db: &Path) -> Sandbox {
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        db: db.to_owned(),
        webhook_secret: SECRET.to_owned(),
    };
    let (addr, server) = serve(config).await.expect("the sandbox starts");
    let key = |label: &str| {
        server
            .keys()
            .iter()
            .find(|key| key.label == label)
            .map(|key| key.key.clone())
            .expect("a seeded key")
    };
    Sandbox {
        addr,
        base: format!("http://{addr}"),
        owner: key("owner"),
        admin: key("admin"),
        member: key("member"),
        other: key(OTHER_OWNER_LABEL),
        server,
        dir: None,
    }
}

impl Sandbox {
    /// `base` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}
