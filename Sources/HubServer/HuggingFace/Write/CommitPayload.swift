import Foundation
import Manifest

/// The body of `POST /hf/api/models/{repo}/commit/{rev}` (`application/x-ndjson`, as huggingface_hub's
/// `_prepare_commit_payload` writes it): a `header` line first, then one line per operation:
///
///     {"key":"header","value":{"summary","description","parentCommit"?}}
///     {"key":"file","value":{"content":<base64>,"path","encoding":"base64"}}
///     {"key":"lfsFile","value":{"path","algo":"sha256","oid","size"?}}
///     {"key":"deletedFile","value":{"path"}}
///     {"key":"deletedFolder","value":{"path"}}
///
/// Parsed strictly and within bounds (body size, line count, path length); every refusal names the line.
struct CommitPayload: Sendable {
    /// Largest body accepted (regular files travel base64 inside it; weights go through LFS).
    static let maximumBodyBytes = 32 << 20
    /// Most lines accepted.
    static let maximumLines = 10_000
    /// Longest path accepted, in bytes.
    static let maximumPathBytes = 1024

    /// What the commit does to one path.
    enum Operation: Sendable, Equatable {
        /// A regular file with these bytes.
        case file(path: String, bytes: Data)
        /// A file uploaded through LFS: the blob `oid`, of `size` bytes when the line says.
        case lfsFile(path: String, oid: Digest, size: Int64?)
        /// Remove one file.
        case deletedFile(path: String)
        /// Remove every file under a folder.
        case deletedFolder(path: String)
    }

    /// The commit title.
    let summary: String
    /// The commit description.
    let description: String
    /// The 40-hex commit the client based its change on, if it said.
    let parentCommit: String?
    /// The operations, in order.
    let operations: [Operation]

    /// Parses the ndjson body.
    init(parsing data: Data) throws(HuggingFaceAPIError) {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count <= Self.maximumLines else {
            throw HuggingFaceBody.invalid("the commit has \(lines.count) lines; at most \(Self.maximumLines) are accepted")
        }
        guard let first = lines.first else {
            throw HuggingFaceBody.invalid("the commit is empty; expected a header line, then one line per operation")
        }
        let header = try Self.line(first, number: 1)
        guard header.key == "header" else {
            throw HuggingFaceBody.invalid("line 1 is \"\(header.key)\"; the first line must be the header")
        }
        summary = header.value["summary"]?.stringValue ?? ""
        description = header.value["description"]?.stringValue ?? ""
        parentCommit = header.value["parentCommit"]?.stringValue
        var operations: [Operation] = []
        for (index, text) in lines.enumerated().dropFirst() {
            operations.append(try Self.operation(Self.line(text, number: index + 1), number: index + 1))
        }
        self.operations = operations
    }

    private static func line(_ text: Data.SubSequence, number: Int) throws(HuggingFaceAPIError) -> (key: String, value: JSONValue) {
        let object = try HuggingFaceBody.object(Data(text), expected: "{\"key\":…,\"value\":{…}} on line \(number)")
        let key = try HuggingFaceBody.string(object["key"], at: "line \(number): key")
        guard let value = object["value"], case .object = value else {
            throw HuggingFaceBody.invalid("line \(number): value must be an object")
        }
        return (key, value)
    }

    private static func operation(_ line: (key: String, value: JSONValue), number: Int) throws(HuggingFaceAPIError) -> Operation {
        let path = try Self.path(line.value["path"], line: number)
        switch line.key {
        case "file":
            if let encoding = line.value["encoding"], encoding.stringValue != "base64" {
                throw HuggingFaceBody.invalid("line \(number): encoding must be \"base64\"")
            }
            let content = try HuggingFaceBody.string(line.value["content"], at: "line \(number): content")
            guard let bytes = Data(base64Encoded: content) else {
                throw HuggingFaceBody.invalid("line \(number): content of \(path) is not base64")
            }
            return .file(path: path, bytes: bytes)
        case "lfsFile":
            if let algorithm = line.value["algo"], algorithm.stringValue != "sha256" {
                throw HuggingFaceBody.invalid("line \(number): algo must be \"sha256\"")
            }
            let oid = try HuggingFaceBody.string(line.value["oid"], at: "line \(number): oid")
            guard let digest = try? Digest(sha256Hex: oid) else {
                throw HuggingFaceBody.invalid("line \(number): oid of \(path) is not a sha256 (64 lowercase hex digits)")
            }
            let size = try line.value["size"].map { value throws(HuggingFaceAPIError) in
                try HuggingFaceBody.byteCount(value, at: "line \(number): size")
            }
            return .lfsFile(path: path, oid: digest, size: size)
        case "deletedFile":
            return .deletedFile(path: path)
        case "deletedFolder":
            return .deletedFolder(path: path)
        default:
            throw HuggingFaceBody.invalid("line \(number): \"\(line.key.prefix(40))\" is not an operation hub accepts "
                + "(file, lfsFile, deletedFile, deletedFolder)")
        }
    }

    /// A repository path: relative, no empty, `.` or `..` segment, at most `maximumPathBytes`.
    private static func path(_ value: JSONValue?, line: Int) throws(HuggingFaceAPIError) -> String {
        let path = try HuggingFaceBody.string(value, at: "line \(line): path")
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard !trimmed.isEmpty, trimmed.utf8.count <= maximumPathBytes, !trimmed.contains("\0"),
              trimmed.split(separator: "/", omittingEmptySubsequences: false)
                .allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw HuggingFaceBody.invalid("line \(line): \"\(path.prefix(80))\" is not a path in a repository")
        }
        return trimmed
    }
}
