import Foundation
import Manifest

/// Upload sessions of pushes in progress, one file per blob: `uploads/<64 hex>.json`.
extension ModelCache {
    /// The file that records the upload session of the blob `digest`.
    package func uploadSessionPath(_ digest: Digest) -> String {
        root.appendingPathComponent("uploads/\(digest.hex).json").path
    }

    /// The saved upload session of the blob `digest`, or nil when there is none (or it is unreadable).
    public func uploadSession(for digest: Digest) -> UploadSessionRecord? {
        guard let data = FileManager.default.contents(atPath: uploadSessionPath(digest)) else { return nil }
        return try? JSONDecoder().decode(UploadSessionRecord.self, from: data)
    }

    /// Saves (atomically) the upload session of the blob `digest`.
    public func saveUploadSession(_ session: UploadSessionRecord, for digest: Digest) throws(StoreError) {
        let encoder = JSONEncoder()
        let data: Data
        do { data = try encoder.encode(session) } catch {
            preconditionFailure("an UploadSessionRecord always encodes: \(error)")
        }
        try AtomicFile.write(data, to: uploadSessionPath(digest))
    }

    /// Forgets the upload session of the blob `digest` (after the blob is complete at the registry).
    public func removeUploadSession(for digest: Digest) {
        unlink(uploadSessionPath(digest))
    }
}
