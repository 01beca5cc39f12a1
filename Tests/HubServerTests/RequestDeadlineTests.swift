import ContentStore
import Foundation
import Manifest
import Testing

/// Issue 11, class 8: a client that sends a body slowly enough to dodge the idle timeout is still
/// cut off at the request deadline, and the server keeps serving everyone else.
@Suite("request deadline")
struct RequestDeadlineTests {
    @Test("a PATCH dribbled one byte every 100 ms is answered 408 at the deadline, and the bytes received are kept")
    func dribbledUpload() async throws {
        try await TestRegistry.with(configure: { $0.requestDeadlineSeconds = 2; $0.idleTimeoutSeconds = 60 }) { registry in
            let started = try await registry.request("POST", "/v1/uploads", token: registry.tokens.alice)
            let id = try #require(started.object["id"] as? String)
            let head = "PATCH /v1/uploads/\(id) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(registry.tokens.alice)\r\n"
                + "Content-Length: 1000\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(
                head: head, bodyBytes: 1_000, pause: .milliseconds(100), limit: .seconds(8))
            #expect(outcome.elapsed < .seconds(5), "the server let the request run \(outcome.elapsed)")
            #expect(outcome.response.hasPrefix("HTTP/1.1 408"), "\(outcome.response)")
            #expect(outcome.response.contains("REQUEST_TIMEOUT"))
            #expect(await registry.isAlive())
            var offset = -1
            for _ in 0..<40 {  // the handler notices the closed connection asynchronously
                let status = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
                offset = status.object["offset"] as? Int ?? -1
                if offset > 0 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(offset > 5 && offset < 1_000, "the bytes that arrived before the deadline are kept: \(offset)")
        }
    }

    @Test("a download read too slowly is cut at the deadline (the idle timeout does not apply while responding)")
    func stalledDownload() async throws {
        try await TestRegistry.with(configure: { $0.requestDeadlineSeconds = 1; $0.idleTimeoutSeconds = 60 }) { registry in
            let blob = Data(repeating: 0xab, count: 24 << 20)  // far more than loopback socket buffers hold
            let digest = Digest.sha256(of: blob)
            let put = try await registry.request("PUT", "/v1/blobs/\(digest)", body: blob, token: registry.tokens.alice)
            #expect(put.status == 201)
            let received = try await SlowClient(url: registry.url).stalledDownload("/v1/blobs/\(digest)", stall: .seconds(3))
            #expect(received > 0)
            #expect(received < blob.count, "the whole blob arrived although the client stalled past the deadline")
            #expect(await registry.isAlive())
        }
    }

    @Test("time between requests on a kept-alive connection does not count against the deadline")
    func keptAliveConnection() async throws {
        try await TestRegistry.with(configure: { $0.requestDeadlineSeconds = 1; $0.idleTimeoutSeconds = 60 }) { registry in
            let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let answers = try await SlowClient(url: registry.url).keptAlive([request, request, request], pause: .milliseconds(1_500))
            #expect(answers.count == 3)
            #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") }, "\(answers)")
        }
    }

    @Test("requests that finish inside the deadline are not affected, on the same connection or not")
    func normalRequests() async throws {
        try await TestRegistry.with(configure: { $0.requestDeadlineSeconds = 2 }) { registry in
            for _ in 0..<3 {
                try await Task.sleep(for: .milliseconds(900))
                #expect(await registry.isAlive())
            }
            let blob = Data(repeating: 1, count: 3 << 20)
            let digest = Digest.sha256(of: blob)
            let put = try await registry.request("PUT", "/v1/blobs/\(digest)", body: blob, token: registry.tokens.alice)
            #expect(put.status == 201)
        }
    }
}
