/// The file name of a version's weights for `torch.hub.load_state_dict_from_url`:
/// `<stem>-<sha256 prefix>.safetensors`.
///
/// torch caches by the URL's base name alone (one global namespace), so the name must be unique per
/// content; with `check_hash=True` it takes the first `-<hex>.` as the hash prefix, so the stem (the
/// model name with `-`, `.` and `/` turned into `_`) must hold no `-` at all.
public struct TorchHubFileName: Hashable, Sendable, CustomStringConvertible {
    /// Hex digits of the SHA-256 kept in the name.
    public static let hashPrefixLength = 16

    /// The model name with `-`, `.` and `/` replaced by `_`.
    public let stem: String
    /// The first `hashPrefixLength` hex digits of the file's SHA-256.
    public let hashPrefix: String

    /// The name of the file of `repository` (e.g. `alice/fashion-net`) whose SHA-256 is `sha256` (hex).
    public init(repository: String, sha256: String) {
        stem = String(repository.map { "-./".contains($0) ? "_" : $0 })
        hashPrefix = String(sha256.prefix(Self.hashPrefixLength))
    }

    /// `<stem>-<hash prefix>.safetensors`.
    public var description: String { "\(stem)-\(hashPrefix).safetensors" }
}
