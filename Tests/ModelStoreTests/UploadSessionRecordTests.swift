import Foundation
import Manifest
@testable import ModelStore
import Testing

/// The store keeps one upload-session file per blob, so an interrupted push resumes its session.
@Suite("upload-session files in the store")
final class UploadSessionRecordTests {
    let root = StoreModels.temporaryDirectory()

    deinit { try? FileManager.default.removeItem(at: root) }

    @Test("a saved session reads back, survives reopening the store, and is gone once removed")
    func saveReadRemove() throws {
        let digest = Digest.sha256(of: Data("a large blob".utf8))
        let other = Digest.sha256(of: Data("another blob".utf8))
        let cache = try ModelCache(root: root)
        #expect(cache.uploadSession(for: digest) == nil)
        let session = UploadSessionRecord(registry: "http://127.0.0.1:8080", id: "0123abcd")
        try cache.saveUploadSession(session, for: digest)
        #expect(try ModelCache(root: root).uploadSession(for: digest) == session)
        #expect(cache.uploadSession(for: other) == nil)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("uploads/\(digest.hex).json").path))
        cache.removeUploadSession(for: digest)
        #expect(cache.uploadSession(for: digest) == nil)
    }

    @Test("an unreadable session file counts as no session")
    func unreadableFile() throws {
        let digest = Digest.sha256(of: Data("a large blob".utf8))
        let cache = try ModelCache(root: root)
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: cache.uploadSessionPath(digest)))
        #expect(cache.uploadSession(for: digest) == nil)
    }
}
