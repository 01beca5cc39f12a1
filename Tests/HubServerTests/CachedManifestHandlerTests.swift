import Foundation
import HTTPTypes
@testable import HubServer
import Manifest
import Testing

/// `CachedManifestHandler` answers cached manifest GETs by digest on the event loop; every answer it
/// gives must be the router's answer, byte for byte and header for header (but the clock's `Date`).
@Suite("cached manifests answered on the event loop")
struct CachedManifestHandlerTests {
    /// A model pushed, and its manifest by digest fetched once so that the cache holds it.
    static func cachedModel(_ registry: TestRegistry, name: String = "alice/fast") async throws -> (SyntheticModel, String) {
        let model = SyntheticModel.make(name: name)
        try await registry.push(model, token: registry.tokens.alice)
        let path = "\(TestRegistry.modelPath(name))/manifests/\(model.digest)"
        let first = try await registry.request("GET", path)
        #expect(first.status == 200 && registry.server.manifestCache.entry(for: model.digest) != nil)
        return (model, path)
    }

    /// How many answers the handler gave.
    static func answered(_ registry: TestRegistry) -> Int { registry.server.cachedManifests?.answered ?? 0 }

    /// The headers but `Date`, which only says when.
    static func timeless(_ headers: [String: String]) -> [String: String] { headers.filter { $0.key != "date" } }

