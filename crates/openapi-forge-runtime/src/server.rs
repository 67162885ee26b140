//! Server support: what every generated axum server shares.
//!
//! A generated `server` module holds one trait for the API, a request struct
//! per operation and one thin handler per operation. Each handler calls
//! [`run`], which does the work in a fixed order: authenticate (before
//! anything about the request is parsed, so a caller without credentials
//! learns nothing else), read the body within the configured limit, extract
//! and validate every parameter and the body (collecting every problem), call
//! the implementer's method and turn its result into a response.
//!
//! Every rejection, including the router's own (unknown path, wrong method,
//! panic), is written in the API's error format ([`ErrorFormat`]).

mod auth;
mod error;
mod input;
mod metrics;
mod multipart;
mod reply;
mod routes;
mod rules;
mod strict;
mod text;

use std::future::Future;
use std::sync::Arc;

pub use crate::models::Rules;
pub use auth::{
    Access, AuthError, Authenticate, Credential, CredentialKind, Credentials, KeyLocation,
    Optional, Public, Required, Scheme, Secret,
};
pub use axum::extract::{Request, State};
pub use axum::response::Response;
pub use axum::Router;
pub use error::{ErrorFormat, Failure, Rejection};
pub use http::Method;
pub use input::{Input, Param, Shape, Style};
pub use metrics::Metrics;
pub use multipart::{Part, PartKind};
pub use prometheus;
pub use reply::{Reply, Respond};
pub use routes::Routes;

/// Settings of a generated router.
#[derive(Debug, Clone)]
pub struct Config {
    /// The largest request body accepted, in bytes; larger ones get 413.
    pub body_limit: usize,
    /// Where the router counts requests; keep a clone to render them.
    pub metrics: Metrics,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            body_limit: 2 * 1024 * 1024,
            metrics: Metrics::new(),
        }
    }
}

impl Config {
    /// The default settings with another body limit.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The default settings counting into `metrics`.
    pub fn with_metrics(mut self, metrics: Metrics) -> Self {
        self.metrics = metrics;
        self
    }
}

/// The state every handler of a generated router shares.
#[derive(Debug)]
pub struct Shared<A> {
    /// The implementer's service, behind the generated adapter.
    pub service: A,
    /// How rejections are written.
    pub format: ErrorFormat,
    /// The router's settings.
    pub config: Config,
}

impl<A> Shared<A> {
    /// Shares `service` between the handlers.
    pub fn new(service: A, format: ErrorFormat, config: Config) -> Arc<Self> {
        Arc::new(Shared {
            service,
            format,
            config,
        })
    }

    /// Writes `rejection` in the API's error format.
    pub fn reject(&self, rejection: Rejection) -> Response {
        rejection.render(&self.format)
    }
}

/// What a generated handler knows about its operation.
#[derive(Debug)]
pub struct Endpoint<M> {
    /// The `operationId`.
    pub id: &'static str,
    /// The path template as the spec writes it (`/files/{name}.{ext}`).
    pub template: &'static str,
    /// Who may call it.
    pub access: M,
}

/// Serves one request for one operation: authenticate, extract, call, respond.
///
/// `extract` reads the operation's request struct from an [`Input`],
/// returning `None` when a problem was recorded; `call` runs the
/// implementer's method.
pub async fn run<A, M, R, O, E, F, Fut>(
    shared: Arc<Shared<A>>,
    request: Request,
    endpoint: &'static Endpoint<M>,
    extract: fn(&mut Input) -> Option<R>,
    call: F,
) -> Response
where
    A: Authenticate,
    M: Access,
    F: FnOnce(Arc<Shared<A>>, R, M::Given<A::Principal>) -> Fut,
    Fut: Future<Output = Result<O, Failure<E>>>,
    O: Respond,
    E: Respond,
{
    let (mut parts, body) = request.into_parts();
    let principal = match endpoint
        .access
        .authorize(&shared.service, &parts, endpoint.id)
        .await
    {
        Ok(principal) => principal,
        Err(rejection) => return shared.reject(rejection),
    };
    let input = Input::read(
        &mut parts,
        body,
        endpoint.template,
        shared.config.body_limit,
    )
    .await;
    let mut input = match input {
        Ok(input) => input,
        Err(rejection) => return shared.reject(rejection),
    };
    let request = extract(&mut input);
    let request = match (request, input.into_rejection()) {
        (Some(request), None) => request,
        (_, Some(rejection)) => return shared.reject(rejection),
        (None, None) => return shared.reject(Rejection::bad_request("invalid request")),
    };
    match call(shared.clone(), request, principal).await {
        Ok(success) => success.respond(),
        Err(Failure::Declared(error)) => error.respond(),
        Err(Failure::Rejected(rejection)) => shared.reject(rejection),
    }
}
