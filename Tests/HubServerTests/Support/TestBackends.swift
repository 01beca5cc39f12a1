import ContentStore
import Foundation
@testable import HubServer
import ObjectStore
import Testing

/// The back ends the server suite runs on, chosen by the environment (unset: SQLite and the folder; `make
/// test` runs the suite once per back end):
/// - `HUB_TEST_DATABASE=postgres://USER@HOST:PORT/DB` names a PostgreSQL cluster in which each test
///   registry creates its own fresh database and drops it afterwards;
/// - `HUB_TEST_BLOBS=s3://BUCKET?endpoint=...` puts each `TestRegistry`'s blobs under a fresh key prefix
///   of that bucket (`make test` starts moto for it with `scripts/s3/with-moto.sh`).
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

    /// The `HUB_TEST_BLOBS` bucket, if set.
    static var blobsURL: String? { ProcessInfo.processInfo.environment["HUB_TEST_BLOBS"] }

    /// True when the blobs are the data directory's folder: tests that check the folder's files
    /// (crash consistency, disk full, fsync, the temporary files) need it.
    static var blobsAreFolder: Bool { blobsURL == nil }

    /// Points `configuration` at a fresh prefix of the test bucket (created if needed) when one is set.
    static func configure(_ configuration: inout ServerConfiguration) throws {
        guard let url = blobsURL else { return }
        let location = try S3Location(parsing: url).withPrefix("registry-\(UUID().uuidString.lowercased())/")
        try S3Client(location: location, credentials: S3Credentials.load()).createBucket()
        configuration.blobStoreURL = "s3://\(location.bucket)?endpoint=\(location.endpoint)&region=\(location.region)"
            + "&prefix=\(location.prefix)"
    }

    /// Deletes what a registry left in the test bucket.
    static func cleanUp(_ configuration: ServerConfiguration) {
        guard let url = configuration.blobStoreURL, let location = try? S3Location(parsing: url),
              let credentials = try? S3Credentials.load() else { return }
        try? S3Client(location: location, credentials: credentials).deleteEverything()
    }
}
