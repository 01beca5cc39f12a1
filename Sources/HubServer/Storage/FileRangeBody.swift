import Foundation
import Hummingbird
import NIOCore

/// A response body streaming bytes `range` of a file: `pread` straight into 1 MiB `ByteBuffer`s on a
/// blocking-work thread, the next chunk read while the current one is written, so a pull keeps the disk
/// (or page cache) and the socket busy at once and holds at most two chunks per response in memory.
/// The file is opened once, when the body starts, and closed when it ends (also when it fails).
enum FileRangeBody {
    /// Bytes read at a time.
    static let chunkLength = 1 << 20

    /// The body for bytes `range` (inclusive, within the file) of the file at `path`; `name` says which
    /// file in an error (never the path).
    static func body(path: String, range: ClosedRange<Int64>, name: String) -> ResponseBody {
        ResponseBody(contentLength: Int(range.upperBound - range.lowerBound + 1)) { writer in
            let file = try await Blocking.run { try OpenFile(path: path, name: name) }
            var offset = range.lowerBound
            var chunk = try await file.read(at: offset, count: count(from: offset, in: range))
            offset += Int64(chunk.readableBytes)
            while offset <= range.upperBound {
                let position = offset
                async let next = file.read(at: position, count: count(from: position, in: range))
                try await writer.write(chunk)
                chunk = try await next
                offset += Int64(chunk.readableBytes)
            }
            try await writer.write(chunk)
            try await writer.finish(nil)
        }
    }

    private static func count(from offset: Int64, in range: ClosedRange<Int64>) -> Int {
        Int(min(Int64(chunkLength), range.upperBound - offset + 1))
    }
}

/// A file opened for reading, closed when the last reference to it goes.
final class OpenFile: Sendable {
    /// Why a file could not be opened or read (the response's headers may be sent by then: the
    /// connection is then closed).
    struct ReadError: Error, CustomStringConvertible {
        /// The file, as the client knows it.
        let name: String
        /// What failed.
        let operation: String
        /// `errno` (0: the file ended early).
        let code: Int32

        var description: String {
            code == 0 ? "\(name) ended before the bytes its size promised (\(operation))"
                : "\(name) could not be read (\(operation): \(String(cString: strerror(code))))"
        }
    }

    private let descriptor: Int32
    private let name: String

    /// Opens `path` read-only.
    init(path: String, name: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadError(name: name, operation: "open", code: errno) }
        self.descriptor = descriptor
        self.name = name
    }

    deinit { close(descriptor) }

    /// Exactly `count` bytes from `offset`, read on a blocking-work thread.
    func read(at offset: Int64, count: Int) async throws -> ByteBuffer {
        try await Blocking.run { try self.readNow(at: offset, count: count) }
    }

    private func readNow(at offset: Int64, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        while buffer.readableBytes < count {
            var failure: Int32 = 0
            let wanted = count - buffer.readableBytes
            let position = offset + Int64(buffer.readableBytes)
            let read = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: wanted) { pointer in
                let result = pread(descriptor, pointer.baseAddress, wanted, off_t(position))
                if result < 0 { failure = errno; return 0 }
                return result
            }
            if failure == EINTR { continue }
            if failure != 0 { throw ReadError(name: name, operation: "read", code: failure) }
            if read == 0 { throw ReadError(name: name, operation: "read at byte \(position)", code: 0) }
        }
        return buffer
    }
}
