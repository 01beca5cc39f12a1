import Foundation
import Manifest

/// The header of a safetensors file: `<u64 little-endian header length><JSON header><data>`,
/// where the JSON maps each tensor name to `{dtype, shape, data_offsets: [begin, end]}` (offsets
/// relative to the data section) plus an optional `__metadata__` of strings.
/// https://github.com/huggingface/safetensors#format
struct SafetensorsHeader {
    /// One tensor's entry.
    struct Entry {
        /// The tensor's name (a state-dict key).
        var name: String
        /// `dtype`, e.g. `F32`.
        var dtype: String
        /// `shape`.
        var shape: [Int]
        /// Start of the bytes, relative to the data section.
        var begin: Int64
        /// End (exclusive) of the bytes, relative to the data section.
        var end: Int64
    }

    /// Entries in data order.
    var entries: [Entry]
    /// `__metadata__`.
    var metadata: [String: String]
    /// Where the data section starts in the file (8 + header length).
    var dataStart: Int64

    /// Longest header accepted (the format's own limit is 100 MB).
    static let maximumHeaderLength: UInt64 = 100_000_000

    /// Reads and checks the header of the file at `path` (whose total size is `fileSize`): a
    /// JSON object of tensors whose dtypes are known, whose shapes' element counts times their
    /// dtype's size are exactly their byte ranges, and whose ranges tile the data section with
    /// no gap or overlap; every number checked before any arithmetic.
    static func read(from handle: FileHandle, path: String, fileSize: Int64) throws(ClientError) -> SafetensorsHeader {
        func bad(_ why: String) -> ClientError {
            ClientError(.integrity, "\(path) is not a valid safetensors file: \(why)")
        }
        let prefix = (try? handle.read(upToCount: 8)) ?? Data()
        guard prefix.count == 8 else { throw bad("it is shorter than 8 bytes") }
        let length = prefix.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= maximumHeaderLength, fileSize >= 8, length <= UInt64(fileSize - 8) else {
            throw bad("the header length \(length) does not fit in the file (\(fileSize) bytes) or the 100 MB limit")
        }
        let json = (try? handle.read(upToCount: Int(length))) ?? Data()
        guard json.count == Int(length) else { throw bad("the header ends early") }
        // The strict parser bounds nesting itself (without recursion past its limit) and refuses duplicate keys.
        let document: JSONValue
        do { document = try JSONValue(parsing: json) } catch { throw bad("the header is not strict JSON: \(error)") }
        guard case let .object(members) = document else { throw bad("the header is not a JSON object") }
        let dataStart = 8 + Int64(length)
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (name, value) in members {
            if name == "__metadata__" {
                metadata = try metadataStrings(value, bad: bad)
            } else {
                entries.append(try entry(name, value, bad: bad))
            }
        }
        try checkTiling(&entries, dataSize: fileSize - dataStart, bad: bad)
        return SafetensorsHeader(entries: entries, metadata: metadata, dataStart: dataStart)
    }

    /// The header bytes (length prefix included) for entries laid out in order, padded with
    /// spaces so the data section starts at a multiple of 8 bytes.
    static func encode(_ entries: [Entry], metadata: [String: String]) -> Data {
        var members: [String: JSONValue] = [:]
        for entry in entries {
            members[entry.name] = .object([
                "dtype": .string(entry.dtype),
                "shape": .array(entry.shape.map { .number(Double($0)) }),
                "data_offsets": .array([.number(Double(entry.begin)), .number(Double(entry.end))]),
            ])
        }
        if !metadata.isEmpty { members["__metadata__"] = .object(metadata.mapValues { .string($0) }) }
        var json: Data
        do { json = try CanonicalJSON.encode(JSONValue.object(members)) } catch {
            preconditionFailure("a safetensors header holds only finite numbers: \(error)")
        }
        while (8 + json.count) % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var length = UInt64(json.count).littleEndian
        return Data(bytes: &length, count: 8) + json
    }
}
