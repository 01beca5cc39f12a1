extension ModelName {
    /// The repo id in URLs hub hands to HF clients: `ns/name`, and `_/name` for an official model, since
    /// huggingface_hub 2.x refuses to parse a one-segment repo URL (`RepoUrl`, `CommitInfo`).
    var huggingFaceID: String { "\(namespace ?? "_")/\(reference.name)" }

    /// The repository's web URL path under the endpoint, with the `models/` type prefix: huggingface_hub
    /// 0.x parses a URL under an endpoint with a path prefix (`…/hf/ns/name`) as repo type `hf` and fails,
    /// while `…/hf/models/ns/name` parses as a model in 0.x and 2.x alike.
    var huggingFaceURLPath: String { "models/\(huggingFaceID)" }
}
