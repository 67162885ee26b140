//! Mounting operations on an axum router, and the router's own answers.
//!
//! axum's router (matchit) accepts a parameter only as a whole path segment
//! and only with a name it can hold, so templates are not passed through:
//! every templated segment becomes a positional capture (`{p0}`, `{p1}`, ...)
//! and [`super::Input`] maps captures back to the spec's names, splitting
//! segments such as `{name}.{ext}`. Positional names also let two templates
//! that differ only in parameter names (`/a/{id}` for GET, `/a/{key}` for
//! DELETE) share one route. Metrics still label requests with the spec's
//! template.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use axum::extract::{MatchedPath, Request, State};
use axum::handler::Handler;
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{on, MethodFilter};
use axum::Router;
use http::{Method, StatusCode};
use tower_http::catch_panic::CatchPanicLayer;

use super::auth::Authenticate;
use super::error::Rejection;
use super::metrics::Metrics;
use super::Shared;

/// The operations of one API, being mounted.
#[derive(Debug)]
pub struct Routes<A> {
    shared: Arc<Shared<A>>,
    router: Router<Arc<Shared<A>>>,
    labels: BTreeMap<String, String>,
    mounted: BTreeSet<(String, String)>,
    versioning: Option<(String, Vec<String>)>,
}

impl<A: Authenticate> Routes<A> {
    /// No operation yet.
    pub fn new(shared: Arc<Shared<A>>) -> Self {
        Routes {
            shared,
            router: Router::new(),
            labels: BTreeMap::new(),
            mounted: BTreeSet::new(),
            versioning: None,
        }
    }

    /// Serves operations under `prefix` again under each alias, the alias
    /// replacing the prefix.
    pub fn versioning(mut self, prefix: &str, aliases: &[&str]) -> Self {
        let prefix = prefix.trim_end_matches('/').to_owned();
        let aliases = aliases
            .iter()
            .map(|alias| alias.trim_end_matches('/').to_owned());
        self.versioning = Some((prefix, aliases.collect()));
        self
    }

    /// The paths an operation at `template` is served at.
    fn paths(&self, template: &str) -> Vec<String> {
        let mut paths = vec![template.to_owned()];
        if let Some((prefix, aliases)) = &self.versioning {
            let rest = template.strip_prefix(prefix.as_str());
            if let Some(rest) = rest.filter(|rest| rest.is_empty() || rest.starts_with('/')) {
                for alias in aliases {
                    let path = format!("{alias}{rest}");
                    paths.push(if path.is_empty() {
                        "/".to_owned()
                    } else {
                        path
                    });
                }
            }
        }
        paths
    }

    /// Mounts `handler` for `method` at `template` (and its aliases).
    ///
    /// A method and route already mounted (an alias that equals another
    /// operation's path, or two templates that differ only in parameter
    /// names) keeps its first handler; the later one is not reachable there.
    pub fn add<H, T>(mut self, method: Method, template: &'static str, handler: H) -> Self
    where
        H: Handler<T, Arc<Shared<A>>>,
        T: 'static,
    {
        let Ok(filter) = MethodFilter::try_from(method.clone()) else {
            tracing::warn!(%method, template, "method not supported by the router");
            return self;
        };
        for path in self.paths(template) {
            let route = route_template(&path);
            if !self.mounted.insert((route.clone(), method.to_string())) {
                continue;
            }
            self.labels.entry(route.clone()).or_insert(path);
            self.router = self.router.route(&route, on(filter, handler.clone()));
        }
        self
    }

    /// The router: unknown paths answer 404, known paths with another
    /// method 405 (with `Allow`), panics 500, all in the error format;
    /// every request is counted in the configured metrics.
    pub fn finish(self) -> Router {
        let format = self.shared.format;
        let counting = Counting {
            metrics: self.shared.config.metrics.clone(),
            labels: Arc::new(self.labels),
        };
        let not_allowed = move || async move {
            Rejection::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").render(&format)
        };
        let not_found = move || async move { Rejection::not_found().render(&format) };
        let panicked = move |_| Rejection::internal().render(&format);
        self.router
            .method_not_allowed_fallback(not_allowed)
            .fallback(not_found)
            .with_state(self.shared)
            .layer(CatchPanicLayer::custom(panicked))
            .layer(axum::middleware::from_fn_with_state(counting, count))
    }
}

/// The axum route for a path: templated segments become `{p0}`, `{p1}`...
fn route_template(path: &str) -> String {
    let mut index = 0;
    let segments = path.split('/').map(|segment| {
        if !segment.contains('{') {
            return segment.to_owned();
        }
        let capture = format!("{{p{index}}}");
        index += 1;
        capture
    });
    segments.collect::<Vec<_>>().join("/")
}

#[derive(Clone)]
struct Counting {
    metrics: Metrics,
    labels: Arc<BTreeMap<String, String>>,
}

async fn count(State(counting): State<Counting>, request: Request, next: Next) -> Response {
    let method = match *request.method() {
        Method::GET => "GET",
        Method::PUT => "PUT",
        Method::POST => "POST",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::HEAD => "HEAD",
        Method::PATCH => "PATCH",
        Method::TRACE => "TRACE",
        // Arbitrary method names would make unbounded label values.
        _ => "OTHER",
    };
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let response = next.run(request).await;
    let path = match &route {
        Some(route) => counting
            .labels
            .get(route)
            .map_or(route.as_str(), String::as_str),
        None => Metrics::UNMATCHED,
    };
    counting
        .metrics
        .count(method, path, response.status().as_u16());
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_become_positional_captures() {
        assert_eq!(route_template("/files/{file-name}.{ext}"), "/files/{p0}");
        assert_eq!(route_template("/a/{x}/b/{y}"), "/a/{p0}/b/{p1}");
    }
}
