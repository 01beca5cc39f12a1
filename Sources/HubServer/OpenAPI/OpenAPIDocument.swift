import Foundation
import Manifest

/// The OpenAPI 3.1 description of docs/api.md, served at `/openapi.json`: built from `routes`, which a
/// test compares with the routes the server registers, and which `make fuzz` hands to schemathesis.
public enum OpenAPIDocument {
    /// The document as JSON text.
    public static let json: String = {
        String(decoding: (try? CanonicalJSON.encode(document)) ?? Data(), as: UTF8.self)
    }()

    /// The document.
    static var document: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in routes {
            paths[route.path, default: [:]][route.method] = operation(route)
            if route.method == "get" {
                paths[route.path, default: [:]]["head"] = operation(route, head: true)
            }
        }
        return .object([
            "openapi": .string("3.1.0"),
            "info": .object(["title": .string("hub registry"), "version": .string("1"),
                             "description": .string("The model registry API; docs/api.md is the reference.")]),
            "paths": .object(paths.mapValues { .object($0) }),
            "components": .object([
                "schemas": .object(OpenAPISchema.components),
                "securitySchemes": .object(["bearer": .object(["type": .string("http"), "scheme": .string("bearer")])]),
            ]),
        ])
    }

    /// One operation; `head` is the HEAD twin of a GET (same parameters, no bodies).
    private static func operation(_ route: Route, head: Bool = false) -> JSONValue {
        var members: [String: JSONValue] = [
            "operationId": .string(head ? "\(route.operationID)Head" : route.operationID),
            "summary": .string(head ? "Headers of: \(route.summary)" : route.summary),
            "parameters": .array(pathParameters(route.path) + route.parameters.map(parameter)),
            "responses": .object(responses(route, head: head)),
            "security": .array(security(route.access)),
        ]
        if let body = route.body {
            members["requestBody"] = .object([
                "required": .bool(body.required),
                "content": .object(Dictionary(uniqueKeysWithValues: body.mediaTypes.map { ($0, .object(["schema": body.schema])) })),
            ])
        }
        return .object(members)
    }

    private static func pathParameters(_ path: String) -> [JSONValue] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { $0.dropFirst().dropLast() }.map { name in
            .object(["name": .string(String(name)), "in": .string("path"), "required": .bool(true),
                     "schema": pathSchema(String(name))])
        }
    }

    private static func pathSchema(_ name: String) -> JSONValue {
        switch name {
        case "namespace": OpenAPISchema.namespace
        case "name": OpenAPISchema.name
        case "reference": OpenAPISchema.tagOrDigest
        case "tag": OpenAPISchema.tag
        case "digest": OpenAPISchema.digest
        default: OpenAPISchema.string(maxLength: 64)
        }
    }

    private static func parameter(_ parameter: Parameter) -> JSONValue {
        var members: [String: JSONValue] = [
            "name": .string(parameter.name), "in": .string(parameter.location), "required": .bool(parameter.required),
            "description": .string(parameter.description), "schema": parameter.schema,
        ]
        if case let .object(schema) = parameter.schema, schema["type"] == .string("array") {
            members["style"] = .string("form")
            members["explode"] = .bool(true)
        }
        return .object(members)
    }

    private static func responses(_ route: Route, head: Bool) -> [String: JSONValue] {
        var responses: [String: JSONValue] = [:]
        for (status, schema) in route.success {
            var response: [String: JSONValue] = ["description": .string("success")]
            if let schema, !head {
                response["content"] = .object(["application/json": .object(["schema": OpenAPISchema.reference(schema)])])
            }
            if !route.links.isEmpty {
                response["links"] = .object(Dictionary(uniqueKeysWithValues: route.links.map { link in
                    ("\(link.operationID)-\(link.parameter)", .object([
                        "operationId": .string(link.operationID),
                        "parameters": .object([link.parameter: .string("$response.body#\(link.pointer)")]),
                    ]))
                }))
            }
            responses[String(status)] = .object(response)
        }
        // Any request may be refused without a token, time out (--request-deadline) or meet a busy database;
        // any write may meet a full disk.
        let codes = route.errors + [.unauthorized, .requestTimeout, .unavailable] + (route.access == .write ? [.diskFull] : [])
        for code in codes {
            var response: [String: JSONValue] = ["description": .string(errorDescription(code.status.code, codes))]
            if !head {
                response["content"] = .object(["application/json": .object(["schema": OpenAPISchema.reference("Errors")])])
            }
            responses[String(code.status.code)] = .object(response)
        }
        return responses
    }

    /// The error codes that share `status`, e.g. `MODEL_UNKNOWN or MANIFEST_UNKNOWN`.
    private static func errorDescription(_ status: Int, _ codes: [ErrorCode]) -> String {
        codes.filter { $0.status.code == status }.map(\.rawValue).joined(separator: " or ")
    }

    private static func security(_ access: Route.Access) -> [JSONValue] {
        switch access {
        case .anyone: []
        case .read: [.object([:]), .object(["bearer": .array([])])]
        case .write: [.object(["bearer": .array([])])]
        }
    }
}
