import ContentStore
import Foundation
import Manifest
import NIOCore

/// Where the bytes of chunked upload sessions live: files in `<data>/uploads/` next to a folder store
/// (`FolderSessionStorage`), or objects under `uploads/<id>/` in the bucket of an object store
/// (`ObjectSessionStorage`), so that no session's bytes are on one process's disk. The session rows
/// (who, what, when) are in the metadata store either way (`UploadRepository`).
protocol UploadSessionStorage: Sendable {
    /// Whether `claim` excludes every process using the storage (a folder's `flock`). When false (a
    /// bucket), a request also claims the session in the shared database (`UploadRepository+Claims`).
    var claimsHoldAcrossProcesses: Bool { get }
    /// Makes the empty bytes of a new session; a full disk is a `StorageError` (`DISK_FULL`).
    func create(_ id: String) throws
    /// How many bytes the session holds: its offset. `StorageError` `missing` when it has none (gone).
    func length(of id: String) throws -> Int64
    /// Claims the session for one writer or remover without waiting (within this process only, unless
    /// `claimsHoldAcrossProcesses`).
    func claim(_ id: String) -> SessionClaimAttempt
    /// Opens the session for appending a chunk at `offset` (its current length).
    func appender(for id: String, at offset: Int64) throws -> any SessionAppender
    /// Moves the session's bytes into `blobs` as `expected` (checked against the digest and size), then
    /// deletes them. Returns the blob's size.
    func store(_ id: String, into blobs: any BlobStoring, expected: Digest, expectedSize: Int64?) throws -> Int64
    /// Deletes the session's bytes (the space is freed even on a full disk).
    func remove(_ id: String)
    /// The ids of sessions whose bytes may be left over from a crash (old enough that no live request
    /// can be creating them).
    func leftoverCandidates() throws -> Set<String>
}

/// What claiming a session found.
enum SessionClaimAttempt {
    /// Claimed: the holder may write or remove the session.
    case claimed(any SessionClaim)
    /// Another request or process holds it.
    case busy
    /// The session has no bytes (finished, cancelled, expired).
    case missing
}

/// A held claim on a session.
protocol SessionClaim: AnyObject, Sendable {
    /// Deletes the session's bytes, then releases the claim.
    func removeBytes()
    /// Releases the claim (the bytes stay).
    func release()
}

/// Appends one chunk's bytes to a session. Used by one request at a time.
protocol SessionAppender: AnyObject {
    /// Appends every readable byte of `buffer`.
    func append(_ buffer: ByteBuffer) throws
    /// Makes the bytes appended so far part of the session (also after a failed body: a session keeps
    /// what it received), and closes.
    func commit() throws
}

extension StorageError {
    /// A session whose bytes are gone (`UPLOAD_UNKNOWN`), found without a system call.
    init(gone what: String, path: String) {
        code = .missing
        self.what = what
        self.path = path
        number = ENOENT
        consequence = ""
    }
}
