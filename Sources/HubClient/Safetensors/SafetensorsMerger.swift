import Foundation
import ModelStore
import Safetensors

/// Merges several safetensors files (a model's layer groups) into one, copying every tensor's
/// bytes exactly; the result lists the tensors in input order.
enum SafetensorsMerger {
    /// Writes the merge of the files at `paths` (through a temporary file renamed at the end).
    static func merge(_ paths: [String], into output: String) throws(ClientError) {
        try merge(paths.map { (path: $0, label: $0) }, into: output)
    }

    /// Writes the merge of `inputs` (through a temporary file renamed at the end); each input's
    /// `label` (e.g. `layer group head (blob sha256:…)`) names it in errors. Every header is
    /// checked strictly (`SafetensorsHeader.read`) before a byte is written.
    static func merge(_ inputs: [(path: String, label: String)], into output: String) throws(ClientError) {
        var sources: [(handle: FileHandle, header: SafetensorsHeader, label: String)] = []
        defer { for source in sources { try? source.handle.close() } }
        for input in inputs {
            guard let handle = FileHandle(forReadingAtPath: input.path) else {
                throw ClientError(.notFound, "cannot open \(input.path) (\(input.label))",
                                  advice: "run `hub cache verify` and pull again")
            }
            let size = Int64((try? handle.seekToEnd()) ?? 0)
            try? handle.seek(toOffset: 0)
            sources.append((handle, try SafetensorsHeader.read(from: handle, label: input.label, fileSize: size), input.label))
        }
        var merged: [SafetensorsEntry] = []
        var metadata: [String: String] = [:]
        var seen: [String: String] = [:]
        var offset = 0
        for source in sources {
            metadata.merge(source.header.metadata) { first, _ in first }
            for var entry in source.header.entries {
                if let other = seen[entry.name] {
                    throw ClientError(.integrity, "tensor \"\(entry.name)\" is in both \(other) and \(source.label)")
                }
                seen[entry.name] = source.label
                let (end, overflow) = offset.addingReportingOverflow(entry.byteRange.count)
                guard !overflow else { throw ClientError(.integrity, "the merged tensors do not fit in 2^63 bytes") }
                entry.byteRange = offset..<end
                offset = end
                merged.append(entry)
            }
        }
        let temporary = output + ".partial"
        _ = FileManager.default.createFile(atPath: temporary, contents: nil)
        guard let out = FileHandle(forWritingAtPath: temporary) else {
            throw ClientError(StoreError.posix("cannot create \(temporary)"))
        }
        do {
            try out.write(contentsOf: SafetensorsHeader.encode(merged, metadata: metadata))
            for source in sources {
                for entry in source.header.entries {
                    try copy(source.handle, from: Int64(source.header.dataStart + entry.byteRange.lowerBound),
                             count: Int64(entry.byteRange.count), to: out)
                }
            }
            try out.synchronize()
            try out.close()
        } catch {
            try? out.close()
            unlink(temporary)
            let full = (error as NSError).code == Int(ENOSPC)
            throw ClientError(full ? .diskFull : .failure, "cannot write \(output): \(error.localizedDescription)")
        }
        guard rename(temporary, output) == 0 else { throw ClientError(StoreError.posix("cannot move \(temporary) to \(output)")) }
    }

    private static func copy(_ input: FileHandle, from start: Int64, count: Int64, to output: FileHandle) throws {
        try input.seek(toOffset: UInt64(start))
        var remaining = count
        while remaining > 0 {
            let piece = try input.read(upToCount: Int(min(remaining, 4 << 20))) ?? Data()
            guard !piece.isEmpty else { throw CocoaError(.fileReadTooLarge) }
            try output.write(contentsOf: piece)
            remaining -= Int64(piece.count)
        }
    }
}
