import Foundation
import HubClient

/// Pretty JSON on standard output, for `--json`.
enum JSONOutput {
    /// Prints `value` as indented JSON with sorted keys.
    static func print<Value: Encodable>(_ value: Value) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        do {
            let data = try encoder.encode(value)
            Swift.print(String(decoding: data, as: UTF8.self))
        } catch {
            printError("error: cannot encode the result as JSON: \(error)")
        }
    }
}
