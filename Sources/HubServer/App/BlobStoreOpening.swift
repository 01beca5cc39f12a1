import ContentStore
import Foundation
import ObjectStore

/// Opens the blob store `ServerConfiguration.blobStoreURL` names (nil: the data directory's folder).
enum BlobStoreOpening {
    /// The configured store, or nil for the folder in the data directory.
    static func open(_ configuration: ServerConfiguration) throws -> (any BlobStoring)? {
        guard let url = configuration.blobStoreURL else { return nil }
        let location = try S3Location(parsing: url)
        let credentials = try S3Credentials.load(file: configuration.blobCredentialsFile)
        let client = S3Client(location: location, credentials: credentials)
        try client.checkBucket()
        return ObjectBlobStore(client: client)
    }
}
