@testable import hub_bench
import Foundation
import Testing

@Suite("bulk publish benchmark")
struct BulkPublishBenchmarkTests {
    @Test("the bulk benchmark loads both paths at a tiny size and reports a row per back end")
    func tinyRun() throws {
        var options = BulkPublishBenchmark.Options()
        options.models = 300
        options.serialModels = 100
        options.postgresSerialModels = 50
        let rows = try BulkPublishBenchmark.run(options, report: { _ in })
        let postgres = ProcessInfo.processInfo.environment["HUB_TEST_DATABASE"] != nil
        #expect(rows.count == (postgres ? 2 : 1))
        #expect(rows.allSatisfy { $0.value > 0 && $0.value.isFinite && ($0.ratio ?? 0) > 0 })
    }
}
