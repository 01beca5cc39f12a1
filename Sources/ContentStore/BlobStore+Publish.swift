import Foundation
import Manifest

extension BlobStore {
    /// Exposes a checked file as the blob `digest`: starts its grace period (modification time: now),
    /// makes it durable as `durability` says, then renames it into its content address. `descriptor` is
    /// the file's open descriptor, if any (otherwise the file is opened for the fsync). The caller
    /// deletes the file on a throw.
    ///
    /// With `fsyncEachBlob` the order is: fsync the file; create the `<2 hex>` folder if needed and then
    /// fsync `sha256/` (the new folder's entry); rename; fsync the `<2 hex>` folder (the new name).
    func publish(fileAt path: String, descriptor: Int32?, as digest: Digest) throws(BlobStoreError) {
        let destination = self.path(for: digest)
        let folder = (destination as NSString).deletingLastPathComponent
        utimes(path, nil)
        if let journal {
            try journal.record(digest)
        } else {
            try fsyncFile(path, descriptor: descriptor)
        }
        if mkdir(folder, 0o755) == 0 {
            if journal == nil { Self.fsyncFolder((folder as NSString).deletingLastPathComponent) }
        } else if errno == ENOSPC || errno == EDQUOT {
            throw .posix("cannot create the blob folder \(folder)", path: folder)
        } else if errno != EEXIST {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        guard rename(path, destination) == 0 else {
            throw .posix("cannot move blob to \(destination)", path: destination)
        }
        if journal == nil { Self.fsyncFolder(folder) }
    }

    private func fsyncFile(_ path: String, descriptor: Int32?) throws(BlobStoreError) {
        let file = descriptor ?? open(path, O_RDONLY)
        defer { if descriptor == nil, file >= 0 { close(file) } }
        guard file >= 0, fsync(file) == 0 else { throw .posix("cannot fsync \(path)", path: path) }
    }

    /// Makes a folder's entries (new names, renames) durable.
    static func fsyncFolder(_ folder: String) {
        let directory = open(folder, O_RDONLY | O_DIRECTORY)
        if directory >= 0 { fsync(directory); close(directory) }
    }
}
