import Foundation

/// Where request-body bytes come from: memory, or a range of a file read as curl asks for it,
/// so a large blob is never held whole in memory.
final class UploadSource {
    private enum Origin {
        case data(Data, position: Int)
        case file(descriptor: Int32, remaining: Int64)
    }

    private var origin: Origin
    /// The body's total length.
    let length: Int64
    /// The file read from, for messages.
    let path: String?

    /// A body of bytes in memory.
    init(data: Data) {
        origin = .data(data, position: 0)
        length = Int64(data.count)
        path = nil
    }

    /// `length` bytes of the file at `path`, starting at `offset`.
    init(path: String, offset: Int64, length: Int64) throws(TransferError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0, lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
            let number = errno
            if descriptor >= 0 { close(descriptor) }
            throw TransferError(kind: .localFile, url: path, reason: "cannot read \(path): \(String(cString: strerror(number)))",
                                underlying: POSIXError(POSIXErrorCode(rawValue: number) ?? .EIO))
        }
        origin = .file(descriptor: descriptor, remaining: length)
        self.length = length
        self.path = path
    }

    deinit {
        if case let .file(descriptor, _) = origin { close(descriptor) }
    }

    /// Copies the next bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(UploadReadError) -> Int {
        switch origin {
        case let .data(data, position):
            let count = min(buffer.count, data.count - position)
            guard count > 0 else { return 0 }
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self).baseAddress!, from: (data.startIndex + position)..<(data.startIndex + position + count))
            origin = .data(data, position: position + count)
            return count
        case let .file(descriptor, remaining):
            let wanted = Int(min(Int64(buffer.count), remaining))
            guard wanted > 0 else { return 0 }
            var count: Int
            repeat { count = Foundation.read(descriptor, buffer.baseAddress, wanted) } while count < 0 && errno == EINTR
            guard count > 0 else {
                throw UploadReadError(description: count == 0
                    ? "\(path ?? "file") ended \(remaining) bytes early: was it changed during the upload?"
                    : "cannot read \(path ?? "file"): \(String(cString: strerror(errno)))")
            }
            origin = .file(descriptor: descriptor, remaining: remaining - Int64(count))
            return count
        }
    }
}

/// A request body that could not be read.
struct UploadReadError: Error, CustomStringConvertible {
    let description: String
}
