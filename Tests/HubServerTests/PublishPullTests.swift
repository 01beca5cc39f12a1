import ContentStore
import Foundation
import Manifest
import Testing

@Suite("publish and pull over HTTP")
struct PublishPullTests {
    @Test("push then pull returns the manifest and every blob byte for byte")
    func roundTrip() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/round-trip", blobSize: 300_000)
            let pushed = try await registry.push(model, token: registry.tokens.alice)
            #expect(pushed.status == 201, "\(pushed.text)")
            #expect(pushed.object["digest"] as? String == model.digest.description)
            #expect(pushed.headers["hub-content-digest"] == model.digest.description)

            let byTag = try await registry.request("GET", "/v1/models/alice/round-trip/manifests/latest")
            #expect(byTag.status == 200)
            #expect(byTag.body == model.bytes)
            #expect(byTag.headers["etag"] == "\"\(model.digest)\"")
            let byDigest = try await registry.request("GET", "/v1/models/alice/round-trip/manifests/\(model.digest)")
            #expect(byDigest.body == model.bytes)
            for (digest, data) in model.blobs {
                let blob = try await registry.request("GET", "/v1/blobs/\(digest)")
                #expect(blob.status == 200)
                #expect(blob.body == data)
                #expect(blob.headers["hub-content-digest"] == digest.description)
                #expect(blob.headers["accept-ranges"] == "bytes")
            }
        }
    }

    @Test("bytes are stored exactly as sent, even when not canonical")
    func nonCanonicalBytesKept() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/pretty")
            let object = try JSONSerialization.jsonObject(with: model.bytes)
            let pretty = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted])
            for (digest, data) in model.blobs {
                _ = try await registry.request("PUT", "/v1/blobs/\(digest)", body: data, token: registry.tokens.alice)
            }
            let published = try await registry.publish(pretty, to: "alice/pretty", token: registry.tokens.alice)
            #expect(published.status == 201)
            #expect(published.object["digest"] as? String == Digest.sha256(of: pretty).description)
            let pulled = try await registry.request("GET", "/v1/models/alice/pretty/manifests/latest")
            #expect(pulled.body == pretty)
        }
    }

    @Test("If-None-Match with the digest answers 304; HEAD and a GET with Hub-Intent: info count no download")
    func conditionalGet() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/etag")
            try await registry.push(model, token: registry.tokens.alice)
            let path = "/v1/models/alice/etag/manifests/latest"
            let cached = try await registry.request("GET", path, headers: ["If-None-Match": "\"\(model.digest)\""])
            #expect(cached.status == 304)
            #expect(cached.body.isEmpty)
            let head = try await registry.request("HEAD", path)
            #expect(head.status == 200)
            #expect(head.headers["hub-content-digest"] == model.digest.description)
            let viewed = try await registry.request("GET", path, headers: ["Hub-Intent": "info"])
            #expect(viewed.status == 200 && !viewed.body.isEmpty)
            _ = try await registry.request("GET", path)
            let summary = try await registry.request("GET", "/v1/models/alice/etag")
            #expect(summary.object["downloads"] as? Int == 1, "only the plain GET counts")
        }
    }

    @Test("Range requests answer 206 with Content-Range; a range past the end answers 416")
    func ranges() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/ranges", groups: ["all"], blobSize: 10_000)
            try await registry.push(model, token: registry.tokens.alice)
            let (digest, data) = model.blobs.first!
            let size = data.count
            let middle = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=100-199"])
            #expect(middle.status == 206)
            #expect(middle.body == data[100..<200])
            #expect(middle.headers["content-range"] == "bytes 100-199/\(size)")
            let tail = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=\(size - 10)-"])
            #expect(tail.body == data.suffix(10))
            let suffix = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=-5"])
            #expect(suffix.body == data.suffix(5))
            let outside = try await registry.request("GET", "/v1/blobs/\(digest)", headers: ["Range": "bytes=\(size)-"])
            #expect(outside.status == 416)
            #expect(outside.errorCode == "RANGE_INVALID")
            #expect(outside.headers["content-range"] == "bytes */\(size)")
        }
    }

    @Test("a blob whose bytes do not match its digest or length is rejected and nothing is stored")
    func mismatchRejected() async throws {
        try await TestRegistry.with { registry in
            let good = Data(repeating: 7, count: 5000)
            let digest = Digest.sha256(of: good)
            var bad = good
            bad[10] = 8
            let wrongDigest = try await registry.request("PUT", "/v1/blobs/\(digest)", body: bad, token: registry.tokens.alice)
            #expect(wrongDigest.status == 400)
            #expect(wrongDigest.errorCode == "DIGEST_INVALID")
            #expect(try registry.data.blobs.isStored(digest) == false)

            let shortBody = try await registry.request("PUT", "/v1/blobs/\(digest)", body: good.prefix(4000),
                                                       token: registry.tokens.alice)
            #expect(shortBody.status == 400)
            #expect(shortBody.errorCode == "DIGEST_INVALID" || shortBody.errorCode == "SIZE_INVALID")
            #expect(try registry.data.blobs.isStored(digest) == false)
            if let folder = registry.data.folderBlobs {
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder.root.appendingPathComponent("tmp").path).isEmpty)
            }
            let missing = try await registry.request("HEAD", "/v1/blobs/\(digest)")
            #expect(missing.status == 404)
        }
    }

    @Test("a manifest naming a missing or mis-sized blob is refused and nothing is published")
    func missingBlobRefused() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/incomplete")
            let (first, data) = model.blobs.min { $0.key < $1.key }!
            _ = try await registry.request("PUT", "/v1/blobs/\(first)", body: data, token: registry.tokens.alice)
            let refused = try await registry.publish(model.bytes, to: "alice/incomplete", token: registry.tokens.alice)
            #expect(refused.status == 400)
            #expect(refused.errorCode == "MANIFEST_BLOB_UNKNOWN")
            let detail = ((refused.object["errors"] as? [[String: Any]])?.first?["detail"] as? [String: Any])?["blobs"] as? [[String: Any]]
            #expect(detail?.count == 1)
            let absent = try await registry.request("GET", "/v1/models/alice/incomplete")
            #expect(absent.status == 404)
            #expect(absent.errorCode == "MODEL_UNKNOWN")
        }
    }

    @Test("invalid manifests, wrong names and unknown parents are refused with their codes")
    func validationRefusals() async throws {
        try await TestRegistry.with { registry in
            let invalid = try await registry.publish(Data("{\"schemaVersion\":2}".utf8), to: "alice/x", token: registry.tokens.alice)
            #expect(invalid.errorCode == "MANIFEST_INVALID")
            let model = SyntheticModel.make(name: "alice/named")
            let pushed = try await registry.push(model, token: registry.tokens.alice)
            #expect(pushed.status == 201)
            let elsewhere = try await registry.publish(model.bytes, to: "alice/other", token: registry.tokens.alice)
            #expect(elsewhere.errorCode == "NAME_MISMATCH")
            let orphan = SyntheticModel.make(name: "alice/orphan", parent: SyntheticModel.make(name: "alice/never-pushed"))
            let refused = try await registry.push(orphan, token: registry.tokens.alice)
            #expect(refused.errorCode == "PARENT_UNKNOWN")
        }
    }

    @Test("pushing other bytes to a tag creates a new version and moves the tag; the old one stays")
    func tagsMoveVersionsStay() async throws {
        try await TestRegistry.with { registry in
            let first = SyntheticModel.make(name: "alice/moving", seed: 1)
            let second = SyntheticModel.make(name: "alice/moving", seed: 2)
            try await registry.push(first, token: registry.tokens.alice)
            let again = try await registry.push(first, token: registry.tokens.alice)
            #expect(again.status == 200)
            #expect(again.object["created"] as? Bool == false)
            try await registry.push(second, token: registry.tokens.alice)
            let latest = try await registry.request("GET", "/v1/models/alice/moving/manifests/latest")
            #expect(latest.body == second.bytes)
            let old = try await registry.request("GET", "/v1/models/alice/moving/manifests/\(first.digest)")
            #expect(old.body == first.bytes)
            let summary = try await registry.request("GET", "/v1/models/alice/moving")
            #expect((summary.object["versions"] as? [Any])?.count == 2)
            let deleted = try await registry.request("DELETE", "/v1/models/alice/moving/tags/latest", token: registry.tokens.alice)
            #expect(deleted.status == 204)
            let gone = try await registry.request("GET", "/v1/models/alice/moving/manifests/latest")
            #expect(gone.errorCode == "MANIFEST_UNKNOWN")
            let stillThere = try await registry.request("GET", "/v1/models/alice/moving/manifests/\(second.digest)")
            #expect(stillThere.status == 200)
        }
    }
}
