import Manifest
import ModelStore

extension ModelPuller {
    /// The model `reference` names from the cache, pulled first when the cache does not have it (what
    /// `hub finetune`, `hub eval` and `hub predict` do with the model they are given). `onPull` runs just
    /// before a pull starts, e.g. to say so.
    public func cachedOrPulled(_ reference: Reference, onPull: () -> Void = {}) throws(ClientError) -> CachedModel {
        if let cached = try? cache.resolve(reference) { return cached }
        onPull()
        return try pull(reference).model
    }
}
