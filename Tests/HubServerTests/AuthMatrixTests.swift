import Foundation
import Testing

@Suite("auth matrix")
struct AuthMatrixTests {
    enum Role: String, CaseIterable { case anonymous, reader, owner, other, admin, revoked }

    func token(_ role: Role, _ registry: TestRegistry) -> String? {
        switch role {
        case .anonymous: return nil
        case .reader: return registry.tokens.reader
        case .owner: return registry.tokens.alice
        case .other: return registry.tokens.bob
        case .admin: return registry.tokens.admin
        case .revoked: return registry.tokens.revoked
        }
    }

    /// Status of search, pull, push (to alice/…), push (official) and delete tag for each role.
    func statuses(_ role: Role, isPrivate: Bool) async throws -> [String: Int] {
        try await TestRegistry.with(isPrivate: isPrivate) { registry in
            let existing = SyntheticModel.make(name: "alice/existing", seed: 9)
            let pushed = try await registry.push(existing, token: registry.tokens.admin)
            #expect(pushed.status == 201)
            let token = token(role, registry)
            var result: [String: Int] = [:]
            result["search"] = try await registry.request("GET", "/v1/search?q=test", token: token).status
            result["pull"] = try await registry.request("GET", "/v1/models/alice/existing/manifests/latest", token: token).status
            result["blob"] = try await registry.request("GET", "/v1/blobs/\(existing.manifest.weights[0].digest)", token: token).status
            let own = SyntheticModel.make(name: "alice/new-\(role.rawValue)", seed: 3)
            result["push"] = try await registry.push(own, token: token).status
            let official = SyntheticModel.make(name: "official-\(role.rawValue)", seed: 4)
            let upload = try await registry.push(official, token: token)
            result["pushOfficial"] = upload.status
            result["delete"] = try await registry.request("DELETE", "/v1/models/alice/existing/tags/latest", token: token).status
            if let body = upload.object["errors"] as? [[String: Any]], let message = body.first?["message"] as? String {
                #expect(!message.isEmpty)
                if let token { #expect(!message.contains(token)) }
            }
            return result
        }
    }

    @Test("public registry: reads are open, writes need the right token", arguments: Role.allCases)
    func publicRegistry(role: Role) async throws {
        let expected: [Role: [String: Int]] = [
            .anonymous: ["search": 200, "pull": 200, "blob": 200, "push": 401, "pushOfficial": 401, "delete": 401],
            .reader: ["search": 200, "pull": 200, "blob": 200, "push": 403, "pushOfficial": 403, "delete": 403],
            .owner: ["search": 200, "pull": 200, "blob": 200, "push": 201, "pushOfficial": 403, "delete": 204],
            .other: ["search": 200, "pull": 200, "blob": 200, "push": 403, "pushOfficial": 403, "delete": 403],
            .admin: ["search": 200, "pull": 200, "blob": 200, "push": 201, "pushOfficial": 201, "delete": 204],
            .revoked: ["search": 401, "pull": 401, "blob": 401, "push": 401, "pushOfficial": 401, "delete": 401],
        ]
        #expect(try await statuses(role, isPrivate: false) == expected[role]!)
    }

    @Test("private registry: every read needs a valid token", arguments: [Role.anonymous, .reader, .revoked])
    func privateRegistry(role: Role) async throws {
        let result = try await statuses(role, isPrivate: true)
        let read = role == .reader ? 200 : 401
        #expect(result["search"] == read)
        #expect(result["pull"] == read)
        #expect(result["blob"] == read)
    }

    @Test("401 and 403 carry actionable messages and a Bearer challenge")
    func messages() async throws {
        try await TestRegistry.with { registry in
            let anonymous = try await registry.request("DELETE", "/v1/models/alice/x/tags/latest")
            #expect(anonymous.errorCode == "UNAUTHORIZED")
            #expect(anonymous.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(anonymous.text.contains("hub login"))
            let other = try await registry.request("DELETE", "/v1/models/alice/x/tags/latest", token: registry.tokens.bob)
            #expect(other.errorCode == "DENIED")
            #expect(other.text.contains("bob/"))
            let health = try await registry.request("GET", "/healthz", token: registry.tokens.revoked)
            #expect(health.status == 401)
        }
    }
}
