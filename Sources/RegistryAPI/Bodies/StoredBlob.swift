import Manifest

/// `PUT /v1/blobs/{digest}` and the finishing `PUT /v1/uploads/{id}` answer: the blob now stored.
public struct StoredBlob: Codable, Sendable, Equatable {
    /// `digest`.
    public var digest: Digest
    /// `size` in bytes.
    public var size: Int64

    /// A stored blob.
    public init(digest: Digest, size: Int64) {
        self.digest = digest
        self.size = size
    }
}
