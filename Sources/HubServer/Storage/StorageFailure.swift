import ContentStore
import Foundation
import Manifest

/// A file-system failure that is not the client's fault. `ErrorMiddleware` logs it in full (with the
/// path and the system's reason) and answers `INTERNAL` with a request id: no server path reaches a client.
struct StorageFailure: Error, CustomStringConvertible {
    /// What the registry was doing.
    let what: String
    /// The file concerned.
    let path: String
    /// The system's reason (`strerror`).
    let reason: String

    /// A failure from the current `errno`.
    init(_ what: String, path: String) {
        self.what = what
        self.path = path
        reason = String(cString: strerror(errno))
    }

    var description: String { "\(what) (\(path)): \(reason)" }
}

extension RegistryError {
    /// `503 DISK_FULL`: the disk (or quota) holding the data directory is full.
    static func diskFull(_ what: String) -> RegistryError {
        RegistryError(.diskFull, "the registry's disk is full: \(what); retry once its operator has freed "
            + "space (for example with `hub admin gc`)")
    }

    /// True for the `errno` values that mean "no space left".
    static func isDiskFull(_ number: Int32) -> Bool { number == ENOSPC || number == EDQUOT }

    /// Maps a failure while storing an uploaded blob to the API's codes. A failure of the server's
    /// own disk comes back as it is (logged, answered `INTERNAL`, no path shown).
    static func storing(_ error: any Error, digest: Digest) -> any Error {
        guard let error = error as? BlobStoreError else {
            if error is RegistryError || error is StorageFailure || error is DatabaseError { return error }
            return RegistryError(.queryInvalid, "the upload of \(digest) was interrupted (\(error)); nothing was "
                + "stored, send it again")
        }
        switch error.code {
        case .digestMismatch:
            return RegistryError(.digestInvalid, "the uploaded bytes do not match \(digest): \(error.message); "
                + "nothing was stored", detail: ["expected": .string(digest.description)])
        case .sizeMismatch:
            return RegistryError(.sizeInvalid, "\(error.message); nothing was stored",
                                 detail: ["expected": .string(digest.description)])
        case .diskFull:
            return RegistryError.diskFull("the blob \(digest) was not stored")
        case .notFound, .io:
            return error
        }
    }
}
