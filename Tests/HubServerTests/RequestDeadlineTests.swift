import ContentStore
import Foundation
@testable import HubServer
import Manifest
import Testing

/// Issue 11, class 8: a client that sends a body slowly enough to dodge the idle timeout, or reads a
/// download that slowly, is still cut off at the request deadline, and the server keeps serving.
///
/// The deadline is 2 s here. The 408 and the cut come from the connection's event loop, so they are on
/// time even when the test machine is busy; requests that need the server's handlers (which share the
/// machine with every other test) are retried or given room, so a slow machine does not fail them.
@Suite("request deadline")
struct RequestDeadlineTests {
    static func configure(_ configuration: inout ServerConfiguration) {
        configuration.requestDeadlineSeconds = 2
        configuration.idleTimeoutSeconds = 60
    }

    @Test("a PATCH dribbled one byte every 100 ms is answered 408 at the deadline, and the bytes received are kept")
    func dribbledUpload() async throws {
        try await TestRegistry.with(configure: Self.configure) { registry in
            // The session is opened directly: what is under test is the PATCH, and on a busy machine the
            // POST's own handler can miss the 2 s deadline.
            let session = try await registry.server.uploads.create(user: "alice", digest: nil, size: nil).id
            let head = "PATCH /v1/uploads/\(session) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer \(registry.tokens.alice)\r\nContent-Length: 1000\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(
                head: head, bodyBytes: 1_000, pause: .milliseconds(100), limit: .seconds(20))
            #expect(outcome.elapsed < .seconds(15), "the server let the request run \(outcome.elapsed)")
            #expect(outcome.bytesSent < 150)
            #expect(outcome.response.hasPrefix("HTTP/1.1 408"), "\(outcome.response)")
            #expect(outcome.response.contains("REQUEST_TIMEOUT"))
            var offset = -1
            for _ in 0..<200 where offset <= 0 {  // the handler notices the closed connection asynchronously
                let status = try await registry.request("GET", "/v1/uploads/\(session)", token: registry.tokens.alice)
                offset = status.object["offset"] as? Int ?? -1
                if offset <= 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(offset > 0 && offset <= outcome.bytesSent, "the bytes that arrived before the deadline are kept: \(offset)")
            #expect(await Self.answersAgain(registry))
        }
    }

    @Test("a download read too slowly is cut at the deadline (the idle timeout does not apply while responding)")
    func stalledDownload() async throws {
        try await TestRegistry.with(configure: Self.configure) { registry in
            let blob = Data(repeating: 0xab, count: 24 << 20)  // far more than loopback socket buffers hold
            let digest = Digest.sha256(of: blob)
            try registry.data.blobs.store(blob, expected: digest)
            let received = try await SlowClient(url: registry.url).stalledDownload("/v1/blobs/\(digest)", stall: .seconds(4))
            #expect(received > 0)
            #expect(received < blob.count, "the whole blob arrived although the client stalled past the deadline")
            #expect(await Self.answersAgain(registry))
        }
    }

    @Test("time between requests on a kept-alive connection does not count against the deadline")
    func keptAliveConnection() async throws {
        try await TestRegistry.with(configure: Self.configure) { registry in
            let request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            var answers: [String] = []
            for _ in 0..<3 {  // retried only when a busy machine did not answer the first request in time
                answers = try await SlowClient(url: registry.url).keptAlive([request, request], pause: .seconds(3))
                if answers.first?.hasPrefix("HTTP/1.1 200") == true { break }
            }
            #expect(answers.first?.hasPrefix("HTTP/1.1 200") == true, "\(answers)")
            // Had the first request's deadline kept running, the connection would be closed by now.
            #expect(answers.last?.hasPrefix("HTTP/1.1 ") == true, "\(answers)")
        }
    }

    /// The server still serves: a `/healthz` answered 200 within a few tries (a try that waits on a
    /// machine busy with other tests can itself run into the 2 s deadline).
    static func answersAgain(_ registry: TestRegistry) async -> Bool {
        for _ in 0..<10 {
            if await registry.isAlive() { return true }
        }
        return false
    }
}
