import Foundation
import Manifest

/// The file that remembers the upload session of one blob between runs of `hub push`
/// (`<cache>/uploads/<hex>.json`: the registry and the session id), so an interrupted push
/// continues from the offset the registry reports instead of starting again.
///
/// The only code that touches that file; it belongs to the local store, and moves there when
/// the store offers upload-session files of its own.
struct UploadSessionFile {
    /// What the file holds.
    struct Saved: Codable, Equatable {
        /// `registry`: the registry the session lives on, as `RegistryClient.registry` names it.
        var registry: String
        /// `id`: the session id.
        var id: String
    }

    /// `<cache>/uploads/<hex>.json`.
    let path: String

    /// The session file of blob `digest` in the cache at `cacheRoot`.
    init(cacheRoot: URL, digest: Digest) {
        path = cacheRoot.appendingPathComponent("uploads/\(digest.hex).json").path
    }

    /// The saved session, or nil when there is none or it cannot be read.
    func load() -> Saved? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(Saved.self, from: data)
    }

    /// Saves `session`, replacing the file atomically.
    func save(_ session: Saved) throws(ClientError) {
        try AtomicFile.write(RegistryClient.json(session), to: path)
    }

    /// Forgets the session (after it finished).
    func remove() {
        unlink(path)
    }
}
