import Manifest

/// What opening a `verifyAfterCrash` store found of blobs written, without an fsync, before the
/// machine last restarted.
public struct CrashRecovery: Sendable, Equatable {
    /// Blobs re-hashed because an earlier boot wrote them without an fsync.
    public var checked = 0
    /// Those whose bytes no longer matched their digest, now removed (a later pull fetches them again).
    public var removed: [Digest] = []

    /// Nothing checked, nothing removed.
    public init() {}
}
