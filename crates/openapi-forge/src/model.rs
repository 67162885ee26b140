//! The API model: one resolved description of an API, in OpenAPI's own terms.
//!
//! The resolver builds it once from the loaded documents; the three emitters
//! (models, client, server) only read it. Every Rust name that reaches the
//! output is decided while the model is built, so all emitters agree on every
//! name and none of them looks at the raw spec.
//!
//! Ordering is part of the contract: `types` is sorted by Rust name and
//! `operations` by path then method, so iterating the model is deterministic.

/// A whole API, resolved and named.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`, Markdown.
    pub description: Option<String>,
    /// `servers`, in spec order; the first is the default base URL.
    pub servers: Vec<Server>,
    /// Path versioning read from the `x-versioning` root extension.
    pub versioning: Option<Versioning>,
    /// Every named type, sorted by `name`. A [`TypeId`] indexes this list.
    pub types: Vec<TypeDef>,
    /// Every operation, sorted by path then method.
    pub operations: Vec<Operation>,
    /// `components/securitySchemes`, sorted by key.
    pub security_schemes: Vec<SecurityScheme>,
    /// The body format that error responses share, when the spec has one.
    pub error_format: Option<ErrorFormat>,
}

impl Api {
    /// The named type behind an id.
    pub fn ty(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The security scheme behind an id.
    pub fn scheme(&self, id: SchemeId) -> &SecurityScheme {
        &self.security_schemes[id.0]
    }
}

/// One entry of `servers`.
#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// The URL with its variables replaced by their defaults.
    pub url: String,
    /// The server's description.
    pub description: Option<String>,
}

/// Path versioning, from the root extension
///
/// ```yaml
/// x-versioning:
///   current: v1
///   prefix: /api/v1
///   aliases: [/api]
/// ```
///
/// Operations whose path starts with `prefix` are *versioned*: a server serves
/// them under the prefix and again under each alias (the alias replaces the
/// prefix); a client uses the prefix unless told to use an alias. Other
/// operations are served once, at their own path.
#[derive(Debug, Clone, PartialEq)]
pub struct Versioning {
    /// The current version's name, e.g. `v1`.
    pub current: String,
    /// The versioned path prefix without a trailing slash, e.g. `/api/v1`.
    pub prefix: String,
    /// Prefixes that also serve the current version, e.g. `/api`.
    pub aliases: Vec<String>,
}

/// Index of a named type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// Index of a scheme in [`Api::security_schemes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemeId(pub usize);

/// Documentation carried from the spec to rustdoc.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Docs {
    /// `title` or `summary`.
    pub title: Option<String>,
    /// `description`, Markdown.
    pub description: Option<String>,
    /// `example` as JSON, when the spec gives one.
    pub example: Option<serde_json::Value>,
}

/// Where in the spec something was defined, for diagnostics and docs.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// The file, as given to the loader (relative paths stay relative).
    pub file: String,
    /// JSON pointer inside that file, e.g. `/components/schemas/Workspace`.
    pub pointer: String,
}

/// A named type: a component schema, or an inline schema named from where it
/// stands (`ListWorkspacesResponse`, `WorkspaceStatus`).
#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    /// The Rust type name, unique in the API, already escaped.
    pub name: String,
    /// The component key or the inline position it was named after.
    pub origin: Origin,
    pub docs: Docs,
    pub deprecated: bool,
    pub kind: TypeKind,
}

