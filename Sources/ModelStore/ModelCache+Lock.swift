import Foundation

/// The cache-wide lock, `<cache>/lock`: commands that add to the cache (pull, import, finetune)
/// hold it shared for as long as they run, so `hub cache prune` (exclusive) never deletes a blob,
/// partial download or temporary file that a running command has written but not yet named.
extension ModelCache {
    /// The lock file every `hub` process using this cache agrees on.
    package var lockPath: String { root.appendingPathComponent("lock").path }

    /// Holds the cache for adding to it; several such holders run at once.
    package func lockForAdding() throws(StoreError) -> FileLock {
        try FileLock(path: lockPath, mode: .shared)
    }

    /// Holds the cache alone; `onWait` is called once if another command holds it first.
    package func lockForPruning(onWait: () -> Void) throws(StoreError) -> FileLock {
        if let lock = try FileLock.attempt(path: lockPath, mode: .exclusive) { return lock }
        onWait()
        return try FileLock(path: lockPath, mode: .exclusive)
    }
}
