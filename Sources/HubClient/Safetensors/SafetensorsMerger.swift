import Foundation

/// Merges several safetensors files (a model's layer groups) into one, copying every tensor's
/// bytes exactly; the result lists the tensors in input order.
enum SafetensorsMerger {
    /// Writes the merge of `inputs` to `output` (through a temporary file renamed at the end).
    static func merge(_ inputs: [String], into output: String) throws(ClientError) {
        var sources: [(handle: FileHandle, header: SafetensorsHeader, path: String)] = []
        defer { for source in sources { try? source.handle.close() } }
        for path in inputs {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ClientError(.notFound, "cannot open \(path)", advice: "run `hub cache verify` and pull again")
            }
            let size = Int64((try? handle.seekToEnd()) ?? 0)
            try? handle.seek(toOffset: 0)
            sources.append((handle, try SafetensorsHeader.read(from: handle, path: path, fileSize: size), path))
        }
        var merged: [SafetensorsHeader.Entry] = []
        var metadata: [String: String] = [:]
        var seen: [String: String] = [:]
        var offset: Int64 = 0
        for source in sources {
            metadata.merge(source.header.metadata) { first, _ in first }
            for var entry in source.header.entries {
                if let other = seen[entry.name] {
                    throw ClientError(.integrity, "tensor \"\(entry.name)\" is in both \(other) and \(source.path)")
                }
                seen[entry.name] = source.path
                let length = entry.end - entry.begin
                (entry.begin, entry.end) = (offset, offset + length)
                offset += length
                merged.append(entry)
            }
        }
        let temporary = output + ".partial"
        _ = FileManager.default.createFile(atPath: temporary, contents: nil)
        guard let out = FileHandle(forWritingAtPath: temporary) else {
            throw AtomicFile.posixError("cannot create \(temporary)")
        }
        do {
            try out.write(contentsOf: SafetensorsHeader.encode(merged, metadata: metadata))
            for source in sources {
                for entry in source.header.entries {
                    try copy(source.handle, from: source.header.dataStart + entry.begin,
                             count: entry.end - entry.begin, to: out)
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
        guard rename(temporary, output) == 0 else { throw AtomicFile.posixError("cannot move \(temporary) to \(output)") }
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
