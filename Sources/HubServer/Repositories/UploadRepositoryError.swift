/// What the upload-session repository found wrong. `RegistryError(mapping:)` gives it its API error code
/// and message; failures of the session files themselves are `StorageError`s.
enum UploadRepositoryError: Error, CustomStringConvertible {
    /// No live session `id` of `user`: never started, someone else's, finished, cancelled, or untouched
    /// for longer than `ttlSeconds`.
    case sessionUnknown(id: String, user: String, ttlSeconds: Int)

    var description: String {
        switch self {
        case let .sessionUnknown(id, user, _): "no upload session \(id) for \(user)"
        }
    }
}