/// What a named type is.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// An object with named properties, and maybe a catch-all map.
    Struct(Struct),
    /// A string enum.
    StringEnum(StringEnum),
    /// An integer enum: numbers on the wire.
    IntEnum(IntEnum),
    /// `oneOf` / `anyOf`.
    Union(Union),
    /// A named schema that is not an object, enum or union (a map, an array,
    /// a constrained string): a newtype over `inner`.
    Newtype(Newtype),
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// In spec order (after `allOf` merging, members in order).
    pub fields: Vec<Field>,
    /// `additionalProperties`: a flattened map of the remaining keys.
    pub additional: Option<TypeExpr>,
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name, escaped (`r#type`, `self_`).
    pub name: String,
    /// The property name on the wire.
    pub wire_name: String,
    pub docs: Docs,
    /// The value's type, without the optional/nullable wrapping.
    pub ty: TypeExpr,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true` (on the property or the schema it refers to).
    pub nullable: bool,
    pub read_only: bool,
    pub write_only: bool,
    pub deprecated: bool,
    /// `default`, as JSON.
    pub default: Option<serde_json::Value>,
    /// Request-time validation rules.
    pub constraints: Constraints,
}

/// A string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    /// Listed values, in spec order; `null` in the list is dropped and makes
    /// uses of the enum nullable.
    pub variants: Vec<EnumVariant>,
    /// The name of the catch-all variant that keeps unlisted values:
    /// `Other`, unless a listed value is named so (then `Unknown`, ...).
    pub other_variant: String,
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumVariant {
    /// The Rust variant name, unique within the enum.
    pub name: String,
    /// The exact value on the wire.
    pub value: String,
}

/// An integer enum.
#[derive(Debug, Clone, PartialEq)]
pub struct IntEnum {
    pub format: IntFormat,
    /// `(variant name, value)` in spec order.
    pub variants: Vec<(String, i64)>,
}

/// `oneOf` or `anyOf`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// How a value on the wire picks its variant.
    pub tagging: Tagging,
    pub variants: Vec<UnionVariant>,
}

/// How a union's variant is chosen.
#[derive(Debug, Clone, PartialEq)]
pub enum Tagging {
    /// A property names the variant (`discriminator`, or a property that is a
    /// one-value enum in every variant). The variant's own struct keeps the
    /// property; the union writes it once, with the variant's tag value.
    Tagged {
        /// The tag property's wire name.
        property: String,
    },
    /// The first variant that accepts the value wins.
    Untagged,
}

/// One variant of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name, named from its schema (never `Variant0`).
    pub name: String,
    /// The tag value, for tagged unions.
    pub tag: Option<String>,
    pub ty: TypeExpr,
    pub docs: Docs,
}

/// A named non-object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Newtype {
    pub inner: TypeExpr,
    pub constraints: Constraints,
}

/// A use of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeExpr {
    /// A named type of this API.
    Named(TypeId),
    /// `Box<T>`: the resolver inserts it where a cycle of plain (not array
    /// or map) references would make a type infinitely large.
    Boxed(Box<TypeExpr>),
    /// A value that may be `null` where that is not a field's own
    /// nullability (an array item, a map value, a parameter).
    Nullable(Box<TypeExpr>),
    Array(Box<TypeExpr>),
    /// A map from string keys.
    Map(Box<TypeExpr>),
    String,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// `format: uuid`.
    Uuid,
    /// `format: byte`: base64 text on the wire, bytes in Rust.
    Base64,
    /// `format: binary`: raw bytes (a body or a multipart part).
    Binary,
    Integer(IntFormat),
    Number(NumFormat),
    Boolean,
    /// Any JSON value (no type, or a type we approximate).
    Any,
}

/// Integer widths from `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntFormat {
    I32,
    I64,
    U32,
    U64,
}

/// Number widths from `format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumFormat {
    F32,
    F64,
}

/// Request-time validation rules of a schema.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub minimum: Option<f64>,
    pub exclusive_minimum: bool,
    pub maximum: Option<f64>,
    pub exclusive_maximum: bool,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
}

