import Foundation
@testable import HubServer
import RegistryAPI
import Testing

/// The shared route table (`RegistryAPI.Route.all`) is the one source: the server registers exactly its
/// routes and the OpenAPI document describes exactly them, each as the table says.
@Suite("route table drives the server and the OpenAPI document")
struct RouteTableTests {
    @Test("the server registers every route of the table, at its method and path, and no other outside /hf")
    func registration() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-routes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RegistryServer(configuration: ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false))
        let registered = server.makeRouter().routes.map { route in
            let template = route.path.description.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
            return "\(route.method.rawValue) \(template)"
        }.filter { !$0.contains(" /hf/") }  // the Hugging Face routes are HF's API, documented in docs/huggingface.md
            .filter { entry in WebRequest.apiPrefixes.contains { entry.contains(" " + $0) } }  // pages: HTML, not the API
        #expect(registered.count == Set(registered).count, "a route is registered twice")
        #expect(Set(registered) == Set(Route.all.map(\.description)))
    }

    @Test("the document has one operation per route (and a HEAD twin per GET), named and secured as the table says")
    func document() throws {
        #expect(Set(OpenAPIDocument.operations.keys) == Set(Route.all))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let paths = try #require(object["paths"] as? [String: [String: [String: Any]]])
        let documented = paths.flatMap { path, operations in operations.keys.map { "\($0) \(path)" } }
        let expected = Route.all.flatMap { route in
            ["\(route.method.rawValue.lowercased()) \(route.template)"] + (route.method == .get ? ["head \(route.template)"] : [])
        }
        #expect(Set(documented) == Set(expected))
        for route in Route.all {
            let operation = try #require(paths[route.template]?[route.method.rawValue.lowercased()], "\(route)")
            #expect(operation["operationId"] as? String == route.name)
            #expect(operation["summary"] as? String == route.summary)
            let security = operation["security"] as? [[String: Any]] ?? []
            switch route.access {
            case .anyone: #expect(security.isEmpty, "\(route)")
            case .read: #expect(security.count == 2 && security.contains { $0.isEmpty }, "\(route)")
            case .write: #expect(security.count == 1 && security[0]["bearer"] != nil, "\(route)")
            }
            let parameters = operation["parameters"] as? [[String: Any]] ?? []
            let pathParameters = parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
            #expect(pathParameters == route.parameterNames, "\(route)")
        }
    }

    @Test("the document's error schema lists every code of the table")
    func errorSchema() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let components = try #require((object["components"] as? [String: Any])?["schemas"] as? [String: Any])
        let errors = try #require(components["Errors"] as? [String: Any])
        let entry = (((errors["properties"] as? [String: Any])?["errors"] as? [String: Any])?["items"] as? [String: Any])
        let code = (entry?["properties"] as? [String: Any])?["code"] as? [String: Any]
        #expect(Set(code?["enum"] as? [String] ?? []) == Set(ErrorCode.allCases.map(\.rawValue)))
    }
}
