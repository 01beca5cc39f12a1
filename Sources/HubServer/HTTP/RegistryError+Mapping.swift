import ContentStore
import Hummingbird
import Manifest
import ObjectStore
import RegistryAPI

/// The one table from the subsystems' errors (repositories, storage, the database, the blob store, the
/// HTTP layer) to the API's error codes (the repositories' part is in `RegistryError+Repositories`). A failure that is not the client's fault maps to nil: the error middleware
/// logs it in full and answers `INTERNAL` with a request id.
extension RegistryError {
    /// The API answer for `error`, or nil when it is an internal failure.
    init?(mapping error: any Error, method: String, path: String) {
        switch error {
        case let error as RegistryError:
            self = error
        case let error as ModelRepositoryError:
            self = RegistryError(error)
        case let error as UploadRepositoryError:
            self = RegistryError(error)
        case let error as HTTPError where error.status == .notFound:
            self = RegistryError(.routeUnknown, "no route for \(method) \(path); "
                + "docs/api.md and \(Route.openAPI.template) list the routes",
                detail: ["method": .string(method), "path": .string(path)])
        case let error as HTTPError where error.status == .contentTooLarge:
            self = RegistryError(.tooLarge, "the request body is larger than this route accepts")
        case let error as HTTPError where error.status.code < 500:
            self = RegistryError(.queryInvalid, error.body ?? "the request is malformed (\(error.status))")
        case let error as DatabaseError where error.isFull:
            self = .diskFull("the metadata database cannot grow")
        case let error as DatabaseError where error.isBusy:
            self = RegistryError(.unavailable, "the database stayed locked (another process, e.g. "
                + "`hub admin gc`, holds it); retry in a few seconds")
        case let error as StorageError where error.code == .diskFull:
            self = .diskFull(error.consequence)
        case let error as StorageError where error.code == .missing:
            self = .uploadUnknown(error.fileName)
        case let error as ObjectStoreError where error.kind == .network || error.status >= 500:
            // The object store's own words stay in the log (the error middleware logs the cause).
            self = RegistryError(.unavailable, "the registry's object storage did not answer or failed "
                + "(\(error.serviceCode ?? "no answer")); retry in a few seconds")
        default:
            return nil
        }
    }

    /// `503 DISK_FULL`: the disk (or quota) holding the data directory is full.
    static func diskFull(_ what: String) -> RegistryError {
        RegistryError(.diskFull, "the registry's disk is full: \(what); retry once its operator has freed "
            + "space (for example with `hub admin gc`)")
    }

    /// Maps a failure while storing an uploaded blob to the API's codes. A failure of the server's
    /// own disk comes back as it is (logged, answered `INTERNAL`, no path shown).
    static func storing(_ error: any Error, digest: Digest) -> any Error {
        guard let error = error as? BlobStoreError else {
            if error is RegistryError || error is StorageError || error is DatabaseError || error is UploadRepositoryError
                || error is ObjectStoreError {
                return error
            }
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
