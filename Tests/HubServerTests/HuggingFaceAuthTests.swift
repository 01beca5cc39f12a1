import Foundation
import Testing

/// Tokens on the `/hf` routes: `whoami-v2`, bad tokens with the exact message HF clients recognise,
/// and a `--private` registry answering `RepoNotFound` with 401 to anonymous callers.
@Suite("Hugging Face authentication")
struct HuggingFaceAuthTests {
    static let invalid = "Invalid credentials in Authorization header"

    @Test("whoami-v2 names the token's user and role; no token and a bad token answer 401")
    func whoami() async throws {
        try await TestRegistry.with { registry in
            let alice = try await registry.request("GET", "/hf/api/whoami-v2", token: registry.tokens.alice)
            #expect(alice.status == 200)
            #expect(alice.object["name"] as? String == "alice")
            let token = ((alice.object["auth"] as? [String: Any])?["accessToken"] as? [String: Any])
            #expect(token?["role"] as? String == "write")
            let reader = try await registry.request("GET", "/hf/api/whoami-v2", token: registry.tokens.reader)
            #expect(((reader.object["auth"] as? [String: Any])?["accessToken"] as? [String: Any])?["role"] as? String == "read")
            let anonymous = try await registry.request("GET", "/hf/api/whoami-v2")
            #expect(anonymous.status == 401)
            for bad in [registry.tokens.revoked, "not-a-token"] {
                let response = try await registry.request("GET", "/hf/api/whoami-v2", token: bad)
                #expect(response.status == 401)
                #expect(response.headers["x-error-message"] == Self.invalid)
            }
        }
    }

    @Test("a bad token on a read route answers 401 with the exact message, not RepoNotFound")
    func badTokenOnRead() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            let response = try await registry.request("HEAD", "/hf/alice/resnet/resolve/main/README.md", token: "wrong")
            #expect(response.status == 401)
            #expect(response.headers["x-error-message"] == Self.invalid)
            #expect(response.hfErrorCode != "RepoNotFound")
            let malformed = try await registry.request("GET", "/hf/api/models", headers: ["Authorization": "Basic abc"])
            #expect(malformed.status == 401 && malformed.headers["x-error-message"] == Self.invalid)
            let hubRoute = try await registry.request("GET", "/v1/search", token: "wrong")
            #expect(hubRoute.status == 401 && hubRoute.errorCode == "UNAUTHORIZED", "hub's own routes keep hub's error body")
        }
    }

    @Test("a private registry: anonymous 401 RepoNotFound, a read token reads, model info says private")
    func privateRegistry() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            for path in ["/hf/alice/resnet/resolve/main/README.md", "/hf/api/models/alice/resnet", "/hf/api/models"] {
                let anonymous = try await registry.request("GET", path)
                #expect(anonymous.status == 401, "\(path)")
                #expect(anonymous.hfErrorCode == "RepoNotFound", "\(path)")
                let bad = try await registry.request("GET", path, token: registry.tokens.revoked)
                #expect(bad.status == 401 && bad.headers["x-error-message"] == Self.invalid, "\(path)")
                let reader = try await registry.request("GET", path, token: registry.tokens.reader)
                #expect(reader.status == 200, "\(path)")
            }
            let info = try await registry.request("GET", "/hf/api/models/alice/resnet", token: registry.tokens.reader)
            #expect(info.object["private"] as? Bool == true)
        }
    }

    @Test("the agent-harnesses probe answers 404 quietly")
    func agentHarnesses() async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("GET", "/hf/api/agent-harnesses")
            #expect(response.status == 404)
            #expect(response.hfErrorCode != nil)
        }
    }
}
