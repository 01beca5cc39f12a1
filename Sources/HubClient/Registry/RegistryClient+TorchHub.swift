import Foundation
import HuggingFace
import Manifest
import RegistryAPI

extension RegistryClient {
    /// The torch.hub URL of a version's weights (`Route.getTorchHubFile`: the version's
    /// `model.safetensors` under `TorchHubFileName`, for `torch.hub.load_state_dict_from_url(url,
    /// check_hash=True)`). The name needs the file's SHA-256, read from the registry's Hugging Face view
    /// (`/hf/api/models/{repo}/revision/{digest}`); nil when the registry has none (an older hub) or
    /// answers something else.
    public func torchHubURL(_ reference: Reference, digest: Digest) -> String? {
        struct Info: Decodable {
            struct Sibling: Decodable {
                struct LFS: Decodable { let sha256: String }
                let rfilename: String
                let lfs: LFS?
            }
            let siblings: [Sibling]?
        }
        let repository = reference.repository
        let path = "/hf/api/models/\(repository)/revision/\(digest.description)"
        guard let info = try? getJSON(Info.self, path, query: [("expand", "siblings")], subject: "the files of \(repository)"),
              let sha256 = info.siblings?.first(where: { $0.rfilename == "model.safetensors" })?.lfs?.sha256,
              (try? Digest(sha256Hex: sha256)) != nil else { return nil }
        let name = TorchHubFileName(repository: repository, sha256: sha256).description
        return url(Route.getTorchHubFile.path(model: reference, ["reference": digest.description, "file": name]))
    }
}
