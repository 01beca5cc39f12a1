import Foundation
@testable import hub_bench
import Testing

@Suite("client benchmark")
struct ClientBenchmarkTests {
    /// The `hub` built beside the tests (the benchmark runs it as its registry).
    static var hub: String {
        if let explicit = ProcessInfo.processInfo.environment["HUB_BINARY"] { return explicit }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("hub").path,
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("hub").path,
                          repository.appendingPathComponent(".build/debug/hub").path]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }

    @Test("the client benchmark pulls and pushes end to end at a tiny size; the derivative sends only its head")
    func tinyRun() throws {
        var options = ClientBenchmark.Options()
        options.modelMebibytes = 4
        options.groups = 2
        options.repetitions = 1
        options.hubExecutable = Self.hub
        let result = try ClientBenchmark.run(options)
        #expect(result.modelBytes > 4 << 20)
        #expect(result.hubPullBytesPerSecond > 0 && result.curlBytesPerSecond > 0 && result.curlToDiskBytesPerSecond > 0)
        #expect(result.derivativeBytesPushed > 1 << 20 && result.derivativeBytesPushed < 2 << 20,
                "pushed \(result.derivativeBytesPushed) of \(result.derivativeBytes)")
    }

    @Test("without a hub executable the benchmark says how to build one")
    func missingHub() throws {
        var options = ClientBenchmark.Options()
        options.hubExecutable = "/nonexistent/hub"
        #expect {
            try ClientBenchmark.run(options)
        } throws: { error in
            "\(error)".contains("swift build -c release --product hub")
        }
    }
}
