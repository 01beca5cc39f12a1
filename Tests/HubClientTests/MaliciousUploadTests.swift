import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `hub push` against a registry that accepts nothing: it gives up after a bounded number of
/// tries with growing waits, and says how many tries over how long and what the registry answered.
@Suite("push to a registry that accepts nothing")
struct MaliciousUploadTests {
    let model = TestModels.base()
    /// An upload session's answer, as the registry sends it.
    static let session = #"{"id":"s1","offset":0,"expires":"2026-01-01T00:00:00Z","state":"open"}"#

    /// A registry that says every blob is missing and then never takes an upload byte.
    func stuckRegistry(chunkAnswer: CraftedRegistry.Route) throws -> CraftedRegistry {
        let missing = model.manifest.weights.map { "\"\($0.digest)\"" }.joined(separator: ",")
        return try CraftedRegistry([
            .init("POST", "/v1/blobs/check", text: #"{"missing":[\#(missing)],"present":[]}"#),
            .init("POST", "/v1/uploads", status: 201, text: Self.session),
            .init("GET", "/v1/uploads/s1", headers: ["Hub-Upload-Offset": "0"], text: Self.session),
            chunkAnswer,
            .init("PUT", "/v1/blobs/*", status: 503,
                  text: #"{"errors":[{"code":"UNAVAILABLE","message":"try later"}]}"#),
        ])
    }

    func push(_ registry: CraftedRegistry) throws -> HubProcess.Result {
        try ModelCache(root: registry.cachePath()).saveLocal(manifest: model.manifest, blobs: model.blobs)
        return try registry.hub(["push", "tests/base"], extra: [
            "HUB_TOKEN": "secret-token", "HUB_RETRIES": "4", "HUB_UPLOAD_CHUNK_BYTES": "1000", "HUB_PARALLEL": "1",
        ], timeout: 60)
    }

    @Test("chunks answered 202 with the offset never moving: gives up after 4 tries with backoff")
    func noProgress() throws {
        let registry = try stuckRegistry(chunkAnswer: .init("PATCH", "/v1/uploads/s1", status: 202,
                                                              headers: ["Hub-Upload-Offset": "0"],
                                                              text: Self.session))
        let result = try push(registry)
        #expect(result.status == CommandExitCode.failure.rawValue, "status \(result.status): \(result.stderr)")
        let digests = model.manifest.weights.map(\.digest.description)
        #expect(digests.contains { result.stderr.contains("blob \($0)") }, "\(result.stderr)")
        #expect(result.stderr.contains("no progress") && result.stderr.contains("4 tries over"), "\(result.stderr)")
        #expect(result.stderr.contains("HTTP 202") && result.stderr.contains("offset 0"), "\(result.stderr)")
        let patches = registry.requests.filter { $0.method == "PATCH" }
        #expect(patches.count == 4, "\(patches.count) PATCH requests")
        if let first = patches.first, let last = patches.last {
            // Waits of about 0.25, 0.5 and 1 s, each with +-20 % jitter.
            #expect(last.time - first.time >= 1.4, "tries \(last.time - first.time) s apart")
        }
    }

    @Test("chunks answered 503 every time: gives up after 4 tries, quoting the registry")
    func alwaysFailing() throws {
        let registry = try stuckRegistry(chunkAnswer: .init("PATCH", "/v1/uploads/s1", status: 503,
            text: #"{"errors":[{"code":"UNAVAILABLE","message":"disk is busy"}]}"#))
        let result = try push(registry)
        #expect(result.status == CommandExitCode.unreachable.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("4 tries over") && result.stderr.contains("disk is busy"), "\(result.stderr)")
        #expect(registry.requests.filter { $0.method == "PATCH" }.count == 4)
    }

    @Test("an offset that goes backwards or past the blob is refused")
    func offsetOutOfRange() throws {
        let registry = try stuckRegistry(chunkAnswer: .init("PATCH", "/v1/uploads/s1", status: 202,
                                                              headers: ["Hub-Upload-Offset": "99999999999"],
                                                              text: #"{"id":"s1","offset":99999999999,"expires":"2026-01-01T00:00:00Z","state":"open"}"#))
        let result = try push(registry)
        #expect(result.status == CommandExitCode.failure.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("offset 99,999,999,999"), "\(result.stderr)")
    }

    @Test("an offset that moves back and forth is no progress: gives up after 4 tries")
    func oscillatingOffset() throws {
        var route = CraftedRegistry.Route("PATCH", "/v1/uploads/s1", status: 202)
        route.cycle_headers = [["Hub-Upload-Offset": "1000"], ["Hub-Upload-Offset": "0"]]
        let registry = try stuckRegistry(chunkAnswer: route)
        let result = try push(registry)
        #expect(result.status == CommandExitCode.failure.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("no progress") && result.stderr.contains("4 tries over"), "\(result.stderr)")
        #expect(registry.requests.filter { $0.method == "PATCH" }.count == 5)
    }

    @Test("a publish answer naming another digest than the one pushed is refused")
    func publishAnswerMismatch() throws {
        let other = Digest.sha256(of: Data("other".utf8))
        let registry = try CraftedRegistry([
            .init("POST", "/v1/blobs/check", text: #"{"missing":[],"present":[]}"#),
            .init("PUT", "/v1/models/tests/base/manifests/latest", status: 201,
                  text: #"{"name":"tests/base","tag":"latest","digest":"\#(other)","created":true}"#),
        ])
        let result = try push(registry)
        #expect(result.status == CommandExitCode.integrity.rawValue, "status \(result.status): \(result.stderr)")
        #expect(result.stderr.contains("as \(other), but the push sent tests/base:latest as "
            + "\(Digest.sha256(of: model.manifest.canonicalData()))"), "\(result.stderr)")
    }
}
