import Safetensors

/// A safetensors file opened through a read-only memory mapping.
///
/// Only the header is parsed up front; each tensor is converted to Float32 (from F32, F16, BF16 and
/// the integer types) when asked for, straight from the mapped pages.
public final class SafetensorsFile {
    /// The mapped file.
    public let file: MappedFile
    /// The tensors the header describes, in data-section order.
    public let entries: [SafetensorsEntry]
    /// The header's `__metadata__` strings.
    public let metadata: [String: String]
    private let dataStart: Int
    private let index: [String: Int]

    /// Maps the file at `path` and checks its header.
    public init(path: String) throws(CheckpointError) {
        file = try MappedFile(path: path)
        let header: SafetensorsHeader
        do { header = try SafetensorsHeader(bytes: file.bytes) } catch { throw CheckpointError(error, path: path) }
        entries = header.entries
        metadata = header.metadata
        dataStart = header.dataStart
        index = Dictionary(uniqueKeysWithValues: header.entries.enumerated().map { ($1.name, $0) })
    }

    /// The tensor names in data-section order.
    public var names: [String] { entries.map(\.name) }

    /// The tensor called `name`, converted to Float32.
    public func tensor(named name: String) throws(CheckpointError) -> Tensor {
        guard let position = index[name] else {
            throw CheckpointError(.missing, path: file.path, "no tensor named '\(name)'")
        }
        let entry = entries[position]
        let count = entry.elementCount
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0, let base = file.bytes.baseAddress {
                StorageDType(entry.dtype).convert(base + dataStart + entry.byteRange.lowerBound, count: count, into: buffer.baseAddress!)
            }
            initialized = count
        }
        do {
            return try Tensor(shape: entry.shape, values: values)
        } catch {
            throw CheckpointError(.malformed, path: file.path, "tensor '\(name)': \(error)")
        }
    }

    /// Every tensor, converted to Float32, with the file's metadata.
    public func readAll() throws(CheckpointError) -> NamedTensors {
        var result = NamedTensors()
        result.metadata = metadata
        for entry in entries {
            result.set(try tensor(named: entry.name), for: entry.name)
        }
        return result
    }
}
