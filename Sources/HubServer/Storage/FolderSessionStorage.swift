import ContentStore
import Foundation
import Manifest
import NIOCore

/// Upload sessions as files `<data>/uploads/<id>`: the file's length is the offset, an exclusive
/// `flock` (`SessionFileLock`) the claim, and finishing renames the file into the blob folder.
struct FolderSessionStorage: UploadSessionStorage {
    /// `<data>/uploads`.
    let folder: URL

    func path(_ id: String) -> String { folder.appendingPathComponent(id).path }

    /// An `flock` excludes every process on the machine.
    var claimsHoldAcrossProcesses: Bool { true }

    func create(_ id: String) throws {
        let path = path(id)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw StorageError("cannot create an upload session file", path: path, consequence: "no upload session was started")
        }
        close(descriptor)
    }

    func length(of id: String) throws -> Int64 {
        var info = stat()
        guard stat(path(id), &info) == 0 else {
            throw StorageError("cannot read an upload session's length", path: path(id), missingMeansGone: true)
        }
        return Int64(info.st_size)
    }

    func claim(_ id: String) -> SessionClaimAttempt {
        switch SessionFileLock.attempt(path(id)) {
        case .locked(let lock): .claimed(lock)
        case .busy: .busy
        case .missing: .missing
        }
    }

    func appender(for id: String, at offset: Int64) throws -> any SessionAppender {
        try AppendFile(path: path(id))
    }

    func store(_ id: String, into blobs: any BlobStoring, expected: Digest, expectedSize: Int64?) throws -> Int64 {
        try blobs.adopt(fileAt: path(id), expected: expected, expectedSize: expectedSize)
    }

    func remove(_ id: String) {
        _ = truncate(path(id), 0)
        _ = unlink(path(id))
    }

    func leftoverCandidates() throws -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
    }
}

extension SessionFileLock: SessionClaim {
    func removeBytes() { removeFile() }
}

extension AppendFile: SessionAppender {
    func commit() throws { close() }
}
