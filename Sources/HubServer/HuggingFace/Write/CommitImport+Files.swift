import ContentStore
import Foundation
import HuggingFace
import Manifest

/// Where an import reads the commit's files from and how it stores the group blobs it makes.
extension CommitImport {
    /// Runs `split`, storing each group blob it hands over; a refusal of the import is a 400, a failure
    /// of the store is the store's.
    func storeGroups(_ split: ((GroupBlob) throws(HuggingFaceError) -> Void)
                             throws(HuggingFaceError) -> Void) throws {
        var storeFailure: (any Error)?
        do throws(HuggingFaceError) {
            try split { blob throws(HuggingFaceError) in
                do {
                    try blobs.store(blob.bytes, expected: blob.group.digest)
                } catch {
                    storeFailure = error
                    throw HuggingFaceError(.unreadable, "\(error)", underlying: error)
                }
            }
        } catch {
            if let storeFailure { throw storeFailure }
            throw HuggingFaceBody.invalid(error.message)
        }
    }

    /// Runs `body` with the path of a file of the commit: an uploaded blob in place when the blobs are a
    /// folder (its grace period restarted), anything else written to a temporary file first (removed afterwards).
    func withFile<Result>(_ source: CommitFileSet.Source, named path: String,
                                  _ body: (String) throws -> Result) throws -> Result {
        if case let .blob(digest, size) = source {
            guard let stored = try blobs.storedSize(of: digest), try blobs.refresh(digest) else {
                throw HuggingFaceBody.invalid("\(path) (LFS object \(digest.hex)) was not uploaded; upload it again")
            }
            if let size, size != stored {
                throw HuggingFaceBody.invalid("\(path) is declared as \(size) bytes but LFS object \(digest.hex) has \(stored)")
            }
            if let folder = blobs as? BlobStore { return try body(folder.path(for: digest)) }
        }
        let scratch = (blobs as? BlobStore)?.root.appendingPathComponent("tmp") ?? FileManager.default.temporaryDirectory
        let temporary = scratch.appendingPathComponent("hf-commit-\(UUID().uuidString)").path
        defer { unlink(temporary) }
        if case let .blob(digest, _) = source {
            try copyBlob(digest, to: temporary)
        } else if case let .existing(file) = source, case .merged = file.content {
            try file.write(to: temporary, blobs: blobs)
        } else {
            guard FileManager.default.createFile(atPath: temporary, contents: try smallFile(path, limit: .max)) else {
                throw BlobStoreError(.io, "cannot write \(temporary)", path: temporary)
            }
        }
        return try body(temporary)
    }

    /// The bytes of a small file of the commit, refusing more than `limit`.
    func smallFile(_ path: String, limit: Int) throws -> Data {
        let data: Data
        switch files[path] {
        case nil:
            throw HuggingFaceBody.invalid("the commit leaves no \(path); \(Self.accepted)")
        case let .inline(bytes)?:
            data = bytes
        case let .existing(file)?:
            guard case let .inline(bytes) = file.content else { throw HuggingFaceBody.invalid("\(path) is not a small file") }
            data = bytes
        case let .blob(digest, _)?:
            guard let size = try blobs.storedSize(of: digest) else {
                throw HuggingFaceBody.invalid("\(path) (LFS object \(digest.hex)) was not uploaded; upload it again")
            }
            guard size <= Int64(limit) else { throw HuggingFaceBody.invalid("\(path) is \(size) bytes; at most \(limit)") }
            data = try blobs.readAll(digest)
        }
        guard data.count <= limit else { throw HuggingFaceBody.invalid("\(path) is \(data.count) bytes; at most \(limit)") }
        return data
    }

    /// Copies a stored blob to a new local file, a few MiB at a time.
    private func copyBlob(_ digest: Digest, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let output = FileHandle(forWritingAtPath: path) else {
            throw BlobStoreError(.io, "cannot create \(path)", path: path)
        }
        defer { try? output.close() }
        var offset: Int64 = 0
        while true {
            let chunk = try blobs.read(digest, offset: offset, length: 4 << 20)
            if chunk.isEmpty { break }
            try output.write(contentsOf: chunk)
            offset += Int64(chunk.count)
        }
    }
}
