import ContentStore
import Foundation
import HTTPTypes
@testable import HubServer
import Manifest
import Testing

/// `BlobFileHandler` answers public blob GETs from the folder store on the event loop, its body sent with
/// sendfile; every answer it gives must be the router's answer, byte for byte and header for header (but
/// the clock's `Date`). With an object store it stands aside (the S3 run checks the router alone).
@Suite("blob files answered on the event loop")
struct BlobFileHandlerTests {
    /// 300 bytes (a small body, logged when handed over) or 3 MiB (far more than one write), all different
    /// from their neighbours so that a wrong offset shows.
    static func blob(_ size: Int) -> Data { Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }) }

    /// `bytes` stored as a blob, straight into the store.
    static func stored(_ bytes: Data, in registry: TestRegistry) throws -> Digest {
        let digest = Digest.sha256(of: bytes)
        try registry.data.blobs.store(bytes, expected: digest)
        return digest
    }

    /// Whether the handler is installed: in a public registry whose blobs are in the folder store.
    static func handlerInstalled(_ registry: TestRegistry) -> Bool {
        let installed = registry.server.blobFiles != nil
        #expect(installed == (registry.data.folderBlobs != nil), "installed exactly when blobs are in the folder store")
        return installed
    }

    /// How many answers the handler gave.
    static func answered(_ registry: TestRegistry) -> Int { registry.server.blobFiles?.answered ?? 0 }

    /// The headers but `Date`, which only says when.
    static func timeless(_ headers: [String: String]) -> [String: String] { headers.filter { $0.key != "date" } }

    /// The request through the router (a token, valid on a public registry, sends it through the auth
    /// middleware) and without it (the handler's, when installed); expects both the same and returns the
    /// handler's.
    static func bothPaths(_ registry: TestRegistry, _ method: String, _ path: String, headers: [String: String] = [:],
                          answeredHere: Bool) async throws -> WireResponse {
        let router = try await registry.request(method, path, headers: headers, token: registry.tokens.reader)
        let before = answered(registry)
        let fast = try await registry.request(method, path, headers: headers)
        let expected = answeredHere && handlerInstalled(registry) ? before + 1 : before
        #expect(answered(registry) == expected, "\(method) \(path) \(headers): answered by the handler: \(answeredHere)")
        #expect(fast.status == router.status, "\(method) \(path) \(headers)")
        #expect(timeless(fast.headers) == timeless(router.headers), "\(method) \(path) \(headers)")
        #expect(fast.body == router.body, "\(method) \(path) \(headers)")
        return fast
    }

    /// The ranges the router answers with bytes, and the bytes each names of a blob of `size` bytes.
    static let ranges: [(header: String?, bytes: @Sendable (Int) -> Range<Int>)] = [
        (nil, { 0..<$0 }), ("bytes=0-9", { _ in 0..<10 }), ("bytes=100-199", { _ in 100..<200 }),
        ("bytes=-10", { ($0 - 10)..<$0 }), ("bytes=250-", { 250..<$0 }), ("bytes=0-", { 0..<$0 }),
        ("bytes=290-99999999", { 290..<$0 }), ("bytes=-99999999", { 0..<$0 }),
    ]

    @Test("GET and HEAD, whole and ranged, small and big: the router's status, headers and bytes, without the router",
          arguments: ["GET", "HEAD"], [300, 3 << 20])
    func sameAnswer(method: String, size: Int) async throws {
        try await TestRegistry.with { registry in
            let bytes = Self.blob(size)
            let digest = try Self.stored(bytes, in: registry)
            for (header, span) in Self.ranges {
                let headers = header.map { ["Range": $0] } ?? [:]
                let fast = try await Self.bothPaths(registry, method, "/v1/blobs/\(digest)", headers: headers, answeredHere: true)
                let expected = bytes[span(size)]
                #expect(fast.status == (header == nil ? 200 : 206))
                #expect(fast.body == (method == "GET" ? expected : Data()), "\(header ?? "no range")")
                #expect(fast.headers["content-length"] == String(expected.count))
                #expect(fast.headers["content-range"] == header.map { _ in
                    "bytes \(span(size).lowerBound)-\(span(size).upperBound - 1)/\(size)" })
                #expect(fast.headers["etag"] == "\"\(digest)\"" && fast.headers["accept-ranges"] == "bytes")
                #expect(fast.headers["content-type"] == "application/octet-stream" && fast.headers["server"] == "hub")
            }
        }
    }

    @Test("a zero-byte blob: 200 with Content-Length 0, for GET and HEAD", arguments: ["GET", "HEAD"])
    func emptyBlob(method: String) async throws {
        try await TestRegistry.with { registry in
            let digest = try Self.stored(Data(), in: registry)
            let fast = try await Self.bothPaths(registry, method, "/v1/blobs/\(digest)", answeredHere: true)
            #expect(fast.status == 200 && fast.body.isEmpty && fast.headers["content-length"] == "0")
        }
    }

    @Test("unsatisfiable, absurd and multiple ranges are the router's 416, and the server keeps answering", arguments: [
        "bytes=300-", "bytes=1000-2000", "bytes=-0", "bytes=20-10", "bytes=0-99999999999999999999",
        "bytes=99999999999999999999-", "bytes=-99999999999999999999", "bytes=9223372036854775807-",
        "bytes=-9223372036854775808", "bytes=1e3-", "bytes=+1-2", "bytes=1-+2", "bytes=--1", "bytes=0-1,2-3",
        "items=0-1", "bytes 0-1",
    ])
    func refusedRanges(header: String) async throws {
        try await TestRegistry.with { registry in
            let digest = try Self.stored(Self.blob(300), in: registry)
            let fast = try await Self.bothPaths(registry, "GET", "/v1/blobs/\(digest)", headers: ["Range": header],
                                                answeredHere: false)
            #expect(fast.status == 416 && fast.errorCode == "RANGE_INVALID", "\(header)")
            #expect(fast.headers["content-range"] == "bytes */300")
            let empty = try Self.stored(Data(), in: registry)
            let onEmpty = try await Self.bothPaths(registry, "GET", "/v1/blobs/\(empty)", headers: ["Range": "bytes=0-0"],
                                                   answeredHere: false)
            #expect(onEmpty.status == 416)
            #expect(await registry.isAlive())
        }
    }

    @Test("an unknown digest, a malformed one, a query, a conditional: the router answers")
    func routerAnswers() async throws {
        try await TestRegistry.with { registry in
            let digest = try Self.stored(Self.blob(300), in: registry)
            let unknown = Digest.sha256(of: Data("not stored".utf8))
            let missing = try await Self.bothPaths(registry, "GET", "/v1/blobs/\(unknown)", answeredHere: false)
            #expect(missing.status == 404 && missing.errorCode == "BLOB_UNKNOWN")
            let missingHead = try await Self.bothPaths(registry, "HEAD", "/v1/blobs/\(unknown)", answeredHere: false)
            #expect(missingHead.status == 404)
            let upper = "sha256:" + digest.hex.uppercased()
            #expect(try await Self.bothPaths(registry, "GET", "/v1/blobs/\(upper)", answeredHere: false).status == 400)
            _ = try await Self.bothPaths(registry, "GET", "/v1/blobs/\(digest)?x=1", answeredHere: false)
            _ = try await Self.bothPaths(registry, "GET", "/v1/blobs/\(digest)", headers: ["If-None-Match": "\"\(digest)\""],
                                         answeredHere: false)
            let before = Self.answered(registry)
            let badToken = try await registry.request("GET", "/v1/blobs/\(digest)", token: registry.tokens.revoked)
            #expect(badToken.status == 401 && Self.answered(registry) == before)
        }
    }

    @Test("only a plain anonymous GET or HEAD of /v1/blobs/sha256:{64 lowercase hex} qualifies")
    func whatQualifies() throws {
        let digest = Digest.sha256(of: Data("b".utf8))
        func request(_ path: String, method: HTTPRequest.Method = .get, _ fields: HTTPFields = [:]) -> BlobFileRequest? {
            BlobFileRequest(HTTPRequest(method: method, scheme: nil, authority: "h", path: path, headerFields: fields))
        }
        #expect(request("/v1/blobs/\(digest)")?.digest == digest)
        #expect(request("/v1/blobs/\(digest)", method: .head)?.digest == digest)
        #expect(request("/v1/blobs/\(digest)", [.range: "bytes=0-1"])?.range == "bytes=0-1")
        for path in ["/v1/blobs/\(digest)/", "/v1/blobs/\(digest)?x=1", "/v1/blobs/\(digest)#x", "/v1/blobs/sha256%3A\(digest.hex)",
                     "/v1/blobs/sha256:\(digest.hex.uppercased())", "/v1/blobs/sha256:abc", "/v1/blobs/sha256:\(digest.hex)0",
                     "/v1/blobs//\(digest)", "/v2/blobs/\(digest)", "/v1/blobs/check", "/v1/blobs/sha512:\(digest.hex)"] {
            #expect(request(path) == nil, "\(path)")
        }
        let path = "/v1/blobs/\(digest)"
        #expect(request(path, method: .put) == nil && request(path, method: .post) == nil && request(path, method: .delete) == nil)
        for field in [HTTPField(name: .authorization, value: "Bearer x"), HTTPField(name: .ifNoneMatch, value: "\"x\""),
                      HTTPField(name: .ifRange, value: "\"x\""), HTTPField(name: .ifMatch, value: "\"x\""),
                      HTTPField(name: .ifModifiedSince, value: "x"), HTTPField(name: .ifUnmodifiedSince, value: "x"),
                      HTTPField(name: .contentLength, value: "0"), HTTPField(name: .transferEncoding, value: "chunked"),
                      HTTPField(name: .expect, value: "100-continue")] {
            #expect(request(path, HTTPFields([field])) == nil, "\(field.name)")
        }
    }

    @Test("a private registry answers every blob through the auth middleware")
    func privateRegistry() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let digest = try Self.stored(Self.blob(300), in: registry)
            #expect(registry.server.blobFiles == nil)
            #expect(try await registry.request("GET", "/v1/blobs/\(digest)").status == 401)
            #expect(try await registry.request("HEAD", "/v1/blobs/\(digest)").status == 401)
            #expect(try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=0-1"]).status == 401)
            let allowed = try await registry.request("GET", "/v1/blobs/\(digest)", token: registry.tokens.reader)
            #expect(allowed.status == 200 && allowed.body == Self.blob(300))
        }
    }

    @Test("its answers are logged as the router's are: method, path, status, bytes, time, request id")
    func logged() async throws {
        let log = CapturedLog()
        try await TestRegistry.with(logger: log.logger(), configure: { $0.logRequests = true }) { registry in
            let small = try Self.stored(Self.blob(300), in: registry)
            let big = try Self.stored(Self.blob(3 << 20), in: registry)
            var expected: [(String, String, Int, Int)] = []
            for (digest, size) in [(small, 300), (big, 3 << 20)] {
                let path = "/v1/blobs/\(digest)"
                for token in [registry.tokens.reader, nil] {
                    _ = try await registry.request("GET", path, token: token)
                    _ = try await registry.request("HEAD", path, token: token)
                    _ = try await registry.request("GET", path, headers: ["Range": "bytes=10-19"], token: token)
                    expected += [("GET", path, 200, size), ("HEAD", path, 200, 0), ("GET", path, 206, 10)]
                }
            }
            #expect(Self.answered(registry) == (Self.handlerInstalled(registry) ? 6 : 0))
            let shape = /(GET|HEAD) (\S+) (\d{3}) (\d+) bytes \d+\.\d ms/
            var lines: [(String, String, Int, Int, String)] = []
            for _ in 0..<100 {  // a big body's line is written once the kernel took its last byte
                lines = log.lines.compactMap { line in
                    guard let match = line.message.wholeMatch(of: shape), line.level == .info,
                          let id = line.metadata["hb.request.id"], !id.isEmpty else { return nil }
                    return (String(match.1), String(match.2), Int(match.3)!, Int(match.4)!, id)
                }
                if lines.count >= expected.count { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(lines.map { "\($0.0) \($0.1) \($0.2) \($0.3)" }.sorted() == expected.map { "\($0.0) \($0.1) \($0.2) \($0.3)" }.sorted())
            #expect(Set(lines.map(\.4)).count == expected.count, "every request has its own id")
        }
    }

    @Test("one kept-alive connection gets many answers from the handler, and is closed when the client asks")
    func keptAlive() async throws {
        try await TestRegistry.with { registry in
            let bytes = Data(repeating: UInt8(ascii: "b"), count: 100)
            let digest = try Self.stored(bytes, in: registry)
            let before = Self.answered(registry)
            let request = "GET /v1/blobs/\(digest) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let ranged = "GET /v1/blobs/\(digest) HTTP/1.1\r\nHost: 127.0.0.1\r\nRange: bytes=-3\r\n\r\n"
            let answers = try await SlowClient(url: registry.url).wholeAnswers(Array(repeating: request, count: 8) + [ranged])
            #expect(answers.dropLast().allSatisfy { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix(String(repeating: "b", count: 100)) },
                    "\(answers)")
            #expect(answers.last?.hasPrefix("HTTP/1.1 206") == true && answers.last?.hasSuffix("\r\n\r\nbbb") == true)
            #expect(Self.answered(registry) == (Self.handlerInstalled(registry) ? before + 9 : before))
            let closing = "GET /v1/blobs/\(digest) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(head: closing, bodyBytes: 0, pause: .milliseconds(10),
                                                                          limit: .seconds(10), quiet: .seconds(20))
            #expect(outcome.response.hasPrefix("HTTP/1.1 200") && outcome.closedByServer)
            #expect(outcome.response.hasSuffix(String(repeating: "b", count: 100)))
        }
    }

    @Test("pipelined requests are answered in order, a big body first, and the connection closes when asked")
    func pipelinedInOrder() async throws {
        try await TestRegistry.with { registry in
            let big = try Self.stored(Data(repeating: UInt8(ascii: "a"), count: 4 << 20), in: registry)
            let small = try Self.stored(Data(repeating: UInt8(ascii: "s"), count: 10), in: registry)
            let before = Self.answered(registry)
            let host = "Host: 127.0.0.1\r\n"
            let unknown = Digest.sha256(of: Data("not stored".utf8))
            // The handler answers the first (4 MiB on their way while the rest arrive); the router the
            // second; the others must wait their turn.
            let requests = "GET /v1/blobs/\(big) HTTP/1.1\r\n\(host)\r\n"
                + "GET /v1/blobs/\(unknown) HTTP/1.1\r\n\(host)\r\n"
                + "HEAD /v1/blobs/\(small) HTTP/1.1\r\n\(host)\r\n"
                + "GET /v1/blobs/\(small) HTTP/1.1\r\n\(host)Range: bytes=0-3\r\n\r\n"
                + "GET /v1/blobs/\(small) HTTP/1.1\r\n\(host)Connection: close\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(head: requests, bodyBytes: 0, pause: .milliseconds(10),
                                                                          limit: .seconds(10), quiet: .seconds(20))
            // Found by splitting rather than with a regex, which takes most of a minute over 8 MiB.
            let statuses = outcome.response.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(statuses == ["200", "404", "200", "206", "200"])
            #expect(outcome.response.contains("Content-Range: bytes 0-3/10\r\n") || outcome.response.contains("content-range: bytes 0-3/10\r\n"))
            #expect(outcome.response.hasSuffix("\r\n\r\n" + String(repeating: "s", count: 10)))
            #expect(outcome.closedByServer, "the connection closed after the last answer, as asked")
            #expect(outcome.elapsed < .seconds(20), "\(outcome.elapsed)")
            #expect(Self.answered(registry) >= (Self.handlerInstalled(registry) ? before + 1 : before))
        }
    }

    @Test("a client that half-closes its side after asking still gets the whole blob")
    func halfClosedClient() async throws {
        try await TestRegistry.with { registry in
            let bytes = Data(repeating: UInt8(ascii: "h"), count: 6 << 20)
            let digest = try Self.stored(bytes, in: registry)
            let before = Self.answered(registry)
            let received = try await SlowClient(url: registry.url).halfClosedDownload("/v1/blobs/\(digest)")
            #expect(Self.answered(registry) == (Self.handlerInstalled(registry) ? before + 1 : before))
            let headEnd = try #require(received.range(of: Data("\r\n\r\n".utf8)))
            #expect(received.count - headEnd.upperBound == bytes.count, "the whole body arrived")
            #expect(received[headEnd.upperBound...].allSatisfy { $0 == UInt8(ascii: "h") })
        }
    }

    @Test("a download read too slowly is cut at the request deadline also when the handler answers it")
    func stalledDownloadCut() async throws {
        try await TestRegistry.with(configure: RequestDeadlineTests.configure) { registry in
            let blob = Data(repeating: 0xcd, count: 24 << 20)
            let digest = try Self.stored(blob, in: registry)
            let before = Self.answered(registry)
            let received = try await SlowClient(url: registry.url).stalledDownload("/v1/blobs/\(digest)", stall: .seconds(4))
            #expect(Self.answered(registry) == (Self.handlerInstalled(registry) ? before + 1 : before))
            #expect(received > 0)
            #expect(received < blob.count, "the whole blob arrived although the client stalled past the deadline")
            #expect(await RequestDeadlineTests.answersAgain(registry))
        }
    }

    @Test("the blob's file is closed after every answer: whole, ranged, HEAD, and a client gone mid-body")
    func filesClosed() async throws {
        try await TestRegistry.with { registry in
            let digest = try Self.stored(Self.blob(3 << 20), in: registry)
            let path = "/v1/blobs/\(digest)"
            for _ in 0..<5 {
                #expect(try await registry.request("GET", path).status == 200)
                #expect(try await registry.request("HEAD", path).status == 200)
                #expect(try await registry.request("GET", path, headers: ["Range": "bytes=5-"]).status == 206)
                let received = try await SlowClient(url: registry.url).abandonedDownload(path, after: 100_000)
                #expect(received > 0)
            }
            #expect(Self.answered(registry) == (Self.handlerInstalled(registry) ? 20 : 0))
            guard let folder = registry.data.folderBlobs else { return }
            let file = URL(fileURLWithPath: folder.path(for: digest)).resolvingSymlinksInPath().path
            var open = -1
            for _ in 0..<100 where open != 0 {  // the gone client's write fails once the kernel notices
                open = Self.descriptors(naming: file)
                if open != 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(open == 0, "descriptors of the blob's file still open")
        }
    }

    /// How many of this process's file descriptors are open on `path`.
    static func descriptors(naming path: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return entries.filter { (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\($0)")) == path }.count
    }
}
