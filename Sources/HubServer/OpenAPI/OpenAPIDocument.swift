import Foundation
import Manifest

/// The OpenAPI 3.1 description of docs/api.md, served at `/openapi.json`. Built from `routes`, the
/// same table a test walks to prove every documented path and method is routed.
public enum OpenAPIDocument {
    /// One documented operation.
    public struct Route: Sendable {
        /// `get`, `put`, ...
        public let method: String
        /// The OpenAPI path template, e.g. `/v1/blobs/{digest}`.
        public let path: String
        /// One line about it.
        public let summary: String
        /// Query parameter names.
        public let query: [String]
        /// Success statuses.
        public let success: [Int]
        /// Error codes it may answer with.
        public let errors: [ErrorCode]
    }

    /// Every route of docs/api.md.
    public static let routes: [Route] = [
        Route(method: "get", path: "/healthz", summary: "Liveness check", query: [], success: [200], errors: []),
        Route(method: "get", path: "/openapi.json", summary: "This document", query: [], success: [200], errors: []),
        Route(method: "get", path: "/v1/search", summary: "Search models",
              query: ["q", "domain", "arch", "task", "license", "min", "sort", "limit", "cursor"], success: [200],
              errors: [.queryInvalid, .unauthorized]),
        Route(method: "get", path: "/v1/models/{namespace}/{name}", summary: "Model summary: versions, tags, downloads",
              query: [], success: [200], errors: [.nameInvalid, .modelUnknown, .unauthorized]),
        Route(method: "get", path: "/v1/models/{namespace}/{name}/manifests/{reference}",
              summary: "Manifest by tag or digest (HEAD too; ETag = digest, If-None-Match -> 304)", query: [],
              success: [200, 304], errors: [.nameInvalid, .modelUnknown, .manifestUnknown, .unauthorized]),
        Route(method: "head", path: "/v1/models/{namespace}/{name}/manifests/{reference}", summary: "Manifest headers",
              query: [], success: [200, 304], errors: [.modelUnknown, .manifestUnknown]),
        Route(method: "put", path: "/v1/models/{namespace}/{name}/manifests/{reference}",
              summary: "Publish a manifest under a tag", query: [], success: [200, 201],
              errors: [.nameInvalid, .manifestInvalid, .nameMismatch, .manifestBlobUnknown, .parentUnknown, .tooLarge,
                       .unauthorized, .denied]),
        Route(method: "delete", path: "/v1/models/{namespace}/{name}/tags/{tag}", summary: "Delete a tag",
              query: [], success: [204], errors: [.tagUnknown, .unauthorized, .denied]),
        Route(method: "get", path: "/v1/models/{namespace}/{name}/lineage", summary: "Ancestors and descendants as a graph",
              query: ["ref", "depth", "direction"], success: [200], errors: [.queryInvalid, .modelUnknown, .manifestUnknown]),
        Route(method: "get", path: "/v1/blobs/{digest}", summary: "Blob bytes (Range supported)", query: [],
              success: [200, 206], errors: [.digestInvalid, .blobUnknown, .rangeInvalid, .unauthorized]),
        Route(method: "head", path: "/v1/blobs/{digest}", summary: "Blob size and digest", query: [], success: [200],
              errors: [.blobUnknown]),
        Route(method: "put", path: "/v1/blobs/{digest}", summary: "Monolithic blob upload", query: [], success: [201],
              errors: [.digestInvalid, .sizeInvalid, .tooLarge, .unauthorized, .denied]),
        Route(method: "post", path: "/v1/blobs/check", summary: "Which of these blobs are missing", query: [],
              success: [200], errors: [.queryInvalid, .digestInvalid, .tooLarge]),
        Route(method: "post", path: "/v1/uploads", summary: "Start a chunked upload session", query: [], success: [202],
              errors: [.queryInvalid, .tooLarge, .unauthorized, .denied]),
        Route(method: "get", path: "/v1/uploads/{id}", summary: "Upload session offset", query: [], success: [200],
              errors: [.uploadUnknown]),
        Route(method: "patch", path: "/v1/uploads/{id}", summary: "Append a chunk (Content-Range)", query: [],
              success: [202], errors: [.uploadUnknown, .uploadOffsetMismatch, .uploadBusy, .tooLarge]),
        Route(method: "put", path: "/v1/uploads/{id}", summary: "Finish the upload with ?digest=", query: ["digest"],
              success: [201], errors: [.uploadUnknown, .digestInvalid, .sizeInvalid, .uploadBusy]),
        Route(method: "delete", path: "/v1/uploads/{id}", summary: "Cancel the upload", query: [], success: [204],
              errors: [.uploadUnknown]),
    ]

    /// The document as JSON text.
    public static let json: String = {
        String(decoding: (try? CanonicalJSON.encode(document)) ?? Data(), as: UTF8.self)
    }()

    static var document: JSONValue {
        var paths: [String: JSONValue] = [:]
        for route in routes {
            var item: [String: JSONValue] = [:]
            if case let .object(members)? = paths[route.path] { item = members }
            item[route.method] = operation(route)
            paths[route.path] = .object(item)
        }
        let errorSchema: JSONValue = .object([
            "type": .string("object"),
            "required": .array([.string("errors")]),
            "properties": .object(["errors": .object(["type": .string("array"), "items": .object([
                "type": .string("object"), "required": .array([.string("code"), .string("message")]),
                "properties": .object([
                    "code": .object(["type": .string("string"), "enum": .array(ErrorCode.allCases.map { .string($0.rawValue) })]),
                    "message": .object(["type": .string("string")]),
                    "detail": .object(["type": .string("object")]),
                ]),
            ])])]),
        ])
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object(["title": .string("hub registry"), "version": .string("1"),
                             "description": .string("The model registry API; docs/api.md is the reference.")]),
            "paths": .object(paths),
            "components": .object([
                "schemas": .object(["Errors": errorSchema]),
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
            ]),
        ])
    }

    private static func operation(_ route: Route) -> JSONValue {
        let pathParameters = route.path.split(separator: "/").filter { $0.hasPrefix("{") }.map { $0.dropFirst().dropLast() }
        let parameters = pathParameters.map { name -> JSONValue in
            .object(["name": .string(String(name)), "in": .string("path"), "required": .bool(true), "schema": .object(["type": .string("string")])])
        } + route.query.map { name -> JSONValue in
            .object(["name": .string(name), "in": .string("query"), "required": .bool(false), "schema": .object(["type": .string("string")])])
        }
        var responses: [String: JSONValue] = [:]
        for status in route.success { responses[String(status)] = .object(["description": .string("success")]) }
        for code in route.errors {
            responses[String(code.status.code)] = .object([
                "description": .string("error"),
                "content": .object(["application/json": .object(["schema": .object(["$ref": .string("#/components/schemas/Errors")])])]),
            ])
        }
        return .object(["summary": .string(route.summary), "parameters": .array(parameters),
                        "responses": .object(responses), "security": .array([.object([:]), .object(["bearer": .array([])])])])
    }
}
