import Foundation
@testable import HubServer
import RegistryAPI
import Testing

/// Text with domain or task filters reads the FTS index narrowed by those filters' phrases
/// (`SearchConditions.narrowed`): the answers must be exactly those of the text's own match with the
/// filters checked one by one, in the same order, sorted or walked, whatever the filter values hold.
@Suite("search narrowed by filters")
struct SearchNarrowingTests {
    /// Models whose domains tokenize in more than one way: hyphenated, split, numeric, overlapping (the one
    /// task a manifest may name today is image-classification).
    static func catalogue(_ registry: TestRegistry) async throws {
        let models: [(String, [String], String, String)] = [
            ("cells-a", ["cell-biology", "medical"], "image-classification", "Cell classifier for microscopy images."),
            ("cells-b", ["cell", "biology"], "image-classification", "Another cell classifier, biology images."),
            ("xray", ["x-ray", "medical"], "image-classification", "Classifier of x-ray images."),
            ("art", ["art-2", "art"], "image-classification", "Art classifier, second art domain."),
            ("digits", ["2024", "medical"], "image-classification", "Classifier from 2024, a numeric domain."),
            ("plain", ["medical"], "image-classification", "Medical segmentation images."),
            ("other", ["satellite"], "image-classification", "Satellite classifier, mentions medical cell art."),
        ]
        for (index, (name, domains, task, description)) in models.enumerated() {
            let model = SyntheticModel.make(name: "team/\(name)", description: description, domain: domains, task: task,
                                            seed: UInt8(index + 1))
            let pushed = try await registry.push(model, token: registry.tokens.admin)
            #expect(pushed.status == 201, "\(pushed.text)")
        }
    }

    /// Every page of the query's answer, narrowed or not, with the exact-count bound at `bound`.
    func answer(_ registry: TestRegistry, _ parameters: [(String, String)], bound: Int, narrowsText: Bool)
        async throws -> [String] {
        var names: [String] = []
        var cursor: String?
        for _ in 0..<20 {
            var all = parameters + [("limit", "2")]
            if let cursor { all.append(("cursor", cursor)) }
            let query = try SearchQuery(parameters: all)
            let page = try await registry.data.database.read { db in
                try SearchRepository.search(query, bound: bound, narrowsText: narrowsText, in: db)
            }
            names += page.results.map(\.name)
            cursor = page.nextCursor
            if cursor == nil { break }
        }
        return names
    }

    @Test("narrowed and plain text matching answer the same hits in the same order")
    func sameAnswers() async throws {
        try await TestRegistry.with { registry in
            try await Self.catalogue(registry)
            let texts = ["classifier", "images", "cell", "medical", "art", "x"]
            // Stored tags are lowercase [a-z0-9-]; the queries also carry what no tag can hold.
            let filters: [[(String, String)]] = [
                [("domain", "medical")], [("domain", "cell-biology")], [("domain", "cell")], [("domain", "x-ray")],
                [("domain", "art-2")], [("domain", "art")], [("domain", "2024")], [("domain", "Medical")],
                [("domain", "x\"ray")], [("domain", "©art")], [("domain", "École")], [("domain", "\"")], [("domain", "--")],
                [("task", "image-classification")], [("task", "Image-Classification")], [("task", "detection")], [("task", "x\"y")],
                [("domain", "medical"), ("task", "detection")], [("domain", "medical"), ("domain", "2024")],
            ]
            var nonEmpty = 0
            for text in texts {
                for filter in filters {
                    for sort in [[], [("sort", "downloads")]] as [[(String, String)]] {
                        let parameters = [("q", text)] + filter + sort
                        for bound in [1_000, 1] {
                            let plain = try await answer(registry, parameters, bound: bound, narrowsText: false)
                            let narrowed = try await answer(registry, parameters, bound: bound, narrowsText: true)
                            #expect(narrowed == plain, "\(parameters), bound \(bound)")
                            if !plain.isEmpty { nonEmpty += 1 }
                        }
                    }
                }
            }
            #expect(nonEmpty > 40, "the queries must find something to compare")
        }
    }

    @Test("the narrowed match names each filter's column, with quotes doubled; values without a letter or digit are left out")
    func expression() throws {
        let query = try SearchQuery(parameters: [("q", "cell"), ("domain", "x\"ray"), ("domain", "--"), ("task", "seg")])
        let match = try #require(query.matchExpression)
        #expect(SearchConditions.narrowed(match, by: query) == "(\(match)) AND domain : \"x\"\"ray\" AND task : \"seg\"")
        let unfiltered = try SearchQuery(parameters: [("q", "cell"), ("license", "mit")])
        #expect(SearchConditions.narrowed(try #require(unfiltered.matchExpression), by: unfiltered) == nil)
    }
}
