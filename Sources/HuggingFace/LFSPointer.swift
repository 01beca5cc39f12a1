import Foundation

/// The git LFS pointer of a large file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md):
/// what git stores in place of the bytes, whose git blob id HF shows as the file's `oid`.
public struct LFSPointer: Hashable, Sendable {
    /// The SHA-256 of the file's bytes, 64 lowercase hex.
    public var sha256: String
    /// The file's length in bytes.
    public var size: Int64

    /// The pointer of a file of `size` bytes whose SHA-256 is `sha256` (hex).
    public init(sha256: String, size: Int64) {
        self.sha256 = sha256
        self.size = size
    }

    /// The pointer text: `version`, `oid sha256:<hex>` and `size` lines.
    public var text: String {
        "version https://git-lfs.github.com/spec/v1\noid sha256:\(sha256)\nsize \(size)\n"
    }

    /// The pointer's bytes.
    public var data: Data { Data(text.utf8) }

    /// The git blob id of the pointer text (the file's `oid` in HF's tree).
    public var gitBlobID: GitBlobID { GitBlobID(of: data) }
}
