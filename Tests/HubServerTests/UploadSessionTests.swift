import ContentStore
import Foundation
@testable import HubServer
import Manifest
import Testing

@Suite("chunked upload sessions")
struct UploadSessionTests {
    static let blob = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
    static var digest: Digest { Digest.sha256(of: blob) }

    func start(_ registry: TestRegistry, size: Int? = nil) async throws -> String {
        let body = size.map { Data("{\"size\":\($0)}".utf8) } ?? Data()
        let started = try await registry.request("POST", "/v1/uploads", body: body, token: registry.tokens.alice)
        #expect(started.status == 202, "\(started.text)")
        return try #require(started.object["id"] as? String)
    }

    func patch(_ registry: TestRegistry, _ id: String, _ range: Range<Int>) async throws -> WireResponse {
        try await registry.request("PATCH", "/v1/uploads/\(id)",
                                   headers: ["Content-Range": "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(Self.blob.count)"],
                                   body: Self.blob[range], token: registry.tokens.alice)
    }

    @Test("an upload resumed after a dropped connection completes with the right bytes")
    func resumeAfterDrop() async throws {
        try await TestRegistry.with { registry in
            let id = try await start(registry, size: Self.blob.count)
            let first = try await patch(registry, id, 0..<1_000_000)
            #expect(first.status == 202)
            #expect(first.headers["hub-upload-offset"] == "1000000")
            // The second chunk's connection drops after 700,000 of its 2,000,000 bytes.
            try await registry.http.dropMidBody(
                "PATCH", "/v1/uploads/\(id)", headers: ["Content-Range": "bytes 1000000-2999999/3000000"],
                body: Self.blob[1_000_000...], prefix: 700_000, token: registry.tokens.alice)
            var offset = 0
            for _ in 0..<50 {  // the server notices the drop asynchronously
                let status = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
                offset = status.object["offset"] as? Int ?? -1
                if offset == 1_700_000 { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(offset == 1_700_000)
            // The dropped request's handler may still hold the session for a moment after its bytes are
            // visible (in a bucket it releases its database claim last): busy, then the real answer.
            var stale = try await patch(registry, id, 1_000_000..<3_000_000)
            for _ in 0..<100 where stale.errorCode == "UPLOAD_BUSY" {
                try await Task.sleep(for: .milliseconds(100))
                stale = try await patch(registry, id, 1_000_000..<3_000_000)
            }
            #expect(stale.status == 416)
            #expect(stale.errorCode == "UPLOAD_OFFSET_MISMATCH")
            let rest = try await registry.request("PUT", "/v1/uploads/\(id)?digest=\(Self.digest)",
                                                  headers: ["Content-Range": "bytes \(offset)-2999999/3000000"],
                                                  body: Self.blob[offset...], token: registry.tokens.alice)
            #expect(rest.status == 201, "\(rest.text)")
            #expect(rest.headers["location"] == "/v1/blobs/\(Self.digest)")
            let pulled = try await registry.request("GET", "/v1/blobs/\(Self.digest)")
            #expect(pulled.body == Self.blob)
            let finished = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(finished.errorCode == "UPLOAD_UNKNOWN")
        }
    }

    @Test("finishing with the wrong digest or size stores nothing and discards the session")
    func wrongDigestOrSize() async throws {
        try await TestRegistry.with { registry in
            let id = try await start(registry)
            _ = try await patch(registry, id, 0..<3_000_000)
            let other = Digest.sha256(of: Data("other".utf8))
            let wrong = try await registry.request("PUT", "/v1/uploads/\(id)?digest=\(other)", token: registry.tokens.alice)
            #expect(wrong.status == 400)
            #expect(wrong.errorCode == "DIGEST_INVALID")
            #expect(try !registry.data.blobs.isStored(other))
            #expect(try !registry.data.blobs.isStored(Self.digest))
            #expect((try? registry.data.sessions.length(of: id)) == nil)

            let sized = try await start(registry, size: 10)
            _ = try await patch(registry, sized, 0..<100)
            let tooLong = try await registry.request("PUT", "/v1/uploads/\(sized)?digest=\(Digest.sha256(of: Self.blob.prefix(100)))",
                                                     token: registry.tokens.alice)
            #expect(tooLong.errorCode == "SIZE_INVALID")
            #expect(try !registry.data.blobs.isStored(Digest.sha256(of: Self.blob.prefix(100))))
        }
    }

    @Test("an out-of-order chunk is refused with the offset to resume from; sessions are private to their user")
    func outOfOrderAndOwnership() async throws {
        try await TestRegistry.with { registry in
            let id = try await start(registry)
            let skipped = try await patch(registry, id, 500..<1000)
            #expect(skipped.status == 416)
            #expect((((skipped.object["errors"] as? [[String: Any]])?.first?["detail"]) as? [String: Any])?["offset"] as? Int == 0)
            let foreign = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.bob)
            #expect(foreign.errorCode == "UPLOAD_UNKNOWN")
            let cancelled = try await registry.request("DELETE", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(cancelled.status == 204)
            let gone = try await registry.request("GET", "/v1/uploads/\(id)", token: registry.tokens.alice)
            #expect(gone.status == 404)
        }
    }
}
