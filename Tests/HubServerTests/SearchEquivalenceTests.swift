import Foundation
@testable import HubServer
import RegistryAPI
import Testing

/// Search on PostgreSQL (tsvector + GIN) answers as on SQLite (FTS5): one catalogue pushed to a registry
/// on each, the same queries, every page compared (names and order, totals, whether a total is a lower
/// bound, whether a next page exists), both in the sorted plan and, with the bound lowered, the walked
/// one. Relevance order is each engine's own ranking (bm25 against ts_rank): there the matches and totals
/// must agree. Runs when `HUB_TEST_DATABASE` names a cluster.
@Suite("search answers alike on SQLite and PostgreSQL", .enabled(if: !TestBackends.isDefaultDatabase, "needs HUB_TEST_DATABASE"))
struct SearchEquivalenceTests {
    static let domains = ["medical", "xray", "fashion", "satellite", "imagenet", "retail"]
    static let families = [("resnet50", "resnet"), ("mobilenet_v2", "mobilenet_v2"), ("efficientnet_lite0", "efficientnet_lite"),
                           ("vgg16", "vgg")]

    /// 24 models spread over domains, architectures, licenses, metrics and download counts.
    static func catalogue(_ registry: TestRegistry) async throws {
        for index in 0..<24 {
            let (variant, family) = families[index % families.count]
            let name = (index % 3 == 0 ? "alice/" : index % 3 == 1 ? "bob/" : "") + "model-\(index)-\(domains[index % domains.count].lowercased())"
            let model = SyntheticModel.make(
                name: name, description: "Model \(index) for \(domains[(index + 1) % domains.count]) images; naïve résumé Café \(index % 5).",
                domain: [domains[index % domains.count].lowercased()] + (index % 4 == 0 ? ["xray"] : []),
                variant: variant, family: family, license: ["MIT", "Apache-2.0", "CC-BY-4.0"][index % 3],
                labels: ["label\(index % 7)", "other"], dataset: "set-\(index % 4)",
                metrics: [("accuracy", Double(index % 10) / 10)] + (index % 2 == 0 ? [("macro-f1", Double(index) / 30)] : []),
                seed: UInt8(index + 1))
            let pushed = try await registry.push(model, token: registry.tokens.admin)
            #expect(pushed.status == 201, "\(pushed.text)")
            for _ in 0..<(index * 7 % 5) { _ = try await registry.request("GET", "\(TestRegistry.modelPath(name))/manifests/latest") }
        }
        try await registry.flushDownloads()
    }

    static let queries: [[(String, String)]] = [
        [], [("q", "medical")], [("q", "mod")], [("q", "resume")], [("q", "café images")], [("q", "model 1")],
        [("domain", "xray")], [("domain", "medical"), ("domain", "xray")], [("arch", "resnet")], [("arch", "vgg16")],
        [("license", "mit")], [("task", "image-classification")], [("min", "accuracy:0.5")], [("min", "macro-f1:0.3")],
        [("sort", "downloads")], [("sort", "recent")], [("sort", "metric:accuracy")], [("sort", "metric:macro-f1")],
        [("q", "model"), ("sort", "downloads")], [("q", "images"), ("domain", "xray"), ("sort", "recent")],
        [("arch", "resnet"), ("min", "accuracy:0.2"), ("sort", "metric:accuracy")], [("q", "nothing-matches-this")],
    ]

    /// Every page of a query: names in order, then (total, lower bound, has next) per page.
    static func pages(_ registry: TestRegistry, _ parameters: [(String, String)], bound: Int) async throws
        -> (names: [String], totals: [String]) {
        var names: [String] = [], totals: [String] = []
        var cursor: String?
        repeat {
            var all = parameters + [("limit", "5")]
            if let cursor { all.append(("cursor", cursor)) }
            let query = try SearchQuery(parameters: all)
            let page = try await registry.data.database.read { db in try SearchRepository.search(query, bound: bound, in: db) }
            names += page.results.map(\.name)
            totals.append("\(page.total)\(page.totalIsLowerBound == true ? "+" : "") next:\(page.nextCursor != nil)")
            cursor = page.nextCursor
        } while cursor != nil && totals.count <= 12
        return (names, totals)
    }

    @Test("every query pages the same hits with the same totals, sorted and walked")
    func sameAnswers() async throws {
        try await TestRegistry.with(configure: { $0.databaseURL = nil }) { sqlite in
            try await TestRegistry.with { postgres in
                #expect(postgres.data.database is PostgresDatabasePool)
                try await Self.catalogue(sqlite)
                try await Self.catalogue(postgres)
                for parameters in Self.queries {
                    for bound in [SearchRepository.totalBound, 4] {
                        let expected = try await Self.pages(sqlite, parameters, bound: bound)
                        let found = try await Self.pages(postgres, parameters, bound: bound)
                        let ranked = parameters.contains { $0.0 == "q" } && !parameters.contains { $0.0 == "sort" }
                        let label = "\(parameters) bound \(bound)"
                        #expect(expected.names.isEmpty == (parameters.first?.1 == "nothing-matches-this"), "\(label)")
                        if ranked && bound == SearchRepository.totalBound {
                            #expect(Set(found.names) == Set(expected.names), "\(label)")
                            #expect(found.names.count == expected.names.count, "\(label)")
                        } else {
                            #expect(found.names == expected.names, "\(label)")
                        }
                        #expect(found.totals == expected.totals, "\(label)")
                    }
                    let facets = try await sqlite.data.database.read { db in try SearchRepository.facets(try SearchQuery(parameters: parameters), in: db) }
                    let pgFacets = try await postgres.data.database.read { db in try SearchRepository.facets(try SearchQuery(parameters: parameters), in: db) }
                    #expect(pgFacets == facets, "facets of \(parameters)")
                }
            }
        }
    }
}
