import ContentStore
import Hummingbird
import Manifest

/// A blob's bytes streamed through from a store that is not a local folder: ranged reads off the event
/// loop, the next one already requested while the current one is sent, so at most two chunks
/// (`2 × chunkLength`) are in memory per response.
enum StreamedBlobBody {
    /// Bytes read from the store per request to it.
    static let chunkLength = 4 << 20

    /// Why the stream stopped early (the headers are sent by then: the connection is closed).
    struct ShortRead: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes `range` of blob `digest`.
    static func body(_ digest: Digest, range: ClosedRange<Int64>, blobs: any BlobStoring) -> ResponseBody {
        @Sendable func read(from offset: Int64) async throws -> ByteBuffer {
            let count = Int(min(range.upperBound - offset + 1, Int64(chunkLength)))
            let data = try await Blocking.run { try blobs.read(digest, offset: offset, length: count) }
            guard data.count == count else {
                throw ShortRead(description: "blob \(digest) ended \(count - data.count) bytes early at \(offset)")
            }
            return ByteBuffer(bytes: data)
        }
        return ResponseBody(contentLength: Int(range.upperBound - range.lowerBound + 1)) { writer in
            var offset = range.lowerBound
            var current = try await read(from: offset)
            while true {
                let following = offset + Int64(current.readableBytes)
                guard following <= range.upperBound else {
                    try await writer.write(current)
                    break
                }
                async let next = read(from: following)
                try await writer.write(current)
                current = try await next
                offset = following
            }
            try await writer.finish(nil)
        }
    }
}
