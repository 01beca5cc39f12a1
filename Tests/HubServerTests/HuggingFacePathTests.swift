@testable import HubServer
import Testing

/// The `/hf` path grammar: every read route, both readings of an ambiguous repo id, and refusal of
/// hostile paths before any lookup.
@Suite("Hugging Face path grammar")
struct HuggingFacePathTests {
    private func parse(_ path: String) throws -> [HuggingFacePath] { try HuggingFacePath.readings(of: path) }

    @Test("resolve with a namespaced repo, a percent-encoded digest revision and a nested file path")
    func resolve() throws {
        let readings = try parse("/hf/alice/x/resolve/sha256%3Aabc/timm/model.safetensors")
        #expect(readings.first == HuggingFacePath(repository: "alice/x",
                                                  target: .resolve(revision: "sha256:abc", path: "timm/model.safetensors")))
        // The bare-name reading (repo "alice", revision "x"?) does not fit: segment 2 is not "resolve".
        #expect(readings.count == 1)
    }

    @Test("an official model by its bare name and by _/name")
    func official() throws {
        #expect(try parse("/hf/lite0/resolve/main/config.json")
            == [HuggingFacePath(repository: "lite0", target: .resolve(revision: "main", path: "config.json"))])
        #expect(try parse("/hf/_/lite0/resolve/main/config.json").first
            == HuggingFacePath(repository: "_/lite0", target: .resolve(revision: "main", path: "config.json")))
    }

    @Test("a path that reads two ways yields both, namespaced first")
    func ambiguous() throws {
        let readings = try parse("/hf/x/resolve/resolve/a/b")
        #expect(readings == [
            HuggingFacePath(repository: "x/resolve", target: .resolve(revision: "a", path: "b")),
            HuggingFacePath(repository: "x", target: .resolve(revision: "resolve", path: "a/b")),
        ])
        #expect(try parse("/hf/api/models/lite0/refs").map(\.target).contains(.refs))
    }

    @Test("every API route")
    func api() throws {
        #expect(try parse("/hf/api/models") == [HuggingFacePath(repository: nil, target: .listModels)])
        #expect(try parse("/hf/api/whoami-v2") == [HuggingFacePath(repository: nil, target: .whoami)])
        #expect(try parse("/hf/api/agent-harnesses") == [HuggingFacePath(repository: nil, target: .agentHarnesses)])
        #expect(try parse("/hf/api/models/alice/x").first == HuggingFacePath(repository: "alice/x", target: .modelInfo(revision: nil)))
        #expect(try parse("/hf/api/models/alice/x/revision/v1").first
            == HuggingFacePath(repository: "alice/x", target: .modelInfo(revision: "v1")))
        #expect(try parse("/hf/api/models/alice/x/tree/main").first
            == HuggingFacePath(repository: "alice/x", target: .tree(revision: "main", path: "")))
        #expect(try parse("/hf/api/models/alice/x/tree/main/timm").first
            == HuggingFacePath(repository: "alice/x", target: .tree(revision: "main", path: "timm")))
        #expect(try parse("/hf/api/models/alice/x/refs").first == HuggingFacePath(repository: "alice/x", target: .refs))
        #expect(try parse("/hf/api/models/alice/x/commits/main").first
            == HuggingFacePath(repository: "alice/x", target: .commits(revision: "main")))
        #expect(try parse("/hf/api/models/").first == HuggingFacePath(repository: nil, target: .listModels))
    }

    @Test("paths that are no read route give no reading")
    func unknown() throws {
        #expect(try parse("/v1/models/a/b").isEmpty)
        #expect(try parse("/hf/api/datasets/a/b").isEmpty)
        #expect(try parse("/hf/alice/x/blob/main/README.md").isEmpty)
        #expect(try parse("/hf/alice/x/resolve/main").isEmpty)
        #expect(try parse("/hf/api/models/alice/x/commits").isEmpty)
    }

    @Test("hostile paths are refused with what is wrong")
    func hostile() throws {
        #expect(throws: HuggingFacePathError.tooLong(bytes: 5003)) {
            try parse("/hf/" + String(repeating: "a", count: 4999))
        }
        #expect(throws: HuggingFacePathError.tooManySegments(70)) {
            try parse("/hf/alice/x/resolve/main/" + Array(repeating: "a", count: 66).joined(separator: "/"))
        }
        #expect(throws: HuggingFacePathError.badPercentEncoding("%zz")) { try parse("/hf/alice/x/resolve/main/%zz") }
        #expect(throws: HuggingFacePathError.badPercentEncoding("a%0")) { try parse("/hf/alice/x/resolve/main/a%0") }
        #expect(throws: HuggingFacePathError.badPercentEncoding("a%00b")) { try parse("/hf/alice/x/resolve/main/a%00b") }
        #expect(throws: HuggingFacePathError.badPercentEncoding("%ff%fe")) { try parse("/hf/alice/x/resolve/main/%ff%fe") }
        #expect(throws: HuggingFacePathError.badFilePath("../secret")) { try parse("/hf/alice/x/resolve/main/../secret") }
        #expect(throws: HuggingFacePathError.badFilePath("a/../b")) {
            try parse("/hf/alice/x/resolve/main/a/%2E%2E/b")
        }
        #expect(throws: HuggingFacePathError.badFilePath("a/b/c")) { try parse("/hf/alice/x/resolve/main/a%2Fb/c") }
        #expect(throws: HuggingFacePathError.segmentTooLong(bytes: 300)) {
            try parse("/hf/alice/x/resolve/" + String(repeating: "%41", count: 300) + "/f")
        }
    }

    @Test("an encoded slash in the revision is decoded (it names no hub revision, answered later)")
    func encodedRevision() throws {
        #expect(try parse("/hf/alice/x/resolve/refs%2Fpr%2F1/README.md").first
            == HuggingFacePath(repository: "alice/x", target: .resolve(revision: "refs/pr/1", path: "README.md")))
    }
}
