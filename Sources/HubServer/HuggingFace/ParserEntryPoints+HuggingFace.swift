import Foundation

/// Public entry points to the `/hf` routes' parsers of request paths, queries and bodies, for the fuzz
/// targets (`Fuzz/`) and the replay of their regression corpus (`Tests/FuzzRegressionTests`).
extension ParserEntryPoints {
    /// One reading of a `/hf` read path: the repository as written, and the file path inside it
    /// (resolve and tree routes; nil for the others).
    public typealias HuggingFaceReading = (repository: String?, revision: String?, filePath: String?)

    /// Every reading of `rawPath` as the read routes parse it (`HuggingFacePath.readings(of:)`); throws the
    /// refusal a request would get.
    public static func huggingFaceReadPath(_ rawPath: String) throws -> [HuggingFaceReading] {
        try HuggingFacePath.readings(of: rawPath).map { reading in
            switch reading.target {
            case let .resolve(revision, path), let .tree(revision, path): (reading.repository, revision, path)
            case let .modelInfo(revision): (reading.repository, revision, nil)
            case let .commits(revision): (reading.repository, revision, nil)
            case .agentHarnesses, .whoami, .listModels, .refs: (reading.repository, nil, nil)
            }
        }
    }

    /// The write route `method` and `rawPath` name (`HuggingFaceWritePath`), described, or nil.
    public static func huggingFaceWritePath(method: String, rawPath: String) -> String? {
        HuggingFaceWritePath(method: method, rawPath: rawPath).map { "\($0)" }
    }

    /// The oid of `PUT /hf/api/lfs/objects/{oid}` (decoded), nil when `rawPath` is not that route.
    public static func lfsUploadOid(rawPath: String) -> String? {
        guard case let .putObject(oid)? = HuggingFaceWritePath(method: "PUT", rawPath: rawPath) else { return nil }
        return oid
    }

    /// A `/hf` query string as the read routes decode it (`QueryParameters`); throws the 400 a request would get.
    public static func huggingFaceQuery(_ query: String) throws -> [(String, String)] {
        try QueryParameters(query).pairs
    }

    /// Query parameters read as `GET /hf/api/models` reads them (`ListModelsQuery`), the page's cursor
    /// printed back (nil without one); throws the 400 a request would get.
    public static func listModelsQuery(_ parameters: [(String, String)]) throws -> String? {
        try ListModelsQuery(parameters: parameters).after?.text
    }

    /// The paths of a commit body's operations (`CommitPayload`), in order.
    public static func commitPayload(_ body: Data) throws -> [String] {
        try CommitPayload(parsing: body).operations.map { operation in
            switch operation {
            case let .file(path, _), let .lfsFile(path, _, _), let .deletedFile(path), let .deletedFolder(path): path
            }
        }
    }

    /// A preupload body's files with the upload mode the answer gives each (`PreuploadRequest`).
    public static func preuploadRequest(_ body: Data) throws -> [(path: String, uploadMode: String)] {
        try PreuploadRequest(parsing: body).answer(current: nil).files.map { ($0.path, $0.uploadMode) }
    }

    /// An LFS batch body's objects (`LFSBatchRequest`), with whether each oid is a valid digest.
    public static func lfsBatchRequest(_ body: Data) throws -> [(oid: String, size: Int64, isDigest: Bool)] {
        try LFSBatchRequest(parsing: body).objects.map { ($0.oid, $0.size, $0.digest != nil) }
    }

    /// A form body's fields (`FormBody`), in order.
    public static func formBody(_ body: Data) throws -> [(name: String, value: String)] {
        try FormBody(parsing: body).fields
    }

    /// What `validate-yaml` finds wrong with a model card (`ModelCardCheck`).
    public static func modelCardProblems(_ card: String) -> [String] {
        ModelCardCheck.problems(in: card)
    }

    /// The upload URL (path and query) the server would sign with `key` for the object that `oidHex` and
    /// `query` (`size`, `expires`) describe, as `PUT /hf/api/lfs/objects/{oid}` parses them (`SignedUpload`).
    public static func signedUploadURL(oidHex: String, query: [String: String], key: Data) throws -> String {
        try SignedUpload(oidHex: oidHex, query: query).pathAndQuery(key: UploadSigningKey(bytes: key))
    }

    /// Parses `oidHex` and `query` as the `PUT` route does and checks `query["signature"]` with `key` at
    /// `now` (seconds since 1970); throws the 400 or 403 a request would get.
    public static func verifySignedUpload(oidHex: String, query: [String: String], key: Data, now: Int64) throws {
        try SignedUpload(oidHex: oidHex, query: query)
            .verify(signature: query["signature"] ?? "", key: UploadSigningKey(bytes: key), now: now)
    }
}
