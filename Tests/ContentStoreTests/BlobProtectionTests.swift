import ContentStore
import Foundation
import Manifest
import Testing

/// What garbage collection may remove from a store: only blobs untouched for the grace period and
/// temporary files that no writer holds.
@Suite("blob protection from garbage collection")
struct BlobProtectionTests {
    let store: BlobStore

    init() throws {
        store = try BlobStore(root: FileManager.default.temporaryDirectory
            .appendingPathComponent("blobstore-\(UUID().uuidString)"))
    }

    func modified(_ path: String) -> Date {
        (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }

    func setModified(_ path: String, _ date: Date) throws {
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: path)
    }

    @Test("writing a blob that is already stored restarts its grace period")
    func rewriteRefreshes() throws {
        let data = Data("stored twice".utf8)
        let digest = try store.write(data)
        try setModified(store.path(for: digest), Date(timeIntervalSinceNow: -7200))
        try store.write(data)
        #expect(modified(store.path(for: digest)) > Date(timeIntervalSinceNow: -60))
    }

    @Test("a blob adopted from an old file starts its grace period when it is stored")
    func adoptedBlobIsYoung() throws {
        let data = Data("adopted".utf8)
        let file = store.root.appendingPathComponent("tmp/session").path
        _ = FileManager.default.createFile(atPath: file, contents: data)
        try setModified(file, Date(timeIntervalSinceNow: -7200))
        let digest = Digest.sha256(of: data)
        try store.adopt(fileAt: file, expected: digest, expectedSize: nil)
        #expect(modified(store.path(for: digest)) > Date(timeIntervalSinceNow: -60))
    }

    @Test("removeIfUnused removes only blobs older than the cutoff, and refresh tells what is present")
    func removeIfUnused() throws {
        let old = try store.write(Data("old".utf8))
        let young = try store.write(Data("young".utf8))
        try setModified(store.path(for: old), Date(timeIntervalSinceNow: -7200))
        let cutoff = Date(timeIntervalSinceNow: -3600)
        #expect(try store.removeIfUnused(young, since: cutoff) == nil)
        #expect(try store.removeIfUnused(old, since: cutoff) == 3)
        #expect(store.allDigests() == [young])
        #expect(store.refresh(young))
        #expect(!store.refresh(old))
    }

    @Test("a temporary file is removed only when old and no writer holds it")
    func temporaryFilesInUse() throws {
        let writer = try store.makeWriter()
        try writer.write(Data("in progress".utf8))
        try setModified(writer.path, Date(timeIntervalSinceNow: -7200))
        let leftover = store.root.appendingPathComponent("tmp/left-by-a-crash").path
        _ = FileManager.default.createFile(atPath: leftover, contents: Data("x".utf8))
        try setModified(leftover, Date(timeIntervalSinceNow: -7200))
        #expect(store.removeAbandonedTemporaryFiles(olderThan: Date(timeIntervalSinceNow: -3600)) == 1)
        #expect(FileManager.default.fileExists(atPath: writer.path))
        #expect(!FileManager.default.fileExists(atPath: leftover))
        let digest = try writer.finish()
        #expect(store.contains(digest))
        let unheld = try store.makeWriter()
        unheld.suspend()
        #expect(store.removeAbandonedTemporaryFiles(olderThan: nil) == 1)
    }
}
