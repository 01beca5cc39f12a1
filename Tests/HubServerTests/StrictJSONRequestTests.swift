import ContentStore
import Foundation
import Manifest
import Testing

/// Issue 11, class 4: what the server checked is what every reader reads. JSON with a key twice (at
/// any depth), nested too deep, or with an integer a double cannot hold is refused, naming where.
@Suite("the server reads request JSON strictly")
struct StrictJSONRequestTests {
    @Test("a manifest naming a key twice is refused at that key, at any depth", arguments: [
        ("\"name\":\"alice/dup\"", "\"name\":\"alice/dup\",\"name\":\"bob/dup\"", "name"),
        ("\"task\":\"image-classification\"", "\"task\":\"image-classification\",\"task\":\"x\"", "task"),
        ("\"channelOrder\":\"RGB\"", "\"channelOrder\":\"RGB\",\"channelOrder\":\"BGR\"", "input.channelOrder"),
        ("\"group\":\"head\"", "\"group\":\"head\",\"group\":\"backbone\"", "weights[1].group"),
        ("\"config\":{}", "\"config\":{\"\u{E9}\":1,\"e\u{301}\":2}", "architecture.config[\"e\u{301}\"]"),
    ])
    func duplicateKeys(target: String, replacement: String, path: String) async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/dup")
            for (digest, data) in model.blobs {
                _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
            }
            let bytes = model.text(replacing: target, with: replacement)
            let response = try await registry.publish(bytes, to: "alice/dup", token: registry.tokens.alice)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorCode == "MANIFEST_INVALID")
            #expect(response.issuePaths == [path], "\(response.issuePaths)")
            #expect(response.issueMessages.first?.contains("duplicate key") == true, "\(response.issueMessages)")
            let stored = try await registry.request("GET", "/v1/models/alice/dup/manifests/latest")
            #expect(stored.status == 404)
        }
    }

    @Test("a manifest nested deeper than 64 levels is refused, and the server keeps answering")
    func tooDeep() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/deep")
            // The document, `architecture` and `config` are three levels: 61 arrays inside make 64.
            for depth in [61, 62, 100_000] {
                let nested = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                let bytes = model.text(replacing: "\"config\":{}", with: "\"config\":{\"x\":\(nested)}")
                let response = try await registry.publish(bytes, to: "alice/deep", token: registry.tokens.alice)
                #expect(response.status == 400, "\(response.text.prefix(300))")
                #expect(response.errorCode == (depth == 61 ? "MANIFEST_BLOB_UNKNOWN" : "MANIFEST_INVALID"))
                if depth > 61 {
                    #expect(response.issueMessages.first?.contains("nested more than 64 deep") == true, "\(response.issueMessages)")
                }
                #expect(await registry.isAlive())
            }
        }
    }

    @Test("an integer a double cannot hold exactly is refused where it is")
    func inexactInteger() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/seed")
            let bytes = model.text(replacing: "\"config\":{}", with: "\"config\":{\"seed\":18446744073709551615}")
            let response = try await registry.publish(bytes, to: "alice/seed", token: registry.tokens.alice)
            #expect(response.errorCode == "MANIFEST_INVALID", "\(response.text)")
            #expect(response.issuePaths == ["architecture.config.seed"])
        }
    }

    @Test("request bodies with a key twice are refused naming it", arguments: [
        ("/v1/uploads", "{\"size\":5,\"size\":1e300}", "size"),
        ("/v1/blobs/check", "{\"digests\":[],\"digests\":[\"sha256:x\"]}", "digests"),
    ])
    func duplicateBodyKeys(path: String, body: String, field: String) async throws {
        try await TestRegistry.with { registry in
            let response = try await registry.request("POST", path, body: Data(body.utf8), token: registry.tokens.alice)
            #expect(response.status == 400, "\(response.text)")
            #expect(response.errorCode == "QUERY_INVALID")
            #expect(response.errorPath == field, "\(response.text)")
            #expect(response.text.contains("duplicate key"))
        }
    }
}
