import Manifest
import RegistryAPI

extension OpenAPIDocument {
    private typealias Schema = OpenAPISchema

    /// The OpenAPI details of every route of the shared table, by route (a test checks that each route
    /// of `Route.all` has exactly one entry).
    public static let operations: [Route: Operation] = [
        .health: Operation(success: [200: "Health"]),
        .openAPI: Operation(success: [200: nil]),
        .search: Operation(parameters: searchParameters, success: [200: "SearchPage"]),
        .getModel: Operation(
            parameters: [
                .query("limit", "versions per page (default 100)", Schema.integer(minimum: 1, maximum: 1_000)),
                .query("cursor", "the nextCursor of the previous page", Schema.string()),
            ],
            success: [200: "ModelSummary"]),
        .getManifest: Operation(
            parameters: [
                .header("If-None-Match", "the digest already held: answers 304 without a body"),
                .header(HeaderName.intent, "`info` reads without counting a download",
                        Schema.oneOf(Intent.allCases.map(\.rawValue))),
            ],
            success: [200: "Manifest", 304: nil]),
        .publishManifest: Operation(
            body: Body(mediaTypes: [MediaType.manifestV1, "application/json"], schema: Schema.reference("Manifest"), required: true),
            success: [200: "Published", 201: "Published"]),
        .deleteTag: Operation(success: [204: nil]),
        .getLineage: Operation(
            parameters: [
                .query("ref", "tag or digest of the root version (default latest)", Schema.tagOrDigest),
                .query("depth", "generations to follow each way (default 5)",
                       Schema.integer(minimum: 1, maximum: LineageGraph.maximumDepth)),
                .query("direction", "which way to walk (default both)",
                       Schema.oneOf(LineageGraph.Direction.allCases.map(\.rawValue))),
            ],
            success: [200: "Lineage"]),
        .getTorchHubFile: Operation(
            parameters: [.header("Range", "bytes=START-END, bytes=START- or bytes=-SUFFIX")], success: [200: nil, 206: nil]),
        .getBlob: Operation(
            parameters: [.header("Range", "bytes=START-END, bytes=START- or bytes=-SUFFIX")], success: [200: nil, 206: nil]),
        .putBlob: Operation(
            body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
            success: [201: "StoredBlob"], links: [Link(route: .getBlob, parameter: "digest", pointer: "/digest")]),
        .checkBlobs: Operation(
            body: Body(mediaTypes: ["application/json"], schema: Schema.reference("BlobCheckRequest"), required: true),
            success: [200: "BlobCheck"]),
        .startUpload: Operation(
            body: Body(mediaTypes: ["application/json"], schema: Schema.reference("UploadStart"), required: false),
            success: [202: "UploadStatus"],
            links: [Route.getUpload, .appendUpload, .finishUpload, .cancelUpload].map {
                Link(route: $0, parameter: "id", pointer: "/id")
            }),
        .getUpload: Operation(success: [200: "UploadStatus"]),
        .appendUpload: Operation(
            parameters: [contentRange],
            body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
            success: [202: "UploadStatus"]),
        .finishUpload: Operation(
            parameters: [.query("digest", "the digest of the whole blob", Schema.digest, required: true), contentRange],
            body: Body(mediaTypes: ["application/octet-stream"], schema: Schema.binary, required: false),
            success: [201: "StoredBlob"]),
        .cancelUpload: Operation(success: [204: nil]),
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
