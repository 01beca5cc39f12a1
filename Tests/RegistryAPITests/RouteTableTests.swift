import Foundation
import Manifest
import RegistryAPI
import Testing

@Suite("route table")
struct RouteTableTests {
    @Test("every route has a unique name and a unique method and template")
    func unique() {
        #expect(Set(Route.all.map(\.name)).count == Route.all.count)
        #expect(Set(Route.all.map(\.description)).count == Route.all.count)
        #expect(Route.all.allSatisfy { $0.template.hasPrefix("/") && !$0.summary.isEmpty })
    }

    @Test("the table pins the wire paths of docs/api.md")
    func wirePaths() {
        let table = Dictionary(uniqueKeysWithValues: Route.all.map { ($0.name, $0.description) })
        #expect(table == [
            "health": "GET /healthz", "openAPI": "GET /openapi.json", "search": "GET /v1/search",
            "getModel": "GET /v1/models/{namespace}/{name}",
            "getManifest": "GET /v1/models/{namespace}/{name}/manifests/{reference}",
            "publishManifest": "PUT /v1/models/{namespace}/{name}/manifests/{reference}",
            "deleteTag": "DELETE /v1/models/{namespace}/{name}/tags/{tag}",
            "getLineage": "GET /v1/models/{namespace}/{name}/lineage",
            "getTorchHubFile": "GET /v1/models/{namespace}/{name}/torch/{reference}/{file}",
            "getBlob": "GET /v1/blobs/{digest}", "putBlob": "PUT /v1/blobs/{digest}",
            "checkBlobs": "POST /v1/blobs/check", "startUpload": "POST /v1/uploads",
            "getUpload": "GET /v1/uploads/{id}", "appendUpload": "PATCH /v1/uploads/{id}",
            "finishUpload": "PUT /v1/uploads/{id}", "cancelUpload": "DELETE /v1/uploads/{id}",
        ])
    }

    @Test("only health and the document are open to anyone; every write route needs a write token")
    func access() {
        #expect(Route.all.filter { $0.access == .anyone } == [.health, .openAPI])
        for route in Route.all where route.method != .get && route != .checkBlobs {
            #expect(route.access == .write, "\(route)")
        }
        #expect(Route.putBlob.allErrors.contains(.diskFull))
        #expect(!Route.getBlob.allErrors.contains(.diskFull))
        #expect(Route.all.allSatisfy { route in ErrorCode.anyRoute.allSatisfy(route.allErrors.contains) })
    }

    @Test("a path fills every parameter, percent-encoding what a path segment cannot carry")
    func paths() throws {
        let digest = try Digest(parsing: "sha256:" + String(repeating: "cd", count: 32))
        #expect(Route.getBlob.path(["digest": digest.description]) == "/v1/blobs/\(digest)")
        #expect(Route.getUpload.path(["id": "a/b c?d%"]) == "/v1/uploads/a%2Fb%20c%3Fd%25")
        #expect(Route.search.path() == "/v1/search")
        let official = try Reference(parsing: "resnet18:v1")
        #expect(Route.getManifest.path(model: official, ["reference": "v1"]) == "/v1/models/_/resnet18/manifests/v1")
        let namespaced = try Reference(parsing: "alice/cats")
        #expect(Route.getLineage.path(model: namespaced) == "/v1/models/alice/cats/lineage")
        #expect(Route.deleteTag.parameterNames == ["namespace", "name", "tag"])
    }
}
