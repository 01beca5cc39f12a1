import Hummingbird
import NIOCore

/// Streams a request body to disk in batches of about 1 MiB, each written off the event loop,
/// so a blob never sits whole in memory.
enum BodyStreaming {
    /// Bytes gathered before one blocking write.
    static let batchSize = 1 << 20

    /// Feeds every byte of `body` to `write` (called on a blocking thread, in order), refusing more than
    /// `limit` bytes in total with `TOO_LARGE`. Returns the byte count. If the body fails midway (e.g. the
    /// connection dropped), the bytes gathered before the failure are still written, then the error is thrown.
    static func stream(_ body: RequestBody, limit: Int64,
                       write: @escaping @Sendable (ByteBuffer) throws -> Void) async throws -> Int64 {
        var total: Int64 = 0
        var batch = ByteBuffer()
        var iterator = body.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do {
                next = try await iterator.next()
            } catch {
                // The body failed (e.g. the connection dropped): keep what arrived, then report.
                if batch.readableBytes > 0 { try await flush(batch, write) }
                throw error
            }
            guard var buffer = next else { break }
            total += Int64(buffer.readableBytes)
            guard total <= limit else {
                throw RegistryError(.tooLarge, "the body is larger than \(limit) bytes, the most accepted here",
                                    detail: ["limit": .number(Double(limit))])
            }
            if batch.readableBytes == 0, buffer.readableBytes >= batchSize {
                try await flush(buffer, write)
                continue
            }
            batch.writeBuffer(&buffer)
            if batch.readableBytes >= batchSize {
                try await flush(batch, write)
                batch.clear()
            }
        }
        if batch.readableBytes > 0 { try await flush(batch, write) }
        return total
    }

    private static func flush(_ batch: ByteBuffer, _ write: @escaping @Sendable (ByteBuffer) throws -> Void) async throws {
        try await Blocking.run { try write(batch) }
    }
}
