import Manifest
import RegistryAPI

extension OpenAPIDocument {
    /// What the OpenAPI document says about a route of the shared table (`Route`) beyond its method,
    /// path, name, access and error codes: its parameters, its body, its success answers and its links.
    public struct Operation: Sendable {
        /// Its query and header parameters (path parameters come from the template).
        public let parameters: [Parameter]
        /// Its request body, if it takes one.
        public let body: Body?
        /// Success statuses, each with the response body's schema name (nil: no JSON body).
        public let success: [Int: String?]
        /// Operations whose path parameter comes from this one's success body: (operation, parameter, JSON pointer).
        public let links: [Link]

        init(parameters: [Parameter] = [], body: Body? = nil, success: [Int: String?], links: [Link] = []) {
            self.parameters = parameters
            self.body = body
            self.success = success
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
        /// The route the value feeds.
        public let route: Route
        /// The path parameter it fills.
        public let parameter: String
        /// Where in this response's body the value is, e.g. `/id`.
        public let pointer: String
    }
}
