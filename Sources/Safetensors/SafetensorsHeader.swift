import Foundation
import StrictJSON

/// The checked header of a safetensors file: `<u64 little-endian header length N><N bytes of JSON><data>`,
/// where the JSON maps each tensor name to `{dtype, shape, data_offsets: [begin, end]}` (offsets relative
/// to the data section) plus an optional `__metadata__` of strings
/// (https://github.com/huggingface/safetensors#format).
///
/// The one parser of the format in hub: the engine's reader and the client's merger both use it, so
/// they accept exactly the same files. The JSON is read by the strict parser (bounded nesting, no
/// duplicate keys), every number is checked before any arithmetic, and the tensors must tile the data
/// section exactly, in order, with no gap or overlap.
public struct SafetensorsHeader: Sendable {
    /// The tensors, sorted by their position in the data section.
    public var entries: [SafetensorsEntry]
    /// The `__metadata__` strings.
    public var metadata: [String: String]
    /// Where the data section starts in the file (8 + header length).
    public var dataStart: Int

    /// The header length that the first 8 bytes (`prefix`) of a `fileSize`-byte file declare, checked
    /// against the file's size and the limit.
    public static func declaredLength(
        _ prefix: some Collection<UInt8>, fileSize: Int, limits: SafetensorsLimits = .standard
    ) throws(SafetensorsError) -> Int {
        guard prefix.count == 8, fileSize >= 8 else {
            throw SafetensorsError(.malformed, "the file is \(fileSize) bytes, shorter than the 8-byte header length")
        }
        let length = prefix.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard length <= UInt64(limits.maximumHeaderLength), length <= UInt64(fileSize - 8) else {
            throw SafetensorsError(.malformed, "the header length \(length) does not fit in the file (\(fileSize) bytes) "
                + "or the \(limits.maximumHeaderLength / 1_000_000) MB limit; not a safetensors file?")
        }
        return Int(length)
    }

    /// Parses and checks the header `json` of a `fileSize`-byte file (the JSON follows the 8-byte length).
    public init(json: Data, fileSize: Int, limits: SafetensorsLimits = .standard) throws(SafetensorsError) {
        let document: JSONValue
        do { document = try JSONValue(parsing: json) } catch {
            throw SafetensorsError(error.code == .tooDeep ? .refused : .malformed, "the header is not strict JSON: \(error)")
        }
        guard case let .object(members) = document else { throw SafetensorsError(.malformed, "the header is not a JSON object") }
        dataStart = 8 + json.count
        var entries: [SafetensorsEntry] = []
        metadata = [:]
        for (name, value) in members {
            if name == "__metadata__" {
                metadata = try Self.metadataStrings(value)
            } else {
                entries.append(try Self.entry(name, value, limits: limits))
            }
        }
        try Self.checkTiling(&entries, dataSize: fileSize - dataStart)
        self.entries = entries
    }

    /// Parses and checks the header of a whole file held in memory (or mapped).
    public init(bytes: UnsafeRawBufferPointer, limits: SafetensorsLimits = .standard) throws(SafetensorsError) {
        let length = try Self.declaredLength(bytes.prefix(8), fileSize: bytes.count, limits: limits)
        try self.init(json: Data(bytes[8..<(8 + length)]), fileSize: bytes.count, limits: limits)
    }

    /// Reads and checks the header of the open file `handle` of `fileSize` bytes (from its start).
    public init(reading handle: FileHandle, fileSize: Int, limits: SafetensorsLimits = .standard) throws(SafetensorsError) {
        let prefix = (try? handle.read(upToCount: 8)) ?? Data()
        let length = try Self.declaredLength(prefix, fileSize: fileSize, limits: limits)
        let json = (try? handle.read(upToCount: length)) ?? Data()
        guard json.count == length else { throw SafetensorsError(.malformed, "the header ends early") }
        try self.init(json: json, fileSize: fileSize, limits: limits)
    }
}
