import Manifest

extension OpenAPIDocument {
    /// One documented operation: what it takes, what it answers, and who may call it.
    public struct Route: Sendable {
        /// Who may call a route.
        public enum Access: Sendable {
            /// Anyone, even on a `--private` registry (`/healthz`, `/openapi.json`).
            case anyone
            /// Anyone, or any valid token on a `--private` registry.
            case read
            /// A `write` or `admin` token.
            case write
        }

        /// `get`, `put`, ... (lowercase, as OpenAPI writes it).
        public let method: String
        /// The OpenAPI path template, e.g. `/v1/blobs/{digest}`.
        public let path: String
        /// The operation's unique name in the document, e.g. `getBlob`.
        public let operationID: String
        /// One line about it.
        public let summary: String
        /// Who may call it.
        public let access: Access
        /// Its query and header parameters (path parameters come from the template).
        public let parameters: [Parameter]
        /// Its request body, if it takes one.
        public let body: Body?
        /// Success statuses, each with the response body's schema name (nil: no JSON body).
        public let success: [Int: String?]
        /// Error codes it may answer with (besides `UNAUTHORIZED` and `UNAVAILABLE`, which any route may).
        public let errors: [ErrorCode]
        /// Operations whose path parameter comes from this one's success body: (operation, parameter, JSON pointer).
        public let links: [Link]

        init(_ method: String, _ path: String, _ operationID: String, _ summary: String, access: Access = .read,
             parameters: [Parameter] = [], body: Body? = nil, success: [Int: String?], errors: [ErrorCode] = [],
             links: [Link] = []) {
            self.method = method
            self.path = path
            self.operationID = operationID
            self.summary = summary
            self.access = access
            self.parameters = parameters
            self.body = body
            self.success = success
            self.errors = errors
            self.links = links
        }
    }

    /// A query or header parameter.
    public struct Parameter: Sendable {
        /// Its name (`limit`, `Range`).
        public let name: String
        /// `query` or `header`.
        public let location: String
        /// What it means.
        public let description: String
        /// Its JSON schema.
        public let schema: JSONValue
        /// True when a request without it is refused.
        public let required: Bool

        static func query(_ name: String, _ description: String, _ schema: JSONValue, required: Bool = false) -> Parameter {
            Parameter(name: name, location: "query", description: description, schema: schema, required: required)
        }

        static func header(_ name: String, _ description: String, _ schema: JSONValue = OpenAPISchema.string()) -> Parameter {
            Parameter(name: name, location: "header", description: description, schema: schema, required: false)
        }
    }

    /// A request body.
    public struct Body: Sendable {
        /// The media types accepted, each with the same schema.
        public let mediaTypes: [String]
        /// Its JSON schema.
        public let schema: JSONValue
        /// True when a request without a body is refused.
        public let required: Bool
    }

    /// A link from a success response to another operation's path parameter (for stateful API testing).
    public struct Link: Sendable {
        /// The operation the value feeds.
        public let operationID: String
        /// The path parameter it fills.
        public let parameter: String
        /// Where in this response's body the value is, e.g. `/id`.
        public let pointer: String
    }
}
