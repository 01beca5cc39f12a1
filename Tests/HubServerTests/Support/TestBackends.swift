import Foundation
@testable import HubServer
import Testing

/// The back ends the server suite runs on, from the environment (`make test` runs the suite once per
/// back end): `HUB_TEST_DATABASE=postgres://USER@HOST:PORT/DB` names a PostgreSQL cluster in which
/// each test registry creates its own fresh database and drops it afterwards; unset, SQLite in the data
/// directory.
enum TestBackends {
    /// The cluster the tests use, if not SQLite.
    static let databaseCluster: PostgresLocation? = {
        guard let text = ProcessInfo.processInfo.environment["HUB_TEST_DATABASE"], !text.isEmpty else { return nil }
        return try! PostgresLocation(parsing: text)
    }()

    /// True when the metadata is the data directory's SQLite file (tests of that file say so).
    static var isDefaultDatabase: Bool { databaseCluster == nil }

    /// Runs `body` with the URL of a fresh, empty database (nil: SQLite), dropped afterwards.
    static func withDatabase<Result>(_ body: (String?) async throws -> Result) async throws -> Result {
        guard let cluster = databaseCluster else { return try await body(nil) }
        let name = "hub_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let admin = try PostgresDatabase(location: cluster)
        try admin.execute("CREATE DATABASE \(name)")
        defer { try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        return try await body(cluster.with(database: name).description)
    }
}

/// A metadata store implementation the store suite runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    /// SQLite always; PostgreSQL when `HUB_TEST_DATABASE` names a cluster.
    static var available: [StoreKind] { TestBackends.isDefaultDatabase ? [.sqlite] : [.sqlite, .postgres] }

    var testDescription: String { rawValue }

    /// Runs `body` with `count` pools opened one after the other on one fresh database (as that many
    /// processes would), then deletes the database.
    func withPools<Result>(_ count: Int, _ body: ([any DatabasePool]) async throws -> Result) async throws -> Result {
        switch self {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hub-store-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let path = folder.appendingPathComponent("hub.sqlite").path
            return try await body((0..<count).map { _ in try SQLiteDatabasePool(path: path) })
        case .postgres:
            return try await TestBackends.withDatabase { url in
                let location = try PostgresLocation(parsing: url!)
                return try await body((0..<count).map { _ in try PostgresDatabasePool(location: location) })
            }
        }
    }

    /// The schema version its migrations reach.
    var latestSchemaVersion: Int {
        self == .sqlite ? Migrations.latestVersion : PostgresMigrations.latestVersion
    }
}
