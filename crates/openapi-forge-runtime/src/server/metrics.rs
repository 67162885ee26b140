//! Request counting in the Prometheus text format.

use prometheus::{Encoder, IntCounterVec, Opts, Registry, TextEncoder};

/// The router's metrics: `http_requests_total{method, path, status}`, where
/// `path` is the route template (`/api/v1/workspaces/{workspaceId}`), never
/// the raw URL, so ids do not make new series; requests that match no route
/// count under `unmatched`.
///
/// Cloning shares the registry: keep a clone to render it (for the spec's
/// metrics operation) or to register further collectors.
#[derive(Clone, Debug)]
pub struct Metrics {
    registry: Registry,
    /// `None` only if the counter could not be created, which its fixed
    /// name and labels rule out; requests then go uncounted.
    requests: Option<IntCounterVec>,
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new()
    }
}

impl Metrics {
    /// The label of requests that matched no route.
    pub const UNMATCHED: &'static str = "unmatched";

    /// The content type of [`Metrics::render`]'s output.
    pub const CONTENT_TYPE: &'static str = "text/plain; version=0.0.4";

    /// Metrics in a registry of their own.
    pub fn new() -> Self {
        let registry = Registry::new();
        Self::with_registry(registry.clone()).unwrap_or(Metrics {
            registry,
            requests: None,
        })
    }

    /// Metrics registered into `registry`; fails when it already holds a
    /// `http_requests_total` family.
    pub fn with_registry(registry: Registry) -> Result<Self, prometheus::Error> {
        let opts = Opts::new(
            "http_requests_total",
            "HTTP requests served, by route and status",
        );
        let requests = IntCounterVec::new(opts, &["method", "path", "status"])?;
        registry.register(Box::new(requests.clone()))?;
        Ok(Metrics {
            registry,
            requests: Some(requests),
        })
    }

    /// The registry, to add collectors of one's own.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// Counts one request.
    pub fn count(&self, method: &str, path: &str, status: u16) {
        if let Some(requests) = &self.requests {
            let status = status.to_string();
            requests.with_label_values(&[method, path, &status]).inc();
        }
    }

    /// Every collector in the registry, in the Prometheus text format.
    pub fn render(&self) -> String {
        let mut buffer = Vec::new();
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut buffer) {
            tracing::error!(%error, "metrics could not be encoded");
        }
        String::from_utf8_lossy(&buffer).into_owned()
    }
}
