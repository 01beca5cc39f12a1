/// What the upload-session repository found wrong. `RegistryError(mapping:)` gives it its API error code
/// and message; failures of the session files themselves are `StorageError`s.
enum UploadRepositoryError: Error, CustomStringConvertible {
    /// No live session `id` of `user`: never started, someone else's, finished, cancelled, or untouched
    /// for longer than `ttlSeconds`.
    case sessionUnknown(id: String, user: String, ttlSeconds: Int)
    /// A request on this or another replica holds session `id`'s claim.
    case sessionBusy(id: String)
    /// Session `id`'s row went while it was being claimed (finished, cancelled or expired meanwhile).
    case sessionGone(id: String)

    var description: String {
        switch self {
        case let .sessionUnknown(id, user, _): "no upload session \(id) for \(user)"
        case let .sessionBusy(id): "upload session \(id) is claimed by another request"
        case let .sessionGone(id): "upload session \(id) is gone"
        }
    }
}
