import Foundation
import StrictJSON

extension ModelManifest {
    /// Validates manifest bytes and decodes them, reporting every problem at once. What is decoded
    /// is the document that was validated (re-encoded canonically), never a second reading of the bytes.
    public static func decode(_ data: Data) throws(ManifestValidationError) -> ModelManifest {
        let document = try ManifestValidator.parse(data)
        let issues = ManifestValidator.issues(in: document)
        guard issues.isEmpty else { throw ManifestValidationError(issues: issues) }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ManifestValidator.parseDate(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "not an ISO 8601 time: \(text)"))
            }
            return date
        }
        do {
            return try decoder.decode(ModelManifest.self, from: CanonicalJSON.encode(document))
        } catch {
            throw ManifestValidationError(issues: [ValidationIssue(path: "$", message: "\(error)")])
        }
    }

    /// The canonical bytes of this manifest: what is stored, moved and hashed.
    public func canonicalData() -> Data {
        var copy = self
        copy.created = Date(timeIntervalSince1970: created.timeIntervalSince1970.rounded(.down))
        do {
            return try CanonicalJSON.encode(copy)
        } catch {
            preconditionFailure("a ModelManifest always encodes to JSON: \(error)")
        }
    }

    /// Every problem with this manifest's content (empty when valid).
    public func validationIssues() -> [ValidationIssue] {
        ManifestValidator.issues(in: canonicalData())
    }
}
