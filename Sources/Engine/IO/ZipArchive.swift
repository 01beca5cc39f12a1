/// The table of contents of a zip file whose entries are stored uncompressed, as `torch.save` writes them.
///
/// Read from the central directory (zip64 records included); each entry's data is located through its
/// local header, so the bytes can be used in place from a memory mapping. Compressed entries are
/// reported as unsupported rather than inflated.
struct ZipArchive {
    /// One stored file in the archive.
    struct Entry {
        /// The entry's path inside the archive.
        var name: String
        /// The compression method (0 = stored).
        var method: UInt16
        /// Where the entry's bytes are in the archive file.
        var dataRange: Range<Int>
    }

    /// The entries in central-directory order.
    private(set) var entries: [Entry] = []
    private var index: [String: Int] = [:]

    /// True when `bytes` start with a zip local-file signature.
    static func looksLikeZip(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 4 && ByteReader(bytes).uint32(at: 0) == 0x0403_4B50
    }

    /// Reads the central directory of the archive in `bytes`.
    init(bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) {
        let reader = ByteReader(bytes)
        let directory = try Self.locateDirectory(reader, path: path)
        var position = directory.offset
        for _ in 0..<directory.count {
            let entry = try Self.readEntry(reader, at: &position, path: path)
            index[entry.name] = entries.count
            entries.append(entry)
        }
    }

    /// The entry at `name`, if any.
    func entry(named name: String) -> Entry? {
        index[name].map { entries[$0] }
    }

    /// Finds the end-of-central-directory record (and its zip64 form) and returns where the directory is.
    private static func locateDirectory(_ reader: ByteReader, path: String) throws(CheckpointError) -> (offset: Int, count: Int) {
        let size = reader.count
        var end = -1
        var candidate = size - 22
        while candidate >= max(0, size - 22 - 65_535) {
            if reader.uint32(at: candidate) == 0x0605_4B50 { end = candidate; break }
            candidate -= 1
        }
        guard end >= 0 else {
            throw CheckpointError(.malformed, path: path, "zip end-of-central-directory record not found (truncated file?)")
        }
        var count = Int(reader.uint16(at: end + 10))
        var offset = Int(reader.uint32(at: end + 16))
        let locator = end - 20
        if locator >= 0, reader.uint32(at: locator) == 0x0706_4B50 {
            let declared = reader.uint64(at: locator + 8)
            guard let record = Int(exactly: declared), record <= size - 56, reader.uint32(at: record) == 0x0606_4B50 else {
                throw CheckpointError(.malformed, path: path,
                    "zip64 end-of-central-directory record at byte \(declared) is missing or outside the \(size)-byte file")
            }
            count = Int(clamping: reader.uint64(at: record + 32))
            offset = Int(clamping: reader.uint64(at: record + 48))
        }
        guard offset <= size, count <= (size - offset) / 46 else {
            throw CheckpointError(.malformed, path: path, "zip central directory (\(count) entries at \(offset)) lies outside the \(size)-byte file")
        }
        return (offset, count)
    }

    /// Reads one central-directory header at `position` and advances past it.
    private static func readEntry(_ reader: ByteReader, at position: inout Int, path: String) throws(CheckpointError) -> Entry {
        let start = position
        guard start + 46 <= reader.count, reader.uint32(at: start) == 0x0201_4B50 else {
            throw CheckpointError(.malformed, path: path, "bad zip central directory header at byte \(start)")
        }
        let method = reader.uint16(at: start + 10)
        var compressed = UInt64(reader.uint32(at: start + 20))
        var uncompressed = UInt64(reader.uint32(at: start + 24))
        let nameLength = Int(reader.uint16(at: start + 28))
        let extraLength = Int(reader.uint16(at: start + 30))
        let commentLength = Int(reader.uint16(at: start + 32))
        var localOffset = UInt64(reader.uint32(at: start + 42))
        position = start + 46 + nameLength + extraLength + commentLength
        guard position <= reader.count else {
            throw CheckpointError(.malformed, path: path, "zip central directory entry at byte \(start) runs past the end of the file")
        }
        let name = reader.string(at: start + 46, count: nameLength)
        // The zip64 extra field holds, in this order, only the sizes/offset whose 32-bit fields are saturated.
        var extra = start + 46 + nameLength
        let extraEnd = extra + extraLength
        while extra + 4 <= extraEnd {
            let tag = reader.uint16(at: extra)
            let length = Int(reader.uint16(at: extra + 2))
            guard length <= extraEnd - extra - 4 else {
                throw CheckpointError(.malformed, path: path,
                    "zip entry '\(name)': extra field 0x\(String(tag, radix: 16)) of \(length) bytes at byte \(extra) runs past its header")
            }
            if tag == 0x0001 {
                var field = extra + 4
                if uncompressed == 0xFFFF_FFFF, field + 8 <= extraEnd { uncompressed = reader.uint64(at: field); field += 8 }
                if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = reader.uint64(at: field); field += 8 }
                if localOffset == 0xFFFF_FFFF, field + 8 <= extraEnd { localOffset = reader.uint64(at: field) }
            }
            extra += 4 + length
        }
        return try locateData(reader, name: name, method: method, compressed: compressed,
                              uncompressed: uncompressed, localOffset: localOffset, path: path)
    }

    /// Follows the local header to where the entry's bytes start, and checks they fit in the file.
    private static func locateData(
        _ reader: ByteReader, name: String, method: UInt16, compressed: UInt64, uncompressed: UInt64,
        localOffset: UInt64, path: String
    ) throws(CheckpointError) -> Entry {
        let local = Int(clamping: localOffset)
        guard local <= reader.count - 30, reader.uint32(at: local) == 0x0403_4B50 else {
            throw CheckpointError(.malformed, path: path, "zip entry '\(name)': bad local header at byte \(localOffset)")
        }
        let dataStart = local + 30 + Int(reader.uint16(at: local + 26)) + Int(reader.uint16(at: local + 28))
        guard method == 0 || compressed == uncompressed else {
            throw CheckpointError(.unsupported, path: path,
                "zip entry '\(name)' is compressed (method \(method)); torch.save writes stored entries, re-save the checkpoint with torch.save")
        }
        guard compressed <= UInt64(reader.count), dataStart <= reader.count - Int(compressed) else {
            throw CheckpointError(.malformed, path: path, "zip entry '\(name)' (\(compressed) bytes at \(dataStart)) runs past the end of the file")
        }
        return Entry(name: name, method: method, dataRange: dataStart..<(dataStart + Int(compressed)))
    }
}
