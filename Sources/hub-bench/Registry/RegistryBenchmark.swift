import ContentStore
import Foundation
import HubServer
import Logging
import Manifest
import RegistryAPI

/// The registry benchmarks of `make bench`, each printed beside a reference measured in the same run:
/// bulk publish through the parallel path against the serial one, blob GET throughput against curl reading
/// the same file from disk, manifest GETs per second over one keep-alive connection, and search latency
/// p50/p95 per query kind (`SearchBenchmark`) with many synthetic manifests loaded, and the web pages' p95 beside
/// the JSON API's for the same question (`WebPageBenchmark`).
/// Needs `curl` on the PATH. Run it with `hub-bench registry` (release build; `make bench`).
enum RegistryBenchmark {
    /// Sizes of the runs.
    struct Options: Sendable {
        /// Size of the blob served, in MiB.
        var blobMebibytes = 256
        /// Manifest GETs timed.
        var manifestRequests = 2_000
        /// Synthetic models loaded before timing search (`HUB_BENCH_SEARCH_MODELS` overrides it, e.g. 1000000).
        var searchModels = Int(ProcessInfo.processInfo.environment["HUB_BENCH_SEARCH_MODELS"] ?? "") ?? 100_000
        /// Search requests timed per query kind.
        var searchRequests = 60
        /// Models loaded through the serial (pre-bulk) path, to compare with the parallel bulk path.
        var serialLoadModels = 10_000
        /// Pages of 100 hits followed to reach a deep cursor.
        var deepPages = 200

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
        let blob = try writeBlob(mebibytes: options.blobMebibytes, into: server.data.folderBlobs!)
        let serialRate = try BulkPublishBenchmark.rate(models: min(options.serialLoadModels, options.searchModels), path: .serial,
                                                       databaseURL: nil)
        let loadStart = ContinuousClock.now
        let manifestPath = try SyntheticCatalogue.load(count: options.searchModels, into: server.data)
        let loadSeconds = seconds(ContinuousClock.now - loadStart)
        report("loaded \(options.searchModels) models in \(format(loadSeconds)) s")
        let bulkRate = Double(options.searchModels) / loadSeconds
        let rows = try await server.withRunning { url in
            var rows: [Row] = []
            rows.append(Row(name: "bulk publish, parallel path (\(options.searchModels) models)", value: bulkRate, unit: "models/s",
                            reference: "serial path (\(min(options.serialLoadModels, options.searchModels)) models): \(format(serialRate)) models/s",
                            ratio: bulkRate / serialRate))
            rows += try blobThroughput(url: url, digest: blob, store: server.data.folderBlobs!, mebibytes: options.blobMebibytes)
            rows.append(try manifestRate(url: url, path: manifestPath, count: options.manifestRequests))
            rows += try await SearchBenchmark.rows(url: url, data: server.data, requests: options.searchRequests,
                                                   models: options.searchModels, depth: options.deepPages)
            rows += try WebPageBenchmark.rows(url: url, requests: options.searchRequests, models: options.searchModels,
                                              depth: options.deepPages)
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
