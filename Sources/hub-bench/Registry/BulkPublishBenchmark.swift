import Foundation
import HubServer

/// `hub-bench bulk`: loading the synthetic catalogue through the bulk path (`publishInOneTransaction`,
/// `.parallel`) beside the serial path (the publish path before bulk loads had their own), both in the
/// same run, into SQLite and, when `HUB_TEST_DATABASE` names a cluster (`make bench` starts one), into
/// PostgreSQL. Each load goes into a fresh, empty database. Only the loads: `hub-bench registry` and
/// `hub-bench backends` load the catalogue too, and then time search over it.
enum BulkPublishBenchmark {
    struct Options: Sendable {
        /// Models loaded through the bulk path (`HUB_BENCH_BULK_MODELS`).
        var models = Int(ProcessInfo.processInfo.environment["HUB_BENCH_BULK_MODELS"] ?? "") ?? 100_000
        /// Models loaded through the serial path into SQLite (`HUB_BENCH_BULK_SERIAL_MODELS`).
        var serialModels = Int(ProcessInfo.processInfo.environment["HUB_BENCH_BULK_SERIAL_MODELS"] ?? "") ?? 10_000
        /// Models loaded through the serial path into PostgreSQL, where each of its statements is a round
        /// trip (`HUB_BENCH_BULK_POSTGRES_SERIAL_MODELS`).
        var postgresSerialModels = Int(ProcessInfo.processInfo.environment["HUB_BENCH_BULK_POSTGRES_SERIAL_MODELS"] ?? "") ?? 2_000
        init() {}
    }

    static func run(_ options: Options = Options(), report: (String) -> Void = { print($0) }) throws -> [RegistryBenchmark.Row] {
        var rows = [try row("SQLite", options, serialModels: options.serialModels, databaseURL: nil, report: report)]
        if let cluster = ProcessInfo.processInfo.environment["HUB_TEST_DATABASE"] {
            let location = try PostgresLocation(parsing: cluster)
            rows.append(try row("PostgreSQL", options, serialModels: options.postgresSerialModels, cluster: location, report: report))
        } else {
            report("PostgreSQL: skipped (no HUB_TEST_DATABASE; `make bench` starts a cluster)")
        }
        report("| benchmark | value | reference | ratio |")
        report("|---|---|---|---|")
        for row in rows {
            report("| \(row.name) | \(RegistryBenchmark.format(row.value)) \(row.unit) | \(row.reference) | \(row.ratio.map { RegistryBenchmark.format($0) + "x" } ?? "") |")
        }
        return rows
    }

    /// Both paths into fresh databases of one back end (each a database of its own in `cluster`).
    private static func row(_ label: String, _ options: Options, serialModels: Int, cluster: PostgresLocation,
                            report: (String) -> Void) throws -> RegistryBenchmark.Row {
        let admin = try PostgresDatabase(location: cluster)
        var created: [String] = []
        defer { for name in created { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        func freshDatabase() throws -> String {
            let name = "hub_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            try admin.execute("CREATE DATABASE \(name)")
            created.append(name)
            return cluster.with(database: name).description
        }
        let serial = try rate(models: serialModels, path: .serial, databaseURL: try freshDatabase())
        report("\(label): serial path \(serialModels) models at \(RegistryBenchmark.format(serial)) models/s")
        let bulk = try rate(models: options.models, path: .parallel, databaseURL: try freshDatabase())
        report("\(label): bulk path \(options.models) models at \(RegistryBenchmark.format(bulk)) models/s "
            + "(\(RegistryBenchmark.format(Double(options.models) / bulk)) s)")
        return row(label, options, bulk: bulk, serial: serial, serialModels: serialModels)
    }

    private static func row(_ label: String, _ options: Options, serialModels: Int, databaseURL: String?,
                            report: (String) -> Void) throws -> RegistryBenchmark.Row {
        let serial = try rate(models: serialModels, path: .serial, databaseURL: databaseURL)
        report("\(label): serial path \(serialModels) models at \(RegistryBenchmark.format(serial)) models/s")
        let bulk = try rate(models: options.models, path: .parallel, databaseURL: databaseURL)
        report("\(label): bulk path \(options.models) models at \(RegistryBenchmark.format(bulk)) models/s "
            + "(\(RegistryBenchmark.format(Double(options.models) / bulk)) s)")
        return row(label, options, bulk: bulk, serial: serial, serialModels: serialModels)
    }

    private static func row(_ label: String, _ options: Options, bulk: Double, serial: Double, serialModels: Int) -> RegistryBenchmark.Row {
        RegistryBenchmark.Row(name: "bulk publish into \(label), parallel path (\(options.models) models)", value: bulk,
                              unit: "models/s",
                              reference: "serial path (\(serialModels) models): \(RegistryBenchmark.format(serial)) models/s",
                              ratio: bulk / serial)
    }

    /// Models per second through `path`, loaded into a fresh data directory (its metadata in `databaseURL`
    /// when given, which must be empty).
    static func rate(models: Int, path: ModelRepository.BulkPath, databaseURL: String?) throws -> Double {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-bench-bulk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try DataDirectory(root: folder, databaseURL: databaseURL)
        let start = ContinuousClock.now
        _ = try SyntheticCatalogue.load(count: models, into: data, path: path)
        return Double(models) / RegistryBenchmark.seconds(ContinuousClock.now - start)
    }
}
