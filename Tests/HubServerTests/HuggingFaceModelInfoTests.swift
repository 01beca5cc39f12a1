import Foundation
import HuggingFace
import Manifest
import Testing

/// Model info, tree, refs and commits under `/hf/api/models/{repo}` over real HTTP.
@Suite("Hugging Face model info, tree, refs, commits")
struct HuggingFaceModelInfoTests {
    @Test("model info: id, sha, dates, flags, tags, siblings with lfs {size, sha256, pointerSize}, cardData")
    func info() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let response = try await registry.request("GET", "/hf/api/models/bob/child")
            #expect(response.status == 200)
            let info = response.object
            #expect(info["id"] as? String == "bob/child")
            #expect(info["author"] as? String == "bob")
            #expect(info["sha"] as? String == fixture.child.commit)
            #expect(info["private"] as? Bool == false && info["gated"] as? Bool == false && info["disabled"] as? Bool == false)
            #expect((info["lastModified"] as? String)?.hasSuffix("Z") == true)
            let tags = info["tags"] as? [String] ?? []
            for tag in ["safetensors", "image-classification", "domain:fashion", "domain:retail", "arch:resnet18",
                        "family:resnet", "license:apache-2.0", "dataset:synthetic", "base_model:alice/resnet",
                        "base_model:finetune:alice/resnet"] {
                #expect(tags.contains(tag), "\(tag) in \(tags)")
            }
            let siblings = info["siblings"] as? [[String: Any]] ?? []
            #expect(Set(siblings.compactMap { $0["rfilename"] as? String }).isSuperset(of: ["manifest.json", "model.safetensors", "README.md"]))
            let weights = try #require(siblings.first { $0["rfilename"] as? String == "model.safetensors" })
            let lfs = try #require(weights["lfs"] as? [String: Any])
            let bytes = try await registry.request("GET", "/hf/bob/child/resolve/main/model.safetensors").body
            #expect(lfs["sha256"] as? String == Digest.sha256(of: bytes).hex)
            #expect(lfs["size"] as? Int == bytes.count && weights["size"] as? Int == bytes.count)
            #expect(lfs["pointerSize"] as? Int == LFSPointer(sha256: Digest.sha256(of: bytes).hex, size: Int64(bytes.count)).data.count)
            let card = try #require(info["cardData"] as? [String: Any])
            #expect(card["base_model"] as? String == "alice/resnet")
            #expect(card["license"] as? String == "apache-2.0")
            #expect(card["library_name"] as? String == "timm" && (card["tags"] as? [String])?.contains("fashion") == true)
            #expect(card["model-index"] == nil, "nested values are left out")
            #expect(!response.text.contains("xet"))
        }
    }

    @Test("the revision form, expand (only id and the named properties), and the errors")
    func revisionAndExpand() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let old = try await registry.request("GET", "/hf/api/models/alice/resnet/revision/v1")
            #expect(old.object["sha"] as? String == fixture.first.commit)
            let official = try await registry.request("GET", "/hf/api/models/mobile/revision/sha256%3A\(fixture.official.digest.hex)")
            #expect(official.object["id"] as? String == "mobile")
            let expanded = try await registry.request("GET", "/hf/api/models/alice/resnet?expand=sha&expand=downloads")
            #expect(Set(expanded.object.keys) == ["id", "sha", "downloads"])
            let missing = try await registry.request("GET", "/hf/api/models/alice/none")
            #expect(missing.status == 404 && missing.hfErrorCode == "RepoNotFound")
            let badRevision = try await registry.request("GET", "/hf/api/models/alice/resnet/revision/nope")
            #expect(badRevision.status == 404 && badRevision.hfErrorCode == "RevisionNotFound")
        }
    }

    @Test("tree: recursive lists files and folders with real git oids, lfs {oid, size, pointerSize}; a folder lists its children")
    func tree() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let response = try await registry.request("GET", "/hf/api/models/mobile/tree/\(fixture.official.commit)?recursive=True&expand=False")
            #expect(response.status == 200)
            let entries = response.array
            let paths = entries.compactMap { $0["path"] as? String }
            #expect(paths == paths.sorted())
            #expect(paths.contains("timm") && paths.contains("timm/model.safetensors") && paths.contains("config.json"))
            for entry in entries where entry["type"] as? String == "file" {
                let path = try #require(entry["path"] as? String)
                let bytes = try await registry.request("GET", "/hf/mobile/resolve/\(fixture.official.commit)/\(path)").body
                #expect(entry["size"] as? Int == bytes.count, "\(path)")
                if let lfs = entry["lfs"] as? [String: Any] {
                    #expect(lfs["oid"] as? String == Digest.sha256(of: bytes).hex, "\(path)")
                    let pointer = LFSPointer(sha256: Digest.sha256(of: bytes).hex, size: Int64(bytes.count))
                    #expect(entry["oid"] as? String == pointer.gitBlobID.hex, "\(path)")
                } else {
                    #expect(entry["oid"] as? String == GitBlobID(of: bytes).hex, "\(path)")
                }
            }
            let top = try await registry.request("GET", "/hf/api/models/mobile/tree/main")
            #expect(top.array.compactMap { $0["path"] as? String }.allSatisfy { !$0.contains("/") })
            #expect(top.array.contains { $0["type"] as? String == "directory" && $0["path"] as? String == "timm" })
            let folder = try await registry.request("GET", "/hf/api/models/mobile/tree/main/timm")
            #expect(folder.array.compactMap { $0["path"] as? String } == ["timm/model.safetensors"])
            let missing = try await registry.request("GET", "/hf/api/models/mobile/tree/main/nothing")
            #expect(missing.status == 404 && missing.hfErrorCode == "EntryNotFound")
        }
    }

    @Test("refs: main is the head, every tag points at its version's commit")
    func refs() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let refs = try await registry.request("GET", "/hf/api/models/alice/resnet/refs?include_prs=1").object
            let branches = refs["branches"] as? [[String: Any]] ?? []
            #expect(branches.count == 1 && branches[0]["name"] as? String == "main")
            #expect(branches[0]["targetCommit"] as? String == fixture.resnet.commit)
            let tags = Dictionary(uniqueKeysWithValues: (refs["tags"] as? [[String: Any]] ?? []).map {
                ($0["name"] as? String ?? "", $0["targetCommit"] as? String ?? "")
            })
            #expect(tags == ["latest": fixture.resnet.commit, "v1": fixture.first.commit])
            #expect(refs["pullRequests"] as? [Any] != nil)
        }
    }

    @Test("commits: the versions up to the revision, newest first")
    func commits() async throws {
        try await TestRegistry.with { registry in
            let fixture = try await HuggingFaceFixture.publish(to: registry)
            let all = try await registry.request("GET", "/hf/api/models/alice/resnet/commits/main").array
            #expect(all.compactMap { $0["id"] as? String } == [fixture.resnet.commit, fixture.first.commit])
            #expect(all.allSatisfy { $0["title"] is String && $0["date"] is String && $0["authors"] is [[String: Any]] })
            let old = try await registry.request("GET", "/hf/api/models/alice/resnet/commits/v1").array
            #expect(old.compactMap { $0["id"] as? String } == [fixture.first.commit])
        }
    }
}
