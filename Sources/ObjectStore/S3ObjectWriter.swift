import Foundation

/// Writes one object of unknown length: bytes are buffered up to a part, then sent as parts of a
/// multipart upload; `commit` makes the object visible in one step (a single PUT, or completing the
/// upload), `abort` drops it. Nothing is readable under the key before `commit`.
/// Memory: one part. Not thread-safe: one transfer owns one writer.
public final class S3ObjectWriter {
    /// The object's key.
    public let key: String
    /// Bytes accepted so far.
    public private(set) var bytesWritten: Int64 = 0
    let client: S3Client
    let partSize: Int
    private var buffer = Data()
    private var upload: S3MultipartUpload?
    private var tags: [String] = []

    /// A writer of `key` sending parts of `partSize` bytes (at least S3's 5 MiB).
    public init(client: S3Client, key: String, partSize: Int = 8 << 20) {
        self.client = client
        self.key = key
        self.partSize = max(partSize, S3Client.minimumPartSize)
    }

    /// Appends bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(ObjectStoreError) {
        buffer.append(bytes.bindMemory(to: UInt8.self))
        bytesWritten += Int64(bytes.count)
        while buffer.count >= partSize {
            try sendPart(Data(buffer.prefix(partSize)))
            buffer = Data(buffer.dropFirst(partSize))
        }
    }

    private func sendPart(_ part: Data) throws(ObjectStoreError) {
        let started: S3MultipartUpload
        if let upload { started = upload } else { started = try client.startMultipart(key) }
        upload = started
        guard tags.count < S3Client.maximumParts else {
            throw ObjectStoreError(.configuration, "\(key) needs more than \(S3Client.maximumParts) parts", request: "PUT \(key)")
        }
        tags.append(try client.uploadPart(started, number: tags.count + 1, part))
    }

    /// Makes the object visible with every byte written, and returns its key: `key`, or `smallObjectKey`
    /// when given and the bytes fit one part (no multipart upload was started, so they can go anywhere).
    @discardableResult
    public func commit(smallObjectKey: String? = nil) throws(ObjectStoreError) -> String {
        defer { buffer = Data() }
        guard let started = upload else {
            try client.put(smallObjectKey ?? key, buffer)
            return smallObjectKey ?? key
        }
        if !buffer.isEmpty { try sendPart(buffer) }
        try client.completeMultipart(started, tags: tags)
        upload = nil
        return key
    }

    /// Drops the object; nothing becomes visible.
    public func abort() {
        buffer = Data()
        if let started = upload { try? client.abortMultipart(started.key, uploadID: started.uploadID) }
        upload = nil
    }
}
