import Foundation

/// A write request under `/hf`, parsed from the raw request path (the routes are one `POST|PUT /hf/**`
/// catch-all each, since Hummingbird's router refuses sibling captures such as `{namespace}` beside
/// `{name}`, and the read routes share the prefix). The grammar:
///
///     POST /hf/api/repos/create
///     POST /hf/api/validate-yaml
///     POST /hf/api/models/{repo}/preupload/{rev}
///     POST /hf/api/models/{repo}/commit/{rev}
///     POST /hf/api/models/{repo}/paths-info/{rev}
///     POST /hf/{repo}.git/info/lfs/objects/batch
///     PUT  /hf/api/lfs/objects/{oid}?size=&expires=&signature=
///     POST /hf/api/lfs/verify
///
/// `{repo}` is `ns/name`, a bare official `name`, or `_/name`; each segment is percent-decoded on its own
/// (HF clients quote a revision whole: `sha256%3A…`).
enum HuggingFaceWritePath: Equatable, Sendable {
    case createRepository
    case validateYAML
    case preupload(namespace: String?, name: String, revision: String)
    case commit(namespace: String?, name: String, revision: String)
    case pathsInfo(namespace: String?, name: String, revision: String)
    case lfsBatch(namespace: String?, name: String)
    case putObject(oid: String)
    case verifyObject

    /// Longest raw path parsed, in bytes.
    static let maximumPathBytes = 4096

    /// The route `method` and `rawPath` (including `/hf`) name, nil when there is none.
    init?(method: String, rawPath: String) {
        guard rawPath.utf8.count <= Self.maximumPathBytes else { return nil }
        var raw = rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard raw.first == "hf" else { return nil }
        raw = raw.dropFirst()
        guard raw.count <= 12 else { return nil }
        var segments: [String] = []
        for part in raw {
            guard let decoded = part.removingPercentEncoding else { return nil }
            segments.append(decoded)
        }
        switch method {
        case "PUT":
            guard segments.count == 4, segments[0...2] == ["api", "lfs", "objects"] else { return nil }
            self = .putObject(oid: segments[3])
        case "POST":
            guard let route = Self.post(segments) else { return nil }
            self = route
        default:
            return nil
        }
    }

    private static func post(_ segments: [String]) -> HuggingFaceWritePath? {
        switch segments {
        case ["api", "repos", "create"]: return .createRepository
        case ["api", "validate-yaml"]: return .validateYAML
        case ["api", "lfs", "verify"]: return .verifyObject
        default: break
        }
        if segments.count >= 5, segments.suffix(4) == ["info", "lfs", "objects", "batch"] {
            let repository = Array(segments.dropLast(4))
            guard (1...2).contains(repository.count), let last = repository.last, last.hasSuffix(".git"),
                  last.count > 4 else { return nil }
            return .lfsBatch(namespace: repository.count == 2 ? repository[0] : nil, name: String(last.dropLast(4)))
        }
        guard segments.count == 5 || segments.count == 6, segments[0...1] == ["api", "models"] else { return nil }
        let namespace = segments.count == 6 ? segments[2] : nil
        let (name, action, revision) = (segments[segments.count - 3], segments[segments.count - 2], segments[segments.count - 1])
        switch action {
        case "preupload": return .preupload(namespace: namespace, name: name, revision: revision)
        case "commit": return .commit(namespace: namespace, name: name, revision: revision)
        case "paths-info": return .pathsInfo(namespace: namespace, name: name, revision: revision)
        default: return nil
        }
    }
}
