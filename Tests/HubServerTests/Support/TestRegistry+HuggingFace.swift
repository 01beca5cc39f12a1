import Foundation

extension TestRegistry {
    /// POSTs a JSON object to an `/hf` route.
    func postJSON(_ path: String, _ object: Any, token: String?, contentType: String = "application/json") async throws -> WireResponse {
        try await request("POST", path, headers: ["Content-Type": contentType], body: jsonData(object), token: token)
    }

    /// The LFS batch for `objects` (`(oid hex, size)`) of `repository`.
    func lfsBatch(_ repository: String, _ objects: [(String, Int)], token: String?) async throws -> WireResponse {
        try await postJSON("/hf/\(repository).git/info/lfs/objects/batch",
                           ["operation": "upload", "transfers": ["basic", "multipart"], "hash_algo": "sha256",
                            "objects": objects.map { ["oid": $0.0, "size": $0.1] }, "ref": ["name": "main"]],
                           token: token, contentType: "application/vnd.git-lfs+json")
    }

    /// An ndjson commit of `lines` (each `{"key","value"}`) to `repository` at `revision`.
    func hfCommit(_ repository: String, revision: String = "main", _ lines: [[String: Any]], token: String?) async throws -> WireResponse {
        let header: [String: Any] = ["key": "header", "value": ["summary": "Upload folder", "description": ""]]
        let body = ([header] + lines).map { jsonData($0) + Data("\n".utf8) }.reduce(Data(), +)
        return try await request("POST", "/hf/api/models/\(repository)/commit/\(revision)",
                                 headers: ["Content-Type": "application/x-ndjson"], body: body, token: token)
    }

    /// The path and query of an absolute href this registry handed out.
    func localPath(of href: String) -> String {
        let prefix = url.absoluteString.hasSuffix("/") ? String(url.absoluteString.dropLast()) : url.absoluteString
        precondition(href.hasPrefix(prefix), "\(href) is not on \(prefix)")
        return String(href.dropFirst(prefix.count))
    }
}

/// A regular-file line of an HF commit.
func commitFile(_ path: String, _ bytes: Data) -> [String: Any] {
    ["key": "file", "value": ["path": path, "content": bytes.base64EncodedString(), "encoding": "base64"]]
}

/// An LFS-file line of an HF commit.
func commitLFSFile(_ path: String, oid: String, size: Int) -> [String: Any] {
    ["key": "lfsFile", "value": ["path": path, "algo": "sha256", "oid": oid, "size": size]]
}

extension WireResponse {
    /// The error's message, from an HF error body (`{"error"}`) or hub's (`{"errors":[{"message"}]}`).
    var errorMessage: String {
        object["error"] as? String ?? ((object["errors"] as? [[String: Any]])?.first?["message"] as? String) ?? ""
    }
}
