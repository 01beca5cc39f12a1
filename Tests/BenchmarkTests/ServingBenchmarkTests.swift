@testable import hub_bench
import Foundation
import Testing

@Suite("serving benchmark")
struct ServingBenchmarkTests {
    @Test("hub serve and nginx serve the same bytes, and every case reports both at a tiny size",
          .enabled(if: FileManager.default.isExecutableFile(atPath: NginxReference.executable)
                    && FileManager.default.isExecutableFile(atPath: "/usr/bin/wrk"),
                   "needs Debian's nginx and wrk (make bench installs them)"))
    func tinyRun() async throws {
        var options = ServingBenchmark.Options()
        options.seconds = 1
        options.mixedSeconds = 1
        options.models = 20
        options.blobBytes = 64 << 10
        let report = try await ServingBenchmark.run(options, report: { _ in })
        #expect(report.rows.count == 6)
        for row in report.rows {
            #expect(row.hub.requests > 0 && row.nginx.requests > 0, "\(row.servingCase.name)")
            #expect(row.ratio > 0 && row.ratio.isFinite)
        }
        #expect(report.isClean, "hub answered every request 2xx")
        #expect((report.peakResidentBytes ?? 0) > 0)
    }

    @Test("nginx's document root holds the exact bytes it is given, at the URL paths of hub's routes",
          .enabled(if: FileManager.default.isExecutableFile(atPath: NginxReference.executable), "needs Debian's nginx"))
    func nginxServesTheSameBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-nginx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let bytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let path = "/v1/models/ns0/model-0/manifests/sha256:" + String(repeating: "ab", count: 32)
        let nginx = try NginxReference(files: [path: bytes], in: folder)
        defer { nginx.stop() }
        let fetched = try ServingBenchmark.download("\(nginx.url)\(path)", into: folder)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fetched)) == bytes)
    }
}
