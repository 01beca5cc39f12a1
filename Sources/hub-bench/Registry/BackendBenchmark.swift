import ContentStore
import Foundation
import HubServer
import Logging
import Manifest
import ObjectStore
import RegistryAPI

/// The scale-out back ends beside the embedded ones, in one run (`hub-bench backends`; `make bench` starts
/// a throwaway PostgreSQL cluster and moto for it and names them in `HUB_TEST_DATABASE` / `HUB_TEST_BLOBS`):
/// - search latency with the synthetic catalogue in PostgreSQL beside the same catalogue in SQLite;
/// - blob GET throughput from an S3-compatible bucket, streamed through `hub serve` and by redirect to a
///   presigned URL, beside the folder store (skipped when `HUB_TEST_BLOBS` is unset).
enum BackendBenchmark {
    struct Options: Sendable {
        /// Synthetic models loaded into each database (`HUB_BENCH_BACKEND_MODELS`, default 100,000).
        var models = Int(ProcessInfo.processInfo.environment["HUB_BENCH_BACKEND_MODELS"] ?? "") ?? 100_000
        /// Search requests timed per query kind and back end.
        var searchRequests = 40
        /// Size of the blob pulled, in MiB.
        var blobMebibytes = 64
        /// Pulls timed per store.
        var pulls = 5
        init() {}
    }

    static func run(_ options: Options = Options(), report: (String) -> Void = { print($0) }) async throws -> [RegistryBenchmark.Row] {
        let environment = ProcessInfo.processInfo.environment
        guard let cluster = environment["HUB_TEST_DATABASE"] else {
            throw ChildProcess.Failure(command: "hub-bench backends",
                                       reason: "needs HUB_TEST_DATABASE, and HUB_TEST_BLOBS for the bucket (run it through `make bench`, which starts PostgreSQL and moto)")
        }
        var rows = try await searchRows(options, cluster: try PostgresLocation(parsing: cluster), report: report)
        if let bucket = environment["HUB_TEST_BLOBS"] {
            rows += try await pullRows(options, bucket: bucket, report: report)
        } else {
            report("blob GET from a bucket: skipped (no HUB_TEST_BLOBS; `make bench` starts moto)")
        }
        report("| benchmark | value | reference | ratio |")
        report("|---|---|---|---|")
        for row in rows {
            report("| \(row.name) | \(RegistryBenchmark.format(row.value)) \(row.unit) | \(row.reference) | \(row.ratio.map { RegistryBenchmark.format($0) + "x" } ?? "") |")
        }
        return rows
    }

    static var logger: Logger {
        var logger = Logger(label: "hub.bench")
        logger.logLevel = .warning
        return logger
    }

    /// A temporary folder for one registry, removed by the caller.
    static func folder(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-\(name)-\(UUID().uuidString)")
    }

    // MARK: search

    static func searchRows(_ options: Options, cluster: PostgresLocation, report: (String) -> Void) async throws -> [RegistryBenchmark.Row] {
        let sqliteFolder = folder("sqlite"), postgresFolder = folder("postgres")
        defer {
            try? FileManager.default.removeItem(at: sqliteFolder)
            try? FileManager.default.removeItem(at: postgresFolder)
        }
        let name = "hub_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresDatabase(location: cluster)
        try admin.execute("CREATE DATABASE \(name)")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let databaseURL = cluster.with(database: name).description

        var times: [String: [(p50: Double, p95: Double)]] = [:]
        for (label, folder, url) in [("SQLite", sqliteFolder, nil), ("PostgreSQL", postgresFolder, databaseURL)] as [(String, URL, String?)] {
            var configuration = ServerConfiguration(dataDirectory: folder, port: 0, logRequests: false)
            configuration.databaseURL = url
            let server = try RegistryServer(configuration: configuration, logger: logger)
            let start = ContinuousClock.now
            _ = try SyntheticCatalogue.load(count: options.models, into: server.data)
            report("\(label): loaded \(options.models) models in \(RegistryBenchmark.format(RegistryBenchmark.seconds(ContinuousClock.now - start))) s")
            times[label] = try await server.withRunning { base in
                try SearchBenchmark.kinds.map { kind in
                    try SearchBenchmark.percentiles(
                        urls: Array(repeating: "\(base)\(Route.search.path())?\(kind.query)&limit=20", count: options.searchRequests))
                }
            }
        }
        return SearchBenchmark.kinds.indices.map { index in
            let postgres = times["PostgreSQL"]![index], sqlite = times["SQLite"]![index]
            return RegistryBenchmark.Row(
                name: "search \(SearchBenchmark.kinds[index].name) on PostgreSQL (\(options.models) models) p50", value: postgres.p50,
                unit: "ms",
                reference: "p95 \(RegistryBenchmark.format(postgres.p95)) ms; SQLite p50 \(RegistryBenchmark.format(sqlite.p50)) / p95 \(RegistryBenchmark.format(sqlite.p95)) ms",
                ratio: sqlite.p50 > 0 ? postgres.p50 / sqlite.p50 : nil)
        }
    }

    // MARK: pulls

    static func pullRows(_ options: Options, bucket: String, report: (String) -> Void) async throws -> [RegistryBenchmark.Row] {
        let bytes = Data((0..<(options.blobMebibytes << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })
        let digest = Digest.sha256(of: bytes)
        let location = try S3Location(parsing: bucket).withPrefix("bench-\(UUID().uuidString.lowercased())/")
        let client = S3Client(location: location, credentials: try S3Credentials.load())
        try client.createBucket()
        defer { try? client.deleteEverything() }
        let objectURL = "s3://\(location.bucket)?endpoint=\(location.endpoint)&region=\(location.region)&prefix=\(location.prefix)"
        let cases: [(name: String, blobs: String?, redirect: Int?)] = [
            ("folder", nil, nil), ("S3, streamed through", objectURL, nil), ("S3, by redirect", objectURL, 300),
        ]
        var rates: [Double] = []
        for item in cases {
            let data = folder("pull")
            defer { try? FileManager.default.removeItem(at: data) }
            var configuration = ServerConfiguration(dataDirectory: data, port: 0, logRequests: false)
            configuration.blobStoreURL = item.blobs
            configuration.blobRedirectSeconds = item.redirect
            let server = try RegistryServer(configuration: configuration, logger: logger)
            if try server.data.blobs.storedSize(of: digest) == nil { try server.data.blobs.store(bytes, expected: digest) }
            let best = try await server.withRunning { base in
                try RegistryBenchmark.bestOf(options.pulls) {
                    try Curl.run(["-sfL", "-o", "/dev/null", "\(base)/v1/blobs/\(digest)"])
                }
            }
            let rate = Double(bytes.count) / best / 1_000_000
            rates.append(rate)
            report("blob GET, \(item.name): \(RegistryBenchmark.format(rate)) MB/s")
        }
        return cases.indices.map { index in
            RegistryBenchmark.Row(name: "blob GET \(options.blobMebibytes) MiB, \(cases[index].name) (curl -L, best of \(options.pulls))",
                                  value: rates[index], unit: "MB/s", reference: "folder store: \(RegistryBenchmark.format(rates[0])) MB/s",
                                  ratio: rates[index] / rates[0])
        }
    }
}
