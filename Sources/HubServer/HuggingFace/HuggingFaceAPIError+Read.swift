import HTTPTypes

extension HuggingFaceAPIError {
    /// 404 `RepoNotFound`: `huggingface_hub` raises `RepositoryNotFoundError` (`repo_exists` is False).
    static func repoNotFound(_ repository: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.notFound, .repoNotFound, "Repository Not Found: no model \"\(repository.prefix(200))\" "
            + "in this registry (a model is namespace/name, an official one its bare name)")
    }

    /// 404 `RevisionNotFound` (`revision_exists` is False).
    static func revisionNotFound(_ revision: String, repository: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.notFound, .revisionNotFound, "Revision Not Found: \"\(revision.prefix(200))\" of "
            + "\(repository) is not main, a tag, a 40-hex commit or a sha256 digest of one of its versions")
    }

    /// 404 `EntryNotFound` with `X-Repo-Commit`, so the client caches the absence under that commit.
    static func entryNotFound(_ path: String, commit: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.notFound, .entryNotFound, "Entry Not Found: \"\(path.prefix(300))\" is not a file of "
            + "commit \(commit) (files: manifest.json, model.safetensors, README.md, and for timm models "
            + "config.json and possibly timm/model.safetensors)", headers: [.xRepoCommit: commit])
    }

    /// 400 for a path or parameter no route accepts.
    static func badRequest(_ message: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.badRequest, .badRequest, message)
    }
}

extension HTTPField.Name {
    /// `X-Repo-Commit`: the 40-hex commit a `/hf` answer is about (required by HF clients on resolve).
    static let xRepoCommit = HTTPField.Name("X-Repo-Commit")!
    /// `X-Linked-Etag`: the ETag of an LFS file's content (its SHA-256).
    static let xLinkedEtag = HTTPField.Name("X-Linked-Etag")!
    /// `X-Linked-Size`: an LFS file's size.
    static let xLinkedSize = HTTPField.Name("X-Linked-Size")!
    /// `Link`: the absolute URL of the next page (`rel="next"`).
    static let link = HTTPField.Name("Link")!
}
