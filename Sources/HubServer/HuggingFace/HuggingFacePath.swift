/// A read request under `/hf`, parsed from the raw (still percent-encoded) request path. The grammar
/// (docs/huggingface.md):
///
///     /hf/api/agent-harnesses
///     /hf/api/whoami-v2
///     /hf/api/models
///     /hf/api/models/{repo}[/revision/{rev}]
///     /hf/api/models/{repo}/tree/{rev}[/{path}]
///     /hf/api/models/{repo}/refs
///     /hf/api/models/{repo}/commits/{rev}
///     /hf/{repo}/resolve/{rev}/{path}
///
/// `{repo}` is `ns/name`, a bare official `name`, or `_/name`; `{rev}` is one percent-encoded segment
/// (`sha256%3A…`); `{path}` keeps its `/`. Each segment is percent-decoded on its own. A path where
/// `{repo}` could be one or two segments (`/hf/x/resolve/resolve/a`) yields both readings, the
/// namespaced one first; the controller takes the first whose model exists.
struct HuggingFacePath: Sendable, Equatable {
    /// What is asked for.
    enum Target: Sendable, Equatable {
        /// `GET /api/agent-harnesses` (a telemetry probe: answered 404).
        case agentHarnesses
        /// `GET /api/whoami-v2`.
        case whoami
        /// `GET /api/models`.
        case listModels
        /// `GET /api/models/{repo}` (revision nil) or `…/revision/{rev}`.
        case modelInfo(revision: String?)
        /// `GET /api/models/{repo}/tree/{rev}[/{path}]` (path "" for the root).
        case tree(revision: String, path: String)
        /// `GET /api/models/{repo}/refs`.
        case refs
        /// `GET /api/models/{repo}/commits/{rev}`.
        case commits(revision: String)
        /// `HEAD|GET /{repo}/resolve/{rev}/{path}`.
        case resolve(revision: String, path: String)
    }

    /// The repository as written in the URL (`ns/name`, `_/name` or `name`), decoded; nil for
    /// repository-less targets.
    let repository: String?
    /// What is asked for.
    let target: Target

    /// Longest raw path accepted, in bytes.
    static let maximumPathBytes = 4096
    /// Most segments accepted.
    static let maximumSegments = 64
    /// Longest decoded segment accepted, in bytes.
    static let maximumSegmentBytes = 256

    /// Every reading of `rawPath` (the request path including `/hf`), preferred first; `[]` when the
    /// path is not a read route. Throws `HuggingFacePathError` for a path no route could accept
    /// (too long, bad percent-encoding, `.`/`..` or empty segments inside a file path).
    static func readings(of rawPath: String) throws(HuggingFacePathError) -> [HuggingFacePath] {
        guard rawPath.utf8.count <= maximumPathBytes else { throw .tooLong(bytes: rawPath.utf8.count) }
        var raw = rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard raw.first == "hf" else { return [] }
        raw = raw.dropFirst()
        if raw.last == "" { raw = raw.dropLast() }
        guard raw.count <= maximumSegments else { throw .tooManySegments(raw.count) }
        let segments = try raw.map { segment throws(HuggingFacePathError) in try decode(segment) }
        if segments.first == "api" { return try apiReadings(Array(segments.dropFirst())) }
        return try resolveReadings(segments)
    }

