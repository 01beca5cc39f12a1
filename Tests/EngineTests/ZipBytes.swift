/// Writes a zip archive of stored (uncompressed) entries as torch.save lays them out, so tests can build
/// checkpoints byte by byte and then corrupt one field of one record.
struct ZipBytes {
    /// One entry to store.
    struct Entry {
        var name: String
        var data: [UInt8]
    }

    var entries: [Entry]

    /// The archive: local headers with data, the central directory, the end record.
    /// `directory` may rewrite each central-directory header (its bytes, the entry index).
    func archive(directory: (inout [UInt8], Int) -> Void = { _, _ in }) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            let name = Array(entry.name.utf8)
            let localOffset = output.count
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0)
            output += le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count))
            output += le16(UInt16(name.count)) + le16(0) + name + entry.data
            var header = le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0)
            header += le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count))
            header += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0)
            header += le32(UInt32(localOffset)) + name
            directory(&header, index)
            central += header
        }
        let directoryOffset = output.count
        output += central
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count))
        output += le32(UInt32(central.count)) + le32(UInt32(directoryOffset)) + le16(0)
        return output
    }

    /// A checkpoint `archive/data.pkl` plus one storage entry `archive/data/<key>` per storage.
    static func checkpoint(pickle: [UInt8], storages: [String: [UInt8]]) -> ZipBytes {
        ZipBytes(entries: [Entry(name: "archive/data.pkl", data: pickle)]
            + storages.sorted { $0.key < $1.key }.map { Entry(name: "archive/data/\($0.key)", data: $0.value) })
    }

    /// Float32 values as little-endian bytes.
    static func floats(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
    }
}

func le16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
func le32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
func le64(_ value: UInt64) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
