import Foundation
import Manifest
import RegistryAPI
import Testing

/// Every answer of a real server on loopback decodes with the shared types of RegistryAPI, and
/// re-encoding the decoded value gives back the same JSON: no field the server sends is unknown to the
/// types, none they require is missing. Paths are built with the shared route table, as the client does.
@Suite("server answers decode with the shared wire types")
struct WireTypesTests {
    @Test("health, blobs, publish, search, summary, manifest and lineage")
    func models() async throws {
        try await TestRegistry.with { registry in
            let health = try await registry.request("GET", Route.health.path())
            #expect(try Self.decode(Health.self, health, status: 200) == Health(status: "ok"))

            let base = SyntheticModel.make(name: "wire-base", metrics: [("accuracy", 0.75)])
            let child = SyntheticModel.make(name: "alice/wire-child", parent: base, strategy: nil, seed: 2)
            let (digest, blob) = try #require(base.blobs.first)
            let stored = try await registry.request("PUT", Route.putBlob.path(["digest": digest.description]), body: blob,
                                                    token: registry.tokens.admin)
            #expect(try Self.decode(StoredBlob.self, stored, status: 201) == StoredBlob(digest: digest, size: Int64(blob.count)))

            let absent = Digest.sha256(of: Data("absent".utf8))
            let check = try await registry.request("POST", Route.checkBlobs.path(),
                                                   body: WireJSON.encode(BlobCheckRequest(digests: [digest, absent])))
            let answer = try Self.decode(BlobCheck.self, check, status: 200)
            #expect(answer.missing == [absent] && answer.present == [.init(digest: digest, size: Int64(blob.count))])

            try await registry.push(base, token: registry.tokens.admin)
            for (digest, data) in child.blobs {
                _ = try await registry.request("PUT", Route.putBlob.path(["digest": digest.description]), body: data,
                                               token: registry.tokens.alice)
            }
            let publish = try await registry.request(
                "PUT", Route.publishManifest.path(model: child.reference, ["reference": "v1"]), body: child.bytes,
                token: registry.tokens.alice)
            #expect(try Self.decode(Published.self, publish, status: 201)
                == Published(name: "alice/wire-child", tag: "v1", digest: child.digest.description, created: true))
            let again = try await registry.request(
                "PUT", Route.publishManifest.path(model: child.reference, ["reference": "latest"]), body: child.bytes,
                token: registry.tokens.alice)
            #expect(try Self.decode(Published.self, again, status: 200).created == false)

            let search = try await registry.request("GET", Route.search.path() + "?q=wire&limit=1")
            let page = try Self.decode(SearchPage.self, search, status: 200)
            #expect(page.total == 2 && page.results.count == 1 && page.nextCursor != nil)
            let all = try Self.decode(SearchPage.self, try await registry.request("GET", Route.search.path() + "?q=wire"), status: 200)
            let hits = Dictionary(uniqueKeysWithValues: all.results.map { ($0.name, $0) })
            #expect(hits["wire-base"]?.headlineMetric == HeadlineMetric(name: "accuracy", value: 0.75, split: "test",
                                                                         dataset: "synthetic"))
            #expect(hits["wire-base"]?.parent == nil && hits["alice/wire-child"]?.parent == base.pinned.description)

            let summary = try await registry.request("GET", Route.getModel.path(model: child.reference) + "?limit=1")
            let model = try Self.decode(ModelSummary.self, summary, status: 200)
            #expect(model.namespace == "alice" && !model.official && model.versionCount == 1 && model.nextCursor == nil)
            #expect(Set(model.tags.map(\.tag)) == ["v1", "latest"] && model.versions[0].parent == base.pinned.description)
            let official = try Self.decode(ModelSummary.self,
                                           try await registry.request("GET", Route.getModel.path(model: base.reference)), status: 200)
            #expect(official.namespace == nil && official.official && official.head == base.digest.description)

            let manifest = try await registry.request(
                "GET", Route.getManifest.path(model: child.reference, ["reference": "v1"]),
                headers: [HeaderName.intent: Intent.info.rawValue])
            #expect(manifest.status == 200 && manifest.body == child.bytes)
            #expect(manifest.headers[HeaderName.contentDigest.lowercased()] == child.digest.description)

            let lineage = try await registry.request("GET", Route.getLineage.path(model: child.reference))
            let graph = try Self.decode(LineageGraph.self, lineage, status: 200)
            #expect(graph.nodes.map(\.generation).sorted() == [-1, 0] && !graph.truncated)
            #expect(graph.edges.count == 1 && graph.edges[0].strategy == nil && graph.edges[0].relation == "finetune")
            #expect(graph.nodes.first { $0.generation == -1 }?.headlineMetric?.value == 0.75)

            let deleted = try await registry.request(
                "DELETE", Route.deleteTag.path(model: child.reference, ["tag": "v1"]), token: registry.tokens.alice)
            #expect(deleted.status == 204 && deleted.body.isEmpty)
        }
    }

    @Test("upload sessions: start, status, chunk, finish and cancel")
    func uploads() async throws {
        try await TestRegistry.with { registry in
            let blob = Data((0..<3000).map { UInt8(truncatingIfNeeded: $0) })
            let digest = Digest.sha256(of: blob)
            let token = registry.tokens.alice
            let started = try await registry.request("POST", Route.startUpload.path(),
                                                     body: WireJSON.encode(UploadStart(digest: digest, size: 3000)), token: token)
            let session = try Self.decode(UploadStatus.self, started, status: 202)
            #expect(session.offset == 0 && session.state == .open)
            #expect(started.headers["location"] == Route.getUpload.path(["id": session.id]))
            #expect(started.headers[HeaderName.uploadOffset.lowercased()] == "0")

            let chunk = try await registry.request("PATCH", Route.appendUpload.path(["id": session.id]),
                                                   headers: ["Content-Range": "bytes 0-999/3000"], body: blob.prefix(1000),
                                                   token: token)
            #expect(try Self.decode(UploadStatus.self, chunk, status: 202).offset == 1000)
            let status = try await registry.request("GET", Route.getUpload.path(["id": session.id]), token: token)
            #expect(try Self.decode(UploadStatus.self, status, status: 200).offset == 1000)

            let finished = try await registry.request(
                "PUT", Route.finishUpload.path(["id": session.id]) + "?digest=\(digest)",
                headers: ["Content-Range": "bytes 1000-2999/3000"], body: blob.suffix(2000), token: token)
            #expect(try Self.decode(StoredBlob.self, finished, status: 201) == StoredBlob(digest: digest, size: 3000))
            #expect(finished.headers["location"] == Route.getBlob.path(["digest": digest.description]))

            let other = try Self.decode(UploadStatus.self, try await registry.request(
                "POST", Route.startUpload.path(), token: token), status: 202)
            let cancelled = try await registry.request("DELETE", Route.cancelUpload.path(["id": other.id]), token: token)
            #expect(cancelled.status == 204)
            let gone = try await registry.request("GET", Route.getUpload.path(["id": other.id]), token: token)
            #expect(try Self.errorCode(gone) == .uploadUnknown)
        }
    }

    @Test("error answers decode as the error body, each with the status of its code")
    func errors() async throws {
        try await TestRegistry.with { registry in
            let model = try Reference(parsing: "nobody/nothing")
            let answers: [(WireResponse, ErrorCode)] = [
                (try await registry.request("GET", Route.getModel.path(model: model)), .modelUnknown),
                (try await registry.request("GET", "/v1/nothing"), .routeUnknown),
                (try await registry.request("GET", Route.search.path() + "?limit=0"), .queryInvalid),
                (try await registry.request("GET", Route.getBlob.path(["digest": "sha256:zz"])), .digestInvalid),
                (try await registry.request("POST", Route.startUpload.path()), .unauthorized),
                (try await registry.request("POST", Route.startUpload.path(), token: registry.tokens.reader), .denied),
                (try await registry.request("GET", Route.getBlob.path(["digest": Digest.sha256(of: Data()).description])),
                 .blobUnknown),
            ]
            for (answer, code) in answers {
                #expect(try Self.errorCode(answer) == code, "\(answer.text)")
                #expect(answer.status == code.status, "\(code)")
            }
        }
    }

    /// Decodes `response` as `type` after checking its status, and checks that encoding the value again
    /// gives the same JSON (so the type knows every field the server sent).
    static func decode<Value: Codable>(_ type: Value.Type, _ response: WireResponse, status: Int) throws -> Value {
        #expect(response.status == status, "\(response.status): \(response.text)")
        let value = try WireJSON.decode(type, from: response.body)
        let again = try JSONSerialization.jsonObject(with: WireJSON.encode(value)) as? NSObject
        let sent = try JSONSerialization.jsonObject(with: response.body) as? NSObject
        #expect(again == sent, "\(Value.self) lost or added a field: sent \(response.text)")
        return value
    }

    /// The code of an error answer, decoded as the shared error body.
    static func errorCode(_ response: WireResponse) throws -> ErrorCode? {
        let body = try decode(ErrorBody.self, response, status: response.status)
        #expect(body.errors.count == 1)
        return body.errors.first?.errorCode
    }
}
