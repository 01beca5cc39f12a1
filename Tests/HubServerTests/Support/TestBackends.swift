import Foundation
@testable import HubServer

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
