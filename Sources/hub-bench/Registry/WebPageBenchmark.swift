import Foundation
import RegistryAPI

/// The web pages' latency with the synthetic catalogue loaded, each beside the JSON API's answer to the same
/// question in the same run: the search page (hits and facet counts) against `GET /v1/search`, the model page
/// against `GET /v1/models/{namespace}/{name}`. Goal (issue 14): p95 under 50 ms at 100,000 models.
enum WebPageBenchmark {
    /// Search pages timed: the home page and the query kinds a visitor reaches by clicking.
    static let searchKinds: [(name: String, query: String)] = [
        ("home, no query", ""),
        ("text, one common word", "q=medical"),
        ("text + domain", "q=chest&domain=medical"),
        ("filter domain", "domain=satellite"),
        ("filters arch + license", "arch=resnet&license=cc-by-4.0"),
        ("sort downloads", "sort=downloads"),
        ("sort metric", "sort=metric:accuracy"),
    ]

    /// The p95 a page must stay under.
    static let goalMilliseconds = 50.0

    static func rows(url: URL, requests: Int, models: Int, depth: Int) throws -> [RegistryBenchmark.Row] {
        var rows: [RegistryBenchmark.Row] = []
        for kind in searchKinds {
            let page = try timed(Array(repeating: "\(url)/?\(kind.query)", count: requests))
            let json = try timed(
                 Array(repeating: "\(url)\(Route.search.path())?\(kind.query)", count: requests))
            rows.append(row("web search page, \(kind.name) (\(models) models)", page: page, json: json))
        }
        let (cursor, hits) = try SearchBenchmark.deepCursor(url: url, query: "sort=downloads", pages: depth)
        let encoded = cursor.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? cursor
        let deepPage = try timed(
            Array(repeating: "\(url)/?sort=downloads&cursor=\(encoded)&page=\(depth + 1)", count: requests))
        let deepJSON = try timed(
            Array(repeating: "\(url)\(Route.search.path())?sort=downloads&cursor=\(encoded)", count: requests))
        rows.append(row("web search page, sort downloads after \(hits) hits (\(models) models)", page: deepPage, json: deepJSON))

        let names = modelNames(count: requests, models: models)
        let modelPages = try timed(names.map { "\(url)/models/\($0.namespace)/\($0.name)" })
        let modelJSON = try timed(
            names.map { "\(url)\(Route.getModel.path(["namespace": $0.namespace, "name": $0.name]))" })
        rows.append(row("web model page, \(names.count) different models (\(models) models)", page: modelPages, json: modelJSON))
        return rows
    }

    /// Times `urls` (as `SearchBenchmark.percentiles`) after checking that each distinct one answers 200: a
    /// fast 404 page must not pass for a fast page.
    static func timed(_ urls: [String]) throws -> (p50: Double, p95: Double) {
        let distinct = Array(Set(urls)).sorted()
        let statuses = try Curl.run(["-s", "-w", "%{http_code}\\n"] + distinct.flatMap { ["-o", "/dev/null", $0] })
            .split(separator: "\n")
        for (url, status) in zip(distinct, statuses) where status != "200" {
            throw ChildProcess.Failure(command: "curl \(url)", reason: "answered \(status), expected 200")
        }
        return try SearchBenchmark.percentiles(urls: urls)
    }

    /// Models spread over the whole catalogue (`SyntheticCatalogue`'s names).
    static func modelNames(count: Int, models: Int) -> [(namespace: String, name: String)] {
        let step = max(1, models / max(count, 1))
        return stride(from: 0, to: models, by: step).prefix(count).map { index in
            (namespace: "ns\(index % 100)", name: "model-\(index)")
        }
    }

    /// A page's p95 as the value, its p50 and the JSON API's figures as the reference, page p95 / JSON p95 as the ratio.
    static func row(_ name: String, page: (p50: Double, p95: Double), json: (p50: Double, p95: Double)) -> RegistryBenchmark.Row {
        let verdict = page.p95 < goalMilliseconds ? "under" : "OVER"
        return RegistryBenchmark.Row(
            name: name + " p95", value: page.p95, unit: "ms",
            reference: "page p50 \(RegistryBenchmark.format(page.p50)) ms, \(verdict) the \(Int(goalMilliseconds)) ms goal; "
                + "JSON API p50 \(RegistryBenchmark.format(json.p50)) / p95 \(RegistryBenchmark.format(json.p95)) ms",
            ratio: json.p95 > 0 ? page.p95 / json.p95 : nil)
    }
}
