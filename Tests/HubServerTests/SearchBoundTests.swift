import Foundation
@testable import HubServer
import RegistryAPI
import Testing

/// Search past its bound: the same catalogue as `SearchTests`, with the bound lowered to 3 matches so that
/// the walked plan (keyset pages over the order's index) answers, and compared with the sorted plan.
@Suite("search past the exact-count bound")
struct SearchBoundTests {
    /// Every page of `parameters` at `limit` per page, with the bound `bound`: names in order, and each page's totals.
    func pages(_ registry: TestRegistry, _ parameters: [(String, String)], limit: Int = 2, bound: Int)
        async throws -> (names: [String], totals: [SearchPage]) {
        var names: [String] = []
        var pages: [SearchPage] = []
        var cursor: String?
        repeat {
            var all = parameters + [("limit", "\(limit)")]
            if let cursor { all.append(("cursor", cursor)) }
            let query = try SearchQuery(parameters: all)
            let page = try await registry.data.database.read { db in try SearchRepository.search(query, bound: bound, in: db) }
            names += page.results.map(\.name)
            pages.append(page)
            cursor = page.nextCursor
            #expect(pages.count <= 10, "paging does not end")
        } while cursor != nil && pages.count <= 10
        return (names, pages)
    }

    @Test("each key order pages the same hits, in the same order, whether sorted or walked")
    func walkedMatchesSorted() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            for parameters in [[("sort", "downloads")], [("sort", "recent")], [("sort", "metric:accuracy")],
                               [("sort", "downloads"), ("task", "image-classification")],
                               [("sort", "recent"), ("q", "classifier")], [("min", "accuracy:0.5"), ("sort", "metric:accuracy")],
                               [("sort", "downloads"), ("arch", "resnet")], [("domain", "medical")]] {
                let sorted = try await pages(registry, parameters, bound: 1_000)
                let walked = try await pages(registry, parameters, bound: 1)
                #expect(walked.names == sorted.names, "\(parameters)")
                #expect(Set(walked.names).count == walked.names.count, "\(parameters)")
                #expect(sorted.totals.allSatisfy { $0.total == sorted.names.count && !$0.totalIsLowerBound }, "\(parameters)")
            }
            let metric = try await pages(registry, [("sort", "metric:accuracy")], bound: 1)
            #expect(metric.names == ["alice/fashion-effnet", "alice/chest-xray", "skin-lesion-resnet", "satellite-landcover"])
        }
    }

    @Test("a model whose last tag was deleted has no head, and no walked page lists it, filtered or not")
    func headlessModelsAreNotWalked() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let deleted = try await registry.request("DELETE", "/v1/models/alice/chest-xray/tags/latest", token: registry.tokens.admin)
            #expect(deleted.status == 204, "\(deleted.text)")
            for parameters in [[("domain", "medical")], [("q", "medical")], [("sort", "downloads")],
                               [("domain", "xray"), ("sort", "downloads")], [("min", "accuracy:0.5")]] {
                let walked = try await pages(registry, parameters, bound: 0)
                #expect(!walked.names.contains("alice/chest-xray"), "\(parameters)")
                #expect(walked.totals.dropLast().allSatisfy { $0.results.count == 2 }, "a page came short: \(parameters)")
                let sorted = try await pages(registry, parameters, bound: 1_000)
                #expect(Set(walked.names) == Set(sorted.names), "\(parameters)")
            }
        }
    }

    @Test("past the bound, total is the bound and says it is a lower bound; without a condition it stays exact")
    func lowerBound() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let filtered = try await pages(registry, [("task", "image-classification")], bound: 3)
            #expect(filtered.names.count == 5)
            #expect(filtered.totals.allSatisfy { $0.total == 3 && $0.totalIsLowerBound })
            let everything = try await pages(registry, [], bound: 3)
            #expect(everything.totals.allSatisfy { $0.total == 5 && !$0.totalIsLowerBound })
            let few = try await pages(registry, [("domain", "medical")], bound: 3)
            #expect(few.totals.allSatisfy { $0.total == 2 && !$0.totalIsLowerBound })
        }
    }

    @Test("broad text past the bound lists its matches most downloaded first; within the bound by bm25")
    func broadText() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let walked = try await pages(registry, [("q", "classifier")], bound: 1)
            let byDownloads = try await pages(registry, [("q", "classifier"), ("sort", "downloads")], bound: 1_000)
            #expect(walked.names == byDownloads.names)
            #expect(walked.totals.allSatisfy { $0.total == 1 && $0.totalIsLowerBound })
            let ranked = try await pages(registry, [("q", "medical")], limit: 1, bound: 1_000)
            #expect(Set(ranked.names.prefix(2)) == ["skin-lesion-resnet", "alice/chest-xray"])
            #expect(ranked.names.last == "satellite-landcover")
            #expect(ranked.names.count == 3)
        }
    }

    @Test("the JSON page carries totalIsLowerBound; a cursor names its query and position")
    func wire() async throws {
        try await TestRegistry.with { registry in
            try await SearchTests.catalogue(registry)
            let response = try await registry.request("GET", "/v1/search?sort=recent&limit=2")
            #expect(response.object["totalIsLowerBound"] as? Bool == false)
            let cursor = try #require(response.object["nextCursor"] as? String)
            let other = try await registry.request("GET", "/v1/search?sort=downloads&limit=2&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
            #expect(other.errorCode == "QUERY_INVALID")
            for forged in ["o\u{1}5000", "k\u{1}x1\u{1}a", "k\u{1}i1\u{1}", "z\u{1}1"] {
                let hash = try #require(String(data: Data(base64Encoded: cursor)!, encoding: .utf8)?.split(separator: "\u{1}").first)
                let text = Data("\(hash)\u{1}\(forged)".utf8).base64EncodedString()
                let answer = try await registry.request("GET", "/v1/search?sort=recent&limit=2&cursor=\(text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(answer.errorCode == "QUERY_INVALID", "\(forged)")
            }
        }
    }
}
