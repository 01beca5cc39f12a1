import Foundation
@testable import HubServer
import Logging
import Testing

/// `hub serve`'s log handler writes swift-log's `StreamLogHandler` lines, whole, from any thread.
@Suite("server log lines")
struct ServerLogHandlerTests {
    /// What a `StreamLogHandler` writes, kept.
    final class Captured: TextOutputStream, @unchecked Sendable {
        private let text = LockedBox("")
        func write(_ string: String) { text.withLock { $0 += string } }
        var lines: [String] { text.withLock { $0 }.split(separator: "\n").map(String.init) }
    }

    /// A file the handler writes to, read back afterwards.
    final class LogFile: Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hub-log-\(UUID().uuidString)")
        let descriptor: Int32

        init() { descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600) }

        var lines: [String] {
            (try? String(contentsOf: url, encoding: .utf8))?.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) ?? []
        }

        deinit {
            close(descriptor)
            try? FileManager.default.removeItem(at: url)
        }
    }

    /// The line but its timestamp (the two handlers may write in different seconds).
    static func timeless(_ line: String) -> Substring { line.drop(while: { $0 != " " }) }

    @Test("the same line as StreamLogHandler: level, label, sorted metadata, error, source, message")
    func sameFormat() throws {
        let file = LogFile()
        let captured = Captured()
        var ours = Logger(label: "hub.server", factory: { ServerLogHandler(label: $0, descriptor: file.descriptor) })
        var theirs = Logger(label: "hub.server", factory: { StreamLogHandler(label: $0, stream: captured, metadataProvider: nil) })
        ours[metadataKey: "hb.request.id"] = "abc"
        theirs[metadataKey: "hb.request.id"] = "abc"
        struct Failure: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        for logger in [ours, theirs] {
            logger.info("GET /v1/models 200 12 bytes 0.1 ms")
            logger.warning("slow", metadata: ["a.first": "1", "z.last": "2"])
            logger.error("failed", error: Failure())
            logger.debug("not at info level")
        }
        let written = file.lines.filter { !$0.isEmpty }
        #expect(written.count == 3)
        #expect(written.map(Self.timeless) == captured.lines.map(Self.timeless))
        #expect(written.first?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} info hub\.server: hb\.request\.id=abc \[HubServerTests\] GET \/v1\/models 200 12 bytes 0\.1 ms/) != nil,
                "\(written.first ?? "")")
        #expect(written.last?.contains("error.message=disk on fire") == true)
    }

    @Test("lines logged from many threads at once come out whole, none lost")
    func wholeLines() async throws {
        let file = LogFile()
        let logger = Logger(label: "hub.server", factory: { ServerLogHandler(label: $0, descriptor: file.descriptor) })
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<8 {
                group.addTask {
                    for index in 0..<400 { logger.info("writer \(writer) line \(index) \(String(repeating: "x", count: 300))") }
                }
            }
        }
        let lines = file.lines.filter { !$0.isEmpty }
        #expect(lines.count == 8 * 400)
        #expect(lines.allSatisfy { $0.wholeMatch(of: /\S+ info hub\.server: \[HubServerTests\] writer \d line \d+ x{300}/) != nil })
        #expect(Set(lines.map(Self.timeless)).count == 8 * 400)
    }
}
