import ContentStore
import Foundation
import Manifest
import RegistryAPI

extension RegistryClient {
    /// A transfer that got no answer as a user-facing error that keeps it as its cause.
    func transferError(_ error: TransferError) -> ClientError {
        switch error.kind {
        case .network:
            return ClientError(.unreachable, "cannot reach the registry at \(registry): \(error.reason) "
                + "(while requesting \(DebugLog.redacted(url: error.url)))\(error.triesNote)",
                advice: "check that `hub serve` is running there and the address is right "
                    + "(--registry, HUB_REGISTRY, or `hub login --registry URL`)", cause: error)
        case .tls:
            return ClientError(.unreachable, "no trusted TLS connection to the registry at \(registry): \(error.reason) "
                + "(while requesting \(DebugLog.redacted(url: error.url)))",
                advice: "if the registry's certificate comes from a private certificate authority, point HUB_CA_BUNDLE "
                    + "at that authority's PEM file; check that the registry really speaks https at this address",
                cause: error)
        case .localFile, .receiverStopped:
            return ClientError(.failure, error.reason, cause: error)
        case .protocolViolation:
            return ClientError(.integrity, "the registry at \(registry) answered \(DebugLog.redacted(url: error.url)) "
                + "inconsistently: \(error.reason)", advice: "the registry is broken or not to be trusted: tell its administrator",
                cause: error)
        case .other:
            return ClientError(.failure, "request to \(DebugLog.redacted(url: error.url)) failed: \(error.reason)",
                               advice: "check the registry URL (\(registry)); it must start with http:// or https://",
                               cause: error)
        }
    }

    /// A non-2xx answer as a user-facing error, using the registry's error body when it has one.
    func error(for response: HTTPResponse, subject: String) -> ClientError {
        let entry = (try? response.decode(ErrorBody.self))?.errors.first
        let code = entry?.code ?? "HTTP \(response.status)"
        let said = entry.map { ": \($0.message)" } ?? ""
        switch response.status {
        case 401:
            return ClientError(.unauthorized, "the registry at \(registry) needs a valid token for \(subject)\(said)",
                advice: "log in with `hub login --registry \(registry) --token <token>` or set HUB_TOKEN "
                    + "(an administrator creates tokens with `hub admin token create --user NAME`)",
                remoteCode: code)
        case 403:
            let namespace = entry?.detail?["user"]?.stringValue
            let advice = namespace.map { "your token may publish only under \($0)/…: push as \($0)/<name>" }
                ?? "push under your own namespace, or ask an administrator for a token that may write this one"
            return ClientError(.unauthorized, "the registry at \(registry) refused \(subject)\(said)",
                               advice: advice, remoteCode: code)
        case 404:
            return ClientError(.notFound, "\(subject) was not found on \(registry)\(said)", remoteCode: code)
        case 500...:
            return ClientError(.unreachable, "the registry at \(registry) failed on \(subject): "
                + "HTTP \(response.status) \(code)\(said)\(response.triesNote)",
                advice: "try again later; if it persists, check the server's log", remoteCode: code)
        default:
            return ClientError(.failure, "the registry at \(registry) rejected \(subject): HTTP \(response.status) "
                + "\(code)\(said)\(Self.detailLines(entry?.detail))", remoteCode: code)
        }
    }

    /// Problem lists from an error's `detail` (manifest issues, missing blobs), one per line.
    static func detailLines(_ detail: JSONValue?) -> String {
        guard let detail else { return "" }
        var lines: [String] = []
        for issue in detail["issues"]?.arrayValue ?? [] {
            lines.append("\(issue["path"]?.stringValue ?? "?"): \(issue["message"]?.stringValue ?? "")")
        }
        for blob in detail["blobs"]?.arrayValue ?? [] {
            lines.append("\(blob["group"]?.stringValue ?? "?"): \(blob["digest"]?.stringValue ?? "") is not stored")
        }
        if let parent = detail["parent"]?.stringValue { lines.append("parent: \(parent)") }
        return lines.isEmpty ? "" : "\n" + lines.map { "  \($0)" }.joined(separator: "\n")
    }
}
