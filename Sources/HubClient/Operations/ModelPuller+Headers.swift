import Foundation
import Manifest
import ModelStore
import Safetensors

extension ModelPuller {
    /// Checks the safetensors header of every blob just fetched (`SafetensorsHeader.read`,
    /// strict): a blob whose digest matches but whose header lies about its tensors is deleted
    /// from the cache and the pull fails naming its layer group, so the cache never holds a
    /// model that `--output`, `hub predict` or `hub finetune` would choke on.
    static func checkHeaders(of groups: [WeightGroup], in cache: ModelCache, model: String) throws(ClientError) {
        for group in groups {
            let label = "layer group \(group.group) (blob \(group.digest)) of \(model)"
            guard let handle = FileHandle(forReadingAtPath: cache.blobPath(group.digest)) else {
                throw ClientError(.notFound, "\(label) vanished from the cache at \(cache.root.path) during the pull",
                                  advice: "run the pull again")
            }
            defer { try? handle.close() }
            do throws(ClientError) {
                _ = try SafetensorsHeader.read(from: handle, label: label, fileSize: group.size)
            } catch {
                try? cache.blobs.remove(group.digest)
                throw error.with(advice: "the blob was deleted from the cache; the registry serves a damaged or "
                    + "crafted model: tell its administrator or the model's owner")
            }
        }
    }
}
