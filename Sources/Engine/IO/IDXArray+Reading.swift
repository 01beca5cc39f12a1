import CImageCodecs

extension IDXArray {
    /// Reads an IDX file, gzip-compressed or not (zlib reads plain files through unchanged).
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
            guard !overflow, product <= 1 << 34 else {
                throw IDXError(path: path, "dimensions \(dimensions + [value]) are implausibly large")
            }
            dimensions.append(value)
            size = product
        }
        let payload = try readExactly(file, size, path: path, what: "data for dimensions \(dimensions)")
        guard try readExactly(file, 0, path: path, what: "", probeForTrailing: true).isEmpty else {
            throw IDXError(path: path, "data continues past the \(size) bytes its dimensions \(dimensions) call for")
        }
        return IDXArray(elementType: type, dimensions: dimensions, payload: payload)
    }

    /// Exactly `count` bytes, or an error naming what was being read; with `probeForTrailing`, one byte if any remain.
    private static func readExactly(
        _ file: gzFile, _ count: Int, path: String, what: String, probeForTrailing: Bool = false
    ) throws(IDXError) -> [UInt8] {
        let wanted = probeForTrailing ? 1 : count
        var bytes = [UInt8](repeating: 0, count: wanted)
        var filled = 0
        while filled < wanted {
            let chunk = UInt32(min(wanted - filled, 1 << 30))
            let read = bytes.withUnsafeMutableBytes { gzread(file, $0.baseAddress! + filled, chunk) }
            if read < 0 {
                var code: Int32 = 0
                throw IDXError(path: path, "damaged gzip data: \(String(cString: gzerror(file, &code)))")
            }
            if read == 0 { break }
            filled += Int(read)
        }
        if probeForTrailing { return Array(bytes.prefix(filled)) }
        guard filled == count else {
            throw IDXError(path: path, "file ends after \(filled) of the \(count) bytes of its \(what) (truncated?)")
        }
        return bytes
    }
}
