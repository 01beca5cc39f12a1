import Foundation
import HuggingFace
import Manifest

/// The files a commit leaves at its revision: the files of the version it starts from (HF clients send
/// only what changed), with the commit's additions and deletions applied. What hub makes of them
/// (`CommitImport`) depends on which files the commit itself sent.
struct CommitFileSet: Sendable {
    /// Where one file's bytes are.
    enum Source: Sendable, Equatable {
        /// A file of the version the commit starts from.
        case existing(StoredVersionFile)
        /// A regular file sent inside the commit.
        case inline(Data)
        /// A file uploaded through LFS: stored as the blob with its SHA-256.
        case blob(Digest, size: Int64?)
    }

    /// The resulting files by path.
    private(set) var files: [String: Source]
    /// The paths the commit itself added or replaced.
    private(set) var sent: Set<String> = []

    /// The files of `base` (none for a new model or tag) changed by `operations`.
    init(base: [StoredVersionFile]?, operations: [CommitPayload.Operation]) {
        files = Dictionary((base ?? []).map { ($0.path, Source.existing($0)) }, uniquingKeysWith: { $1 })
        for operation in operations {
            switch operation {
            case let .file(path, bytes):
                files[path] = .inline(bytes)
                sent.insert(path)
            case let .lfsFile(path, oid, size):
                files[path] = .blob(oid, size: size)
                sent.insert(path)
            case let .deletedFile(path):
                files[path] = nil
                sent.remove(path)
            case let .deletedFolder(path):
                for key in files.keys where key.hasPrefix(path + "/") {
                    files[key] = nil
                    sent.remove(key)
                }
            }
        }
    }

    /// The resulting file at `path`.
    subscript(path: String) -> Source? { files[path] }

    /// The sorted paths of the resulting files.
    var paths: [String] { files.keys.sorted() }
}
