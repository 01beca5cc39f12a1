import struct Crypto.SHA256
import Foundation
import Manifest

/// Writes one blob: bytes go to a temporary (or partial) file while their SHA-256 is computed;
/// `finish` checks digest and size, makes the bytes durable as the store's `durability` says,
/// and renames the file into its content address.
///
/// Not thread-safe: one transfer owns one writer.
public final class BlobWriter {
    /// Bytes in the file so far, including bytes kept from an earlier, interrupted transfer.
    public private(set) var bytesWritten: Int64
    /// The file being written.
    public let path: String
    /// The digest the bytes must have, if known in advance.
    public let expected: Digest?
    /// The size the bytes must have, if known in advance.
    public let expectedSize: Int64?

    private let store: BlobStore
    private var hasher = SHA256()
    private var descriptor: Int32

    init(store: BlobStore, path: String, expected: Digest?, expectedSize: Int64?, keepExisting: Bool) throws(BlobStoreError) {
        self.store = store
        self.path = path
        self.expected = expected
        self.expectedSize = expectedSize
        let flags = O_WRONLY | O_CREAT | (keepExisting ? O_APPEND : O_TRUNC)
        descriptor = open(path, flags, 0o644)
        guard descriptor >= 0 else { throw .posix("cannot open \(path) for writing", path: path) }
        // Held until the file is stored, discarded or suspended: garbage collection skips held files.
        _ = flock(descriptor, LOCK_EX | LOCK_NB)
        bytesWritten = 0
        if keepExisting { try rehashExistingBytes() }
    }

    deinit {
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Appends bytes, hashing them as they pass.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(BlobStoreError) {
        guard !bytes.isEmpty else { return }
        if let expectedSize, bytesWritten + Int64(bytes.count) > expectedSize {
            throw BlobStoreError(.sizeMismatch,
                                 "blob is longer than the expected \(expectedSize.formattedBytes)", path: path)
        }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw .posix("cannot write \(path)", path: path)
            }
            offset += written
        }
        hasher.update(bufferPointer: bytes)
        bytesWritten += Int64(bytes.count)
    }

    /// Appends bytes held in a `Data`.
    public func write(_ data: Data) throws(BlobStoreError) {
        let result: Result<Void, BlobStoreError> = data.withUnsafeBytes { bytes in
            Result { () throws(BlobStoreError) in try write(bytes) }
        }
        try result.get()
    }

    /// Checks size and digest, fsyncs (or journals, see `BlobDurability`) and moves the blob into place. On a mismatch the file is
    /// deleted and nothing is stored. A blob that is already stored is left as it is, and its grace
    /// period restarts (`BlobStore.refresh`).
    @discardableResult
    public func finish() throws(BlobStoreError) -> Digest {
        let digest = Digest(sha256Bytes: hasher.finalize())
        defer { closeDescriptor() }
        if let expectedSize, bytesWritten != expectedSize {
            abandon()
            throw BlobStoreError(.sizeMismatch, "blob \(expected.map(\.description) ?? digest.description) is "
                + "\(bytesWritten.formattedBytes), expected \(expectedSize.formattedBytes)", path: path)
        }
        if let expected, expected != digest {
            abandon()
            throw BlobStoreError(.digestMismatch, "content hashes to \(digest), expected \(expected)", path: path)
        }
        if store.refresh(digest) {
            unlink(path)
            return digest
        }
        do throws(BlobStoreError) {
            try store.publish(fileAt: path, descriptor: descriptor, as: digest)
        } catch {
            abandon()
            throw error
        }
        return digest
    }

    /// Deletes the file being written; nothing is stored.
    public func abandon() {
        closeDescriptor()
        unlink(path)
    }

    /// Closes the file but keeps it, so a later `resumableWriter` continues from it.
    public func suspend() {
        if descriptor >= 0 { fsync(descriptor) }
        closeDescriptor()
    }

    private func closeDescriptor() {
        if descriptor >= 0 { Foundation.close(descriptor); descriptor = -1 }
    }

    private func rehashExistingBytes() throws(BlobStoreError) {
        let file = try BlobFile(readingAt: path)
        defer { file.close() }
        var hasher = SHA256()
        var total: Int64 = 0
        try file.forEachChunk { chunk in
            hasher.update(bufferPointer: chunk)
            total += Int64(chunk.count)
        }
        if let expectedSize, total > expectedSize {
            // A partial file longer than the blob cannot be a prefix of it: start again.
            guard ftruncate(descriptor, 0) == 0 else { throw .posix("cannot truncate \(path)", path: path) }
            self.hasher = SHA256()
            bytesWritten = 0
            return
        }
        self.hasher = hasher
        bytesWritten = total
    }

}
