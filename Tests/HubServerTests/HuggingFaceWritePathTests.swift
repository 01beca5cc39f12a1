@testable import HubServer
import Testing

@Suite("the /hf write route grammar")
struct HuggingFaceWritePathTests {
    @Test("each route, with namespaced and official repos and percent-encoded revisions")
    func routes() {
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/repos/create") == .createRepository)
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/validate-yaml") == .validateYAML)
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/lfs/verify") == .verifyObject)
        #expect(HuggingFaceWritePath(method: "PUT", rawPath: "/hf/api/lfs/objects/ab12") == .putObject(oid: "ab12"))
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/models/alice/x/preupload/main")
            == .preupload(namespace: "alice", name: "x", revision: "main"))
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/models/x/commit/sha256%3Aab")
            == .commit(namespace: nil, name: "x", revision: "sha256:ab"))
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/api/models/_/x/paths-info/v1")
            == .pathsInfo(namespace: "_", name: "x", revision: "v1"))
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/alice/x.git/info/lfs/objects/batch")
            == .lfsBatch(namespace: "alice", name: "x"))
        #expect(HuggingFaceWritePath(method: "POST", rawPath: "/hf/x.git/info/lfs/objects/batch")
            == .lfsBatch(namespace: nil, name: "x"))
    }

    @Test("anything else is no route", arguments: [
        ("POST", "/hf/api/models/alice/x/tree/main"), ("GET", "/hf/api/repos/create"),
        ("PUT", "/hf/api/lfs/objects"), ("POST", "/hf/a/b/c.git/info/lfs/objects/batch"),
        ("POST", "/hf/.git/info/lfs/objects/batch"), ("POST", "/hf/alice/x/info/lfs/objects/batch"),
        ("POST", "/v1/api/repos/create"), ("POST", "/hf/api/models/alice/x/commit/%zz"),
        ("POST", "/hf/api/models/a/b/c/commit/main"),
    ])
    func noRoute(method: String, path: String) {
        #expect(HuggingFaceWritePath(method: method, rawPath: path) == nil)
    }
}