    @Test("GET and HEAD of a cached digest get the router's status, headers and bytes, without the router",
          arguments: ["GET", "HEAD"])
    func sameAnswer(method: String) async throws {
        try await TestRegistry.with { registry in
            let (model, path) = try await Self.cachedModel(registry)
            // A token (here valid, on a public registry) sends the request through the router and its middleware.
            let router = try await registry.request(method, path, token: registry.tokens.reader)
            let before = Self.answered(registry)
            let fast = try await registry.request(method, path)
            #expect(Self.answered(registry) == before + 1, "the cached manifest was answered by the handler")
            #expect(fast.status == 200 && fast.status == router.status)
            #expect(Self.timeless(fast.headers) == Self.timeless(router.headers))
            #expect(fast.body == router.body)
            #expect(fast.body == (method == "GET" ? model.bytes : Data()))
            #expect(fast.headers["content-length"] == String(model.bytes.count))
            #expect(fast.headers["etag"] == "\"\(model.digest)\"" && fast.headers["server"] == "hub")
            let date = try #require(fast.headers["date"])
            #expect(date.wholeMatch(of: /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT/) != nil)
            #expect(HTTPDateHeader.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        }
    }

    @Test("a GET it answers counts one download, as the router's does; HEAD and Hub-Intent: info count none")
    func downloadsCounted() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let (_, path) = try await Self.cachedModel(registry)  // the router counted 1
            let before = Self.answered(registry)
            for _ in 0..<3 { _ = try await registry.request("GET", path) }
            _ = try await registry.request("HEAD", path)
            _ = try await registry.request("GET", path, headers: ["Hub-Intent": "info"])
            #expect(Self.answered(registry) == before + 5)
            #expect(registry.server.downloads.pendingDownloads == 4)
            try await registry.flushDownloads()
            #expect(try DownloadCounterTests.storedDownloads("alice/fast", in: registry.data) == 4)
        }
    }

    @Test("a counter at its bound takes nothing on the event loop: the router's path writes the batch")
    func counterBound() async throws {
        try await TestRegistry.with { registry in
            let counter = DownloadCounter(database: registry.data.database, logger: registry.server.logger, maximumPendingVersions: 2)
            #expect(counter.recordIfRoom(versionID: 1) && counter.recordIfRoom(versionID: 1))
            #expect(!counter.recordIfRoom(versionID: 2), "a second version would reach the bound of 2")
            #expect(counter.pendingDownloads == 2)
        }
    }

    @Test("unknown models and digests, a digest cached under another model, a tag not read yet: the router answers")
    func routerAnswers() async throws {
        try await TestRegistry.with { registry in
            let (model, _) = try await Self.cachedModel(registry)
            let before = Self.answered(registry)
            let otherModel = try await registry.request("GET", "/v1/models/bob/fast/manifests/\(model.digest)")
            #expect(otherModel.status == 404 && otherModel.errorCode == "MODEL_UNKNOWN")
            let unknownDigest = try await registry.request("GET", "/v1/models/alice/fast/manifests/\(Digest.sha256(of: Data("x".utf8)))")
            #expect(unknownDigest.status == 404 && unknownDigest.errorCode == "MANIFEST_UNKNOWN")
            let badDigest = try await registry.request("GET", "/v1/models/alice/fast/manifests/sha256:abc")
            #expect(badDigest.status == 400)
            let badToken = try await registry.request("GET", "/v1/models/alice/fast/manifests/\(model.digest)", token: registry.tokens.revoked)
            #expect(badToken.status == 401 && badToken.body != model.bytes)
            let conditional = try await registry.request("GET", "/v1/models/alice/fast/manifests/\(model.digest)",
                                                         headers: ["If-None-Match": "\"\(model.digest)\""])
            #expect(conditional.status == 304)
            let byTag = try await registry.request("GET", "/v1/models/alice/fast/manifests/latest")
            #expect(byTag.status == 200 && byTag.body == model.bytes)
            #expect(Self.answered(registry) == before, "none of these is the handler's")
        }
    }

    @Test("names and tags spelled as the router refuses or spells otherwise find nothing cached and get the router's answer")
    func refusedSpellingsGoToRouter() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let (model, _) = try await Self.cachedModel(registry)
            #expect(try await registry.request("GET", "/v1/models/alice/fast/manifests/latest").status == 200)
            let before = Self.answered(registry)
            for path in ["/v1/models/Alice/fast/manifests/\(model.digest)", "/v1/models/alice/FAST/manifests/latest",
                         "/v1/models/alice/fast/manifests/LATEST", "/v1/models/alice/fast/manifests/lat:est",
                         "/v1/models/alice/fast/manifests/-latest"] {
                let answer = try await registry.request("GET", path)
                #expect(answer.status == 400 || answer.status == 404, "\(path): \(answer.text)")
                #expect(answer.body != model.bytes, "\(path)")
            }
            #expect(Self.answered(registry) == before, "none of these is the handler's")
        }
    }

    @Test("a private registry answers every manifest through the auth middleware")
    func privateRegistry() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let model = SyntheticModel.make(name: "alice/secret")
            try await registry.push(model, token: registry.tokens.alice)
            let path = "/v1/models/alice/secret/manifests/\(model.digest)"
            let allowed = try await registry.request("GET", path, token: registry.tokens.reader)
            #expect(allowed.status == 200 && registry.server.manifestCache.entry(for: model.digest) != nil)
            #expect(try await registry.request("GET", path).status == 401)
            #expect(try await registry.request("HEAD", path).status == 401)
            #expect(try await registry.request("GET", path, token: registry.tokens.revoked).status == 401)
            #expect(registry.server.cachedManifests == nil)
        }
    }

    @Test("its answers are logged as the router's are: method, path, status, bytes, time, request id")
    func logged() async throws {
        let log = CapturedLog()
        try await TestRegistry.with(logger: log.logger(), configure: { $0.logRequests = true }) { registry in
            let (model, path) = try await Self.cachedModel(registry)
            _ = try await registry.request("GET", path, token: registry.tokens.reader)
            _ = try await registry.request("GET", path)
            _ = try await registry.request("HEAD", path)
            #expect(Self.answered(registry) == 2)
            let lines = log.lines.filter { $0.message.hasPrefix("GET \(path) ") || $0.message.hasPrefix("HEAD \(path) ") }
            #expect(lines.count == 4)
            let shape = /(GET|HEAD) (\S+) 200 (\d+) bytes \d+\.\d ms/
            for line in lines {
                let match = try #require(line.message.wholeMatch(of: shape))
                #expect(match.2 == path)
                #expect(Int(match.3) == (match.1 == "GET" ? model.bytes.count : 0))
                #expect(line.level == .info && line.metadata["hb.request.id"]?.isEmpty == false)
            }
            #expect(Set(lines.compactMap { $0.metadata["hb.request.id"] }).count == 4, "every request has its own id")
        }
    }

    @Test("only a plain anonymous GET or HEAD of /v1/models/{namespace}/{name}/manifests/{digest or tag} qualifies")
    func whatQualifies() throws {
        let digest = Digest.sha256(of: Data("m".utf8))
        func request(_ path: String, method: HTTPRequest.Method = .get, _ fields: HTTPFields = [:]) -> CachedManifestRequest? {
            CachedManifestRequest(HTTPRequest(method: method, scheme: nil, authority: "h", path: path, headerFields: fields))
        }
        let good = try #require(request("/v1/models/alice/m/manifests/\(digest)"))
        #expect(good.repository == "alice/m" && good.selector == .digest(digest))
        #expect(request("/v1/models/_/m/manifests/\(digest)")?.repository == "m", "an official model")
        #expect(request("/v1/models/alice/m/manifests/\(digest)", method: .head) != nil)
        let tagged = try #require(request("/v1/models/alice/m/manifests/latest"))
        #expect(tagged.repository == "alice/m" && tagged.selector == .tag("latest"))
        // Spelled as the router would refuse: it qualifies, finds no cached entry under that spelling, and
        // goes to the router (`routerAnswers`, `refusedSpellingsGoToRouter`).
        #expect(request("/v1/models/Alice!/m/manifests/\(digest)")?.repository == "Alice!/m")
        for path in ["/v1/models/alice/m/manifests/\(digest)/", "/v1/models/alice/m/manifests/",
                     "/v1/models/alice/m/manifests/\(digest)?x=1", "/v1/models/alice%2Fm/manifests/\(digest)",
                     "/v1/models//m/manifests/\(digest)", "/v1/models/alice/m/torch/\(digest)",
                     "/v1/models/alice/m/x/manifests/\(digest)", "/v1/models/alice/m/manifests/la\u{301}test",
                     "/v1/models/alice/m/manifests/sha256:abc", "/v2/models/alice/m/manifests/\(digest)"] {
            #expect(request(path) == nil, "\(path)")
        }
        let path = "/v1/models/alice/m/manifests/\(digest)"
        #expect(request(path, method: .put) == nil && request(path, method: .delete) == nil)
        for field in [HTTPField(name: .authorization, value: "Bearer x"), HTTPField(name: .ifNoneMatch, value: "\"x\""),
                      HTTPField(name: .contentLength, value: "0"), HTTPField(name: .transferEncoding, value: "chunked")] {
            #expect(request(path, HTTPFields([field])) == nil, "\(field.name)")
        }
    }

    @Test("the log line's milliseconds have one decimal, rounded")
    func millisecondsFormat() {
        #expect(RequestLogLine.milliseconds(.zero) == "0.0")
        #expect(RequestLogLine.milliseconds(.microseconds(1_250)) == "1.3")
        #expect(RequestLogLine.milliseconds(.microseconds(12_340)) == "12.3")
        #expect(RequestLogLine.milliseconds(.seconds(2) + .microseconds(49)) == "2000.0")
    }

    @Test("pipelined requests are answered in order, kept alive, and the connection closes when asked")
    func pipelinedInOrder() async throws {
        try await TestRegistry.with { registry in
            let (_, path) = try await Self.cachedModel(registry)
            let host = "Host: 127.0.0.1\r\n"
            // The router answers the first (a tag it must look up); the cached ones must wait their turn.
            let requests = "GET /v1/models/alice/fast/manifests/missing HTTP/1.1\r\n\(host)\r\n"
                + "GET \(path) HTTP/1.1\r\n\(host)\r\n"
                + "HEAD \(path) HTTP/1.1\r\n\(host)\r\n"
                + "GET \(path) HTTP/1.1\r\n\(host)Connection: close\r\n\r\n"
            // Room for a machine busy with other tests: the server must answer and close, not time out.
            let outcome = try await SlowClient(url: registry.url).dribble(head: requests, bodyBytes: 0, pause: .milliseconds(10),
                                                                          limit: .seconds(10), quiet: .seconds(20))
            let statuses = outcome.response.matches(of: /HTTP\/1\.1 (\d{3})/).map { String($0.1) }
            #expect(statuses == ["404", "200", "200", "200"])
            #expect(outcome.closedByServer, "the connection closed after the last answer, as asked")
            #expect(outcome.elapsed < .seconds(20))
        }
    }

    @Test("manifests and blobs pipelined on one connection are answered in order, each by its handler or the router")
    func pipelinedWithBlobs() async throws {
        try await TestRegistry.with(configure: { $0.downloadFlushInterval = .seconds(3600) }) { registry in
            let (model, path) = try await Self.cachedModel(registry)
            let tagPath = "\(TestRegistry.modelPath("alice/fast"))/manifests/latest"
            #expect(try await registry.request("GET", tagPath).status == 200)
            let big = try BlobFileHandlerTests.stored(Data(repeating: UInt8(ascii: "a"), count: 4 << 20), in: registry)
            let small = try BlobFileHandlerTests.stored(Data(repeating: UInt8(ascii: "s"), count: 10), in: registry)
            let host = "Host: 127.0.0.1\r\n"
            let requests = "GET \(path) HTTP/1.1\r\n\(host)\r\n"
                + "GET /v1/blobs/\(big) HTTP/1.1\r\n\(host)\r\n"
                + "GET \(tagPath) HTTP/1.1\r\n\(host)\r\n"
                + "GET /v1/blobs/\(small) HTTP/1.1\r\n\(host)\r\n"
                + "GET \(path) HTTP/1.1\r\n\(host)Connection: close\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(head: requests, bodyBytes: 0, pause: .milliseconds(10),
                                                                          limit: .seconds(10), quiet: .seconds(20))
            let answers = outcome.response.components(separatedBy: "HTTP/1.1 ").dropFirst()
            #expect(answers.map { String($0.prefix(3)) } == ["200", "200", "200", "200", "200"])
            let manifest = String(decoding: model.bytes, as: UTF8.self)
            let bodies = answers.map { $0.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n") }
            #expect(bodies.count == 5)
            if bodies.count == 5 {
                #expect(bodies[0] == manifest && bodies[2] == manifest && bodies[4] == manifest)
                #expect(bodies[1] == String(repeating: "a", count: 4 << 20) && bodies[3] == String(repeating: "s", count: 10))
            }
            #expect(outcome.closedByServer)
        }
    }

    @Test("one kept-alive connection gets many answers from the handler, and is closed when the client asks")
    func keptAlive() async throws {
        try await TestRegistry.with { registry in
            let (model, path) = try await Self.cachedModel(registry)
            let before = Self.answered(registry)
            let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let answers = try await SlowClient(url: registry.url).keptAlive([request, request, request], pause: .milliseconds(20))
            #expect(answers.allSatisfy { $0.hasPrefix("HTTP/1.1 200") && $0.hasSuffix(String(decoding: model.bytes, as: UTF8.self)) })
            #expect(Self.answered(registry) == before + 3)
            let closing = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            let outcome = try await SlowClient(url: registry.url).dribble(head: closing, bodyBytes: 0, pause: .milliseconds(10),
                                                                          limit: .seconds(10), quiet: .seconds(20))
            #expect(outcome.response.hasPrefix("HTTP/1.1 200") && outcome.closedByServer)
            #expect(Self.answered(registry) == before + 4)
        }
    }
}
