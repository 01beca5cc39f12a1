import Foundation
import Manifest

extension BlobStore {
    /// Exposes a checked file as the blob `digest`: makes it durable as `durability` says, then
    /// renames it into its content address. `descriptor` is the file's open descriptor, if any
    /// (otherwise the file is opened for the fsync). The caller deletes the file on a throw.
    func publish(fileAt path: String, descriptor: Int32?, as digest: Digest) throws(BlobStoreError) {
        let destination = self.path(for: digest)
        let folder = (destination as NSString).deletingLastPathComponent
        if let journal {
            try journal.record(digest)
        } else {
            try fsyncFile(path, descriptor: descriptor)
        }
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard rename(path, destination) == 0 else {
            throw .posix("cannot move blob to \(destination)", path: destination)
        }
        if journal == nil { fsyncFolder(folder) }
    }

    private func fsyncFile(_ path: String, descriptor: Int32?) throws(BlobStoreError) {
        let file = descriptor ?? open(path, O_RDONLY)
        defer { if descriptor == nil, file >= 0 { close(file) } }
        guard file >= 0, fsync(file) == 0 else { throw .posix("cannot fsync \(path)", path: path) }
    }

    private func fsyncFolder(_ folder: String) {
        let directory = open(folder, O_RDONLY)
        if directory >= 0 { fsync(directory); close(directory) }
    }
}
