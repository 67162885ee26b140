//! Runtime overhead of the generated Roundtable bindings against
//! hand-written equivalents doing the same work.
//!
//! Groups (each with a `generated` and a `handwritten` benchmark):
//! `client_list` / `client_create` call a local server over a real socket;
//! `server_list` / `server_create` send a request to the router in process
//! with `tower::ServiceExt::oneshot` and read the whole response body.
//! `cargo xtask bench` reads criterion's estimates and reports each group as
//! the ratio generated / hand-written.

use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use criterion::{criterion_group, criterion_main, Criterion};
use forge_bench::{data, generated, handwritten};
use tower::ServiceExt;

fn runtime() -> tokio::runtime::Runtime {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => panic!("cannot start tokio: {error}"),
    }
}

fn clients(c: &mut Criterion) {
    let rt = runtime();
    let base = rt
        .block_on(data::canned_server())
        .unwrap_or_else(|error| panic!("cannot bind the local server: {error}"));
    let ours = generated::client(&base);
    let theirs = handwritten::Client::new(&base);
    let request: roundtable::models::CreateWorkspaceRequest =
        serde_json::from_value(data::create_request_json()).unwrap_or_else(|e| panic!("{e}"));
    let their_request: handwritten::CreateWorkspace =
        serde_json::from_value(data::create_request_json()).unwrap_or_else(|e| panic!("{e}"));

    let mut group = c.benchmark_group("client_list");
    group.bench_function("generated", |b| {
        b.iter(|| {
            rt.block_on(ours.list_workspaces())
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            rt.block_on(theirs.list_workspaces())
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("client_create");
    group.bench_function("generated", |b| {
        b.iter(|| {
            rt.block_on(ours.create_workspace(&request))
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
    });
    group.bench_function("handwritten", |b| {
        b.iter(|| {
            rt.block_on(theirs.create_workspace(&their_request))
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e:?}"))
        })
    });
    group.finish();
}

/// The same request for both routers.
fn request(method: Method, body: Option<&axum::body::Bytes>) -> Request<Body> {
    let builder = Request::builder()
        .method(method)
        .uri(data::WORKSPACES)
        .header(header::AUTHORIZATION, format!("Bearer {}", data::TOKEN));
    let built = match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.clone())),
        None => builder.body(Body::empty()),
    };
    built.unwrap_or_else(|error| panic!("{error}"))
}

/// Sends `request` to `router` and reads the whole body; checks the status.
async fn call(router: &axum::Router, request: Request<Body>, expected: StatusCode) -> usize {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .unwrap_or_else(|error| match error {});
    assert_eq!(response.status(), expected);
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    body.len()
}

fn servers(c: &mut Criterion) {
    let rt = runtime();
    let ours = generated::router().unwrap_or_else(|e| panic!("{e}"));
    let theirs = handwritten::router().unwrap_or_else(|e| panic!("{e}"));
    let body = data::bytes_of(&data::create_request_json());

    let mut group = c.benchmark_group("server_list");
    for (name, router) in [("generated", &ours), ("handwritten", &theirs)] {
        group.bench_function(name, |b| {
            b.iter(|| rt.block_on(call(router, request(Method::GET, None), StatusCode::OK)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("server_create");
    for (name, router) in [("generated", &ours), ("handwritten", &theirs)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let request = request(Method::POST, Some(&body));
                rt.block_on(call(router, request, StatusCode::CREATED))
            })
        });
    }
    group.finish();
}

fn config() -> Criterion {
    // Modest times: the machine is shared, and the ratios settle quickly.
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
}

criterion_group! {
    name = benches;
    config = config();
    targets = clients, servers
}
criterion_main!(benches);
