import Hummingbird

/// How authentication failures answer on the `/hf` routes: in HF's form, so `huggingface_hub` raises
/// the right error. A token that is malformed, unknown or revoked gets 401 with exactly the
/// `X-Error-Message` the client recognises as bad credentials (rather than "repository not found"); a
/// missing token on a `--private` registry gets 401 `RepoNotFound`, as the Hub answers for a private repo.
enum HuggingFaceAuthentication {
    /// The `X-Error-Message` huggingface_hub matches to tell bad credentials from a missing repo.
    static let invalidCredentials = "Invalid credentials in Authorization header"

    /// Whether `path` is under `/hf`.
    static func applies(to path: String) -> Bool {
        path == "/hf" || path.hasPrefix("/hf/")
    }

    /// The HF answer for hub's authentication `error` on a `/hf` request.
    static func answer(for error: RegistryError, request: Request) -> HuggingFaceAPIError {
        guard request.headers[.authorization] == nil else {
            return HuggingFaceAPIError(.unauthorized, .unauthorized, invalidCredentials)
        }
        return HuggingFaceAPIError(.unauthorized, .repoNotFound,
                                "this registry is private: send a hub token (HF_TOKEN=<token>); \(error.message)")
    }
}
