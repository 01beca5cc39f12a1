import Foundation
@testable import HubServer
import Testing

@Suite("search facets")
struct SearchFacetTests {
    func facets(_ registry: TestRegistry, _ parameters: [(String, String)], matchLimit: Int = SearchRepository.facetMatchLimit)
        async throws -> SearchFacets {
        let query = try SearchQuery(parameters: parameters)
        return try await registry.data.database.read { db in try SearchRepository.facets(query, matchLimit: matchLimit, in: db) }
    }

    func pairs(_ counts: [SearchFacets.Count]) -> [String] { counts.map { "\($0.value)=\($0.count)" } }

    @Test("without a filter, every head counts once per value, ordered by count then value")
    func everyHead() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let facets = try await facets(registry, [])
            #expect(pairs(facets.domains) == ["medical=2", "fashion=1", "imagenet=1", "satellite=1", "xray=1"])
            #expect(pairs(facets.architectures) == ["resnet=2", "efficientnet_lite=1", "mobilenet_v2=1", "vgg=1"])
            #expect(pairs(facets.tasks) == ["image-classification=5"])
            #expect(pairs(facets.licenses) == ["apache-2.0=3", "cc-by-4.0=1", "mit=1"])
            #expect(facets.exact && facets.countedMatches == 5)
        }
    }

    @Test("with text or filters, only the query's matches count")
    func matchesOnly() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let medical = try await facets(registry, [("q", "medical")])
            #expect(pairs(medical.domains) == ["medical=2", "satellite=1", "xray=1"])
            #expect(pairs(medical.architectures) == ["resnet=2", "mobilenet_v2=1"])
            #expect(pairs(medical.licenses) == ["apache-2.0=1", "cc-by-4.0=1", "mit=1"])
            #expect(medical.exact && medical.countedMatches == 3)
            let narrow = try await facets(registry, [("domain", "medical"), ("license", "MIT")])
            #expect(pairs(narrow.domains) == ["medical=1"])
            #expect(pairs(narrow.architectures) == ["resnet=1"])
            let none = try await facets(registry, [("q", "nothing-like-this")])
            #expect(none.domains.isEmpty && none.tasks.isEmpty && none.exact && none.countedMatches == 0)
            let sorted = try await facets(registry, [("sort", "downloads"), ("limit", "1")])
            #expect(sorted == (try await facets(registry, [])))  // sort and page play no part
        }
    }

    @Test("past the match limit, the counts are lower bounds over that many matches and say so")
    func capped() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let facets = try await facets(registry, [("task", "image-classification")], matchLimit: 3)
            #expect(!facets.exact)
            #expect(facets.countedMatches == 3)
            #expect(pairs(facets.tasks) == ["image-classification=3"])
            #expect(facets.architectures.map(\.count).reduce(0, +) == 3)
        }
    }

    @Test("the stored totals follow a model's head when its latest tag moves, and match a count over every head")
    func totalsFollowHead() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let moved = SyntheticModel.make(name: "bob/imagenet-vgg", domain: ["imagenet", "street"], variant: "resnet18",
                                            family: "resnet", license: "MIT", seed: 9)
            #expect(try await registry.push(moved, token: registry.tokens.admin).status == 201)
            let stored = try await facets(registry, [])
            #expect(pairs(stored.architectures) == ["resnet=3", "efficientnet_lite=1", "mobilenet_v2=1"])
            #expect(pairs(stored.domains) == ["medical=2", "fashion=1", "imagenet=1", "satellite=1", "street=1", "xray=1"])
            #expect(pairs(stored.licenses) == ["apache-2.0=2", "mit=2", "cc-by-4.0=1"])
            // The same counts taken over the matches of a filter every head passes.
            var counted = try await facets(registry, [("task", "image-classification")])
            counted.countedMatches = stored.countedMatches
            #expect(counted == stored)
            let untagged = try await registry.request("DELETE", "\(TestRegistry.modelPath("bob/imagenet-vgg"))/tags/latest",
                                                      token: registry.tokens.admin)
            #expect((200..<300).contains(untagged.status), "\(untagged.text)")
            let after = try await facets(registry, [])
            #expect(after.countedMatches == 4)
            #expect(pairs(after.architectures) == ["resnet=2", "efficientnet_lite=1", "mobilenet_v2=1"])
            #expect(pairs(after.domains) == ["medical=2", "fashion=1", "satellite=1", "xray=1"])
        }
    }

    @Test("the migration counts the heads a database already holds",
          .enabled(if: TestBackends.isDefaultDatabase, "SQLite's migration 4 backfills the counts; PostgreSQL's schema starts with them"))
    func migrationBackfills() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let before = try await facets(registry, [])
            try await registry.data.database.write { db in
                try db.execute("DROP TABLE search_facet_counts")
                try db.execute(SearchFacetTotals.migration)
            }
            #expect(try await facets(registry, []) == before)
        }
    }
}
