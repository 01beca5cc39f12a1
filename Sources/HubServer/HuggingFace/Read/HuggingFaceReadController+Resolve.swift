import Foundation
import HTTPTypes
import HuggingFace
import Hummingbird

extension HuggingFaceReadController {
    /// `HEAD|GET /hf/{repo}/resolve/{rev}/{path}`: the file itself (200, or 206 for a `Range`), never a
    /// redirect, with `X-Repo-Commit`, the bare-hex `ETag` (SHA-256 for LFS files, git blob id otherwise)
    /// and the sizes HF clients check. A HEAD reads only the stored record; a GET streams from the record
    /// and the group blobs. One download is counted per GET of the version's query file from its first
    /// byte (`countedPath`), as a `hub pull` counts one.
    func resolve(_ version: HubVersion, path: String, request: Request, context: RegistryContext) async throws -> Response {
        let commit = version.digest.commitID
        let files = try await files(of: version)
        guard let file = files.first(where: { $0.path == path }) else {
            throw HuggingFaceAPIError.entryNotFound(path, commit: commit)
        }
        var headers: HTTPFields = [
            .xRepoCommit: commit, .eTag: "\"\(file.etag)\"", .acceptRanges: "bytes",
            .contentType: Self.contentType(of: path),
            .contentDisposition: "inline; filename*=UTF-8''\(Self.fileName(of: path)); filename=\"\(Self.fileName(of: path))\";",
        ]
        if file.isLFS {
            headers[.xLinkedEtag] = "\"\(file.sha256)\""
            headers[.xLinkedSize] = String(file.size)
        }
        var range: Range<Int64> = 0..<file.size
        var status = HTTPResponse.Status.ok
        if let header = request.headers[.range] {
            guard let requested = ByteRange(parsing: header, size: file.size) else {
                throw HuggingFaceAPIError(.rangeNotSatisfiable, .rangeNotSatisfiable,
                                       "the range \"\(header.prefix(100))\" is not within this \(file.size)-byte file",
                                       headers: [.contentRange: "bytes */\(file.size)", .xRepoCommit: commit])
            }
            range = requested.lowerBound..<(requested.upperBound + 1)
            status = .partialContent
            headers[.contentRange] = "bytes \(requested.lowerBound)-\(requested.upperBound)/\(file.size)"
        }
        headers[.contentLength] = String(range.count)
        guard request.method == .get else { return Response(status: status, headers: headers) }
        if range.lowerBound == 0, file.path == Self.countedPath(in: files) {
            try await models.countDownload(versionID: version.id)
        }
        let body = VersionFileBody.body(file.pieces(in: range), length: Int64(range.count), blobs: blobs)
        return Response(status: status, headers: headers, body: body)
    }

    /// The file whose download counts as a download of the version, as the Hub counts them: `config.json`
    /// when there is one (every timm load and every snapshot fetches it once), else `model.safetensors`.
    static func countedPath(in files: [StoredVersionFile]) -> String {
        files.contains { $0.path == "config.json" } ? "config.json" : "model.safetensors"
    }

    /// The last path component, with characters unsafe in a header value replaced by `_`.
    static func fileName(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return String(name.unicodeScalars.map { scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7f && scalar != "\"" && scalar != "\\" && scalar != ";"
                ? Character(scalar) : "_"
        })
    }

    /// The media type by extension.
    static func contentType(of path: String) -> String {
        if path.hasSuffix(".json") { return "application/json" }
        if path.hasSuffix(".md") { return "text/markdown; charset=utf-8" }
        return "application/octet-stream"
    }
}
