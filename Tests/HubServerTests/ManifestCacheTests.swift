import Foundation
@testable import HubServer
import Manifest
import Testing

@Suite("manifest cache")
struct ManifestCacheTests {
    func entry(_ byte: UInt8, size: Int = 1_000) -> (ManifestCache.Entry, Digest) {
        let bytes = Data(repeating: byte, count: size)
        return (ManifestCache.Entry(repository: "alice/m\(byte)", versionID: Int64(byte), bytes: bytes), Digest.sha256(of: bytes))
    }

    @Test("the counted bytes never pass the bound, and the least recently used entries go first")
    func boundAndEviction() {
        let perEntry = 1_000 + ManifestCache.entryOverheadBytes
        let cache = ManifestCache(capacityBytes: 4 * perEntry)
        let entries = (1...4).map { entry(UInt8($0)) }
        for (value, digest) in entries { cache.insert(value, for: digest) }
        #expect(cache.count == 4 && cache.countedBytes == 4 * perEntry)
        #expect(cache.entry(for: entries[0].1)?.versionID == 1)  // 1 is now the most recently used; 2 the least
        let (fifth, fifthDigest) = entry(5)
        cache.insert(fifth, for: fifthDigest)
        #expect(cache.countedBytes <= 4 * perEntry)
        #expect(cache.entry(for: entries[1].1) == nil, "the least recently used entry was evicted")
        #expect(cache.entry(for: entries[0].1)?.bytes == entries[0].0.bytes, "the recently used entry stayed")
        #expect(cache.entry(for: fifthDigest)?.bytes == fifth.bytes)
    }

    @Test("an entry bigger than the bound is not kept, and a bound of 0 keeps nothing")
    func oversized() {
        let cache = ManifestCache(capacityBytes: 500)
        let (big, digest) = entry(7)
        cache.insert(big, for: digest)
        #expect(cache.entry(for: digest) == nil && cache.countedBytes == 0)
        let off = ManifestCache(capacityBytes: 0)
        let (small, smallDigest) = entry(8, size: 1)
        off.insert(small, for: smallDigest)
        #expect(off.count == 0)
    }

    @Test("replacing an entry counts its bytes once")
    func replace() {
        let cache = ManifestCache(capacityBytes: 10_000)
        let (value, digest) = entry(9)
        cache.insert(value, for: digest)
        cache.insert(value, for: digest)
        #expect(cache.count == 1 && cache.countedBytes == 1_000 + ManifestCache.entryOverheadBytes)
    }
}

@Suite("cached manifests over HTTP")
struct CachedManifestTests {
    @Test("by tag and by digest the same verified bytes are served, from the cache after the first GET")
    func servedFromCache() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/cached")
            try await registry.push(model, token: registry.tokens.alice)
            let byTag = try await registry.request("GET", "/v1/models/alice/cached/manifests/latest")
            #expect(byTag.status == 200 && byTag.body == model.bytes)
            #expect(registry.server.manifestCache.entry(for: model.digest)?.bytes == model.bytes)
            for _ in 0..<2 {
                let byDigest = try await registry.request("GET", "/v1/models/alice/cached/manifests/\(model.digest)")
                #expect(byDigest.status == 200 && byDigest.body == model.bytes)
                #expect(byDigest.headers["hub-content-digest"] == model.digest.description)
            }
            let otherModel = try await registry.request("GET", "/v1/models/bob/cached/manifests/\(model.digest)")
            #expect(otherModel.status == 404, "a cached digest is answered only under the model that owns it")
        }
    }

    @Test("a private registry wants a token for a cached manifest too")
    func privateCached() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let model = SyntheticModel.make(name: "alice/secret")
            try await registry.push(model, token: registry.tokens.alice)
            for path in ["latest", model.digest.description].map({ "/v1/models/alice/secret/manifests/\($0)" }) {
                let allowed = try await registry.request("GET", path, token: registry.tokens.reader)
                #expect(allowed.status == 200 && allowed.body == model.bytes)
                #expect(registry.server.manifestCache.entry(for: model.digest) != nil)
                let anonymous = try await registry.request("GET", path)
                #expect(anonymous.status == 401 && anonymous.body != model.bytes)
                let revoked = try await registry.request("GET", path, token: registry.tokens.revoked)
                #expect(revoked.status == 401)
            }
        }
    }

    @Test("stored bytes that do not hash to their digest are refused, never served nor cached")
    func corruptRowRefused() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/damaged")
            try await registry.push(model, token: registry.tokens.alice)
            var tampered = model.bytes
            tampered[tampered.startIndex + 10] ^= 0x01
            try registry.data.database.writeNow { db in
                try db.run("UPDATE versions SET manifest = ? WHERE digest = ?", [.blob(tampered), .text(model.digest.description)])
            }
            for reference in ["latest", model.digest.description] {
                let response = try await registry.request("GET", "/v1/models/alice/damaged/manifests/\(reference)")
                #expect(response.status == 500 && response.body != tampered)
            }
            #expect(registry.server.manifestCache.count == 0)
        }
    }

    @Test("a cache smaller than one manifest still answers every GET from the database")
    func tinyCache() async throws {
        try await TestRegistry.with(configure: { $0.manifestCacheBytes = 10 }) { registry in
            let model = SyntheticModel.make(name: "alice/tiny")
            try await registry.push(model, token: registry.tokens.alice)
            let response = try await registry.request("GET", "/v1/models/alice/tiny/manifests/\(model.digest)")
            #expect(response.status == 200 && response.body == model.bytes)
            #expect(registry.server.manifestCache.count == 0)
        }
    }
}
