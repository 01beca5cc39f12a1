import ContentStore
import Foundation
import Manifest
import Testing

/// The promises of `BlobStoring`, checked on every implementation (`BlobBackend.configured`).
@Suite struct BlobStoreConformanceTests {
    static func bytes(_ count: Int, seed: UInt8 = 7) -> Data {
        Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) })
    }

    @Test("a stored blob reads back whole, by range, and short at its end", arguments: BlobBackend.configured)
    func storeAndRead(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(10_000)
            let digest = Digest.sha256(of: data)
            #expect(try store.storedSize(of: digest) == nil)
            #expect(try store.store(data, expected: digest) == digest)
            #expect(try store.storedSize(of: digest) == 10_000)
            #expect(try store.readAll(digest) == data)
            #expect(try store.read(digest, offset: 1_000, length: 500) == data[1_000..<1_500])
            #expect(try store.read(digest, offset: 9_990, length: 100) == data[9_990...])
            #expect(try store.allDigests() == [digest])
            #expect(try store.storedInfo(of: digest)?.size == 10_000)
        }
    }

    @Test("reading an absent blob is notFound", arguments: BlobBackend.configured)
    func absent(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let digest = Digest.sha256(of: Data("absent".utf8))
            #expect(throws: BlobStoreError.self) { try store.read(digest, offset: 0, length: 1) }
            do { _ = try store.read(digest, offset: 0, length: 1) } catch let error as BlobStoreError {
                #expect(error.code == .notFound)
            }
            #expect(try store.storedInfo(of: digest) == nil)
            try store.remove(digest)
        }
    }

    @Test("bytes that hash to another digest store nothing", arguments: BlobBackend.configured)
    func wrongDigest(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let claimed = Digest.sha256(of: Data("something else".utf8))
            let data = Self.bytes(4_096)
            let sink = try store.openWriter(expected: claimed, expectedSize: 4_096)
            try data.withUnsafeBytes { try sink.write($0) }
            #expect { try sink.finish() } throws: { ($0 as? BlobStoreError)?.code == .digestMismatch }
            #expect(try store.storedSize(of: claimed) == nil)
            #expect(try store.storedSize(of: Digest.sha256(of: data)) == nil)
            #expect(try store.allDigests().isEmpty)
        }
    }

    @Test("a short or oversized write stores nothing", arguments: BlobBackend.configured)
    func wrongSize(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(2_000)
            let digest = Digest.sha256(of: data)
            let short = try store.openWriter(expected: digest, expectedSize: 2_000)
            try data.prefix(1_000).withUnsafeBytes { try short.write($0) }
            #expect { try short.finish() } throws: { ($0 as? BlobStoreError)?.code == .sizeMismatch }
            let long = try store.openWriter(expected: digest, expectedSize: 1_000)
            #expect { try data.withUnsafeBytes { try long.write($0) } } throws: { ($0 as? BlobStoreError)?.code == .sizeMismatch }
            long.abandon()
            #expect(try store.storedSize(of: digest) == nil)
        }
    }

    @Test("a blob of several parts is invisible until finish, then whole", arguments: BlobBackend.configured)
    func large(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(9 << 20 + 12_345, seed: 3)
            let digest = Digest.sha256(of: data)
            let sink = try store.openWriter(expected: digest, expectedSize: Int64(data.count))
            for start in stride(from: 0, to: data.count, by: 1 << 20) {
                try data[start..<min(start + (1 << 20), data.count)].withUnsafeBytes { try sink.write($0) }
            }
            #expect(sink.bytesWritten == Int64(data.count))
            #expect(try store.storedSize(of: digest) == nil)
            try sink.finish()
            #expect(try store.storedSize(of: digest) == Int64(data.count))
            #expect(try store.read(digest, offset: Int64(8 << 20) - 10, length: 20) == data[(8 << 20) - 10..<(8 << 20) + 10])
            #expect(Digest.sha256(of: try store.readAll(digest)) == digest, "the whole blob reads back")
        }
    }

    @Test("a large blob written without a known digest lands under the digest it hashes to", arguments: BlobBackend.configured)
    func largeUnknownDigest(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(8 << 20 + 1, seed: 9)
            let sink = try store.openWriter(expected: nil, expectedSize: nil)
            try data.withUnsafeBytes { try sink.write($0) }
            let digest = try sink.finish()
            #expect(digest == Digest.sha256(of: data))
            #expect(try store.allDigests() == [digest])
            #expect(try store.read(digest, offset: Int64(data.count) - 3, length: 3) == data.suffix(3))
        }
    }

    @Test("an abandoned write leaves nothing, and abandoned-write clean-up finds nothing live", arguments: BlobBackend.configured)
    func abandon(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(9 << 20, seed: 1)
            let sink = try store.openWriter(expected: Digest.sha256(of: data), expectedSize: nil)
            try data.withUnsafeBytes { try sink.write($0) }
            sink.abandon()
            #expect(try store.allDigests().isEmpty)
            #expect(try store.removeAbandonedWrites(olderThan: Date(timeIntervalSinceNow: -3600)) == 0)
        }
    }

    @Test("storing a blob again keeps it; removing twice is fine", arguments: BlobBackend.configured)
    func storeTwiceRemoveTwice(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let data = Self.bytes(300)
            let digest = try store.store(data)
            try store.store(data, expected: digest)
            #expect(try store.readAll(digest) == data)
            try store.remove(digest)
            try store.remove(digest)
            #expect(try store.storedSize(of: digest) == nil)
            #expect(try store.refresh(digest) == false)
        }
    }

    @Test("removeIfUnused keeps a blob stored or refreshed after the cutoff", arguments: BlobBackend.configured)
    func grace(_ backend: BlobBackend) throws {
        try backend.withStore { store throws in
            let digest = try store.store(Self.bytes(100))
            let before = Date(timeIntervalSinceNow: -3600)
            #expect(try store.removeIfUnused(digest, since: before) == nil)
            #expect(try store.storedSize(of: digest) == 100)
            Thread.sleep(forTimeInterval: 1.1)
            let cutoff = Date()
            Thread.sleep(forTimeInterval: 1.1)
            #expect(try store.refresh(digest))
            #expect(try store.removeIfUnused(digest, since: cutoff) == nil)
            #expect(try store.removeIfUnused(digest, since: Date(timeIntervalSinceNow: 5)) == 100)
            #expect(try store.storedSize(of: digest) == nil)
        }
    }
}
