import Foundation
import Manifest
import RegistryAPI
import Testing

/// The repositories throw their own error types; the server's one mapping table turns them into these
/// answers. The messages and details are the wire format clients show and parse, pinned here word for word.
@Suite("repository errors answered through the mapping table")
struct RepositoryErrorAnswerTests {
    @Test("unknown model, version and tag")
    func unknowns() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/known")
            try await registry.push(model, token: registry.tokens.alice)
            let noModel = try await registry.request("GET", "/v1/models/alice/unknown")
            Self.expect(noModel, 404, "MODEL_UNKNOWN", "no model named \"alice/unknown\" in this registry; "
                + "`hub search` lists the models there are", ["name": "alice/unknown"])
            let noTag = try await registry.request("GET", "/v1/models/alice/known/manifests/v9")
            Self.expect(noTag, 404, "MANIFEST_UNKNOWN", "alice/known:v9 does not exist: the model has no such tag; "
                + "its summary lists tags and versions", ["name": "alice/known", "reference": "v9"])
            let deleted = try await registry.request("DELETE", "/v1/models/alice/known/tags/v9", token: registry.tokens.alice)
            Self.expect(deleted, 404, "TAG_UNKNOWN", "alice/known has no tag \"v9\"; its summary lists its tags",
                        ["name": "alice/known", "tag": "v9"])
        }
    }

    @Test("a name mismatch, an unknown parent and a missing blob")
    func publishRefusals() async throws {
        try await TestRegistry.with { registry in
            let model = SyntheticModel.make(name: "alice/named")
            try await registry.push(model, token: registry.tokens.alice)
            let elsewhere = try await registry.publish(model.bytes, to: "alice/other", token: registry.tokens.alice)
            Self.expect(elsewhere, 400, "NAME_MISMATCH", "the manifest is named \"alice/named\" but was pushed to "
                + "\"alice/other\"; push it to its own name or change its `name` field",
                ["manifest": "alice/named", "url": "alice/other"])
            let parent = SyntheticModel.make(name: "alice/never-pushed")
            let orphan = SyntheticModel.make(name: "alice/orphan", parent: parent)
            let refused = try await registry.push(orphan, token: registry.tokens.alice)
            Self.expect(refused, 400, "PARENT_UNKNOWN", "the parent \(parent.pinned) is not published in this registry; "
                + "push the parent first (or fix lineage.parent)", ["parent": parent.pinned.description])
            let incomplete = SyntheticModel.make(name: "alice/incomplete", groups: ["head"])
            let group = incomplete.manifest.weights[0]
            let missing = try await registry.publish(incomplete.bytes, to: "alice/incomplete", token: registry.tokens.alice)
            Self.expect(missing, 400, "MANIFEST_BLOB_UNKNOWN", "upload the weight blobs before publishing: "
                + "head (\(group.digest.short)…) is not stored", nil)
            let blobs = missing.errorDetail["blobs"] as? [[String: Any]] ?? []
            #expect(blobs.count == 1 && blobs.first?["group"] as? String == "head" && blobs.first?["stored"] is NSNull)
            #expect(blobs.first?["size"] as? Int == Int(group.size))
        }
    }

    @Test("an unknown upload session")
    func uploadUnknown() async throws {
        try await TestRegistry.with { registry in
            let answer = try await registry.request("GET", "/v1/uploads/nope", token: registry.tokens.alice)
            Self.expect(answer, 404, "UPLOAD_UNKNOWN", "there is no upload session nope for user alice (it may have "
                + "expired after 24 h, been finished or cancelled); start a new one with POST /v1/uploads", ["id": "nope"])
        }
    }

    /// Checks status, code, message and (when given) the whole detail object of an error answer.
    static func expect(_ response: WireResponse, _ status: Int, _ code: String, _ message: String,
                       _ detail: [String: String]?, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.errorCode == code, sourceLocation: sourceLocation)
        let entry = (response.object["errors"] as? [[String: Any]])?.first
        #expect(entry?["message"] as? String == message, sourceLocation: sourceLocation)
        if let detail {
            #expect(response.errorDetail as? [String: String] == detail, sourceLocation: sourceLocation)
        }
    }
}
