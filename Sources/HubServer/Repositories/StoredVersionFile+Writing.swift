import ContentStore
import Foundation

extension StoredVersionFile {
    /// Writes the file's bytes to `path` (created or truncated), reading its blob pieces from `blobs`:
    /// how a commit that keeps a file of the version it starts from gets that file back.
    func write(to path: String, blobs: BlobStore) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let output = FileHandle(forWritingAtPath: path) else {
            throw BlobStoreError(.io, "cannot create \(path)", path: path)
        }
        defer { try? output.close() }
        for piece in pieces(in: 0..<size) {
            switch piece {
            case let .bytes(bytes):
                try output.write(contentsOf: bytes)
            case let .blob(digest, offset, length):
                try copy(blobs.path(for: digest), offset: offset, length: length, to: output)
            }
        }
    }

    private func copy(_ source: String, offset: Int64, length: Int64, to output: FileHandle) throws {
        guard let input = FileHandle(forReadingAtPath: source) else {
            throw BlobStoreError(.io, "cannot open blob \(source) for \(path)", path: source)
        }
        defer { try? input.close() }
        try input.seek(toOffset: UInt64(offset))
        var remaining = length
        while remaining > 0 {
            let chunk = try input.read(upToCount: Int(min(remaining, 4 << 20))) ?? Data()
            guard !chunk.isEmpty else { throw BlobStoreError(.io, "blob \(source) ends early while writing \(path)", path: source) }
            try output.write(contentsOf: chunk)
            remaining -= Int64(chunk.count)
        }
    }
}
