import ContentStore
import Foundation
import HuggingFace
import Manifest
import Testing

/// `HEAD|GET /hf/{repo}/resolve/{rev}/{path}` over real HTTP: the headers HF clients need, the bytes,
/// ranges, every revision form, and every error with its `X-Error-Code`.
@Suite("Hugging Face resolve")
struct HuggingFaceResolveTests {
    @Test("HEAD of model.safetensors: 200, commit, bare sha256 ETag, sizes, no body, no redirect")
    func head() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let get = try await registry.request("GET", "/hf/alice/resnet/resolve/main/model.safetensors")
            let head = try await registry.request("HEAD", "/hf/alice/resnet/resolve/main/model.safetensors")
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.headers["x-repo-commit"] == fixture.resnet.commit)
            let sha256 = Digest.sha256(of: get.body).hex
            #expect(head.headers["etag"] == "\"\(sha256)\"")
            #expect(head.headers["x-linked-etag"] == "\"\(sha256)\"")
            #expect(head.headers["x-linked-size"] == String(get.body.count))
            #expect(head.headers["content-length"] == String(get.body.count))
            #expect(head.headers["accept-ranges"] == "bytes")
            #expect(head.headers["x-xet-hash"] == nil && head.headers["location"] == nil)
        }
    }

    @Test("GET model.safetensors carries every tensor of every group with its bytes")
    func weights() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let response = try await registry.request("GET", "/hf/alice/resnet/resolve/main/model.safetensors")
            #expect(response.status == 200)
            try expectSameTensors(response.body, as: fixture.resnet)
        }
    }

    @Test("manifest.json and README.md are regular files: bytes as published, ETag = git blob sha1")
    func regularFiles() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let manifest = try await registry.request("GET", "/hf/alice/resnet/resolve/main/manifest.json")
            #expect(manifest.body == fixture.resnet.bytes)
            #expect(manifest.headers["etag"] == "\"\(GitBlobID(of: fixture.resnet.bytes).hex)\"")
            #expect(manifest.headers["x-linked-etag"] == nil)
            let readme = try await registry.request("GET", "/hf/alice/resnet/resolve/main/README.md")
            #expect(readme.status == 200)
            #expect(readme.text.hasPrefix("---\n"))
            #expect(readme.text.contains(fixture.resnet.digest.description))
            #expect(readme.headers["etag"] == "\"\(GitBlobID(of: readme.body).hex)\"")
        }
    }

    @Test("main, a tag, the 40-hex commit, the encoded sha256 digest and the bare 64 hex name the same version")
    func revisions() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let model = fixture.resnet
            for revision in ["main", "latest", model.commit, "sha256%3A\(model.digest.hex)", model.digest.hex] {
                let response = try await registry.request("HEAD", "/hf/alice/resnet/resolve/\(revision)/manifest.json")
                #expect(response.status == 200, "\(revision)")
                #expect(response.headers["x-repo-commit"] == model.commit, "\(revision)")
            }
            let old = try await registry.request("GET", "/hf/alice/resnet/resolve/v1/manifest.json")
            #expect(old.headers["x-repo-commit"] == fixture.first.commit)
            #expect(old.body == fixture.first.bytes)
        }
    }

    @Test("an official model answers by its bare name and by _/name")
    func official() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            for repo in ["mobile", "_/mobile"] {
                let response = try await registry.request("GET", "/hf/\(repo)/resolve/main/manifest.json")
                #expect(response.status == 200, "\(repo)")
                #expect(response.body == fixture.official.bytes, "\(repo)")
            }
        }
    }

    @Test("Range: 206 with Content-Range for bounded, open and suffix ranges; 416 with bytes */total outside")
    func ranges() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            let path = "/hf/alice/resnet/resolve/main/model.safetensors"
            let whole = try await registry.request("GET", path).body
            let total = whole.count
            for (header, range) in [("bytes=10-19", 10..<20), ("bytes=\(total - 5)-", (total - 5)..<total),
                                    ("bytes=-7", (total - 7)..<total), ("bytes=100-\(total + 50)", 100..<total)] {
                let response = try await registry.request("GET", path, headers: ["Range": header])
                #expect(response.status == 206, "\(header)")
                #expect(response.body == whole.subdata(in: range), "\(header)")
                #expect(response.headers["content-range"] == "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(total)")
            }
            for header in ["bytes=\(total)-", "bytes=99999999999999999999999-", "bytes=5-2", "bytes=0-1,4-5", "pages=1-2"] {
                let response = try await registry.request("GET", path, headers: ["Range": header])
                #expect(response.status == 416, "\(header)")
                #expect(response.headers["content-range"] == "bytes */\(total)", "\(header)")
            }
        }
    }

    @Test("a resumed download (Range from the bytes written) completes the file")
    func resume() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let path = "/hf/alice/resnet/resolve/\(fixture.resnet.commit)/model.safetensors"
            let head = try await registry.request("HEAD", path)
            let total = try #require(Int(head.headers["content-length"] ?? ""))
            let first = try await registry.request("GET", path, headers: ["Range": "bytes=0-999"]).body
            let rest = try await registry.request("GET", path, headers: ["Range": "bytes=1000-"]).body
            #expect(first.count + rest.count == total)
            #expect(Digest.sha256(of: first + rest).hex == head.headers["etag"]?.trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        }
    }

    @Test("unknown repo, revision and file answer 404 with RepoNotFound, RevisionNotFound, EntryNotFound")
    func errors() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            for (path, code) in [("/hf/alice/nothing/resolve/main/README.md", "RepoNotFound"),
                                 ("/hf/Alice--/x/resolve/main/README.md", "RepoNotFound"),
                                 ("/hf/alice/resnet/resolve/v9/README.md", "RevisionNotFound"),
                                 ("/hf/alice/resnet/resolve/refs%2Fpr%2F1/README.md", "RevisionNotFound"),
                                 ("/hf/alice/resnet/resolve/\(String(repeating: "0", count: 40))/README.md", "RevisionNotFound"),
                                 ("/hf/alice/resnet/resolve/main/pytorch_model.bin", "EntryNotFound")] {
                for method in ["HEAD", "GET"] {
                    let response = try await registry.request(method, path)
                    #expect(response.status == 404, "\(method) \(path)")
                    #expect(response.hfErrorCode == code, "\(method) \(path)")
                }
            }
            let missing = try await registry.request("HEAD", "/hf/alice/resnet/resolve/main/pytorch_model.bin")
            #expect(missing.headers["x-repo-commit"] == fixture.resnet.commit)
        }
    }

    @Test("hostile paths answer 400 without touching anything")
    func hostile() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            for path in ["/hf/alice/resnet/resolve/main/..%2F..%2Fhub.sqlite", "/hf/alice/resnet/resolve/main/a/../README.md",
                         "/hf/alice/resnet/resolve/main/%zz", "/hf/alice/resnet/resolve/main/" + String(repeating: "a/", count: 80) + "b"] {
                let response = try await registry.request("GET", path)
                #expect(response.status == 400, "\(path)")
                #expect(response.hfErrorCode == "BadRequest", "\(path)")
            }
        }
    }

    @Test("one download counts per GET of config.json from byte 0; HEAD, the weights and a resumed range do not")
    func downloads() async throws {
        try await TestRegistry.with { registry in
            _ = try await HuggingFaceFixture.publish(to: registry)
            func count() async throws -> Int? {
                try await registry.request("GET", "/hf/api/models/alice/resnet?expand=downloads").object["downloads"] as? Int
            }
            #expect(try await count() == 0)
            _ = try await registry.request("HEAD", "/hf/alice/resnet/resolve/main/config.json")
            _ = try await registry.request("GET", "/hf/alice/resnet/resolve/main/model.safetensors")
            _ = try await registry.request("GET", "/hf/alice/resnet/resolve/main/config.json", headers: ["Range": "bytes=5-"])
            #expect(try await count() == 0)
            _ = try await registry.request("GET", "/hf/alice/resnet/resolve/main/config.json")
            #expect(try await count() == 1)
        }
    }
}
