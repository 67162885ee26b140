//! The error of a client call.

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// Why a call did not give a documented success response.
///
/// `E` is the operation's error enum: one variant per documented error
/// response, with its decoded body and headers.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The server answered with a documented error response.
    Documented {
        /// The status the server sent.
        status: StatusCode,
        /// The decoded response.
        error: E,
    },
    /// The server answered with a status the operation does not document.
    /// The headers and the raw body are kept.
    UnexpectedStatus {
        /// The status the server sent.
        status: StatusCode,
        /// The response headers.
        headers: HeaderMap,
        /// The whole body.
        body: Bytes,
    },
    /// A documented response whose body or headers do not decode.
    Decode {
        /// The status the server sent.
        status: StatusCode,
        /// What failed, e.g. the serde error.
        message: String,
        /// The start of the body (up to 512 bytes, lossy UTF-8).
        body_start: String,
    },
    /// The request could not be sent or the response not read (connection
    /// refused or dropped, timeout, TLS).
    Transport(reqwest::Error),
    /// The request could not be built from the arguments (an invalid base
    /// URL, a header value with line breaks, a body that does not
    /// serialize). Nothing was sent.
    Build {
        /// What was wrong.
        message: String,
    },
}

impl<E> Error<E> {
    /// The status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Documented { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::Build { .. } => None,
        }
    }

    /// The documented error response, if that is what the server sent.
    pub fn documented(&self) -> Option<&E> {
        match self {
            Error::Documented { error, .. } => Some(error),
            _ => None,
        }
    }

    /// Consumes the error, giving the documented error response if any.
    pub fn into_documented(self) -> Option<E> {
        match self {
            Error::Documented { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl<E: std::fmt::Debug> std::fmt::Display for Error<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Documented { status, error } => {
                write!(f, "error response {status}: {error:?}")
            }
            Error::UnexpectedStatus { status, body, .. } => {
                write!(
                    f,
                    "undocumented status {status} ({} body bytes)",
                    body.len()
                )
            }
            Error::Decode {
                status, message, ..
            } => {
                write!(f, "response {status} does not decode: {message}")
            }
            Error::Transport(error) => write!(f, "transport error: {error}"),
            Error::Build { message } => write!(f, "invalid request: {message}"),
        }
    }
}

impl<E: std::fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport(error) => Some(error),
            _ => None,
        }
    }
}

/// A failure before a response was read: the operation-independent part of
/// [`Error`], so that `?` converts it into any `Error<E>`.
#[derive(Debug)]
pub enum SendError {
    /// See [`Error::Transport`].
    Transport(reqwest::Error),
    /// See [`Error::Build`].
    Build(String),
}

impl<E> From<SendError> for Error<E> {
    fn from(error: SendError) -> Error<E> {
        match error {
            SendError::Transport(error) => Error::Transport(error),
            SendError::Build(message) => Error::Build { message },
        }
    }
}

/// A documented response that does not decode; converts into
/// [`Error::Decode`].
#[derive(Debug)]
pub struct DecodeError {
    /// The status the server sent.
    pub status: StatusCode,
    /// What failed.
    pub message: String,
    /// The start of the body.
    pub body_start: String,
}

impl<E> From<DecodeError> for Error<E> {
    fn from(error: DecodeError) -> Error<E> {
        Error::Decode {
            status: error.status,
            message: error.message,
            body_start: error.body_start,
        }
    }
}
