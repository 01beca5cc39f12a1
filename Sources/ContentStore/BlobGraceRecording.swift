import Manifest

/// Where a store that has no lock of its own records grace periods: something every process using the
/// store shares and that serialises with garbage collection (the registry's metadata database, whose
/// write lock `hub admin gc` holds while it checks and deletes).
///
/// A store calls `recordRefreshes` before a blob becomes visible or is reported present again, never
/// after: a collector that holds the shared lock either sees the record (and keeps the blob) or ran
/// first (and the store then finds the blob gone and stores its own copy).
public protocol BlobGraceRecording: Sendable {
    /// Records that the blobs' grace periods start now.
    func recordRefreshes(_ digests: [Digest]) throws
}
