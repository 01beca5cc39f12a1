import Manifest

/// `POST /v1/blobs/check` body: the digests to look for (at most `maximumDigests`).
public struct BlobCheckRequest: Codable, Sendable {
    /// Most digests one check may name.
    public static let maximumDigests = 1_000

    /// `digests`.
    public var digests: [Digest]

    /// A request.
    public init(digests: [Digest]) { self.digests = digests }
}

/// `POST /v1/blobs/check` answer: which of the digests are missing, and the sizes of those present.
public struct BlobCheck: Codable, Sendable {
    /// One blob the registry stores.
    public struct Present: Codable, Sendable, Equatable {
        /// `digest`.
        public var digest: Digest
        /// `size` in bytes.
        public var size: Int64

        /// A present blob.
        public init(digest: Digest, size: Int64) {
            self.digest = digest
            self.size = size
        }
    }

    /// `missing`: digests not stored, in the order asked.
    public var missing: [Digest]
    /// `present`: digests stored, with their sizes.
    public var present: [Present]

    /// An answer.
    public init(missing: [Digest], present: [Present]) {
        self.missing = missing
        self.present = present
    }
}
