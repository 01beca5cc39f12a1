import Manifest

extension OpenAPIDocument {
    private typealias Schema = OpenAPISchema

    /// Every route of docs/api.md (HEAD is documented for every GET, which Hummingbird answers too).
    public static let routes: [Route] = [
        Route("get", "/healthz", "health", "Liveness check", access: .anyone, success: [200: "Health"]),
        Route("get", "/openapi.json", "openAPI", "This document", access: .anyone, success: [200: nil]),
        Route("get", "/v1/search", "search", "Search models", parameters: searchParameters,
              success: [200: "SearchPage"], errors: [.queryInvalid]),
        Route("get", "/v1/models/{namespace}/{name}", "getModel", "Model summary: versions (paged), tags, downloads",
              parameters: [
                  .query("limit", "versions per page (default 100)", Schema.integer(minimum: 1, maximum: 1_000)),
                  .query("cursor", "the nextCursor of the previous page", Schema.string()),
              ],
              success: [200: "ModelSummary"], errors: [.queryInvalid, .nameInvalid, .modelUnknown]),
        Route("get", "/v1/models/{namespace}/{name}/manifests/{reference}", "getManifest",
              "Manifest by tag or digest (ETag = digest, If-None-Match -> 304)",
              parameters: [
                  .header("If-None-Match", "the digest already held: answers 304 without a body"),
                  .header("Hub-Intent", "`info` reads without counting a download", Schema.oneOf(["info", "pull"])),
              ],
              success: [200: "Manifest", 304: nil],
              errors: [.nameInvalid, .digestInvalid, .modelUnknown, .manifestUnknown]),
        Route("put", "/v1/models/{namespace}/{name}/manifests/{reference}", "publishManifest",
              "Publish a manifest under a tag", access: .write,
              body: Body(mediaTypes: [MediaType.manifestV1, "application/json"], schema: Schema.reference("Manifest"), required: true),
              success: [200: "Published", 201: "Published"],
              errors: [.nameInvalid, .digestInvalid, .manifestInvalid, .nameMismatch, .manifestBlobUnknown, .parentUnknown,
                       .tooLarge, .denied]),
        Route("delete", "/v1/models/{namespace}/{name}/tags/{tag}", "deleteTag", "Delete a tag (not its version)",
              access: .write, success: [204: nil], errors: [.nameInvalid, .digestInvalid, .tagUnknown, .modelUnknown, .denied]),
        Route("get", "/v1/models/{namespace}/{name}/lineage", "getLineage", "Ancestors and descendants as a graph",
              parameters: [
                  .query("ref", "tag or digest of the root version (default latest)", Schema.tagOrDigest),
                  .query("depth", "generations to follow each way (default 5)", Schema.integer(minimum: 1, maximum: 50)),
                  .query("direction", "which way to walk (default both)", Schema.oneOf(["both", "ancestors", "descendants"])),
              ],
              success: [200: "Lineage"],
              errors: [.queryInvalid, .nameInvalid, .digestInvalid, .modelUnknown, .manifestUnknown]),
        Route("get", "/v1/blobs/{digest}", "getBlob", "Blob bytes (one Range supported)",
              parameters: [.header("Range", "bytes=START-END, bytes=START- or bytes=-SUFFIX")],
              success: [200: nil, 206: nil], errors: [.digestInvalid, .blobUnknown, .rangeInvalid]),
        Route("put", "/v1/blobs/{digest}", "putBlob", "Monolithic blob upload", access: .write,
              body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
              success: [201: "StoredBlob"], errors: [.digestInvalid, .sizeInvalid, .queryInvalid, .tooLarge, .denied],
              links: [Link(operationID: "getBlob", parameter: "digest", pointer: "/digest")]),
        Route("post", "/v1/blobs/check", "checkBlobs", "Which of these blobs are missing",
              body: Body(mediaTypes: ["application/json"], schema: Schema.reference("BlobCheckRequest"), required: true),
              success: [200: "BlobCheck"], errors: [.queryInvalid, .digestInvalid, .tooLarge]),
        Route("post", "/v1/uploads", "startUpload", "Start a chunked upload session", access: .write,
              body: Body(mediaTypes: ["application/json"], schema: Schema.reference("UploadStart"), required: false),
              success: [202: "UploadStatus"], errors: [.queryInvalid, .digestInvalid, .tooLarge, .denied],
              links: ["getUpload", "appendUpload", "finishUpload", "cancelUpload"].map {
                  Link(operationID: $0, parameter: "id", pointer: "/id")
              }),
        Route("get", "/v1/uploads/{id}", "getUpload", "Upload session offset", access: .write,
              success: [200: "UploadStatus"], errors: [.uploadUnknown, .denied]),
        Route("patch", "/v1/uploads/{id}", "appendUpload", "Append a chunk at the session's offset", access: .write,
              parameters: [contentRange],
              body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
              success: [202: "UploadStatus"],
              errors: [.uploadUnknown, .uploadOffsetMismatch, .uploadBusy, .queryInvalid, .tooLarge, .denied]),
        Route("put", "/v1/uploads/{id}", "finishUpload", "Finish the upload (optional last chunk) and store the blob",
              access: .write,
              parameters: [.query("digest", "the digest of the whole blob", Schema.digest, required: true), contentRange],
              body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
              success: [201: "StoredBlob"],
              errors: [.uploadUnknown, .digestInvalid, .sizeInvalid, .uploadOffsetMismatch, .uploadBusy, .queryInvalid,
                       .tooLarge, .denied]),
        Route("delete", "/v1/uploads/{id}", "cancelUpload", "Cancel the upload and discard its bytes", access: .write,
              success: [204: nil], errors: [.uploadUnknown, .uploadBusy, .denied]),
    ]

    private static let searchParameters: [Parameter] = [
        .query("q", "free text (FTS5 prefix match on every word)", Schema.string(maxLength: 256)),
        .query("domain", "a domain tag every result has; repeatable", Schema.array(Schema.string())),
        .query("arch", "architecture family or variant", Schema.string()),
        .query("task", "exact task", Schema.string()),
        .query("license", "exact licence, case-insensitive", Schema.string()),
        .query("min", "METRIC:VALUE, a metric's minimum; repeatable", Schema.array(Schema.string(pattern: "^.+[:=]-?[0-9.eE+-]+$"))),
        .query("sort", "relevance, downloads, recent or metric:NAME",
               Schema.string(pattern: "^(relevance|downloads|recent|metric:.+)$")),
        .query("limit", "results per page", Schema.integer(minimum: 1, maximum: 100)),
        .query("cursor", "the nextCursor of the previous page of the same query", Schema.string()),
    ]

    private static let contentRange = Parameter.header(
        "Content-Range", "bytes START-END/TOTAL (TOTAL may be *; the OCI form START-END too); START = the session's offset")
}
