import Foundation

/// One wrk command line of the serving benchmark, run once against hub and once against nginx.
struct ServingCase: Sendable {
    /// What is measured.
    var name: String
    /// The URL path (the same on both servers).
    var path: String
    /// Concurrent connections (streams).
    var connections: Int
    /// Bytes of one response body, when throughput in MB/s is worth printing.
    var responseBytes: Int?
    /// A `Range` header's first and last byte, if ranged.
    var range: ClosedRange<Int>?

    init(name: String, path: String, connections: Int, responseBytes: Int? = nil, range: ClosedRange<Int>? = nil) {
        self.name = name
        self.path = path
        self.connections = connections
        self.range = range
        self.responseBytes = range.map(\.count) ?? responseBytes
    }

    /// Runs wrk (`-t2`, or `-t1` for one connection) against `base` for `seconds`.
    func run(against base: String, seconds: Int) throws -> LoadBenchmark.Result {
        var extra: [String] = []
        if let range { extra = ["-H", "Range: bytes=\(range.lowerBound)-\(range.upperBound)"] }
        return try LoadBenchmark.wrk(name, url: "\(base)\(path)", seconds: seconds, connections: connections,
                                     threads: min(2, connections), extraArguments: extra)
    }

    /// A 1 MiB range starting at an odd offset a fifth into the blob (a resumed pull's shape), clamped
    /// to blobs smaller than that.
    static func middleRange(of size: Int) -> ClosedRange<Int> {
        let start = size / 5 + 1
        return start...min(size - 1, start + (1 << 20) - 1)
    }
}

/// hub's and nginx's result for one case.
struct ServingRow: Sendable {
    /// The case.
    var servingCase: ServingCase
    /// `hub serve`.
    var hub: LoadBenchmark.Result
    /// nginx with the same bytes.
    var nginx: LoadBenchmark.Result

    /// hub's requests/s over nginx's.
    var ratio: Double { nginx.requestsPerSecond > 0 ? hub.requestsPerSecond / nginx.requestsPerSecond : 0 }
}

/// The mixed load's wrk script.
enum MixedLoad {
    /// The searches of the mix, in turn.
    static let searches = ["q=medical", "q=resnet&domain=satellite", "sort=downloads", "min=accuracy:0.9&sort=metric:accuracy",
                           "q=cat+dog", "arch=mobilenet_v2&license=mit", "q=fashion&sort=recent", "domain=medical&q=chest"]

    /// Out of every 10 requests: 7 manifest GETs (over `manifests` in turn), 2 searches, 1 blob GET.
    static func script(manifests: [String], blob: String) -> String {
        func list(_ items: [String]) -> String { "{" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "}" }
        return """
            local manifests = \(list(manifests))
            local searches = \(list(searches.map { "/v1/search?\($0)&limit=20" }))
            local counter, manifest, search = 0, 0, 0
            request = function()
              counter = counter + 1
              local slot = counter % 10
              if slot < 7 then
                manifest = manifest + 1
                return wrk.format("GET", manifests[(manifest % #manifests) + 1])
              elseif slot < 9 then
                search = search + 1
                return wrk.format("GET", searches[(search % #searches) + 1])
              end
              return wrk.format("GET", "\(blob)")
            end
            """
    }
}
