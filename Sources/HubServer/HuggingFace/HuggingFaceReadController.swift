import ContentStore
import Hummingbird

/// The Hugging Face read routes under `/hf` (docs/huggingface.md): resolve, model info, tree, list,
/// refs, commits, whoami, and the torch.hub file URL.
struct HuggingFaceReadController: Sendable {
    let models: ModelRepository
    let search: SearchRepository
    let blobs: BlobStore

    func register(on router: Router<RegistryContext>) {
    }
}
