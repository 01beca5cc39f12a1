import Safetensors

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if _endian(big)
#error("safetensors data is little-endian; the writer copies Float32 memory as is")
#endif

/// Writes Float32 tensors as safetensors, byte for byte the same for the same tensors.
///
/// Blob digests are taken over these bytes, so the output is deterministic: names sorted by their
/// UTF-8 bytes, data laid out in that order, `__metadata__` keys sorted, compact JSON with a fixed
/// key order, and the header padded with spaces so the data section starts on an 8-byte boundary.
public enum SafetensorsWriter {
    /// The whole file as bytes.
    public static func encode(_ tensors: NamedTensors) -> [UInt8] {
        let layout = Layout(tensors)
        var bytes = layout.prefix
        bytes.reserveCapacity(layout.prefix.count + layout.dataSize)
        for name in layout.sortedNames {
            tensors[name]!.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeRawBufferPointer($0)) }
        }
        return bytes
    }

    /// Writes the file to `path` (created or truncated) without building it in memory first.
    public static func write(_ tensors: NamedTensors, to path: String) throws(CheckpointError) {
        let layout = Layout(tensors)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw CheckpointError(.unreadable, path: path, "cannot create: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var succeeded = layout.prefix.withUnsafeBytes { writeAll($0, to: descriptor) }
        for name in layout.sortedNames where succeeded {
            succeeded = tensors[name]!.withUnsafeBufferPointer { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
        }
        guard succeeded else {
            throw CheckpointError(.unreadable, path: path, "write failed: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes every byte, retrying short writes and interruptions; false on an error (see `errno`).
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #else
            let written = Darwin.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            #endif
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}

extension SafetensorsWriter {
    /// The length prefix and padded header for a set of tensors, and the order of their data.
    struct Layout {
        var sortedNames: [String]
        var prefix: [UInt8]
        var dataSize: Int

        init(_ tensors: NamedTensors) {
            sortedNames = tensors.names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            var entries: [SafetensorsEntry] = []
            var offset = 0
            for name in sortedNames {
                let tensor = tensors[name]!
                entries.append(SafetensorsEntry(name: name, dtype: .F32, shape: tensor.shape,
                                                byteRange: offset..<(offset + tensor.count * 4)))
                offset += tensor.count * 4
            }
            prefix = SafetensorsHeader.encode(entries, metadata: tensors.metadata)
            dataSize = offset
        }
    }
}
