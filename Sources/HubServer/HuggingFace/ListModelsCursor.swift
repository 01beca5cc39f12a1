import Foundation

/// Where a page of `GET /hf/api/models` starts: the sort value and name of the last model of the
/// previous page (keyset paging, so a page costs the same at any depth and 100,000 models page
/// through in linear time). Opaque to clients: base64url of `value:name`.
struct ListModelsCursor: Sendable, Equatable {
    /// The last model's sort value (downloads, or a time in milliseconds).
    let value: Int64
    /// The last model's name (names are unique, so they break ties).
    let name: String

    /// Longest cursor text accepted.
    static let maximumLength = 512

    init(value: Int64, name: String) {
        self.value = value
        self.name = name
    }

    /// Parses the text form; nil for anything this server did not issue.
    init?(text: String) {
        guard text.utf8.count <= Self.maximumLength else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let decoded = String(data: data, encoding: .utf8),
              let colon = decoded.firstIndex(of: ":"), let value = Int64(digits: decoded[..<colon]) else { return nil }
        let name = decoded[decoded.index(after: colon)...]
        guard !name.isEmpty else { return nil }
        self.init(value: value, name: String(name))
    }

    /// The text form.
    var text: String {
        Data("\(value):\(name)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
