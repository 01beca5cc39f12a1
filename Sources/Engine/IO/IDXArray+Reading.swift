import CImageCodecs
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension IDXArray {
    /// The largest payload accepted (4 GiB; EMNIST ByClass, the largest of the family, is 0.6 GiB).
    public static let maximumPayloadBytes = 1 << 32

    /// Reads an IDX file, gzip-compressed or not (zlib reads plain files through unchanged).
    ///
    /// The dimensions' product is computed with checked arithmetic and held against
    /// `maximumPayloadBytes`, and for an uncompressed file against the file's length, before anything
    /// is allocated; a compressed payload is read in bounded chunks, so memory follows the bytes
    /// really there, never the header's claim.
    public static func read(path: String) throws(IDXError) -> IDXArray {
        guard let file = gzopen(path, "rb") else {
            throw IDXError(path: path, "cannot open the file")
        }
        defer { gzclose(file) }
        let magic = try readExactly(file, 4, path: path, what: "header")
        guard magic[0] == 0, magic[1] == 0, let type = ElementType(rawValue: magic[2]), magic[3] > 0 else {
            throw IDXError(path: path, "not an IDX file (header bytes \(magic.map { String($0, radix: 16) }))")
        }
        let rawDimensions = try readExactly(file, 4 * Int(magic[3]), path: path, what: "dimensions")
        var dimensions: [Int] = []
        var size = type.byteSize
        for index in 0..<Int(magic[3]) {
            let value = rawDimensions[(4 * index)..<(4 * index + 4)].reduce(0) { $0 << 8 | Int($1) }
            let (product, overflow) = size.multipliedReportingOverflow(by: value)
            guard !overflow else {
                throw IDXError(path: path, "dimensions \(dimensions + [value]) overflow when multiplied")
            }
            dimensions.append(value)
            size = product
        }
        guard size <= maximumPayloadBytes else {
            throw IDXError(path: path, "dimensions \(dimensions) call for \(size) bytes, more than the limit of \(maximumPayloadBytes)")
        }
        if gzdirect(file) == 1, let fileSize = fileLength(path) {
            let headerSize = 4 + 4 * Int(magic[3])
            guard size <= fileSize - headerSize else {
                throw IDXError(path: path, "dimensions \(dimensions) call for \(size) bytes of data; the file holds only \(fileSize - headerSize)")
            }
        }
        let payload = try readExactly(file, size, path: path, what: "data for dimensions \(dimensions)")
        guard try readExactly(file, 0, path: path, what: "", probeForTrailing: true).isEmpty else {
            throw IDXError(path: path, "data continues past the \(size) bytes its dimensions \(dimensions) call for")
        }
        return IDXArray(elementType: type, dimensions: dimensions, payload: payload)
    }

    /// The length of the file at `path`, if it can be read.
    private static func fileLength(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(exactly: status.st_size)
    }

    /// Exactly `count` bytes, or an error naming what was being read; with `probeForTrailing`, one byte if any remain.
    private static func readExactly(
        _ file: gzFile, _ count: Int, path: String, what: String, probeForTrailing: Bool = false
    ) throws(IDXError) -> [UInt8] {
        let wanted = probeForTrailing ? 1 : count
        // Grow the buffer as data arrives (at most 16 MiB ahead), so a header's claim allocates nothing.
        var bytes: [UInt8] = []
        var filled = 0
        while filled < wanted {
            let chunk = min(wanted - filled, 1 << 24)
            if bytes.count < filled + chunk { bytes.append(contentsOf: repeatElement(0, count: filled + chunk - bytes.count)) }
            let read = bytes.withUnsafeMutableBytes { gzread(file, $0.baseAddress! + filled, UInt32(chunk)) }
            if read < 0 {
                var code: Int32 = 0
                throw IDXError(path: path, "damaged gzip data: \(String(cString: gzerror(file, &code)))")
            }
            if read == 0 { break }
            filled += Int(read)
        }
        bytes.removeLast(bytes.count - filled)
        if probeForTrailing { return bytes }
        guard filled == count else {
            throw IDXError(path: path, "file ends after \(filled) of the \(count) bytes of its \(what) (truncated?)")
        }
        return bytes
    }
}
