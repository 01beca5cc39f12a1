import Foundation
import Hummingbird
import Manifest

/// Request bodies of the `/hf` write routes: collected with a bound, parsed strictly, and every refusal
/// answered in the form HF clients show (`HuggingFaceAPIError`, 400 or 413) naming the field concerned.
enum HuggingFaceBody {
    /// The whole body, refusing more than `limit` bytes with 413.
    static func collect(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            throw tooLarge(limit)
        }
        var collected = Data()
        for try await buffer in request.body {
            guard collected.count + buffer.readableBytes <= limit else { throw tooLarge(limit) }
            collected.append(contentsOf: buffer.readableBytesView)
        }
        return collected
    }

    /// A strict JSON object; `expected` describes the body for the error message.
    static func object(_ data: Data, expected: String) throws(HuggingFaceAPIError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw invalid("the body is not strict JSON (\(error.description)); expected \(expected)")
        }
        guard case let .object(members) = value else {
            throw invalid("the body is \(value.kindName); expected \(expected)")
        }
        return members
    }

    /// A string field, required.
    static func string(_ value: JSONValue?, at path: String) throws(HuggingFaceAPIError) -> String {
        guard let text = value?.stringValue else {
            throw invalid("\(path) must be a string, got \(value?.kindName ?? "nothing")")
        }
        return text
    }

    /// A byte count (a whole number from 0 to `Int64.max`), required.
    static func byteCount(_ value: JSONValue?, at path: String) throws(HuggingFaceAPIError) -> Int64 {
        guard let number = value?.numberValue, let count = Int64(exactly: number), count >= 0 else {
            throw invalid("\(path) must be a whole number of bytes, got \(value?.kindName ?? "nothing")")
        }
        return count
    }

    /// 400 with `message`.
    static func invalid(_ message: String) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.badRequest, .badRequest, message)
    }

    private static func tooLarge(_ limit: Int) -> HuggingFaceAPIError {
        HuggingFaceAPIError(.contentTooLarge, .badRequest, "the body is larger than \(limit) bytes, the most this route accepts")
    }
}
