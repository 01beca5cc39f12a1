import Foundation
import HuggingFace

/// One entry of `GET /hf/api/models/{repo}/tree/{rev}[/{path}]` (`list_repo_tree`): a file with its
/// size, git oid and, for LFS files, `lfs {oid: sha256, size, pointerSize}`; or a directory with its
/// git tree id. Never a `xetHash`.
struct TreeEntry: Sendable, Equatable {
    /// `file` or `directory`.
    let type: String
    /// The path from the repository root.
    let path: String
    /// Git blob id (file; of the LFS pointer for an LFS file) or git tree id (directory).
    let oid: String
    /// The file's size (nil for a directory).
    let size: Int64?
    /// The LFS record of an LFS file.
    let lfs: (oid: String, size: Int64, pointerSize: Int64)?

    static func == (lhs: TreeEntry, rhs: TreeEntry) -> Bool {
        lhs.type == rhs.type && lhs.path == rhs.path && lhs.oid == rhs.oid && lhs.size == rhs.size
    }

    /// The entries under `directory` ("" for the root): its direct children, or with `recursive` every
    /// file and directory below it, directories before the files inside them, paths sorted. Nil when
    /// `directory` is not a directory of the version.
    static func listing(of files: [StoredVersionFile], under directory: String, recursive: Bool) -> [TreeEntry]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        let below = files.filter { $0.path.hasPrefix(prefix) }
        guard !below.isEmpty else { return nil }
        var entries: [TreeEntry] = []
        for folder in Set(below.flatMap { folders(of: String($0.path.dropFirst(prefix.count))) }).sorted() {
            let path = prefix + folder
            guard recursive || !folder.contains("/") else { continue }
            entries.append(TreeEntry(type: "directory", path: path, oid: treeID(of: files, directory: path), size: nil, lfs: nil))
        }
        for file in below where recursive || !file.path.dropFirst(prefix.count).contains("/") {
            entries.append(TreeEntry(type: "file", path: file.path, oid: file.oid, size: file.size,
                                     lfs: file.isLFS ? (file.sha256, file.size, file.pointerSize ?? 0) : nil))
        }
        return entries.sorted { $0.path < $1.path }
    }

    /// The entry of one path of a version (`paths-info`): the file, or the folder holding files; nil
    /// when the version has neither.
    static func entry(at path: String, in files: [StoredVersionFile]) -> TreeEntry? {
        if let file = files.first(where: { $0.path == path }) {
            return TreeEntry(type: "file", path: file.path, oid: file.oid, size: file.size,
                             lfs: file.isLFS ? (file.sha256, file.size, file.pointerSize ?? 0) : nil)
        }
        guard files.contains(where: { $0.path.hasPrefix(path + "/") }) else { return nil }
        return TreeEntry(type: "directory", path: path, oid: treeID(of: files, directory: path), size: nil, lfs: nil)
    }

    /// The folders a relative path lies in: `a/b/c` -> `a`, `a/b`.
    private static func folders(of relative: String) -> [String] {
        let parts = relative.split(separator: "/")
        return parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
    }

    /// The git tree id of `directory`: SHA-1 of `tree <n>\0` + its entries sorted by git's rule
    /// (`<mode> <name>\0<20-byte id>`; files mode 100644, folders 40000), as git computes it.
    static func treeID(of files: [StoredVersionFile], directory: String) -> String {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var children: [(name: String, isTree: Bool, id: String)] = []
        var seen = Set<String>()
        for file in files where file.path.hasPrefix(prefix) {
            let relative = file.path.dropFirst(prefix.count)
            if let slash = relative.firstIndex(of: "/") {
                let name = String(relative[..<slash])
                if seen.insert(name).inserted { children.append((name, true, treeID(of: files, directory: prefix + name))) }
            } else {
                children.append((String(relative), false, file.oid))
            }
        }
        // git sorts tree entries by name, a folder's name compared as if it ended with "/".
        children.sort { ($0.isTree ? $0.name + "/" : $0.name).utf8.lexicographicallyPrecedes(($1.isTree ? $1.name + "/" : $1.name).utf8) }
        var content = Data()
        for child in children {
            content.append(Data("\(child.isTree ? "40000" : "100644") \(child.name)\0".utf8))
            content.append(Data(hexBytes(child.id)))
        }
        var object = Data("tree \(content.count)\0".utf8)
        object.append(content)
        return GitObjectHash.sha1Hex(object)
    }

    private static func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex), index < hex.endIndex {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    /// The JSON object of the entry; `lastCommit` with `expand=true`.
    func jsonObject(lastCommit: [String: Any]?) -> [String: Any] {
        var object: [String: Any] = ["type": type, "path": path, "oid": oid]
        if let size { object["size"] = size }
        if let lfs { object["lfs"] = ["oid": lfs.oid, "size": lfs.size, "pointerSize": lfs.pointerSize] }
        if let lastCommit { object["lastCommit"] = lastCommit }
        return object
    }
}
