/// Every error code the API answers with, its HTTP status and what it means: the one table of docs/api.md.
public enum ErrorCode: String, Sendable, CaseIterable, Codable {
    case nameInvalid = "NAME_INVALID"
    case digestInvalid = "DIGEST_INVALID"
    case sizeInvalid = "SIZE_INVALID"
    case manifestInvalid = "MANIFEST_INVALID"
    case nameMismatch = "NAME_MISMATCH"
    case manifestBlobUnknown = "MANIFEST_BLOB_UNKNOWN"
    case parentUnknown = "PARENT_UNKNOWN"
    case queryInvalid = "QUERY_INVALID"
    case unauthorized = "UNAUTHORIZED"
    case denied = "DENIED"
    case modelUnknown = "MODEL_UNKNOWN"
    case manifestUnknown = "MANIFEST_UNKNOWN"
    case tagUnknown = "TAG_UNKNOWN"
    case blobUnknown = "BLOB_UNKNOWN"
    case uploadUnknown = "UPLOAD_UNKNOWN"
    case routeUnknown = "ROUTE_UNKNOWN"
    case uploadBusy = "UPLOAD_BUSY"
    case tooLarge = "TOO_LARGE"
    case rangeInvalid = "RANGE_INVALID"
    case uploadOffsetMismatch = "UPLOAD_OFFSET_MISMATCH"
    case requestTimeout = "REQUEST_TIMEOUT"
    case `internal` = "INTERNAL"
    case unavailable = "UNAVAILABLE"
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
