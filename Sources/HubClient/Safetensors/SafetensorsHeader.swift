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

    /// Reads and checks the header of the file at `path` (whose total size is `fileSize`).
    static func read(from handle: FileHandle, path: String, fileSize: Int64) throws(ClientError) -> SafetensorsHeader {
        func bad(_ why: String) -> ClientError {
            ClientError(.integrity, "\(path) is not a valid safetensors file: \(why)")
        }
        let prefix = (try? handle.read(upToCount: 8)) ?? Data()
        guard prefix.count == 8 else { throw bad("it is shorter than 8 bytes") }
        let length = prefix.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= maximumHeaderLength, Int64(length) + 8 <= fileSize else {
            throw bad("the header length \(length) does not fit in the file")
        }
        let json = (try? handle.read(upToCount: Int(length))) ?? Data()
        guard json.count == Int(length), case let .object(members)? = try? JSONValue(parsing: json) else {
            throw bad("the header is not a JSON object")
        }
        let dataStart = 8 + Int64(length)
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        for (name, value) in members {
            if name == "__metadata__" {
                if case let .object(pairs) = value {
                    for (key, item) in pairs { if let text = item.stringValue { metadata[key] = text } }
                }
                continue
            }
            // Numbers are whole and in range before any conversion: `Int64(5e88)` would trap.
            let shape = value["shape"]?.arrayValue?.compactMap { $0.numberValue.flatMap { Int(exactly: $0) } }
            let offsets = value["data_offsets"]?.arrayValue?.compactMap { $0.numberValue.flatMap { Int64(exactly: $0) } }
            guard let dtype = value["dtype"]?.stringValue,
                  let shape, shape.count == value["shape"]?.arrayValue?.count, shape.allSatisfy({ $0 >= 0 }),
                  let offsets, offsets.count == 2, value["data_offsets"]?.arrayValue?.count == 2,
                  0 <= offsets[0], offsets[0] <= offsets[1], offsets[1] <= fileSize - dataStart else {
                throw bad("the entry of tensor \"\(name)\" is malformed or points outside the file")
            }
            entries.append(Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1]))
        }
        entries.sort { $0.begin == $1.begin ? $0.name < $1.name : $0.begin < $1.begin }
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
