import Foundation
import HubServer
import RegistryAPI

/// Search latency per query kind (curl over one keep-alive connection, p50 and p95), a page deep in the
/// results reached by following cursors, and the facets' latency in process.
enum SearchBenchmark {
    /// The query kinds timed: free text, each filter, each sort, and their mixes.
    static let kinds: [(name: String, query: String)] = [
        ("text, one common word", "q=medical"),
        ("text, two words", "q=cat+dog"),
        ("text + domain", "q=chest&domain=medical"),
        ("text, rare (no match)", "q=zebra"),
        ("filter domain", "domain=satellite"),
        ("filter arch", "arch=mobilenet_v2"),
        ("filter task", "task=image-classification"),
        ("filter license", "license=mit"),
        ("filter min", "min=accuracy:0.9"),
        ("filters arch + license", "arch=resnet&license=cc-by-4.0"),
        ("sort relevance, no text", "sort=relevance"),
        ("sort downloads", "sort=downloads"),
        ("sort recent", "sort=recent"),
        ("sort recent + text", "q=fashion&sort=recent"),
        ("sort metric", "sort=metric:accuracy"),
        ("sort metric + min", "min=accuracy:0.9&sort=metric:accuracy"),
    ]

    /// Queries whose deep pages are timed (reached by following `depth` cursors of 100 hits).
    static let deepKinds: [(name: String, query: String)] = [
        ("deep page, sort downloads", "sort=downloads"),
        ("deep page, text", "q=medical"),
        ("deep page, license + sort recent", "license=mit&sort=recent"),
    ]

    static func rows(url: URL, data: DataDirectory, requests: Int, models: Int, depth: Int) async throws -> [RegistryBenchmark.Row] {
        var rows: [RegistryBenchmark.Row] = []
        let floor = try percentiles(urls: Array(repeating: "\(url)/healthz", count: 200)).p50
        for kind in kinds {
            let times = try percentiles(urls: Array(repeating: "\(url)\(Route.search.path())?\(kind.query)&limit=20", count: requests))
            rows.append(row("search \(kind.name) (\(models) models)", times, floor: floor))
        }
        for kind in deepKinds {
            let (cursor, hits) = try deepCursor(url: url, query: kind.query, pages: depth)
            let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
            let times = try percentiles(urls: Array(repeating: "\(url)\(Route.search.path())?\(kind.query)&limit=100&cursor=\(encoded)",
                                                    count: requests))
            rows.append(row("search \(kind.name), after \(hits) hits (\(models) models)", times, floor: floor))
        }
        for (name, parameters) in [("facets, no filter", [(String, String)]()), ("facets, domain", [("domain", "medical")]),
                                   ("facets, text", [("q", "cat")]), ("facets, text + license", [("q", "dog"), ("license", "mit")])] {
            var times: [Double] = []
            var exact = true
            for _ in 0..<max(requests, 20) {
                let start = ContinuousClock.now
                exact = try await data.searchFacetSummary(parameters).exact
                times.append(RegistryBenchmark.seconds(ContinuousClock.now - start) * 1000)
            }
            rows.append(row("\(name), in process (\(models) models, \(exact ? "exact" : "capped"))", percentiles(times), floor: nil))
        }
        return rows
    }

    static func row(_ name: String, _ times: (p50: Double, p95: Double), floor: Double?) -> RegistryBenchmark.Row {
        RegistryBenchmark.Row(name: name + " p50", value: times.p50, unit: "ms",
                              reference: "p95 \(RegistryBenchmark.format(times.p95)) ms"
                                + (floor.map { "; GET /healthz p50 \(RegistryBenchmark.format($0)) ms" } ?? ""),
                              ratio: nil)
    }

    /// Times `urls` fetched in order over one curl (keep-alive); p50 and p95 in ms.
    static func percentiles(urls: [String]) throws -> (p50: Double, p95: Double) {
        let output = try Curl.run(["-s", "-w", "%{time_total}\\n"] + urls.flatMap { ["-o", "/dev/null", $0] })
        return percentiles(output.split(separator: "\n").compactMap { Double($0) }.map { $0 * 1000 })
    }

    static func percentiles(_ values: [Double]) -> (p50: Double, p95: Double) {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return (0, 0) }
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, sorted.count * 95 / 100)])
    }

    /// Follows up to `pages` cursors of 100 hits; returns the last cursor and the hits before it.
    static func deepCursor(url: URL, query: String, pages: Int) throws -> (cursor: String, hits: Int) {
        var cursor = ""
        var hits = 0
        for _ in 0..<pages {
            let suffix = cursor.isEmpty ? "" : "&cursor=\(cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor)"
            let body = try Curl.run(["-s", "\(url)\(Route.search.path())?\(query)&limit=100\(suffix)"])
            let page = try WireJSON.decode(SearchPage.self, from: Data(body.utf8))
            guard let next = page.nextCursor else { break }
            hits += page.results.count
            cursor = next
        }
        return (cursor, hits)
    }
}
