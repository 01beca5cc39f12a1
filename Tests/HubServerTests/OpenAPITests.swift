import Foundation
import Testing

@Suite("OpenAPI document")
struct OpenAPITests {
    @Test("every documented path and method is routed")
    func everyPathRouted() async throws {
        try await TestRegistry.with { registry in
            let document = try await registry.request("GET", "/openapi.json")
            #expect(document.status == 200)
            #expect(document.object["openapi"] as? String == "3.1.0")
            let paths = try #require(document.object["paths"] as? [String: [String: Any]])
            #expect(paths.count == 11)
            let digest = "sha256:" + String(repeating: "a", count: 64)
            for (template, operations) in paths {
                let path = template
                    .replacingOccurrences(of: "{namespace}", with: "alice").replacingOccurrences(of: "{name}", with: "x")
                    .replacingOccurrences(of: "{reference}", with: "latest").replacingOccurrences(of: "{tag}", with: "latest")
                    .replacingOccurrences(of: "{digest}", with: digest).replacingOccurrences(of: "{id}", with: "nope")
                for method in operations.keys {
                    let response = try await registry.request(method.uppercased(), path, token: registry.tokens.admin)
                    #expect(response.errorCode != "ROUTE_UNKNOWN", "\(method) \(path) is documented but not routed")
                    #expect(response.status != 404 || response.errorCode != nil || method == "head", "\(method) \(path)")
                }
            }
            let unknown = try await registry.request("GET", "/v1/nothing")
            #expect(unknown.status == 404)
            #expect(unknown.errorCode == "ROUTE_UNKNOWN")
        }
    }
}
