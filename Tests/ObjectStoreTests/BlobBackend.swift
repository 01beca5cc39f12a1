import ContentStore
import Foundation
import ObjectStore
import Testing

/// The blob store implementations the conformance suite runs against: the folder always, an S3 bucket
/// when `HUB_TEST_BLOBS` names one (`make test` starts moto for it; `scripts/s3/with-moto.sh`).
enum BlobBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case folder
    case s3

    var testDescription: String { rawValue }

    /// The backends to test: the folder, plus S3 when configured.
    static var configured: [BlobBackend] {
        ProcessInfo.processInfo.environment["HUB_TEST_BLOBS"] == nil ? [.folder] : [.folder, .s3]
    }

    /// Runs `body` with a fresh, empty store of this kind, removed afterwards.
    func withStore<Result>(_ body: (any BlobStoring) throws -> Result) throws -> Result {
        switch self {
        case .folder:
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("blob-conformance-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            return try body(BlobStore(root: root))
        case .s3:
            let client = try Self.freshClient()
            defer { try? client.deleteEverything() }
            return try body(ObjectBlobStore(client: client))
        }
    }

    /// A client of the test bucket (created if needed) under a fresh key prefix.
    static func freshClient() throws -> S3Client {
        guard let text = ProcessInfo.processInfo.environment["HUB_TEST_BLOBS"] else {
            throw ObjectStoreError(.configuration, "HUB_TEST_BLOBS is not set", request: "test")
        }
        let location = try S3Location(parsing: text).withPrefix("run-\(UUID().uuidString.lowercased())/")
        let client = S3Client(location: location, credentials: try S3Credentials.load())
        try client.createBucket()
        return client
    }
}
