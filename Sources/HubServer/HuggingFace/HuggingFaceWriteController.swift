import ContentStore
import Hummingbird

/// The Hugging Face write routes under `/hf` (docs/huggingface.md): create repo, validate-yaml,
/// preupload, the LFS batch with signed upload URLs, verify, commit, and paths-info.
struct HuggingFaceWriteController: Sendable {
    let models: ModelRepository
    let blobs: BlobStore
    let maxBlobBytes: Int64

    func register(on router: Router<RegistryContext>) {
    }
}
