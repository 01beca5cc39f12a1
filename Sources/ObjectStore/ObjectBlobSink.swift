import ContentStore
import struct Crypto.SHA256
import Foundation
import Manifest

/// One blob written to the bucket: bytes are hashed as they pass and buffered up to a part; past one
/// part they go to a multipart upload (to the digest's key when the digest is known, else to `staging/`),
/// whose parts stay unreadable until `finish` has checked the size and digest and completes it.
/// Memory: one part. Not thread-safe: one transfer owns one sink.
public final class ObjectBlobSink: BlobSink {
    public private(set) var bytesWritten: Int64 = 0
    let store: ObjectBlobStore
    let expected: Digest?
    let expectedSize: Int64?
    let partSize: Int
    private var hasher = SHA256()
    private var buffer = Data()
    private var multipart: S3MultipartUpload?
    private var tags: [String] = []

    init(store: ObjectBlobStore, expected: Digest?, expectedSize: Int64?) {
        self.store = store
        self.expected = expected
        self.expectedSize = expectedSize
        // Parts of 8 MiB, larger when the size is known to need more than 9,000 of them.
        let needed = (expectedSize ?? 0) / 9_000 + 1
        partSize = Int(min(max(Int64(8 << 20), needed), 5 << 30))
    }

    private var name: String { expected?.description ?? "blob" }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        if let expectedSize, bytesWritten + Int64(bytes.count) > expectedSize {
            throw BlobStoreError(.sizeMismatch, "\(name) is longer than the expected \(expectedSize.formattedBytes)",
                                 path: expected.map(store.key(for:)) ?? "staging")
        }
        hasher.update(bufferPointer: bytes)
        buffer.append(bytes.bindMemory(to: UInt8.self))
        bytesWritten += Int64(bytes.count)
        while buffer.count >= partSize {
            try sendPart(buffer.prefix(partSize))
            buffer = Data(buffer.dropFirst(partSize))
        }
    }

    private func sendPart(_ part: Data) throws {
        let upload = try multipart ?? store.client.startMultipart(expected.map(store.key(for:)) ?? "staging/\(UUID().uuidString)")
        multipart = upload
        guard tags.count < S3Client.maximumParts else {
            throw BlobStoreError(.sizeMismatch, "\(name) needs more than \(S3Client.maximumParts) parts", path: upload.key)
        }
        tags.append(try store.client.uploadPart(upload, number: tags.count + 1, Data(part)))
    }

    @discardableResult
    public func finish() throws -> Digest {
        let digest = Digest(sha256Bytes: hasher.finalize())
        do {
            if let expectedSize, bytesWritten != expectedSize {
                throw BlobStoreError(.sizeMismatch, "blob \(expected?.description ?? digest.description) is "
                    + "\(bytesWritten.formattedBytes), expected \(expectedSize.formattedBytes)", path: store.key(for: digest))
            }
            if let expected, expected != digest {
                throw BlobStoreError(.digestMismatch, "content hashes to \(digest), expected \(expected)",
                                     path: store.key(for: expected))
            }
            if try store.refresh(digest) {
                abandon()
                return digest
            }
            guard let upload = multipart else {
                try store.client.put(store.key(for: digest), buffer)
                buffer = Data()
                return digest
            }
            if !buffer.isEmpty { try sendPart(buffer) }
            buffer = Data()
            try store.client.completeMultipart(upload, tags: tags)
            multipart = nil
            if upload.key != store.key(for: digest) {
                defer { try? store.client.delete(upload.key) }
                try store.client.copy(from: upload.key, to: store.key(for: digest))
            }
            return digest
        } catch {
            abandon()
            throw error
        }
    }

    public func abandon() {
        buffer = Data()
        if let upload = multipart { try? store.client.abortMultipart(upload.key, uploadID: upload.uploadID) }
        multipart = nil
    }
}
