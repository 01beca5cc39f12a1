/// How a `BlobStore` makes a finished blob survive an operating-system crash or power loss.
///
/// A process that is killed loses nothing either way: bytes written to a file are in the kernel's
/// page cache, and the rename that exposes a blob is atomic. The choice only matters when the
/// machine itself goes down before the kernel has written the bytes to disk.
public enum BlobDurability: Sendable, Equatable {
    /// fsync the blob and its folder before and after the rename. For the registry, whose blobs
    /// are the only copy: a push it acknowledged must survive a power cut.
    case fsyncEachBlob
    /// Do not wait for the disk. Before the rename, the blob's digest is appended to a journal of
    /// the current boot (a few bytes, fsynced); when the store is next opened in a later boot,
    /// every blob listed by an earlier boot's journal is re-hashed and removed if damaged. For
    /// caches, whose blobs can always be fetched again: a pull runs at network speed instead of
    /// disk-flush speed, and a crash costs one re-check of what was written just before it.
    /// Falls back to `fsyncEachBlob` where the boot cannot be identified.
    case verifyAfterCrash
}
