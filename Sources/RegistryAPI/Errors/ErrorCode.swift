/// Every error code the API answers with, its HTTP status and what it means: the one table of docs/api.md.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    /// 400: a namespace, name or tag in the URL is not a valid component.
    case nameInvalid = "NAME_INVALID"
    /// 400: a digest is malformed, or uploaded bytes hash to another digest.
    case digestInvalid = "DIGEST_INVALID"
    /// 400: uploaded bytes are more or fewer than declared.
    case sizeInvalid = "SIZE_INVALID"
    /// 400: the manifest fails validation (`detail.issues`).
    case manifestInvalid = "MANIFEST_INVALID"
    /// 400: the manifest's `name` is not the model in the URL.
    case nameMismatch = "NAME_MISMATCH"
    /// 400: a weight blob is not stored, or stored with another size (`detail.blobs`).
    case manifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN"
    /// 400: `lineage.parent` is not a published version.
    case parentUnknown = "PARENT_UNKNOWN"
    /// 400: a bad query parameter, JSON body, cursor or header (`detail.parameter`).
    case queryInvalid = "QUERY_INVALID"
    /// 401: no token, or an unknown or revoked one.
    case unauthorized = "UNAUTHORIZED"
    /// 403: the token may not do this.
    case denied = "DENIED"
    /// 404: no such model.
    case modelUnknown = "MODEL_UNKNOWN"
    /// 404: no such tag or digest in this model.
    case manifestUnknown = "MANIFEST_UNKNOWN"
    /// 404: deleting a tag that does not exist.
    case tagUnknown = "TAG_UNKNOWN"
    /// 404: no such blob.
    case blobUnknown = "BLOB_UNKNOWN"
    /// 404: no such upload session (someone else's, finished, cancelled or expired).
    case uploadUnknown = "UPLOAD_UNKNOWN"
    /// 404: no route for this method and path.
    case routeUnknown = "ROUTE_UNKNOWN"
    /// 409: another request is still writing this upload session.
    case uploadBusy = "UPLOAD_BUSY"
    /// 413: a manifest, blob or request body exceeds a limit (`detail.limit`).
    case tooLarge = "TOO_LARGE"
    /// 416: a blob `Range` outside the blob, or an unparsable one.
    case rangeInvalid = "RANGE_INVALID"
    /// 416: a chunk does not start at the session's offset (`detail.offset`).
    case uploadOffsetMismatch = "UPLOAD_OFFSET_MISMATCH"
    /// 408: the request was not finished within the server's request deadline.
    case requestTimeout = "REQUEST_TIMEOUT"
    /// 500: a bug or a disk/database failure, logged under the request id.
    case `internal` = "INTERNAL"
    /// 503: the server is shutting down or the database stays locked.
    case unavailable = "UNAVAILABLE"
    /// 503: the registry's disk is full; nothing half-written is kept.
    case diskFull = "DISK_FULL"

    /// The codes any route may answer with: no valid token, the request deadline passed, the database busy.
    public static let anyRoute: [ErrorCode] = [.unauthorized, .requestTimeout, .unavailable]

    /// The HTTP status this code is sent with.
    public var status: Int {
        switch self {
        case .nameInvalid, .digestInvalid, .sizeInvalid, .manifestInvalid, .nameMismatch,
             .manifestBlobUnknown, .parentUnknown, .queryInvalid:
            return 400
        case .unauthorized: return 401
        case .denied: return 403
        case .modelUnknown, .manifestUnknown, .tagUnknown, .blobUnknown, .uploadUnknown, .routeUnknown:
            return 404
        case .uploadBusy: return 409
        case .tooLarge: return 413
        case .rangeInvalid, .uploadOffsetMismatch: return 416
        case .requestTimeout: return 408
        case .internal: return 500
        case .unavailable, .diskFull: return 503
        }
    }
}
