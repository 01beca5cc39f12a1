import Foundation
import RegistryAPI
import HubServer

/// `hub-bench load`: wrk (Debian's `wrk`) against a running registry on loopback for manifest GET,
/// search and blob GET, each for `seconds` with 16 connections. A registry under load must answer every
/// request: the benchmark prints requests/s and p50/p99 latency, and counts socket errors and non-2xx
/// answers, which must both be 0.
enum LoadBenchmark {
    /// One wrk run, read from its `--latency` report.
    struct Result {
        var name: String
        var requestsPerSecond: Double
        var p50Milliseconds: Double
        var p99Milliseconds: Double
        var socketErrors: Int
        var non2xx: Int
        var requests: Int
    }

    /// Loads `models` synthetic models and a 5 MiB blob into a fresh registry, then runs the three loads.
    static func run(models: Int, seconds: Int, connections: Int = 16) async throws -> [Result] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-load-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try RegistryServer(configuration: ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false))
        let manifestPath = try SyntheticCatalogue.load(count: models, into: server.data)
        let blob = try server.data.blobs.store(Data((0..<(5 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }))
        let script = folder.appendingPathComponent("search.lua")
        try searchScript.write(to: script, atomically: true, encoding: .utf8)
        return try await server.withRunning { url in
            [
                try wrk("manifest GET by tag", url: "\(url)\(manifestPath)", seconds: seconds, connections: connections),
                try wrk("search (8 queries in turn)", url: "\(url)\(Route.search.path())", script: script.path,
                        seconds: seconds, connections: connections),
                try wrk("blob GET (5 MiB)", url: "\(url)\(Route.getBlob.path(["digest": blob.description]))", seconds: seconds, connections: connections),
            ]
        }
    }

    /// The rows of `results` as a markdown table.
    static func table(_ results: [Result]) -> String {
        var lines = ["| load | requests | req/s | p50 | p99 | socket errors | non-2xx |", "|---|---|---|---|---|---|---|"]
        for result in results {
            lines.append("| \(result.name) | \(result.requests) | \(String(format: "%.0f", result.requestsPerSecond)) | "
                + "\(String(format: "%.2f", result.p50Milliseconds)) ms | \(String(format: "%.2f", result.p99Milliseconds)) ms | "
                + "\(result.socketErrors) | \(result.non2xx) |")
        }
        lines.append(isClean(results) ? "every request answered 2xx" : "FAILED: some requests got errors or non-2xx answers")
        return lines.joined(separator: "\n")
    }

    /// Whether every request of every load was answered 2xx.
    static func isClean(_ results: [Result]) -> Bool {
        results.allSatisfy { $0.socketErrors == 0 && $0.non2xx == 0 && $0.requests > 0 }
    }

    /// The search load cycles over filters, sorts and free text, as a user typing would.
    static let searchScript = """
        local queries = {"q=medical", "q=resnet&domain=satellite", "sort=downloads", "min=accuracy:0.9&sort=metric:accuracy",
                         "q=cat+dog", "arch=mobilenet_v2&license=mit", "q=fashion&sort=recent", "domain=medical&q=chest"}
        local counter = 0
        request = function()
          counter = counter + 1
          return wrk.format("GET", "\(Route.search.path())?" .. queries[(counter % #queries) + 1] .. "&limit=20")
        end
        """

    /// Runs wrk against `url` and reads its report (`threads` wrk threads, `extraArguments` such as `-H`).
    static func wrk(_ name: String, url: String, script: String? = nil, seconds: Int, connections: Int,
                    threads: Int = 2, extraArguments: [String] = []) throws -> Result {
        var arguments = ["-t\(threads)", "-c\(connections)", "-d\(seconds)s", "--latency"] + extraArguments
        if let script { arguments += ["-s", script] }
        let output = try ChildProcess.run("/usr/bin/wrk", arguments + [url])
        return Result(name: name, report: output)
    }
}

extension LoadBenchmark.Result {
    /// Reads wrk's text report (the `--latency` distribution, totals and error lines).
    init(name: String, report: String) {
        self.name = name
        requestsPerSecond = 0; p50Milliseconds = 0; p99Milliseconds = 0; socketErrors = 0; non2xx = 0; requests = 0
        for line in report.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let words = line.split(separator: " ").map(String.init)
            if line.hasPrefix("50%"), let value = words.last { p50Milliseconds = Self.milliseconds(value) }
            if line.hasPrefix("99%"), let value = words.last { p99Milliseconds = Self.milliseconds(value) }
            if line.hasPrefix("Requests/sec:"), let value = words.last { requestsPerSecond = Double(value) ?? 0 }
            if line.contains("requests in"), let first = words.first { requests = Int(first) ?? 0 }
            if line.hasPrefix("Non-2xx or 3xx responses:"), let value = words.last { non2xx = Int(value) ?? 0 }
            if line.hasPrefix("Socket errors:") {
                socketErrors = words.compactMap { Int($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) }.reduce(0, +)
            }
        }
    }

    /// wrk prints durations as `812.00us`, `1.23ms` or `2.01s`.
    static func milliseconds(_ text: String) -> Double {
        for (suffix, scale) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where text.hasSuffix(suffix) {
            return (Double(text.dropLast(suffix.count)) ?? 0) * scale
        }
        return Double(text) ?? 0
    }
}
