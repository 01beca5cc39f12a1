import ContentStore
import struct Crypto.SHA256
import Foundation
import Manifest

/// One blob written to the bucket: bytes are hashed as they pass and handed to an `S3ObjectWriter` for the
/// digest's key (or a `staging/` key when the digest is not known in advance). Past one part they go to a
/// multipart upload whose parts stay unreadable until `finish` has checked the size and digest and
/// completes it; a blob of one part is sent in a single PUT only after the check.
/// Memory: one part. Not thread-safe: one transfer owns one sink.
public final class ObjectBlobSink: BlobSink {
    let store: ObjectBlobStore
    let expected: Digest?
    let expectedSize: Int64?
    private let writer: S3ObjectWriter
    private var hasher = SHA256()

    init(store: ObjectBlobStore, expected: Digest?, expectedSize: Int64?) {
        self.store = store
        self.expected = expected
        self.expectedSize = expectedSize
        // Parts of 8 MiB, larger when the size is known to need more than 9,000 of them.
        let needed = (expectedSize ?? 0) / 9_000 + 1
        let partSize = Int(min(max(Int64(8 << 20), needed), 5 << 30))
        writer = S3ObjectWriter(client: store.client, key: expected.map(store.key(for:)) ?? "staging/\(UUID().uuidString)",
                                partSize: partSize)
    }

    public var bytesWritten: Int64 { writer.bytesWritten }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if let expectedSize, bytesWritten + Int64(bytes.count) > expectedSize {
            throw BlobStoreError(.sizeMismatch, "\(expected?.description ?? "the blob") is longer than the expected "
                                 + "\(expectedSize.formattedBytes)", path: writer.key)
        }
        hasher.update(bufferPointer: bytes)
        try writer.write(bytes)
    }

    @discardableResult
    public func finish() throws -> Digest {
        let digest = Digest(sha256Bytes: hasher.finalize())
        let destination = store.key(for: digest)
        do {
            if let expectedSize, bytesWritten != expectedSize {
                throw BlobStoreError(.sizeMismatch, "blob \(expected?.description ?? digest.description) is "
                    + "\(bytesWritten.formattedBytes), expected \(expectedSize.formattedBytes)", path: destination)
            }
            if let expected, expected != digest {
                throw BlobStoreError(.digestMismatch, "content hashes to \(digest), expected \(expected)",
                                     path: store.key(for: expected))
            }
            // Recorded before the blob is refreshed or becomes visible (see `BlobGraceRecording`).
            try store.grace?.recordRefreshes([digest])
            if try store.markRefreshed(digest) {
                abandon()
                return digest
            }
            let committed = try writer.commit(smallObjectKey: destination)
            if committed != destination {
                defer { try? store.client.delete(committed) }
                try store.client.copy(from: committed, to: destination)
            }
            return digest
        } catch {
            abandon()
            throw error
        }
    }

    public func abandon() { writer.abort() }
}
