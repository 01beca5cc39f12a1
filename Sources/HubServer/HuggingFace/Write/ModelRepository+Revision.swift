import Foundation
import HuggingFace
import Manifest

/// What the write routes read of a model at an HF revision, resolved as the read routes resolve it
/// (`HuggingFaceRepository.version`: one place for the revision rules).
extension ModelRepository {
    /// The version `revision` names in `model` (`main`: the head), nil when the model or the revision
    /// does not exist (a commit then starts a new model or tag).
    func version(_ model: Reference, at revision: Revision) async throws -> StoredManifest? {
        let lookup = try await HuggingFaceRepository(database: database).version(model.repository, revision: revision)
        guard case let .found(version) = lookup else { return nil }
        return StoredManifest(versionID: version.id, digest: version.digest, bytes: version.manifest)
    }
}
