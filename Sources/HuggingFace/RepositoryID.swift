import Manifest

/// A Hugging Face repo id seen as a hub repository: `alice/x` is hub's `alice/x`, an official model is
/// its bare name (`efficientnet-lite0-imagenet`), and `_/name` names that official model too.
public struct RepositoryID: Hashable, Sendable, CustomStringConvertible {
    /// The longest repo id component HF clients accept (`validate_repo_id`).
    public static let maximumComponentLength = 96

    /// The hub repository, without tag or digest.
    public let reference: Reference

    /// The repository of `reference` (its tag or digest dropped).
    public init(_ reference: Reference) {
        self.reference = reference.withoutSelector
    }

    /// Parses a repo id as it appears in an HF URL path: `ns/name`, `name` or `_/name`.
    public init(parsing text: String) throws(HuggingFaceError) {
        let bare = text.hasPrefix("_/") ? String(text.dropFirst(2)) : text
        guard !bare.contains(":"), !bare.contains("@") else {
            throw HuggingFaceError(.invalidRepository, "repo id \"\(text.prefix(200))\" names a revision; "
                + "expected namespace/name or name")
        }
        do {
            reference = try Reference(parsing: bare)
        } catch {
            throw HuggingFaceError(.invalidRepository, "repo id \"\(text.prefix(200))\" is not a hub repository: \(error)",
                                   underlying: error)
        }
    }

    /// `namespace/name`, or the bare name of an official model.
    public var description: String { reference.repository }

    /// Why HF clients refuse `name` (a repo id or one of its components) before sending anything
    /// (`huggingface_hub.utils.validate_repo_id`), or nil when they accept it: `--` or `..` anywhere,
    /// a component starting or ending with `-` or `.`, a `.git` ending, a component over 96 characters.
    public static func problem(withName name: String) -> String? {
        if name.contains("--") { return "\"\(name)\" contains \"--\", which Hugging Face clients refuse" }
        if name.contains("..") { return "\"\(name)\" contains \"..\", which Hugging Face clients refuse" }
        if name.hasSuffix(".git") { return "\"\(name)\" ends with \".git\", which Hugging Face clients refuse" }
        for component in name.split(separator: "/", omittingEmptySubsequences: false) {
            if component.count > maximumComponentLength {
                return "\"\(component.prefix(40))...\" is \(component.count) characters long; Hugging Face clients "
                    + "accept at most \(maximumComponentLength)"
            }
            if let edge = [component.first, component.last].compactMap({ $0 }).first(where: { $0 == "-" || $0 == "." }) {
                return "\"\(name)\" has a component that starts or ends with \"\(edge)\", which Hugging Face clients refuse"
            }
        }
        return nil
    }
}
