import ContentStore
import Foundation
import HubServer
import Logging
import Manifest
import RegistryAPI

/// The registry benchmarks of `make bench`, each printed beside a reference measured in the same run:
/// blob GET throughput against curl reading the same file from disk, manifest GETs per second over one
/// keep-alive connection, and search latency p50/p95 with many synthetic manifests loaded.
/// Needs `curl` on the PATH. Run it with `hub-bench registry` (release build; `make bench`).
enum RegistryBenchmark {
    /// Sizes of the runs.
    struct Options: Sendable {
        /// Size of the blob served, in MiB.
        var blobMebibytes = 256
        /// Manifest GETs timed.
        var manifestRequests = 2_000
        /// Synthetic models loaded before timing search.
        var searchModels = 100_000
        /// Search requests timed (cycling over a fixed mix of queries).
        var searchRequests = 400

        /// The defaults of `make bench`.
        init() {}
    }

    /// One measured line.
    struct Row: Sendable {
        /// What was measured.
        let name: String
        /// The measurement, in `unit`.
        let value: Double
        /// Unit of `value`.
        let unit: String
        /// What it is compared with, and that reference's value.
        let reference: String
        /// value / reference (nil when there is no reference).
        let ratio: Double?
    }

    /// Runs every benchmark in a temporary data directory and returns the rows (also passed to `report`).
    static func run(_ options: Options = Options(), report: @Sendable (String) -> Void = { print($0) }) async throws -> [Row] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var logger = Logger(label: "hub.bench")
        logger.logLevel = .warning
        let server = try RegistryServer(configuration: ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false),
                                        logger: logger)
        report("preparing: \(options.blobMebibytes) MiB blob, \(options.searchModels) synthetic models ...")
        let blob = try writeBlob(mebibytes: options.blobMebibytes, into: server.data.blobs)
        let loadStart = ContinuousClock.now
        let manifestPath = try SyntheticCatalogue.load(count: options.searchModels, into: server.data)
        report("loaded \(options.searchModels) models in \(seconds(ContinuousClock.now - loadStart)) s")
        let rows = try await server.withRunning { url in
            var rows: [Row] = []
            rows += try blobThroughput(url: url, digest: blob, store: server.data.blobs, mebibytes: options.blobMebibytes)
            rows.append(try manifestRate(url: url, path: manifestPath, count: options.manifestRequests))
            rows += try searchLatency(url: url, count: options.searchRequests, models: options.searchModels)
            return rows
        }
        report("| benchmark | value | reference | ratio |")
        report("|---|---|---|---|")
        for row in rows {
            report("| \(row.name) | \(format(row.value)) \(row.unit) | \(row.reference) | \(row.ratio.map { format($0) + "x" } ?? "") |")
        }
        return rows
    }

    /// Writes a blob of pseudo-random bytes through a BlobWriter; returns its digest.
    static func writeBlob(mebibytes: Int, into store: BlobStore) throws -> Digest {
        let writer = try store.makeWriter()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var chunk = [UInt64](repeating: 0, count: 1 << 17)  // 1 MiB
        for _ in 0..<mebibytes {
            for index in chunk.indices {
                state ^= state << 13; state ^= state >> 7; state ^= state << 17
                chunk[index] = state
            }
            try chunk.withUnsafeBytes { try writer.write($0) }
        }
        return try writer.finish()
    }

    static func blobThroughput(url: URL, digest: Digest, store: BlobStore, mebibytes: Int) throws -> [Row] {
        let bytes = Double(mebibytes) * 1_048_576
        _ = try Curl.run(["-s", "-o", "/dev/null", "file://\(store.path(for: digest))"])  // warm the page cache
        let fileTime = try bestOf(3) { try Curl.run(["-s", "-o", "/dev/null", "file://\(store.path(for: digest))"]) }
        let hubTime = try bestOf(3) { try Curl.run(["-s", "-o", "/dev/null", "\(url)\(Route.getBlob.path(["digest": digest.description]))"]) }
        let hub = bytes / hubTime / 1e6, file = bytes / fileTime / 1e6
        return [Row(name: "blob GET (\(mebibytes) MiB, curl over loopback)", value: hub, unit: "MB/s",
                    reference: "curl file:// of the same file: \(format(file)) MB/s", ratio: hub / file)]
    }

    static func manifestRate(url: URL, path: String, count: Int) throws -> Row {
        let urls = Array(repeating: "\(url)\(path)", count: count)
        let start = ContinuousClock.now
        _ = try Curl.run(["-s", "-o", "/dev/null"] + urls.flatMap { ["-o", "/dev/null", $0] })
        let elapsed = seconds(ContinuousClock.now - start)
        return Row(name: "manifest GET, one keep-alive connection", value: Double(count) / elapsed, unit: "req/s",
                   reference: "\(count) requests in \(format(elapsed)) s", ratio: nil)
    }

    static func searchLatency(url: URL, count: Int, models: Int) throws -> [Row] {
        let queries = ["q=medical", "q=resnet&domain=satellite", "sort=downloads", "min=accuracy:0.9&sort=metric:accuracy",
                       "q=cat+dog", "arch=mobilenet_v2&license=mit", "q=fashion&sort=recent", "domain=medical&q=chest"]
        let urls = (0..<count).map { "\(url)\(Route.search.path())?\(queries[$0 % queries.count])&limit=20" }
        let output = try Curl.run(["-s", "-w", "%{time_total}\\n"] + urls.flatMap { ["-o", "/dev/null", $0] })
        let times = output.split(separator: "\n").compactMap { Double($0) }.map { $0 * 1000 }.sorted()
        guard !times.isEmpty else { return [] }
        let p50 = times[times.count / 2], p95 = times[min(times.count - 1, times.count * 95 / 100)]
        let health = try Curl.run(["-s", "-w", "%{time_total}\\n"] + (0..<200).flatMap { _ in ["-o", "/dev/null", "\(url)/healthz"] })
        let healthTimes = health.split(separator: "\n").compactMap { Double($0) }.map { $0 * 1000 }.sorted()
        let floor = healthTimes.isEmpty ? 0 : healthTimes[healthTimes.count / 2]
        return [
            Row(name: "search p50 (\(models) models)", value: p50, unit: "ms",
                reference: "GET /healthz p50 \(format(floor)) ms", ratio: floor > 0 ? p50 / floor : nil),
            Row(name: "search p95 (\(models) models)", value: p95, unit: "ms", reference: "", ratio: nil),
        ]
    }

    static func bestOf(_ runs: Int, _ body: () throws -> String) throws -> Double {
        var best = Double.infinity
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try body()
            best = min(best, seconds(ContinuousClock.now - start))
        }
        return best
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func format(_ value: Double) -> String { String(format: value >= 100 ? "%.0f" : "%.2f", value) }
}

/// Runs `curl` and returns its standard output.
enum Curl {
    static func run(_ arguments: [String]) throws -> String {
        try ChildProcess.run("/usr/bin/env", ["curl"] + arguments)
    }
}
