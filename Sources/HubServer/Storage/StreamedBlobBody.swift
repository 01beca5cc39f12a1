import ContentStore
import Hummingbird
import Manifest

/// A blob's bytes streamed through from a store that is not a local folder: ranged reads off the event
/// loop, one chunk in memory per response.
enum StreamedBlobBody {
    /// Bytes read from the store per request to it.
    static let chunkLength = 4 << 20

    /// Why the stream stopped early (the headers are sent by then: the connection is closed).
    struct ShortRead: Error, CustomStringConvertible {
        let description: String
    }

    /// The bytes `range` of blob `digest`.
    static func body(_ digest: Digest, range: ClosedRange<Int64>, blobs: any BlobStoring) -> ResponseBody {
        ResponseBody(contentLength: Int(range.upperBound - range.lowerBound + 1)) { writer in
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let count = Int(min(range.upperBound - offset + 1, Int64(chunkLength)))
                let start = offset
                let data = try await Blocking.run { try blobs.read(digest, offset: start, length: count) }
                guard data.count == count else {
                    throw ShortRead(description: "blob \(digest) ended \(count - data.count) bytes early at \(offset)")
                }
                try await writer.write(ByteBuffer(bytes: data))
                offset += Int64(count)
            }
            try await writer.finish(nil)
        }
    }
}
