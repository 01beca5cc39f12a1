import Manifest
import RegistryAPI

/// The request and response bodies of docs/api.md, as the components of the OpenAPI document.
extension OpenAPISchema {
    /// Every named schema, referenced from the operations.
    static var components: [String: JSONValue] {
        let headlineMetric = nullable(object(["name": string(), "value": number, "split": string(), "dataset": string()]))
        return [
            "Errors": object(["errors": array(object([
                "code": oneOf(ErrorCode.allCases.map(\.rawValue)), "message": string(),
                "detail": .object(["type": .string("object")]),
            ], optional: ["detail"]))]),
            "Health": object(["status": oneOf(["ok"])]),
            "SearchPage": object([
                "results": array(object([
                    "name": string(), "tag": string(), "digest": digest, "architecture": string(), "family": string(),
                    "domain": array(string()), "task": string(), "license": string(), "summary": string(),
                    "headlineMetric": headlineMetric, "downloads": integer(minimum: 0), "parent": nullable(string()),
                    "updated": string(format: "date-time"),
                ])),
                "total": integer(minimum: 0), "totalIsLowerBound": boolean, "nextCursor": nullable(string()),
            ]),
            "ModelSummary": object([
                "name": string(), "namespace": nullable(string()), "official": boolean,
                "created": string(format: "date-time"), "updated": string(format: "date-time"),
                "downloads": integer(minimum: 0), "head": nullable(digest),
                "tags": array(object(["tag": string(), "digest": digest, "updated": string(format: "date-time")])),
                "versions": array(object([
                    "digest": digest, "published": string(format: "date-time"), "manifestSize": integer(minimum: 0),
                    "weightBytes": integer(minimum: 0), "tags": array(string()), "parent": nullable(string()),
                    "downloads": integer(minimum: 0),
                ])),
                "versionCount": integer(minimum: 0), "nextCursor": nullable(string()),
            ]),
            "Manifest": .object(["type": .string("object"),
                                 "description": .string("A model manifest, docs/manifest.md (validated by the server)")]),
            "Published": object(["name": string(), "tag": string(), "digest": digest, "created": boolean]),
            "Lineage": object([
                "root": string(),
                "nodes": array(object([
                    "id": string(), "name": string(), "digest": digest, "tags": array(string()),
                    "architecture": string(), "task": string(), "headlineMetric": headlineMetric, "generation": integer(),
                ])),
                "edges": array(object(["parent": string(), "child": string(), "relation": string(),
                                       "strategy": nullable(string())])),
                "truncated": boolean,
            ]),
            "StoredBlob": object(["digest": digest, "size": integer(minimum: 0)]),
            "BlobCheckRequest": object(["digests": array(digest, maxItems: 1_000)]),
            "BlobCheck": object(["missing": array(digest), "present": array(object(["digest": digest, "size": integer(minimum: 0)]))]),
            "UploadStart": object(["digest": digest, "size": integer(minimum: 0)], optional: ["digest", "size"]),
            "UploadStatus": object(["id": string(), "offset": integer(minimum: 0), "expires": string(format: "date-time"),
                                    "state": oneOf(["open", "finishing"])]),
        ]
    }
}
