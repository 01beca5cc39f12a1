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
        options.searchRequests = 4
        options.serialLoadModels = 100
        options.deepPages = 2
        let rows = try await RegistryBenchmark.run(options, report: { _ in })
        let searchRows = SearchBenchmark.kinds.count + SearchBenchmark.deepKinds.count + 4
        // The web pages: each search kind, a deep page and the model pages, each beside the JSON API.
        let pageRows = WebPageBenchmark.searchKinds.count + 2
        #expect(rows.count == 3 + searchRows + pageRows)
        #expect(rows.allSatisfy { $0.value > 0 && $0.value.isFinite })
    }
}
