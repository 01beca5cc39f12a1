import Foundation
import HuggingFace
import Hummingbird

extension HuggingFaceReadController {
    /// `GET /hf/api/models/{repo}/tree/{rev}[/{path}]?recursive=…&expand=…`: the version's files and
    /// folders under `path` (`TreeEntry`). A version has at most a handful of files, so the answer is
    /// always one page (no `Link`). `EntryNotFound` when `path` is not a folder of the version.
    func tree(_ version: HubVersion, path: String, query: QueryParameters) async throws -> Response {
        let commit = version.digest.commitID
        let files = try await files(of: version)
        guard let entries = TreeEntry.listing(of: files, under: path, recursive: query.flag("recursive")) else {
            throw HuggingFaceAPIError.entryNotFound(path, commit: commit)
        }
        let lastCommit: [String: Any]? = query.flag("expand")
            ? ["id": commit, "title": "Publish \(version.digest)", "date": Clock.iso8601(milliseconds: version.published)]
            : nil
        return try Self.json(entries.map { $0.jsonObject(lastCommit: lastCommit) })
    }
}
