import Foundation
import StrictJSON

/// Checks a manifest document and reports every problem at once, each with its JSON path.
///
/// Works on the parsed JSON rather than the decoded type, so that a wrong type in one field
/// does not hide the problems in the others. Unknown fields are ignored (forward compatibility).
public struct ManifestValidator {
    /// The tasks hub knows how to train and evaluate.
    public static let knownTasks: Set<String> = ["image-classification"]
    /// The splits a data set or metric may belong to.
    public static let knownSplits: Set<String> = ["train", "validation", "test"]

    private var issues: [ValidationIssue] = []

    /// A validator with no issues yet.
    public init() {}

    /// Validates manifest bytes, returning every problem found (empty when valid). The bytes are
    /// parsed strictly (`JSONValue(parsing:)`: no duplicate keys, bounded nesting, exact integers).
    public static func issues(in data: Data) -> [ValidationIssue] {
        do {
            return issues(in: try parse(data))
        } catch {
            return error.issues
        }
    }

    /// Validates a parsed manifest document, returning every problem found (empty when valid).
    public static func issues(in document: JSONValue) -> [ValidationIssue] {
        var validator = ManifestValidator()
        validator.checkManifest(document)
        return validator.issues
    }

    /// The document; throws the one issue that keeps the bytes from being read as JSON.
    static func parse(_ data: Data) throws(ManifestValidationError) -> JSONValue {
        do {
            return try JSONValue(parsing: data)
        } catch {
            throw ManifestValidationError(issues: [ValidationIssue(
                path: error.path, message: "\(error.message) (byte \(error.offset)); a manifest must be one strict JSON object")])
        }
    }

    mutating func report(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: path, message: message))
    }

    private mutating func checkManifest(_ document: JSONValue) {
        guard case .object = document else {
            report("$", "expected a JSON object, got \(document.kindName)")
            return
        }
        if let version = number(document, "schemaVersion", at: ""), version != 1 {
            report("schemaVersion", "expected 1, got \(JSONValue.number(version).shortText)")
        }
        if let mediaType = string(document, "mediaType", at: ""), mediaType != MediaType.manifestV1 {
            report("mediaType", "expected \"\(MediaType.manifestV1)\", got \"\(mediaType)\"")
        }
        checkName(document)
        _ = string(document, "description", at: "", allowEmpty: true)
        _ = string(document, "license", at: "")
        _ = string(document, "author", at: "")
        if let created = string(document, "created", at: ""), Self.parseDate(created) == nil {
            report("created", "expected an ISO 8601 UTC time such as 2026-01-31T12:00:00Z, got \"\(created)\"")
        }
        let numClasses = checkArchitecture(document["architecture"])
        checkInput(document["input"])
        if let task = string(document, "task", at: ""), !Self.knownTasks.contains(task) {
            report("task", "expected one of \(Self.knownTasks.sorted()), got \"\(task)\"")
        }
        checkLabels(document["labels"], numClasses: numClasses)
        checkDomain(document["domain"])
        checkDatasets(document["datasets"])
        let groups = checkWeights(document["weights"])
        checkFrozen(document["frozen"], groups: groups)
        checkLineage(document["lineage"])
        checkMetrics(document["metrics"])
        checkConfusionMatrix(document["confusionMatrix"])
    }

    private mutating func checkName(_ document: JSONValue) {
        guard let name = string(document, "name", at: "") else { return }
        do {
            let reference = try Reference(parsing: name)
            if reference.selector != nil {
                report("name", "expected [namespace/]name without tag or digest, got \"\(name)\"")
            }
        } catch {
            report("name", error.description)
        }
    }

    static func parseDate(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
