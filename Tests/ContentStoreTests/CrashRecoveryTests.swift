import ContentStore
import Foundation
import Manifest
import Testing

/// A store opened with `verifyAfterCrash` skips the per-blob fsync and instead journals what it
/// stored; these tests stand in for a restart by renaming the journal to another boot's id.
@Suite("Blob store durability without fsync: the boot journal")
struct CrashRecoveryTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("crash-\(UUID().uuidString)")
    var journalFolder: URL { root.appendingPathComponent("journal") }
    let earlierBoot = "00000000-0000-4000-8000-000000000000"

    func simulateRestart() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: journalFolder.path)
        #expect(names.count == 1)
        try FileManager.default.moveItem(at: journalFolder.appendingPathComponent(names[0]),
                                         to: journalFolder.appendingPathComponent(earlierBoot))
    }

    func damage(_ store: BlobStore, _ digest: Digest) throws {
        let handle = try #require(FileHandle(forWritingAtPath: store.path(for: digest)))
        try handle.truncate(atOffset: 2)
        try handle.close()
    }

    @Test("each stored blob is listed in the journal of the current boot")
    func journalsEachBlob() throws {
        let store = try BlobStore(root: root, durability: .verifyAfterCrash)
        #expect(store.durability == .verifyAfterCrash)
        let first = try store.write(Data("first".utf8)), second = try store.write(Data("second".utf8))
        let names = try FileManager.default.contentsOfDirectory(atPath: journalFolder.path)
        let journal = try String(contentsOf: journalFolder.appendingPathComponent(names[0]), encoding: .utf8)
        #expect(journal == "\(first.hex)\n\(second.hex)\n")
    }

    @Test("after a restart, damaged blobs of the earlier boot are removed and intact ones kept")
    func restartRemovesDamagedBlobs() throws {
        let store = try BlobStore(root: root, durability: .verifyAfterCrash)
        let intact = try store.write(Data("intact bytes".utf8)), damaged = try store.write(Data("damaged bytes".utf8))
        try damage(store, damaged)
        try simulateRestart()

        let reopened = try BlobStore(root: root, durability: .verifyAfterCrash)
        #expect(reopened.crashRecovery.checked == 2)
        #expect(reopened.crashRecovery.removed == [damaged])
        #expect(reopened.contains(intact) && !reopened.contains(damaged))
        #expect(!FileManager.default.fileExists(atPath: journalFolder.appendingPathComponent(earlierBoot).path))
    }

    @Test("the current boot's journal is not re-checked: without a restart nothing is hashed again")
    func sameBootChecksNothing() throws {
        let store = try BlobStore(root: root, durability: .verifyAfterCrash)
        let digest = try store.write(Data("bytes".utf8))
        try damage(store, digest)
        let reopened = try BlobStore(root: root, durability: .verifyAfterCrash)
        #expect(reopened.crashRecovery == CrashRecovery())
        #expect(reopened.contains(digest))
    }

    @Test("an fsyncEachBlob store (the registry) keeps no journal")
    func registryKeepsNoJournal() throws {
        let store = try BlobStore(root: root)
        _ = try store.write(Data("registry blob".utf8))
        #expect(store.durability == .fsyncEachBlob)
        #expect(!FileManager.default.fileExists(atPath: journalFolder.path))
    }
}
