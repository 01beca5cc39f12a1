import Foundation
import Manifest

/// The journal behind `BlobDurability.verifyAfterCrash`: one file per boot of the machine,
/// `<store>/journal/<boot id>`, listing (one hex digest per line) the blobs renamed into the
/// store during that boot without an fsync.
///
/// A journal whose boot id is not the current one was written before a restart: its blobs may
/// have lost bytes that never reached the disk, so `recover` re-hashes them and removes the
/// damaged ones. Appends are single `write` calls of under 100 bytes on an `O_APPEND` file,
/// so concurrent writers (threads or processes) never interleave within a line.
struct BootJournal: Sendable {
    /// The journal folder.
    let folder: URL
    /// This boot's identifier (Linux: `/proc/sys/kernel/random/boot_id`).
    let bootID: String

    /// The journal of `store`'s folder for the current boot, or nil when the boot cannot be identified.
    init?(folder: URL) {
        guard let bootID = Self.currentBootID() else { return nil }
        self.folder = folder
        self.bootID = bootID
    }

    /// The current boot's identifier, or nil on systems without one.
    static func currentBootID() -> String? {
        guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else {
            return nil
        }
        let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty || id.contains("/") ? nil : id
    }

    private var currentPath: String { folder.appendingPathComponent(bootID).path }

    /// Appends `digest` to this boot's journal and fsyncs the journal (not the blob).
    func record(_ digest: Digest) throws(BlobStoreError) {
        let path = currentPath
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { throw .posix("cannot open the blob journal \(path)", path: path) }
        defer { close(descriptor) }
        let line = Array((digest.hex + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        guard written == line.count, fsync(descriptor) == 0 else {
            throw .posix("cannot append to the blob journal \(path)", path: path)
        }
    }

    /// Re-hashes the blobs listed by earlier boots' journals, removes the damaged ones, then
    /// deletes those journals. Blobs no longer present are skipped.
    func recover(in store: BlobStore) -> CrashRecovery {
        var recovery = CrashRecovery()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name != bootID {
            let path = folder.appendingPathComponent(name).path
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let digests = Set(text.split(separator: "\n").compactMap { try? Digest(sha256Hex: String($0)) })
            for digest in digests.sorted() where store.contains(digest) {
                recovery.checked += 1
                if (try? store.verify(digest)) != true {
                    try? store.remove(digest)
                    recovery.removed.append(digest)
                }
            }
            unlink(path)
        }
        return recovery
    }
}
