import Foundation

/// Which versions a model summary lists: newest first, at most `limit`, after the version a cursor
/// names (`GET /v1/models/{namespace}/{name}?limit=N&cursor=C`). Keyset paging on
/// `(published, id)`, so a page costs the same however deep it is and publishing meanwhile
/// neither repeats nor skips a version.
struct VersionPage: Sendable, Equatable {
    /// Versions per page when `limit` is not given.
    static let defaultLimit = 100
    /// The largest `limit`.
    static let maximumLimit = 1_000

    /// The position after which the page starts: the last version of the previous page.
    struct Cursor: Sendable, Equatable {
        let modelID: Int64
        let published: Int64
        let versionID: Int64

        /// The opaque text form: base64url of `modelID:published:versionID`.
        var text: String {
            Data("\(modelID):\(published):\(versionID)".utf8).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }

        init(modelID: Int64, published: Int64, versionID: Int64) {
            self.modelID = modelID
            self.published = published
            self.versionID = versionID
        }

        /// Parses the text form; nil for anything this server did not issue.
        init?(text: String) {
            guard text.count <= 128 else { return nil }
            var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
            guard let data = Data(base64Encoded: base64) else { return nil }
            let fields = String(decoding: data, as: UTF8.self).split(separator: ":", omittingEmptySubsequences: false)
            guard fields.count == 3, let model = Int64(digits: fields[0]), let published = Int64(digits: fields[1]),
                  let version = Int64(digits: fields[2]) else { return nil }
            self.init(modelID: model, published: published, versionID: version)
        }
    }

    var limit = defaultLimit
    var after: Cursor?

    /// The first page of `defaultLimit` versions.
    init() {}

    /// Reads `limit` and `cursor` from query parameters; `QUERY_INVALID` names the one that is wrong.
    init(limit: String?, cursor: String?) throws(RegistryError) {
        if let limit {
            guard let number = Int(digits: limit), (1...Self.maximumLimit).contains(number) else {
                throw Self.invalid("limit", "must be a whole number from 1 to \(Self.maximumLimit), got \"\(limit.prefix(40))\"")
            }
            self.limit = number
        }
        if let cursor, !cursor.isEmpty {
            guard let parsed = Cursor(text: cursor) else {
                throw Self.invalid("cursor", "is not a cursor this server issued; start again without it")
            }
            after = parsed
        }
    }

    static func invalid(_ parameter: String, _ problem: String) -> RegistryError {
        RegistryError(.queryInvalid, "the parameter `\(parameter)` \(problem)", detail: ["parameter": .string(parameter)])
    }
}
