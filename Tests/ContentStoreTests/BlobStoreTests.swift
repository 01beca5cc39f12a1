import ContentStore
import Foundation
import Manifest
import Testing

@Suite("Content-addressed blob store")
struct BlobStoreTests {
    let store: BlobStore
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("blobstore-\(UUID().uuidString)")
        store = try BlobStore(root: root)
    }

    @Test("a blob is stored under sha256/<2 hex>/<64 hex> and reads back")
    func layout() throws {
        let data = Data("hello blobs".utf8)
        let digest = try store.write(data)
        #expect(digest == Digest.sha256(of: data))
        #expect(store.path(for: digest).hasSuffix("sha256/\(digest.hex.prefix(2))/\(digest.hex)"))
        #expect(try store.read(digest) == data)
        #expect(store.size(of: digest) == Int64(data.count))
        #expect(store.allDigests() == [digest])
    }

    @Test("the SHA-256 of a known string")
    func knownDigest() {
        #expect(Digest.sha256(of: Data("abc".utf8)).hex
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("a digest mismatch stores nothing and leaves no temporary file")
    func digestMismatch() throws {
        let wrong = Digest.sha256(of: Data("other".utf8))
        #expect {
            try store.write(Data("payload".utf8), expected: wrong)
        } throws: { error in
            (error as? BlobStoreError)?.code == .sizeMismatch || (error as? BlobStoreError)?.code == .digestMismatch
        }
        let writer = try store.makeWriter(expected: wrong)
        try writer.write(Data("payload".utf8))
        #expect(throws: BlobStoreError.self) { try writer.finish() }
        #expect(store.allDigests().isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("tmp").path).isEmpty)
    }

    @Test("a size mismatch is reported with both sizes")
    func sizeMismatch() throws {
        let data = Data("twelve bytes".utf8)
        let writer = try store.makeWriter(expected: Digest.sha256(of: data), expectedSize: 20)
        try writer.write(data)
        #expect {
            try writer.finish()
        } throws: { error in
            (error as? BlobStoreError)?.message.contains("is 12 bytes, expected 20 bytes") == true
        }
        let tooLong = try store.makeWriter(expectedSize: 4)
        #expect(throws: BlobStoreError.self) { try tooLong.write(data) }
        tooLong.abandon()
        #expect(store.allDigests().isEmpty)
    }

    @Test("an interrupted write resumes from the bytes already on disk")
    func resume() throws {
        let data = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let digest = Digest.sha256(of: data)
        let first = try store.resumableWriter(for: digest, expectedSize: Int64(data.count))
        try first.write(data.prefix(123_456))
        first.suspend()
        #expect(!store.contains(digest))

        let second = try store.resumableWriter(for: digest, expectedSize: Int64(data.count))
        #expect(second.bytesWritten == 123_456)
        try second.write(data.dropFirst(123_456))
        #expect(try second.finish() == digest)
        #expect(try store.read(digest) == data)
        #expect(!FileManager.default.fileExists(atPath: store.partialPath(for: digest)))
    }

    @Test("a stored blob is never rewritten: storing it again keeps the same file and bytes")
    func neverRewritten() throws {
        let data = Data("immutable".utf8)
        let digest = try store.write(data)
        let before = try FileManager.default.attributesOfItem(atPath: store.path(for: digest))[.systemFileNumber] as? Int
        try store.write(data)
        let after = try FileManager.default.attributesOfItem(atPath: store.path(for: digest))[.systemFileNumber] as? Int
        #expect(before != nil && before == after)
        #expect(try store.read(digest) == data)
    }

    @Test("verify detects a corrupted blob")
    func verify() throws {
        let digest = try store.write(Data("precious weights".utf8))
        #expect(try store.verify(digest))
        try Data("tampered weights".utf8).write(to: URL(fileURLWithPath: store.path(for: digest)))
        #expect(try !store.verify(digest))
        try store.remove(digest)
        #expect(!store.contains(digest))
        try store.remove(digest)
    }
}