impl Constraints {
    /// Whether no rule is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl Method {
    /// The upper-case method name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `operationId`, or the derived id when the spec has none.
    pub id: String,
    /// Whether `id` was derived from method and path.
    pub id_derived: bool,
    /// The snake_case method name, unique in the API, escaped.
    pub fn_name: String,
    /// The PascalCase stem for per-operation types (`ListWorkspaces`).
    pub type_stem: String,
    /// The enum of the documented success responses (`ListWorkspacesSuccess`),
    /// defined with the models and shared by client and server.
    pub success_type: String,
    /// The enum of the documented error responses (`ListWorkspacesError`),
    /// defined with the models and shared by client and server.
    pub error_type: String,
    /// A name reserved for a struct of the operation's inputs
    /// (`ListWorkspacesRequest`), for emitters that need one.
    pub request_type: String,
    pub method: Method,
    /// The path template as written, from the host root.
    pub path: String,
    /// The path split into literal text and parameters.
    pub segments: Vec<PathPart>,
    /// Whether the path lies under [`Versioning::prefix`].
    pub versioned: bool,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub deprecated: bool,
    /// `x-provisional`: `Some` with the reason (or an empty string).
    pub provisional: Option<String>,
    /// Path, query, header and cookie parameters, in spec order.
    pub params: Vec<Parameter>,
    pub body: Option<RequestBody>,
    /// Documented responses: codes ascending, then ranges, then `default`.
    pub responses: Vec<Response>,
    /// Alternatives: the caller must satisfy one inner list entirely. Empty
    /// means no authentication.
    pub security: Vec<Vec<SchemeId>>,
    /// `x-raw-body: true`: the server hands the handler the exact body
    /// bytes (for signature checks such as webhooks) instead of parsing them.
    pub raw_body: bool,
    pub origin: Origin,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathPart {
    /// Literal text, as written (may hold several segments and slashes).
    Literal(String),
    /// A parameter: index into [`Operation::params`].
    Param(usize),
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

/// A parameter's serialization style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    Simple,
    Form,
    Matrix,
    Label,
    SpaceDelimited,
    PipeDelimited,
    DeepObject,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The Rust binding name, unique in the operation, escaped.
    pub name: String,
    /// The name on the wire.
    pub wire_name: String,
    pub location: ParamLocation,
    pub required: bool,
    pub ty: TypeExpr,
    pub style: ParamStyle,
    pub explode: bool,
    pub docs: Docs,
    pub deprecated: bool,
    pub constraints: Constraints,
}

/// How a body is encoded.
#[derive(Debug, Clone, PartialEq)]
pub enum BodyEncoding {
    /// `application/json` and every `+json` type.
    Json,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `multipart/form-data`, with per-part content types from `encoding`.
    Multipart(Vec<MultipartPart>),
    /// `application/octet-stream` and other binary types.
    Binary,
    /// `text/*`.
    Text,
}

/// One part of a multipart body (one property of the body's object schema).
#[derive(Debug, Clone, PartialEq)]
pub struct MultipartPart {
    /// Index into the body struct's fields.
    pub field: usize,
    /// `encoding.<name>.contentType`, when given.
    pub content_type: Option<String>,
}

/// A body with its media type.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The media type as written (`application/problem+json`).
    pub media_type: String,
    pub encoding: BodyEncoding,
    pub ty: TypeExpr,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    pub required: bool,
    pub docs: Docs,
    /// The media type the bindings use; others the spec lists are warned
    /// about.
    pub body: Body,
}

/// Which statuses a response covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusMatch {
    /// One code, e.g. 404.
    Code(u16),
    /// A range such as `4XX`: the leading digit.
    Range(u8),
    /// `default`: every status not otherwise listed.
    Default,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: StatusMatch,
    /// The variant name in the operation's success or error enum (`Ok`,
    /// `NotFound`, `Status4xx`, `Default`), unique within the operation.
    ///
    /// The variant's shape follows the response: for a range or `default`
    /// it carries `status: u16`; a body alone makes a tuple variant; a body
    /// with headers or a status makes a struct variant with `body` and one
    /// field per header; nothing makes a unit variant.
    pub variant: String,
    pub description: String,
    pub body: Option<Body>,
    pub headers: Vec<ResponseHeader>,
    /// Whether the response belongs to the success enum: a 2XX code or
    /// range, or `default` when the operation documents no 2XX at all.
    /// Every other response belongs to the error enum.
    pub success: bool,
}

/// A response header.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The Rust field name, escaped.
    pub name: String,
    /// The header name as written.
    pub wire_name: String,
    pub required: bool,
    pub ty: TypeExpr,
    pub docs: Docs,
}

/// A security scheme.
#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub key: String,
    /// A snake_case name for fields and methods (`bearer_auth`).
    pub name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
}

/// What a security scheme asks of a request.
#[derive(Debug, Clone, PartialEq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (http bearer, oauth2, openIdConnect).
    Bearer,
    /// `Authorization: Basic <user:password base64>`.
    Basic,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        location: ParamLocation,
        name: String,
    },
}

/// The shape of the error body that the spec's error responses share; the
/// server answers its own rejections (bad JSON, 401, 404, ...) in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorFormat {
    pub ty: TypeId,
    /// The wire name of the property that holds the message (`error`).
    pub message_field: String,
    /// The wire name of the property that holds details (`details`).
    pub details_field: Option<String>,
}

/// Warnings: parts of the spec the bindings approximate or skip.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Warning {
    pub origin: Origin,
    pub message: String,
}
