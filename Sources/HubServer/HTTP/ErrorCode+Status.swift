import HTTPTypes
import RegistryAPI

extension ErrorCode {
    /// The statuses of the error table, with their reason phrases.
    private static let statuses: [HTTPResponse.Status] = [
        .badRequest, .unauthorized, .forbidden, .notFound, .requestTimeout, .conflict, .contentTooLarge,
        .rangeNotSatisfiable, .internalServerError, .serviceUnavailable,
    ]

    /// The HTTP status this code is sent with (`status` of the shared table, with its reason phrase).
    var httpStatus: HTTPResponse.Status {
        Self.statuses.first { $0.code == status } ?? HTTPResponse.Status(code: status)
    }
}
