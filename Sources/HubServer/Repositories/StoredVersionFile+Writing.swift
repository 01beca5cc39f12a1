import ContentStore
import Foundation
import HuggingFace

extension StoredVersionFile {
    /// Writes the file's bytes to `path` (created or truncated), reading its blob runs through the
    /// registry's blob store: how a commit that keeps a file of the version it starts from
    /// gets that file back.
    func write(to path: String, blobs: any BlobStoring) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let output = FileHandle(forWritingAtPath: path) else {
            throw BlobStoreError(.io, "cannot create \(path)", path: path)
        }
        defer { try? output.close() }
        let reader = StoredBlobReader(blobs: blobs)
        for piece in pieces(in: 0..<size) {
            switch piece {
            case let .bytes(bytes):
                try output.write(contentsOf: bytes)
            case let .blob(digest, offset, length):
                var done: Int64 = 0
                while done < length {
                    let count = Int(min(length - done, 4 << 20))
                    try output.write(contentsOf: reader.read(digest, offset: offset + done, length: count))
                    done += Int64(count)
                }
            }
        }
    }
}
