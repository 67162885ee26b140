//! Starting and stopping the sandbox's HTTP server, as a library function so
//! that tests run it in-process on a free port.

use std::net::SocketAddr;
use std::path::PathBuf;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::domain::{Sandbox, SeededKey};
use crate::store::Store;

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// The address to bind; port 0 picks a free one.
    pub listen: SocketAddr,
    /// The SQLite file, created if missing.
    pub db: PathBuf,
    /// The secret `Stripe-Signature` headers are checked with.
    pub webhook_secret: String,
}

/// Why the sandbox did not start.
#[derive(Debug)]
pub enum StartError {
    /// The database could not be opened, migrated or seeded.
    Store(crate::DomainError),
    /// The address could not be bound.
    Bind(std::io::Error),
}

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StartError::Store(error) => write!(f, "the database failed: {}", error.message()),
            StartError::Bind(error) => write!(f, "the address could not be bound: {error}"),
        }
    }
}

impl std::error::Error for StartError {}

/// A running sandbox. Dropping it leaves the server running until the
/// runtime ends; [`Server::stop`] stops it and waits.
#[derive(Debug)]
pub struct Server {
    keys: Vec<SeededKey>,
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Server {
    /// The seeded development keys, owner first.
    pub fn keys(&self) -> &[SeededKey] {
        &self.keys
    }

    /// Stops accepting requests, lets open ones finish, and waits until the
    /// server (and with it the database connection) is gone.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may have ended already; then there is no one to tell.
            let _ = shutdown.send(());
        }
        match self.task.await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::warn!(%error, "the server ended with an error"),
            Err(error) => tracing::warn!(%error, "the server task failed"),
        }
    }

    /// Waits until the server ends by itself (it does not, unless stopped
    /// or the listener fails).
    pub async fn wait(self) -> std::io::Result<()> {
        match self.task.await {
            Ok(result) => result,
            Err(error) => Err(std::io::Error::other(error)),
        }
    }
}

/// Opens the store, seeds it if new, binds `config.listen` and serves in a
/// background task. Returns the bound address (the real port when asked for
/// port 0) and the handle.
pub async fn serve(config: ServeConfig) -> Result<(SocketAddr, Server), StartError> {
    let store = Store::open(&config.db).map_err(StartError::Store)?;
    let sandbox = Sandbox::new(store, config.webhook_secret).map_err(StartError::Store)?;
    let keys = sandbox.seeded_keys().map_err(StartError::Store)?;
    let router = crate::api::router(sandbox);
    let listener = TcpListener::bind(config.listen)
        .await
        .map_err(StartError::Bind)?;
    let addr = listener.local_addr().map_err(StartError::Bind)?;
    let (shutdown, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                // A dropped sender means nobody can stop the server any
                // more; keep serving rather than stopping by accident.
                if stopped.await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
    });
    Ok((
        addr,
        Server {
            keys,
            shutdown: Some(shutdown),
            task,
        },
    ))
}
