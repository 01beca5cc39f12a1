import ContentStore
import Foundation
import HuggingFace
import Manifest

/// The HuggingFace module's blob reader over the registry's blob store, whichever it is.
struct StoredBlobReader: HuggingFace.BlobReading {
    let blobs: any BlobStoring

    func read(_ digest: Digest, offset: Int64, length: Int) throws(HuggingFaceError) -> Data {
        do {
            return try blobs.read(digest, offset: offset, length: length)
        } catch {
            throw HuggingFaceError(.unreadable, "blob \(digest) cannot be read: \(error)", underlying: error)
        }
    }

    func size(of digest: Digest) throws(HuggingFaceError) -> Int64 {
        let size: Int64?
        do {
            size = try blobs.storedSize(of: digest)
        } catch {
            throw HuggingFaceError(.unreadable, "blob \(digest) cannot be read: \(error)", underlying: error)
        }
        guard let size else { throw HuggingFaceError(.unreadable, "blob \(digest) cannot be found") }
        return size
    }
}
