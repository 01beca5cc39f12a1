import Foundation
@testable import HubServer
import RegistryAPI
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every route the server registers is documented, and every documented route is registered")
    func documentMatchesRouter() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-openapi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RegistryServer(configuration: ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false))
        let routes = server.makeRouter().routes.map { route in
            let template = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            return (method: route.method.rawValue.lowercased(), path: template)
        }.filter { route in  // the Hugging Face-compatible API (docs/huggingface.md) and the web pages (docs/web.md) are not in it
            !route.path.hasPrefix("/hf/") && WebRequest.apiPrefixes.contains { route.path.hasPrefix($0) }
        }
        // The router answers HEAD for every GET (`.autoGenerateHeadEndpoints`).
        let heads = routes.filter { $0.method == "get" }.map { (method: "head", path: $0.path) }
        let registered = Set((routes + heads).map { "\($0.method) \($0.path)" })
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } })
        #expect(registered.subtracting(documented).sorted() == [], "registered but not in /openapi.json")
        #expect(documented.subtracting(registered).sorted() == [], "in /openapi.json but not registered")
        #expect(registered.count >= 20)
    }

    @Test("every operation declares its path parameters, its body, 401 and its error responses")
    func operationsAreComplete() throws {
        let paths = try #require(try document()["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            let templated = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
            for (method, operation) in operations {
                let parameters = operation["parameters"] as? [[String: Any]] ?? []
                let declared = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                #expect(declared == templated, "\(method) \(path) path parameters")
                #expect(parameters.allSatisfy { $0["schema"] is [String: Any] }, "\(method) \(path) parameter schemas")
                let responses = try #require(operation["responses"] as? [String: Any], "\(method) \(path)")
                #expect(responses["401"] != nil, "\(method) \(path) answers 401 to a bad token")
                #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has a success response")
                if ["put", "post", "patch"].contains(method) {
                    #expect(operation["requestBody"] != nil, "\(method) \(path) documents its body")
                }
                #expect(operation["operationId"] is String, "\(method) \(path) operationId")
            }
        }
    }

    @Test("every error code a route may answer is documented with the status of the error table")
    func errorStatuses() throws {
        let paths = try #require(try document()["paths"] as? [String: [String: [String: Any]]])
        for route in Route.all {
            let responses = try #require(paths[route.template]?[route.method.rawValue.lowercased()]?["responses"] as? [String: Any])
            for code in route.allErrors {
                #expect((400..<600).contains(code.status), "\(route) \(code)")
                let response = try #require(responses[String(code.status)] as? [String: Any], "\(route) \(code)")
                #expect((response["description"] as? String)?.contains(code.rawValue) == true, "\(route) \(code)")
            }
        }
        let search = try #require(OpenAPIDocument.operations[.search])
        #expect(Set(search.parameters.map(\.name)) == ["q", "domain", "arch", "task", "license", "min", "sort", "limit", "cursor"])
    }

    @Test("the served document is the same JSON, and a documented route with placeholder values is routed")
    func servedAndRouted() async throws {
        try await TestRegistry.with { registry in
            let document = try await registry.request("GET", "/openapi.json")
            #expect(document.status == 200)
            #expect(document.object["openapi"] as? String == "3.1.0")
            let paths = try #require(document.object["paths"] as? [String: [String: Any]])
            let digest = "sha256:" + String(repeating: "a", count: 64)
            for (template, operations) in paths {
                let path = template
                    .replacingOccurrences(of: "{namespace}", with: "alice").replacingOccurrences(of: "{name}", with: "x")
                    .replacingOccurrences(of: "{reference}", with: "latest").replacingOccurrences(of: "{tag}", with: "latest")
                    .replacingOccurrences(of: "{digest}", with: digest).replacingOccurrences(of: "{id}", with: "nope")
                for method in operations.keys {
                    let response = try await registry.request(method.uppercased(), path, token: registry.tokens.admin)
                    #expect(response.errorCode != "ROUTE_UNKNOWN", "\(method) \(path) is documented but not routed")
                    #expect(response.status < 500, "\(method) \(path) answered \(response.status)")
                }
            }
            let unknown = try await registry.request("GET", "/v1/nothing")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ROUTE_UNKNOWN")
        }
    }

    private func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }
}
