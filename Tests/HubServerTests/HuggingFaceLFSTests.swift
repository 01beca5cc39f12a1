import Foundation
@testable import HubServer
import Manifest
import Testing

@Suite("Hugging Face LFS upload: batch, signed PUT, verify")
struct HuggingFaceLFSTests {
    let bytes = Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 37) })
    var oid: String { Digest.sha256(of: bytes).hex }

    /// The one object of a batch answer.
    func object(_ response: WireResponse) -> [String: Any] {
        (response.object["objects"] as? [[String: Any]])?.first ?? [:]
    }

    func href(_ response: WireResponse, _ action: String) -> String? {
        ((object(response)["actions"] as? [String: Any])?[action] as? [String: Any])?["href"] as? String
    }

    @Test("on a private registry: batch gives a signed URL, the PUT without a token stores the blob, verify confirms it")
    func roundTrip() async throws {
        try await TestRegistry.with(isPrivate: true) { registry in
            let batch = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.alice)
            #expect(batch.status == 200)
            #expect(batch.headers["content-type"] == "application/vnd.git-lfs+json")
            #expect(batch.object["transfer"] as? String == "basic")
            let upload = try #require(href(batch, "upload"))
            #expect(upload.hasPrefix(registry.url.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))))
            let put = try await registry.request("PUT", registry.localPath(of: upload), body: bytes)
            #expect(put.status == 200)
            #expect(try registry.data.blobs.storedSize(of: Digest.sha256(of: bytes)) == Int64(bytes.count))
            let verify = try #require(href(batch, "verify"))
            let verified = try await registry.postJSON(registry.localPath(of: verify), ["oid": oid, "size": bytes.count],
                                                       token: registry.tokens.alice)
            #expect(verified.status == 200)
            let again = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.alice)
            #expect(object(again)["actions"] == nil)
            #expect(object(again)["oid"] as? String == oid)
        }
    }

    @Test("a tampered signature, size or oid is refused with 403 and stores nothing")
    func tampered() async throws {
        try await TestRegistry.with { registry in
            let batch = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.alice)
            let path = registry.localPath(of: try #require(href(batch, "upload")))
            var characters = Array(path)
            let first = path.distance(from: path.startIndex, to: try #require(path.range(of: "signature=")).upperBound)
            characters[first] = characters[first] == "0" ? "1" : "0"
            let badSignature = String(characters)
            let otherSize = path.replacingOccurrences(of: "size=\(bytes.count)", with: "size=\(bytes.count - 1)")
            for tampered in [badSignature, otherSize] {
                #expect(tampered != path)
                let put = try await registry.request("PUT", tampered, body: bytes)
                #expect(put.status == 403)
                #expect(put.headers["x-error-code"] == "Forbidden")
                #expect(put.text.contains("signature"))
            }
            let longer = try await registry.request("PUT", path, body: bytes + Data([0]))
            #expect(longer.status == 400)
            #expect(try registry.data.blobs.storedSize(of: Digest.sha256(of: bytes)) == nil)
        }
    }

    @Test("an expired upload URL is refused with 403 saying so")
    func expired() async throws {
        try await TestRegistry.with { registry in
            let key = try UploadSigningKey.loadOrCreate(in: registry.data.root)
            let upload = SignedUpload(oid: Digest.sha256(of: bytes), size: Int64(bytes.count),
                                      expires: Int64(Date().timeIntervalSince1970) - 5)
            let put = try await registry.request("PUT", upload.pathAndQuery(key: key), body: bytes)
            #expect(put.status == 403)
            #expect(put.text.contains("expired"))
            #expect(try registry.data.blobs.storedSize(of: upload.oid) == nil)
        }
    }

    @Test("a genuine URL expired at the smallest expiry (-2^63 s) is refused as expired, without an overflow")
    func expiredAtTheSmallestExpiry() {
        let key = UploadSigningKey(bytes: Data(repeating: 7, count: UploadSigningKey.byteCount))
        let upload = SignedUpload(oid: Digest.sha256(of: bytes), size: Int64(bytes.count), expires: .min)
        #expect {
            try upload.verify(signature: upload.signature(key: key), key: key, now: 1_800_000_000)
        } throws: { error in
            "\(error)".contains("expired")
        }
    }

    @Test("bytes that do not hash to the oid are refused and nothing is stored")
    func digestMismatch() async throws {
        try await TestRegistry.with { registry in
            let batch = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.alice)
            var wrong = bytes
            wrong[0] ^= 0xff
            let put = try await registry.request("PUT", registry.localPath(of: try #require(href(batch, "upload"))), body: wrong)
            #expect(put.status == 400)
            #expect(try registry.data.blobs.storedSize(of: Digest.sha256(of: bytes)) == nil)
            #expect(try registry.data.blobs.storedSize(of: Digest.sha256(of: wrong)) == nil)
            let verified = try await registry.postJSON("/hf/api/lfs/verify", ["oid": oid, "size": bytes.count],
                                                       token: registry.tokens.alice)
            #expect(verified.status == 404)
        }
    }

    @Test("objects over --max-blob-bytes and malformed oids are refused one by one, in git-lfs form")
    func perObjectErrors() async throws {
        try await TestRegistry.with(configure: { $0.maxBlobBytes = 4096 }) { registry in
            let batch = try await registry.lfsBatch("alice/new", [(oid, bytes.count), ("XYZ", 10)], token: registry.tokens.alice)
            #expect(batch.status == 200)
            let objects = batch.object["objects"] as? [[String: Any]] ?? []
            #expect(objects.count == 2)
            #expect((objects.first?["error"] as? [String: Any])?["code"] as? Int == 413)
            #expect((objects.last?["error"] as? [String: Any])?["code"] as? Int == 422)
            #expect(objects.allSatisfy { $0["actions"] == nil })
        }
    }

    @Test("the batch needs a token that may write the namespace; a malformed body is a 400")
    func authorization() async throws {
        try await TestRegistry.with { registry in
            let anonymous = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: nil)
            #expect(anonymous.status == 401)
            let other = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.bob)
            #expect(other.status == 403)
            #expect(other.headers["x-error-code"] == "Forbidden")
            let official = try await registry.lfsBatch("official", [(oid, bytes.count)], token: registry.tokens.admin)
            #expect(official.status == 200)
            let malformed = try await registry.request("POST", "/hf/alice/new.git/info/lfs/objects/batch",
                                                       body: Data("{\"objects\":".utf8), token: registry.tokens.alice)
            #expect(malformed.status == 400)
            #expect(malformed.headers["x-error-code"] == "BadRequest")
        }
    }

    @Test("behind a TLS proxy (X-Forwarded-Proto: https) the hrefs are https URLs on the Host the client used")
    func forwardedScheme() async throws {
        try await TestRegistry.with { registry in
            let body = jsonData(["operation": "upload", "objects": [["oid": oid, "size": bytes.count]]])
            let batch = try await registry.request("POST", "/hf/alice/new.git/info/lfs/objects/batch",
                                                   headers: ["X-Forwarded-Proto": "https"], body: body,
                                                   token: registry.tokens.alice)
            #expect(href(batch, "upload")?.hasPrefix("https://127.0.0.1:\(registry.http.port)/hf/api/lfs/objects/\(oid)?") == true)
            #expect(href(batch, "verify") == "https://127.0.0.1:\(registry.http.port)/hf/api/lfs/verify")
        }
    }

    @Test("an uploaded object no version references survives gc within the grace period and goes after it")
    func garbageCollection() async throws {
        try await TestRegistry.with { registry in
            let batch = try await registry.lfsBatch("alice/new", [(oid, bytes.count)], token: registry.tokens.alice)
            _ = try await registry.request("PUT", registry.localPath(of: try #require(href(batch, "upload"))), body: bytes)
            let collector = GarbageCollector(data: registry.data)
            #expect(try collector.collect(graceSeconds: 3600, uploadAgeSeconds: 3600).blobs == 0)
            #expect(try registry.data.blobs.storedSize(of: Digest.sha256(of: bytes)) != nil)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try collector.collect(graceSeconds: 1, uploadAgeSeconds: 3600).blobs == 1)
        }
    }
}
