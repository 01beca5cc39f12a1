import ContentStore
import Foundation
import HuggingFace
import Hummingbird

/// Streams the pieces of a version file (record bytes and runs of stored blobs) as a response body,
/// reading each blob run in chunks off the event loop: a virtual `model.safetensors` is never
/// materialised, and memory stays at one chunk per response.
enum VersionFileBody {
    /// Bytes read from a blob at a time.
    static let chunkLength = 1 << 20

    /// Why a blob run could not be read (the headers are sent by then: the connection is closed).
    struct ReadError: Error, CustomStringConvertible {
        let description: String
    }

    /// The body of `length` bytes made of `pieces`.
    static func body(_ pieces: [MergedSafetensors.Piece], length: Int64, blobs: any BlobStoring) -> ResponseBody {
        ResponseBody(contentLength: Int(length)) { writer in
            for piece in pieces {
                switch piece {
                case let .bytes(data):
                    try await writer.write(ByteBuffer(bytes: data))
                case let .blob(digest, offset, length):
                    var remaining = length
                    while remaining > 0 {
                        let count = Int(min(remaining, Int64(chunkLength)))
                        let start = offset + (length - remaining)
                        let data = try await Blocking.run { try blobs.read(digest, offset: start, length: count) }
                        guard data.count == count else {
                            throw ReadError(description: "blob \(digest) ends \(remaining - Int64(data.count)) bytes early")
                        }
                        try await writer.write(ByteBuffer(bytes: data))
                        remaining -= Int64(count)
                    }
                }
            }
            try await writer.finish(nil)
        }
    }
}
