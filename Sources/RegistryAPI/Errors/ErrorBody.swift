import Manifest

/// The body of every error answer: `{"errors":[{"code":…,"message":…,"detail":…}]}`.
public struct ErrorBody: Codable, Sendable, Equatable {
    /// One error.
    public struct Entry: Codable, Sendable, Equatable {
        /// `code`: an `ErrorCode`'s raw value (kept as text: a newer server may send a code this side does not know).
        public var code: String
        /// `message`: what went wrong and what to do about it.
        public var message: String
        /// `detail`: structured facts about the failure (absent when there are none).
        public var detail: JSONValue?

        /// An entry.
        public init(code: ErrorCode, message: String, detail: JSONValue? = nil) {
            self.code = code.rawValue
            self.message = message
            self.detail = detail
        }

        /// The code, when it is one of this side's table.
        public var errorCode: ErrorCode? { ErrorCode(rawValue: code) }
    }

    /// `errors`: the server always sends exactly one.
    public var errors: [Entry]

    /// A body with these entries.
    public init(errors: [Entry]) { self.errors = errors }

    /// The body as a JSON value (what the server encodes canonically).
    public var json: JSONValue {
        .object(["errors": .array(errors.map { entry in
            var members: [String: JSONValue] = ["code": .string(entry.code), "message": .string(entry.message)]
            if let detail = entry.detail { members["detail"] = detail }
            return .object(members)
        })])
    }
}
