import Foundation
import HubTestSupport
@testable import HubClient
import Manifest
@testable import ModelStore
import Testing

/// `hub push` against a registry whose upload session stays busy (`409 UPLOAD_BUSY`) for a while, as it
/// does when the replica that was writing it died and its claim has not lapsed yet: the push waits the
/// busy spell out (up to `BusySession.patience`) instead of counting each answer as a failed try.
@Suite("push through a busy upload session")
struct BusyUploadSessionTests {
    let model = TestModels.base()
    static let session = #"{"id":"s1","offset":0,"expires":"2026-01-01T00:00:00Z","state":"open"}"#
    static let busy = #"{"errors":[{"code":"UPLOAD_BUSY","message":"another request is still writing","detail":{"id":"s1"}}]}"#

    @Test("five busy answers to a chunk and two to the finishing PUT: the upload waits and goes on")
    func waitsOutBusySpells() throws {
        let missing = model.manifest.weights.map { "\"\($0.digest)\"" }.joined(separator: ",")
        var chunk = CraftedRegistry.Route("PATCH", "/v1/uploads/s1", text: Self.busy)
        chunk.statuses = [409, 409, 409, 409, 409, 202]
        var finish = CraftedRegistry.Route("PUT", "/v1/uploads/s1", text: Self.busy)
        finish.statuses = [409, 409, 201]
        let registry = try CraftedRegistry([
            .init("POST", "/v1/blobs/check", text: #"{"missing":[\#(missing)],"present":[]}"#),
            .init("POST", "/v1/uploads", status: 201, text: Self.session),
            .init("GET", "/v1/uploads/s1", headers: ["Hub-Upload-Offset": "0"], text: Self.session),
            chunk, finish,
        ])
        try ModelCache(root: registry.cachePath()).saveLocal(manifest: model.manifest, blobs: model.blobs)
        let result = try registry.hub(["push", "tests/base"], extra: [
            "HUB_TOKEN": "secret-token", "HUB_RETRIES": "4", "HUB_UPLOAD_CHUNK_BYTES": "1000", "HUB_PARALLEL": "1",
        ], timeout: 120)
        #expect(!result.stderr.contains("no progress") && !result.stderr.contains("busy for"), "\(result.stderr)")
        let sessionRequests = registry.requests.filter { $0.path.hasPrefix("/v1/uploads/s1") && $0.method != "GET" }
        let methods = sessionRequests.prefix(8).map(\.method)
        #expect(methods == ["PATCH", "PATCH", "PATCH", "PATCH", "PATCH", "PATCH"] + methods.dropFirst(6), "\(methods)")
        let finishes = sessionRequests.filter { $0.method == "PUT" }
        #expect(finishes.count >= 3, "the finishing PUT was tried \(finishes.count) times")
        if sessionRequests.count >= 5 {
            #expect(sessionRequests[4].time - sessionRequests[0].time >= 3.5, "the busy answers were waited out about a second apart")
        }
    }
}
