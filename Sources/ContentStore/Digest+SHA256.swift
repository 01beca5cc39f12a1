import struct Crypto.SHA256
import Foundation
import Manifest

extension Digest {
    /// The SHA-256 digest of some bytes.
    public static func sha256(of data: Data) -> Digest {
        Digest(sha256Bytes: SHA256.hash(data: data))
    }

    /// The SHA-256 digest of a file, read in 1 MiB pieces.
    public static func sha256(ofFileAt path: String) throws(BlobStoreError) -> Digest {
        let file = try BlobFile(readingAt: path)
        defer { file.close() }
        var hasher = SHA256()
        try file.forEachChunk { hasher.update(bufferPointer: $0) }
        return Digest(sha256Bytes: hasher.finalize())
    }
}

extension ModelManifest {
    /// The digest of this manifest's canonical bytes: its identity.
    public var digest: Digest { Digest.sha256(of: canonicalData()) }
}
