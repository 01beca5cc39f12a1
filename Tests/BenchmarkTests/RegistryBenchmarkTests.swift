@testable import hub_bench
import Testing

@Suite("registry benchmark")
struct RegistryBenchmarkTests {
    @Test("the registry benchmark runs end to end at a tiny size and reports every row")
    func tinyRun() async throws {
        var options = RegistryBenchmark.Options()
        options.blobMebibytes = 2
        options.manifestRequests = 20
        options.searchModels = 300
        options.searchRequests = 16
        let rows = try await RegistryBenchmark.run(options, report: { _ in })
        #expect(rows.count == 4)
        #expect(rows.allSatisfy { $0.value > 0 && $0.value.isFinite })
    }
}
