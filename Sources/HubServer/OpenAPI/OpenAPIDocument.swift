import Foundation
import Manifest
import RegistryAPI

/// The OpenAPI 3.1 description of docs/api.md, served at `/openapi.json`: built from the shared route
/// table (`Route.all`, which the server registers too) and the details in `operations`; `make fuzz`
/// hands it to schemathesis.
public enum OpenAPIDocument {
    /// The document as JSON text.
    public static let json: String = {
        String(decoding: (try? CanonicalJSON.encode(document)) ?? Data(), as: UTF8.self)
    }()

    /// The document.
    static var document: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in Route.all {
            let method = route.method.rawValue.lowercased()
            paths[route.template, default: [:]][method] = operation(route)
            if route.method == .get {
                paths[route.template, default: [:]]["head"] = operation(route, head: true)
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
        let details = operations[route] ?? Operation(success: [:])
        var members: [String: JSONValue] = [
            "operationId": .string(head ? "\(route.name)Head" : route.name),
            "summary": .string(head ? "Headers of: \(route.summary)" : route.summary),
            "parameters": .array(pathParameters(route) + details.parameters.map(parameter)),
            "responses": .object(responses(route, details, head: head)),
            "security": .array(security(route.access)),
        ]
        if let body = details.body {
            members["requestBody"] = .object([
                "required": .bool(body.required),
                "content": .object(Dictionary(uniqueKeysWithValues: body.mediaTypes.map { ($0, .object(["schema": body.schema])) })),
            ])
        }
        return .object(members)
    }

    private static func pathParameters(_ route: Route) -> [JSONValue] {
        route.parameterNames.map { name in
            .object(["name": .string(name), "in": .string("path"), "required": .bool(true), "schema": pathSchema(name)])
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

    private static func responses(_ route: Route, _ details: Operation, head: Bool) -> [String: JSONValue] {
        var responses: [String: JSONValue] = [:]
        for (status, schema) in details.success {
            var response: [String: JSONValue] = ["description": .string("success")]
            if let schema, !head {
                response["content"] = .object(["application/json": .object(["schema": OpenAPISchema.reference(schema)])])
            }
            if !details.links.isEmpty {
                response["links"] = .object(Dictionary(uniqueKeysWithValues: details.links.map { link in
                    ("\(link.route.name)-\(link.parameter)", .object([
                        "operationId": .string(link.route.name),
                        "parameters": .object([link.parameter: .string("$response.body#\(link.pointer)")]),
                    ]))
                }))
            }
            responses[String(status)] = .object(response)
        }
        // Any request may be refused without a token, time out (--request-deadline) or meet a busy database;
        // any write may meet a full disk.
        let codes = route.allErrors
        for code in codes {
            var response: [String: JSONValue] = ["description": .string(errorDescription(code.status, codes))]
            if !head {
                response["content"] = .object(["application/json": .object(["schema": OpenAPISchema.reference("Errors")])])
            }
            responses[String(code.status)] = .object(response)
        }
        return responses
    }

    /// The error codes that share `status`, e.g. `MODEL_UNKNOWN or MANIFEST_UNKNOWN`.
    private static func errorDescription(_ status: Int, _ codes: [ErrorCode]) -> String {
        codes.filter { $0.status == status }.map(\.rawValue).joined(separator: " or ")
    }

    private static func security(_ access: Route.Access) -> [JSONValue] {
        switch access {
        case .anyone: []
        case .read: [.object([:]), .object(["bearer": .array([])])]
        case .write: [.object(["bearer": .array([])])]
        }
    }
}
