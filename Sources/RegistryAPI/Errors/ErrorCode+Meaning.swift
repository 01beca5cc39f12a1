extension ErrorCode {
    /// What the code means, as docs/api.md's error table says it.
    public var meaning: String {
        switch self {
        case .nameInvalid: "a namespace, name or tag in the URL is not a valid component"
        case .digestInvalid: "a digest is malformed, or uploaded bytes hash to another digest"
        case .sizeInvalid: "uploaded bytes are more or fewer than Content-Length / the declared size"
        case .manifestInvalid: "the manifest fails validation"
        case .nameMismatch: "the manifest's name is not the model in the URL"
        case .manifestBlobUnknown: "a weight blob is not stored, or stored with another size"
        case .parentUnknown: "lineage.parent is not a published version"
        case .queryInvalid: "a bad query parameter, JSON body, cursor or header"
        case .unauthorized: "no token, unknown or revoked token"
        case .denied: "the token may not do this"
        case .modelUnknown: "no such model"
        case .manifestUnknown: "no such tag or digest in this model"
        case .tagUnknown: "deleting a tag that does not exist"
        case .blobUnknown: "no such blob"
        case .uploadUnknown: "no such upload session (or it belongs to someone else, or expired)"
        case .routeUnknown: "no route for this method and path"
        case .uploadBusy: "another request is still writing this upload session"
        case .tooLarge: "a manifest, blob or request body exceeds a limit"
        case .rangeInvalid: "a blob Range outside the blob, or an unparsable one"
        case .uploadOffsetMismatch: "a chunk does not start at the session's offset"
        case .requestTimeout: "the request was not finished within the server's request deadline"
        case .internal: "a bug or a disk/database failure (logged with the request id)"
        case .unavailable: "the server is shutting down or the database stays locked"
        case .diskFull: "the registry's disk is full; nothing half-written is kept"
        }
    }
}
