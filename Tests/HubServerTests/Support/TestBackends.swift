import ContentStore
import Foundation
@testable import HubServer
import ObjectStore

/// The back ends the server suite runs on, chosen by the environment (unset: SQLite and the folder):
/// `HUB_TEST_BLOBS=s3://BUCKET?endpoint=...` puts each `TestRegistry`'s blobs under a fresh key prefix
/// of that bucket (`make test` starts moto for it with `scripts/s3/with-moto.sh`).
enum TestBackends {
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
