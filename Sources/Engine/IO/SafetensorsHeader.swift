import Foundation

/// The parsed and checked JSON header of a safetensors file.
///
/// Layout (https://github.com/huggingface/safetensors): 8 bytes little-endian header length N,
/// N bytes of UTF-8 JSON `{"__metadata__": {...}, "name": {"dtype", "shape", "data_offsets"}}`
/// (possibly padded with spaces), then the data section the offsets point into.
struct SafetensorsHeader {
    /// The tensors sorted by their position in the data section.
    var entries: [SafetensorsEntry]
    /// The `__metadata__` strings.
    var metadata: [String: String]
    /// Where the data section starts in the file.
    var dataStart: Int

    /// The largest header accepted, as in the reference implementation.
    static let maximumHeaderLength = 100 << 20

    /// Parses the header of `bytes` and checks every offset against a data section of the remaining size.
    init(bytes: UnsafeRawBufferPointer, path: String) throws(CheckpointError) {
        guard bytes.count >= 8 else {
            throw CheckpointError(.malformed, path: path, "file is \(bytes.count) bytes, too short for a safetensors header")
        }
        let declared = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        guard declared <= UInt64(min(bytes.count - 8, Self.maximumHeaderLength)) else {
            throw CheckpointError(.malformed, path: path,
                "header length \(declared) exceeds the file (\(bytes.count) bytes) or the 100 MiB limit; not a safetensors file?")
        }
        let length = Int(declared)
        dataStart = 8 + length
        let json = Data(bytes[8..<dataStart])
        if let depth = JSONNesting.firstExcess(in: json, limit: CheckpointLimits.standard.maximumNesting) {
            throw CheckpointError(.refused, path: path,
                "header JSON is nested more than \(CheckpointLimits.standard.maximumNesting) deep (at byte \(8 + depth)); a safetensors header is 3 deep")
        }
        let raw: RawHeader
        do {
            raw = try JSONDecoder().decode(RawHeader.self, from: json)
        } catch {
            throw CheckpointError(.malformed, path: path, "header is not valid safetensors JSON: \(error)")
        }
        metadata = raw.metadata
        entries = try Self.validate(raw.entries, dataSize: bytes.count - dataStart, path: path)
    }

    /// Checks types, shapes and offsets, and that the ranges tile the data section without gaps or overlaps.
    private static func validate(
        _ raw: [String: RawEntry], dataSize: Int, path: String
    ) throws(CheckpointError) -> [SafetensorsEntry] {
        var entries: [SafetensorsEntry] = []
        for (name, entry) in raw {
            guard let dtype = StorageDType(safetensorsName: entry.dtype) else {
                throw CheckpointError(.unsupported, path: path, "tensor '\(name)' has dtype \(entry.dtype), which is not supported")
            }
            guard entry.dataOffsets.count == 2, entry.dataOffsets[0] >= 0, entry.dataOffsets[0] <= entry.dataOffsets[1] else {
                throw CheckpointError(.malformed, path: path, "tensor '\(name)' has invalid data_offsets \(entry.dataOffsets)")
            }
            let elements = try CheckpointLimits.standard.elementCount(of: entry.shape, tensor: name, path: path)
            let range = entry.dataOffsets[0]..<entry.dataOffsets[1]
            guard range.upperBound <= dataSize else {
                throw CheckpointError(.malformed, path: path,
                    "tensor '\(name)' ends at byte \(range.upperBound) of a \(dataSize)-byte data section (file truncated?)")
            }
            let (expected, overflow) = elements.multipliedReportingOverflow(by: dtype.byteSize)
            guard !overflow, expected == range.count else {
                throw CheckpointError(.malformed, path: path,
                    "tensor '\(name)' of shape \(entry.shape) and dtype \(entry.dtype) needs \(elements) x \(dtype.byteSize) bytes, its offsets span \(range.count)")
            }
            entries.append(SafetensorsEntry(name: name, dtype: dtype, shape: entry.shape, byteRange: range))
        }
        entries.sort { ($0.byteRange.lowerBound, $0.byteRange.upperBound, $0.name) < ($1.byteRange.lowerBound, $1.byteRange.upperBound, $1.name) }
        var position = 0
        for entry in entries {
            guard entry.byteRange.lowerBound == position else {
                let problem = entry.byteRange.lowerBound < position ? "overlaps the previous tensor" : "leaves a gap before it"
                throw CheckpointError(.malformed, path: path, "tensor '\(entry.name)' at byte \(entry.byteRange.lowerBound) \(problem) (expected \(position))")
            }
            position = entry.byteRange.upperBound
        }
        guard position == dataSize else {
            throw CheckpointError(.malformed, path: path, "data section is \(dataSize) bytes but the tensors cover \(position)")
        }
        return entries
    }
}

/// The header JSON as decoded, before any checks.
private struct RawHeader: Decodable {
    var entries: [String: RawEntry] = [:]
    var metadata: [String: String] = [:]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == "__metadata__" {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                entries[key.stringValue] = try container.decode(RawEntry.self, forKey: key)
            }
        }
    }
}

/// One tensor's header object as decoded.
private struct RawEntry: Decodable {
    var dtype: String
    var shape: [Int]
    var dataOffsets: [Int]

    enum CodingKeys: String, CodingKey {
        case dtype, shape
        case dataOffsets = "data_offsets"
    }
}
