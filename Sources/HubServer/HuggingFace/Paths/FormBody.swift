import Foundation

/// An `application/x-www-form-urlencoded` body (`paths=a&paths=b&expand=false`): repeated keys kept in
/// order, `+` read as a space, percent escapes decoded; a malformed escape is refused.
struct FormBody: Sendable {
    /// Most fields read.
    static let maximumFields = 10_000

    /// The fields, in order.
    let fields: [(name: String, value: String)]

    /// Parses the body.
    init(parsing data: Data) throws(HuggingFaceAPIError) {
        let text = String(decoding: data, as: UTF8.self)
        let pairs = text.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= Self.maximumFields else {
            throw HuggingFaceBody.invalid("the form has \(pairs.count) fields; at most \(Self.maximumFields) are accepted")
        }
        var fields: [(name: String, value: String)] = []
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw HuggingFaceBody.invalid("the form field \"\(pair.prefix(80))\" is not percent-encoded text")
            }
            fields.append((name, value))
        }
        self.fields = fields
    }

    /// Every value of `name`, in order.
    func values(_ name: String) -> [String] {
        fields.filter { $0.name == name }.map(\.value)
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