    /// Percent-decodes one segment, refusing malformed escapes, NUL and an encoded `/`.
    static func decode(_ segment: Substring, limit: Int = maximumSegmentBytes) throws(HuggingFacePathError) -> String {
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw .badPercentEncoding(String(segment.prefix(80)))
            }
            bytes.append(high << 4 | low)
        }
        guard bytes.count <= limit else { throw .segmentTooLong(bytes: bytes.count) }
        guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else {
            throw .badPercentEncoding(String(segment.prefix(80)))
        }
        return text
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// `/{repo}/resolve/{rev}/{path…}`, with a one- or two-segment repo.
    private static func resolveReadings(_ segments: [String]) throws(HuggingFacePathError) -> [HuggingFacePath] {
        var readings: [HuggingFacePath] = []
        for repoLength in [2, 1] where segments.count >= repoLength + 3 && segments[repoLength] == "resolve" {
            let path = try filePath(segments[(repoLength + 2)...])
            readings.append(HuggingFacePath(repository: segments[..<repoLength].joined(separator: "/"),
                                            target: .resolve(revision: segments[repoLength + 1], path: path)))
        }
        return readings
    }

    /// `/api/…`.
    private static func apiReadings(_ segments: [String]) throws(HuggingFacePathError) -> [HuggingFacePath] {
        switch segments.first {
        case "agent-harnesses" where segments.count == 1: return [HuggingFacePath(repository: nil, target: .agentHarnesses)]
        case "whoami-v2" where segments.count == 1: return [HuggingFacePath(repository: nil, target: .whoami)]
        case "models": break
        default: return []
        }
        let rest = Array(segments.dropFirst())
        if rest.isEmpty { return [HuggingFacePath(repository: nil, target: .listModels)] }
        var readings: [HuggingFacePath] = []
        for repoLength in [2, 1] where rest.count >= repoLength {
            let repository = rest[..<repoLength].joined(separator: "/")
            if let target = try modelTarget(Array(rest[repoLength...])) {
                readings.append(HuggingFacePath(repository: repository, target: target))
            }
        }
        return readings
    }

    /// What follows `{repo}` under `/api/models`.
    private static func modelTarget(_ tail: [String]) throws(HuggingFacePathError) -> Target? {
        switch tail.first {
        case nil: return .modelInfo(revision: nil)
        case "revision" where tail.count == 2: return .modelInfo(revision: tail[1])
        case "refs" where tail.count == 1: return .refs
        case "commits" where tail.count == 2: return .commits(revision: tail[1])
        case "tree" where tail.count >= 2:
            return .tree(revision: tail[1], path: tail.count == 2 ? "" : try filePath(tail[2...]))
        default: return nil
        }
    }

    /// A file path inside a repository: no empty, `.` or `..` segment.
    private static func filePath(_ segments: ArraySlice<String>) throws(HuggingFacePathError) -> String {
        for segment in segments where segment.isEmpty || segment == "." || segment == ".." || segment.contains("/") {
            throw .badFilePath(segments.joined(separator: "/"))
        }
        return segments.joined(separator: "/")
    }
}

/// Why a `/hf` path was refused before routing.
enum HuggingFacePathError: Error, Equatable, CustomStringConvertible {
    /// The raw path is longer than `HuggingFacePath.maximumPathBytes`.
    case tooLong(bytes: Int)
    /// More than `HuggingFacePath.maximumSegments` segments.
    case tooManySegments(Int)
    /// A decoded segment is longer than `HuggingFacePath.maximumSegmentBytes`.
    case segmentTooLong(bytes: Int)
    /// A `%` not followed by two hex digits, an encoded NUL, or bytes that are not UTF-8.
    case badPercentEncoding(String)
    /// A file path with an empty, `.`, `..` or encoded-`/` segment.
    case badFilePath(String)

    var description: String {
        switch self {
        case let .tooLong(bytes): "the path is \(bytes) bytes; at most \(HuggingFacePath.maximumPathBytes) are accepted"
        case let .tooManySegments(count): "the path has \(count) segments; at most \(HuggingFacePath.maximumSegments) are accepted"
        case let .segmentTooLong(bytes): "a path segment is \(bytes) bytes; at most \(HuggingFacePath.maximumSegmentBytes) are accepted"
        case let .badPercentEncoding(segment): "the path segment \"\(segment)\" is not valid percent-encoded UTF-8"
        case let .badFilePath(path): "\"\(path)\" is not a file path in a repository (empty, `.` or `..` segments)"
        }
    }
}
