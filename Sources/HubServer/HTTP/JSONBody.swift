import Foundation
import Manifest

/// JSON request bodies, parsed strictly (`JSONValue(parsing:)`): a body with a key twice, nested too
/// deep or holding an inexact integer is refused, and every refusal names the JSON path of the problem
/// in `detail.path` (with `detail.parameter` = `body`).
enum JSONBody {
    /// The parsed body; `expected` describes the body's form for the error message.
    static func parse(_ data: Data, expected: String) throws(RegistryError) -> JSONValue {
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw RegistryError(.queryInvalid, "the body is not strict JSON: \(error.description); expected \(expected)",
                                detail: ["parameter": .string("body"), "path": .string(error.path)])
        }
    }

    /// A field of the body that is wrong, at its JSON path.
    static func invalid(_ path: String, _ problem: String) -> RegistryError {
        RegistryError(.queryInvalid, "\(path) in the body \(problem)",
                      detail: ["parameter": .string("body"), "path": .string(path)])
    }

    /// A byte count (`0...Int64.max`, exactly an integer) at `path`, refusing anything else.
    static func byteCount(_ value: JSONValue, at path: String) throws(RegistryError) -> Int64 {
        guard let number = value.numberValue else { throw invalid(path, "must be a byte count, got \(value.kindName)") }
        guard let count = Int64(exactly: number), count >= 0 else {
            throw invalid(path, "must be a whole number of bytes from 0 to \(Int64.max), got \(number)")
        }
        return count
    }
}
