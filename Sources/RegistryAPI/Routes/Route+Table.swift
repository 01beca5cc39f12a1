extension Route {
    /// `GET /healthz`: liveness check.
    public static let health = Route(.get, "/healthz", "health", access: .anyone, "Liveness check")
    /// `GET /openapi.json`: the OpenAPI document.
    public static let openAPI = Route(.get, "/openapi.json", "openAPI", access: .anyone, "This document")
    /// `GET /v1/search`.
    public static let search = Route(.get, "/v1/search", "search", "Search models", errors: [.queryInvalid])
    /// `GET /v1/models/{namespace}/{name}`.
    public static let getModel = Route(
        .get, "/v1/models/{namespace}/{name}", "getModel", "Model summary: versions (paged), tags, downloads",
        errors: [.queryInvalid, .nameInvalid, .modelUnknown])
    /// `GET /v1/models/{namespace}/{name}/manifests/{reference}`.
    public static let getManifest = Route(
        .get, "/v1/models/{namespace}/{name}/manifests/{reference}", "getManifest",
        "Manifest by tag or digest (ETag = digest, If-None-Match -> 304)",
        errors: [.nameInvalid, .digestInvalid, .modelUnknown, .manifestUnknown])
    /// `PUT /v1/models/{namespace}/{name}/manifests/{reference}`.
    public static let publishManifest = Route(
        .put, "/v1/models/{namespace}/{name}/manifests/{reference}", "publishManifest", access: .write,
        "Publish a manifest under a tag",
        errors: [.nameInvalid, .digestInvalid, .manifestInvalid, .nameMismatch, .manifestBlobUnknown, .parentUnknown,
                 .tooLarge, .denied])
    /// `DELETE /v1/models/{namespace}/{name}/tags/{tag}`.
    public static let deleteTag = Route(
        .delete, "/v1/models/{namespace}/{name}/tags/{tag}", "deleteTag", access: .write, "Delete a tag (not its version)",
        errors: [.nameInvalid, .digestInvalid, .tagUnknown, .modelUnknown, .denied])
    /// `GET /v1/models/{namespace}/{name}/lineage`.
    public static let getLineage = Route(
        .get, "/v1/models/{namespace}/{name}/lineage", "getLineage", "Ancestors and descendants as a graph",
        errors: [.queryInvalid, .nameInvalid, .digestInvalid, .modelUnknown, .manifestUnknown])
    /// `GET /v1/models/{namespace}/{name}/torch/{reference}/{file}`.
    public static let getTorchHubFile = Route(
        .get, "/v1/models/{namespace}/{name}/torch/{reference}/{file}", "getTorchHubFile",
        "A version's model.safetensors under a content-unique name ({stem}-{sha256 prefix}.safetensors), "
            + "for torch.hub.load_state_dict_from_url(url, check_hash=True)",
        errors: [.nameInvalid, .digestInvalid, .modelUnknown, .manifestUnknown, .blobUnknown, .rangeInvalid])
    /// `GET /v1/blobs/{digest}`.
    public static let getBlob = Route(
        .get, "/v1/blobs/{digest}", "getBlob", "Blob bytes (one Range supported)",
        errors: [.digestInvalid, .blobUnknown, .rangeInvalid])
    /// `PUT /v1/blobs/{digest}`.
    public static let putBlob = Route(
        .put, "/v1/blobs/{digest}", "putBlob", access: .write, "Monolithic blob upload",
        errors: [.digestInvalid, .sizeInvalid, .queryInvalid, .tooLarge, .denied])
    /// `POST /v1/blobs/check`.
    public static let checkBlobs = Route(
        .post, "/v1/blobs/check", "checkBlobs", "Which of these blobs are missing",
        errors: [.queryInvalid, .digestInvalid, .tooLarge])
    /// `POST /v1/uploads`.
    public static let startUpload = Route(
        .post, "/v1/uploads", "startUpload", access: .write, "Start a chunked upload session",
        errors: [.queryInvalid, .digestInvalid, .tooLarge, .denied])
    /// `GET /v1/uploads/{id}`.
    public static let getUpload = Route(
        .get, "/v1/uploads/{id}", "getUpload", access: .write, "Upload session offset",
        errors: [.uploadUnknown, .denied])
    /// `PATCH /v1/uploads/{id}`.
    public static let appendUpload = Route(
        .patch, "/v1/uploads/{id}", "appendUpload", access: .write, "Append a chunk at the session's offset",
        errors: [.uploadUnknown, .uploadOffsetMismatch, .uploadBusy, .queryInvalid, .tooLarge, .denied])
    /// `PUT /v1/uploads/{id}?digest=…`.
    public static let finishUpload = Route(
        .put, "/v1/uploads/{id}", "finishUpload", access: .write,
        "Finish the upload (optional last chunk) and store the blob",
        errors: [.uploadUnknown, .digestInvalid, .sizeInvalid, .uploadOffsetMismatch, .uploadBusy, .queryInvalid,
                 .tooLarge, .denied])
    /// `DELETE /v1/uploads/{id}`.
    public static let cancelUpload = Route(
        .delete, "/v1/uploads/{id}", "cancelUpload", access: .write, "Cancel the upload and discard its bytes",
        errors: [.uploadUnknown, .uploadBusy, .denied])

    /// Every route of the API, in the order docs/api.md lists them.
    public static let all: [Route] = [
        health, openAPI, search, getModel, getManifest, publishManifest, deleteTag, getLineage, getTorchHubFile,
        getBlob, putBlob, checkBlobs, startUpload, getUpload, appendUpload, finishUpload, cancelUpload,
    ]
}
