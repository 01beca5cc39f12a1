import enum Crypto.Insecure
import Foundation
import HuggingFace

/// One entry of a tree listing (`GET /hf/api/models/{repo}/tree/{rev}`) and of `paths-info`, as
/// huggingface_hub's `RepoFile` / `RepoFolder` read it: a file needs `path`, `size` and `oid` (the git
/// blob id), and an LFS file an `lfs` record with `oid` (its SHA-256), `size` and `pointerSize`. Never
/// a `xetHash` (its presence sends clients to Xet).
struct TreeEntry: Encodable, Sendable, Equatable {
    /// `file` or `directory`.
    let type: String
    /// The path in the repository.
    let path: String
    /// A file's size in bytes (absent for a directory).
    let size: Int64?
    /// The git blob id of a file (of its LFS pointer for an LFS file), the git tree id of a directory.
    let oid: String
    /// An LFS file's record.
    let lfs: LFS?

    /// The `lfs` record of a tree entry (note: `oid` here, where model info's siblings say `sha256`).
    struct LFS: Encodable, Sendable, Equatable {
        let oid: String
        let size: Int64
        let pointerSize: Int64
    }

    /// The directory `path`, whose git tree id is computed from the files below it.
    static func directory(_ path: String, containing files: [VersionFile]) -> TreeEntry {
        let prefix = path + "/"
        let below = files.filter { $0.path.hasPrefix(prefix) }
            .map { (String($0.path.dropFirst(prefix.count)), $0.oid.hex) }
        return TreeEntry(type: "directory", path: path, size: nil, oid: GitTree.id(of: below), lfs: nil)
    }
}

extension VersionFile {
    /// This file as a tree entry.
    var treeEntry: TreeEntry {
        TreeEntry(type: "file", path: path, size: size, oid: oid.hex,
                  lfs: lfsPointerSize.map { TreeEntry.LFS(oid: sha256, size: size, pointerSize: $0) })
    }
}

/// Git tree object ids (`git mktree`): what HF shows as a directory's `oid`.
enum GitTree {
    /// The id of the tree holding `files` (paths relative to it, `/` nesting subtrees; blob ids in hex).
    static func id(of files: [(path: String, blobHex: String)]) -> String {
        hex(of: objectID(of: files))
    }

    private static func objectID(of files: [(path: String, blobHex: String)]) -> Data {
        var blobs: [String: Data] = [:]
        var subtrees: [String: [(path: String, blobHex: String)]] = [:]
        for file in files {
            if let slash = file.path.firstIndex(of: "/") {
                subtrees[String(file.path[..<slash]), default: []]
                    .append((String(file.path[file.path.index(after: slash)...]), file.blobHex))
            } else {
                blobs[file.path] = bytes(ofHex: file.blobHex)
            }
        }
        // Git orders entries by name, a tree's name compared as if it ended in "/".
        var entries: [(sortKey: String, line: Data)] = blobs.map { name, id in
            (name, Data("100644 \(name)\0".utf8) + id)
        }
        entries += subtrees.map { name, children in
            (name + "/", Data("40000 \(name)\0".utf8) + objectID(of: children))
        }
        let body = entries.sorted { Array($0.sortKey.utf8).lexicographicallyPrecedes(Array($1.sortKey.utf8)) }
            .reduce(into: Data()) { $0 += $1.line }
        var hasher = Insecure.SHA1()
        hasher.update(data: Data("tree \(body.count)\0".utf8))
        hasher.update(data: body)
        return Data(hasher.finalize())
    }

    private static func bytes(ofHex hex: String) -> Data {
        var data = Data()
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            data.append(UInt8(nibble(high) << 4 | nibble(low)))
        }
        return data
    }

    private static func nibble(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") ? byte - UInt8(ascii: "a") + 10 : byte - UInt8(ascii: "0")
    }

    private static func hex(of data: Data) -> String {
        data.map { String(format: "%02x", $0) }.joined()
    }
}
