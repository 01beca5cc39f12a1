import HTTPTypes

/// Every error code the API returns, with its HTTP status: the one table of docs/api.md.
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

    /// The HTTP status this code is sent with.
    public var status: HTTPResponse.Status {
        switch self {
        case .nameInvalid, .digestInvalid, .sizeInvalid, .manifestInvalid, .nameMismatch,
             .manifestBlobUnknown, .parentUnknown, .queryInvalid:
            return .badRequest
        case .unauthorized: return .unauthorized
        case .denied: return .forbidden
        case .modelUnknown, .manifestUnknown, .tagUnknown, .blobUnknown, .uploadUnknown, .routeUnknown:
            return .notFound
        case .uploadBusy: return .conflict
        case .tooLarge: return .contentTooLarge
        case .rangeInvalid, .uploadOffsetMismatch: return .rangeNotSatisfiable
        case .requestTimeout: return .requestTimeout
        case .internal: return .internalServerError
        case .unavailable, .diskFull: return .serviceUnavailable
        }
    }
}
