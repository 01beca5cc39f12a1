import Foundation
@testable import HubServer
import Testing

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
