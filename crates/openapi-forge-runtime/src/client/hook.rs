//! A user hook around every call.

use super::{Operation, Response};

/// Observes or amends requests and observes responses.
///
/// Both methods do nothing by default. The request already carries the
/// credentials, so a hook that logs requests must leave the
/// `Authorization` and `Cookie` headers out; reqwest marks them sensitive.
pub trait Hook: Send + Sync {
    /// Called with the finished request just before it is sent; may add
    /// headers (a request id, a tracing context) or change it otherwise.
    fn on_request(&self, operation: &Operation, request: &mut reqwest::Request) {
        let _ = (operation, request);
    }

    /// Called with each response once its body is read, whatever its status.
    fn on_response(&self, operation: &Operation, response: &Response) {
        let _ = (operation, response);
    }
}
