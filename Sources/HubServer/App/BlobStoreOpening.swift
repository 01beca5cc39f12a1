import ContentStore
import Foundation
import ObjectStore

/// Opens the blob store `ServerConfiguration.blobStoreURL` names (nil: the data directory's folder).
public enum BlobStoreOpening {
    /// The configured store, or nil for the folder in the data directory.
    static func open(_ configuration: ServerConfiguration) throws -> (any BlobStoring)? {
        try open(url: configuration.blobStoreURL, credentialsFile: configuration.blobCredentialsFile)
    }

    /// The store at `url` (nil: none, the data directory's folder), with keys from `credentialsFile` or
    /// the environment. Checks that the bucket answers.
    public static func open(url: String?, credentialsFile: String?) throws -> (any BlobStoring)? {
        guard let url else { return nil }
        let location = try S3Location(parsing: url)
        let credentials = try S3Credentials.load(file: credentialsFile)
        let client = S3Client(location: location, credentials: credentials)
        try client.checkBucket()
        return ObjectBlobStore(client: client)
    }
}
