/// A push's upload session saved in the store (`uploads/<hex>.json`), so an interrupted push of
/// the same blob to the same registry continues from the registry's offset.
public struct UploadSessionRecord: Codable, Equatable, Sendable {
    /// `registry`: the registry URL the session belongs to.
    public var registry: String
    /// `id`: the session's id at that registry.
    public var id: String

    /// A record of session `id` at `registry`.
    public init(registry: String, id: String) {
        self.registry = registry
        self.id = id
    }
}
