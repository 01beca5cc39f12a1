import Foundation
@testable import HubServer
import HuggingFace
import Manifest
import Testing

@Suite("Hugging Face commit: an HF upload becomes a hub version")
struct HuggingFaceCommitTests {
    /// A pushed model and the `hub pull --output` folder of it: manifest.json and model.safetensors.
    struct PulledFolder {
        let model: SyntheticModel
        let weights: Data
    }

    func pushed(_ registry: TestRegistry, name: String = "alice/pulled") async throws -> PulledFolder {
        let model = SyntheticModel.safetensors(name: name)
        let pushed = try await registry.push(model, token: registry.tokens.alice)
        #expect(pushed.status == 201)
        let blobs = registry.data.blobs
        let reader = StoredBlobReader(blobs: blobs)
        let merged = try MergedSafetensors(groups: model.manifest.weights, blobs: reader)
        return PulledFolder(model: model, weights: try merged.bytes(in: 0..<merged.size, blobs: reader))
    }

    /// Uploads model.safetensors through LFS and commits the folder; returns the commit answer.
    func upload(_ folder: PulledFolder, weights: Data? = nil, to repository: String, _ registry: TestRegistry,
                token: String?) async throws -> WireResponse {
        let weights = weights ?? folder.weights
        let oid = Digest.sha256(of: weights).hex
        let batch = try await registry.lfsBatch(repository, [(oid, weights.count)], token: token)
        let object = (batch.object["objects"] as? [[String: Any]])?.first
        if let upload = ((object?["actions"] as? [String: Any])?["upload"] as? [String: Any])?["href"] as? String {
            #expect(try await registry.request("PUT", registry.localPath(of: upload), body: weights).status == 200)
        }
        return try await registry.hfCommit(repository, [
            commitFile("manifest.json", folder.model.bytes),
            commitLFSFile("model.safetensors", oid: oid, size: weights.count),
        ], token: token)
    }

    func versionCount(_ registry: TestRegistry) async throws -> Int {
        try await registry.data.database.read { db in try db.first("SELECT COUNT(*) FROM versions") { Int($0.int64(0)) } ?? 0 }
    }

    @Test("a pulled folder uploads back to the same manifest digest, twice without a new version")
    func pulledFolderRoundTrip() async throws {
        try await TestRegistry.with { registry in
            let folder = try await pushed(registry)
            for _ in 0..<2 {
                let answer = try await upload(folder, to: "alice/pulled", registry, token: registry.tokens.alice)
                #expect(answer.status == 200)
                #expect(answer.object["commitOid"] as? String == folder.model.digest.commitID)
                #expect((answer.object["commitUrl"] as? String)?.hasSuffix("/hf/models/alice/pulled/commit/\(folder.model.digest.commitID)") == true)
            }
            #expect(try await versionCount(registry) == 1)
        }
    }

    @Test("a commit to a tag publishes under that tag")
    func commitToTag() async throws {
        try await TestRegistry.with { registry in
            let folder = try await pushed(registry)
            let answer = try await registry.hfCommit("alice/pulled", revision: "v2", [commitFile("manifest.json", folder.model.bytes)],
                                                     token: registry.tokens.alice)
            #expect(answer.status == 200)
            let tagged = try await registry.request("GET", "/v1/models/alice/pulled/manifests/v2")
            #expect(tagged.headers["hub-content-digest"] == folder.model.digest.description)
        }
    }

    @Test("weights that differ from the manifest's are refused and nothing changes")
    func mismatchedWeights() async throws {
        try await TestRegistry.with { registry in
            let folder = try await pushed(registry)
            var altered = folder.weights
            altered[altered.count - 1] ^= 0x01
            let answer = try await upload(folder, weights: altered, to: "alice/pulled", registry, token: registry.tokens.alice)
            #expect(answer.status == 400)
            #expect(answer.text.contains("model.safetensors"))
            #expect(try await versionCount(registry) == 1)
            for (digest, data) in folder.model.blobs { #expect(try registry.data.blobs.readAll(digest) == data) }
        }
    }

    @Test("a commit of another layout is refused with what hub accepts")
    func unsupportedLayout() async throws {
        try await TestRegistry.with { registry in
            let answer = try await registry.hfCommit("alice/notes", [commitFile("notes.txt", Data("hello".utf8))],
                                                     token: registry.tokens.alice)
            #expect(answer.status == 400)
            #expect(answer.headers["x-error-code"] == "BadRequest")
            #expect(answer.text.contains("hub pull --output"))
            #expect(try await versionCount(registry) == 0)
        }
    }

    @Test("malformed ndjson is refused naming the line", arguments: [
        "not json\n",
        "{\"key\":\"file\",\"value\":{\"path\":\"a\",\"content\":\"\"}}\n",
        "{\"key\":\"header\",\"value\":{}}\n{\"key\":\"copy\",\"value\":{\"path\":\"a\"}}\n",
        "{\"key\":\"header\",\"value\":{}}\n{\"key\":\"file\",\"value\":{\"path\":\"../a\",\"content\":\"\"}}\n",
        "{\"key\":\"header\",\"value\":{}}\n{\"key\":\"file\",\"value\":{\"path\":\"a\",\"content\":\"@@@\"}}\n",
        "{\"key\":\"header\",\"value\":{}}\n{\"key\":\"lfsFile\",\"value\":{\"path\":\"a\",\"oid\":\"abc\"}}\n",
    ])
    func malformed(body: String) async throws {
        try await TestRegistry.with { registry in
            let answer = try await registry.request("POST", "/hf/api/models/alice/x/commit/main",
                                                    headers: ["Content-Type": "application/x-ndjson"], body: Data(body.utf8),
                                                    token: registry.tokens.alice)
            #expect(answer.status == 400)
            #expect(answer.text.contains("line"))
        }
    }

    @Test("a commit needs a token that may write the namespace; no pull requests; no commit to a fixed version")
    func refusals() async throws {
        try await TestRegistry.with { registry in
            let folder = try await pushed(registry)
            let line = [commitFile("manifest.json", folder.model.bytes)]
            #expect(try await registry.hfCommit("alice/pulled", line, token: nil).status == 401)
            #expect(try await registry.hfCommit("alice/pulled", line, token: registry.tokens.bob).status == 403)
            #expect(try await registry.hfCommit("alice/pulled", line, token: registry.tokens.reader).status == 403)
            let pinned = try await registry.hfCommit("alice/pulled", revision: folder.model.digest.commitID, line,
                                                     token: registry.tokens.alice)
            #expect(pinned.status == 400)
            let pullRequest = try await registry.request("POST", "/hf/api/models/alice/pulled/commit/main?create_pr=1",
                                                         body: Data(), token: registry.tokens.alice)
            #expect(pullRequest.status == 400)
            #expect(pullRequest.text.contains("pull requests"))
        }
    }

    @Test("a manifest named for another model is refused")
    func otherName() async throws {
        try await TestRegistry.with { registry in
            let folder = try await pushed(registry)
            let answer = try await upload(folder, to: "alice/elsewhere", registry, token: registry.tokens.alice)
            #expect(answer.status == 400)
            #expect(answer.errorMessage.contains("alice/pulled"))
        }
    }
}
