import Foundation
@testable import HubServer
import HuggingFace
import Manifest
import Testing

@Suite("Hugging Face create-repo, validate-yaml, preupload and paths-info")
struct HuggingFaceRepoRoutesTests {
    @Test("create answers the repo url, 409 with the url when the model exists, and checks name and token")
    func create() async throws {
        try await TestRegistry.with { registry in
            let new = try await registry.postJSON("/hf/api/repos/create", ["name": "fresh", "organization": "alice"],
                                                  token: registry.tokens.alice)
            #expect(new.status == 200)
            #expect(new.object["url"] as? String == registry.url.absoluteString.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                + "/hf/models/alice/fresh")
            let official = try await registry.postJSON("/hf/api/repos/create", ["name": "standard"], token: registry.tokens.admin)
            #expect((official.object["url"] as? String)?.hasSuffix("/hf/models/_/standard") == true)
            #expect(try await registry.postJSON("/hf/api/repos/create", ["name": "standard"], token: registry.tokens.alice).status == 403)
            #expect(try await registry.push(SyntheticModel.make(name: "alice/there"), token: registry.tokens.alice).status == 201)
            let existing = try await registry.postJSON("/hf/api/repos/create", ["name": "there", "organization": "alice"],
                                                       token: registry.tokens.alice)
            #expect(existing.status == 409)
            #expect((existing.object["url"] as? String)?.hasSuffix("/hf/models/alice/there") == true)
            #expect(existing.headers["x-error-code"] == "Conflict")
            let other = try await registry.postJSON("/hf/api/repos/create", ["name": "x", "organization": "alice"],
                                                    token: registry.tokens.bob)
            #expect(other.status == 403)
            let badName = try await registry.postJSON("/hf/api/repos/create", ["name": "a--b", "organization": "alice"],
                                                      token: registry.tokens.alice)
            #expect(badName.status == 400)
            let privateRepo = try await registry.postJSON("/hf/api/repos/create",
                                                          ["name": "p", "organization": "alice", "visibility": "private"],
                                                          token: registry.tokens.alice)
            #expect(privateRepo.status == 400)
            #expect(privateRepo.text.contains("--private"))
        }
    }

    @Test("validate-yaml answers JSON: no errors for a card hub writes, errors for broken front matter")
    func validateYAML() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/card")
            let card = String(decoding: ModelReadme(manifest: model.manifest, digest: model.digest).data, as: UTF8.self)
            let good = try await registry.postJSON("/hf/api/validate-yaml", ["content": card, "repoType": "model"],
                                                   token: registry.tokens.alice)
            #expect(good.status == 200)
            #expect((good.object["errors"] as? [Any])?.isEmpty == true)
            #expect((good.object["warnings"] as? [Any])?.isEmpty == true)
            for broken in ["---\nlicense: mit\n", "---\nlicense: mit\nlicense: mit\n---\n", "---\n\tlicense: mit\n---\n",
                           "---\njust words\n---\n"] {
                let answer = try await registry.postJSON("/hf/api/validate-yaml", ["content": broken, "repoType": "model"],
                                                         token: registry.tokens.alice)
                #expect(answer.status == 400)
                #expect((answer.object["errors"] as? [[String: Any]])?.first?["message"] is String)
            }
        }
    }

    @Test("preupload gives each file's mode and, for files the revision has, its oid")
    func preupload() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.safetensors(name: "alice/pre")
            #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            let blobs = registry.data.blobs
            let files = try VersionFiles(manifestBytes: model.bytes, digest: model.digest,
                                         blobs: StoredBlobReader(blobs: blobs))
            let body: [String: Any] = ["files": [
                ["path": "manifest.json", "size": model.bytes.count, "sample": ""],
                ["path": "model.safetensors", "size": 100, "sample": ""],
                ["path": "notes.txt", "size": 5, "sample": ""],
                ["path": "pytorch_model.bin", "size": 5000, "sample": ""],
            ]]
            for (repository, known) in [("alice/pre", true), ("alice/unborn", false)] {
                let answer = try await registry.postJSON("/hf/api/models/\(repository)/preupload/main", body,
                                                         token: registry.tokens.alice)
                #expect(answer.status == 200)
                let entries = answer.object["files"] as? [[String: Any]] ?? []
                #expect(entries.map { $0["uploadMode"] as? String } == ["regular", "lfs", "regular", "lfs"])
                #expect(entries.map { $0["shouldIgnore"] as? Bool } == [false, false, false, true])
                #expect(entries[0]["oid"] as? String == (known ? files["manifest.json"]?.oid.hex : nil))
                #expect(entries[1]["oid"] as? String == (known ? files["model.safetensors"]?.sha256 : nil))
                #expect(entries[2]["oid"] == nil)
            }
        }
    }

    @Test("paths-info lists the paths that exist, as tree entries; unknown repo and revision are 404s with codes")
    func pathsInfo() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.safetensors(name: "alice/info")
            #expect(try await registry.push(model, token: registry.tokens.alice).status == 201)
            let form = Data("paths=manifest.json&paths=model.safetensors&paths=nothing.txt&expand=false".utf8)
            let headers = ["Content-Type": "application/x-www-form-urlencoded"]
            let answer = try await registry.request("POST", "/hf/api/models/alice/info/paths-info/\(model.digest.commitID)",
                                                    headers: headers, body: form)
            #expect(answer.status == 200)
            let entries = answer.json as? [[String: Any]] ?? []
            #expect(entries.map { $0["path"] as? String } == ["manifest.json", "model.safetensors"])
            #expect(entries[0]["oid"] as? String == GitBlobID(of: model.bytes).hex)
            #expect(entries[0]["lfs"] == nil)
            let lfs = entries[1]["lfs"] as? [String: Any]
            #expect(lfs?["pointerSize"] is Int)
            #expect((lfs?["oid"] as? String)?.count == 64)
            let noRepo = try await registry.request("POST", "/hf/api/models/alice/none/paths-info/main", headers: headers, body: form)
            #expect(noRepo.status == 404)
            #expect(noRepo.headers["x-error-code"] == "RepoNotFound")
            let noRevision = try await registry.request("POST", "/hf/api/models/alice/info/paths-info/v9", headers: headers, body: form)
            #expect(noRevision.headers["x-error-code"] == "RevisionNotFound")
        }
    }

    @Test("a directory entry carries git's tree id")
    func directoryEntry() throws {
        let file = VersionFile(path: "timm/config.json", bytes: Data("{}".utf8))
        let stored = StoredVersionFile(path: file.path, size: file.size, sha256: file.sha256, oid: file.oid.hex,
                                       isLFS: false, pointerSize: nil, content: .inline(Data("{}".utf8)))
        let entry = try #require(TreeEntry.entry(at: "timm", in: [stored]))
        // `printf '{}' | git hash-object --stdin` = 9e26dfeeb6e641a33dae4961196235bdb965b21b, then
        // `printf '100644 blob 9e26…\tconfig.json\n' | git mktree` prints the tree id:
        #expect(file.oid.hex == "9e26dfeeb6e641a33dae4961196235bdb965b21b")
        #expect(entry.oid == "5ee406767bc3705757d49acdea6e8838038b27ef")
        #expect(entry.type == "directory")
    }
}
