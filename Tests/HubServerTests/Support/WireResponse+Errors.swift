import Foundation

extension WireResponse {
    /// `detail` of the first error.
    var errorDetail: [String: Any] { ((object["errors"] as? [[String: Any]])?.first?["detail"]) as? [String: Any] ?? [:] }

    /// `detail.path` of the first error: the JSON path of the refused field of a request body.
    var errorPath: String? { errorDetail["path"] as? String }

    /// The paths of `MANIFEST_INVALID`'s `detail.issues`.
    var issuePaths: [String] { (errorDetail["issues"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String } }

    /// The messages of `MANIFEST_INVALID`'s `detail.issues`.
    var issueMessages: [String] { (errorDetail["issues"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String } }
}

extension TestRegistry {
    /// Whether the server still answers: after any refused request it must.
    func isAlive() async -> Bool {
        (try? await request("GET", "/healthz"))?.status == 200
    }
}

extension SyntheticModel {
    /// The manifest as a mutable JSON object, to break on purpose.
    var jsonObject: [String: Any] { try! JSONSerialization.jsonObject(with: bytes) as! [String: Any] }

    /// The manifest text with `replacement` put in place of `target` (which must occur once).
    func text(replacing target: String, with replacement: String) -> Data {
        let text = String(decoding: bytes, as: UTF8.self)
        precondition(text.components(separatedBy: target).count == 2, "\(target) is not in the manifest once")
        return Data(text.replacingOccurrences(of: target, with: replacement).utf8)
    }
}

/// JSON bytes of an object (keys sorted, so tests can predict them).
func jsonData(_ object: Any) -> Data {
    try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
}
