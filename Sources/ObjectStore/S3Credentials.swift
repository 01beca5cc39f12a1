import Foundation

/// An access key pair. Never on the command line or in a log: read from the environment
/// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`) or from a file of two lines, `KEY=VALUE` each with
/// those names (`hub serve --blobs-credentials FILE`).
public struct S3Credentials: Sendable, Equatable, CustomStringConvertible {
    /// The access key id (not secret; shown in messages).
    public let accessKeyID: String
    /// The secret key.
    let secretAccessKey: String

    /// A key pair as given.
    public init(accessKeyID: String, secretAccessKey: String) throws(ObjectStoreError) {
        for (name, value) in [("AWS_ACCESS_KEY_ID", accessKeyID), ("AWS_SECRET_ACCESS_KEY", secretAccessKey)] {
            guard !value.isEmpty, value.utf8.count <= 256, value.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw ObjectStoreError(.configuration, "\(name) is empty, too long or not plain ASCII",
                                       request: "configure")
            }
        }
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
    }

    /// The pair from `environment`, or from `file` when given (the file wins).
    public static func load(file: String? = nil,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws(ObjectStoreError) -> S3Credentials {
        var values = environment
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8), text.utf8.count <= 4096 else {
                throw ObjectStoreError(.configuration, "cannot read the credentials file \(file) (at most 4 kB)",
                                       request: "configure")
            }
            values = [:]
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                values[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        guard let id = values["AWS_ACCESS_KEY_ID"], let secret = values["AWS_SECRET_ACCESS_KEY"] else {
            throw ObjectStoreError(.configuration, "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                + (file == nil ? "" : " in \(file!)"), request: "configure")
        }
        return try S3Credentials(accessKeyID: id, secretAccessKey: secret)
    }

    /// The key id only: the secret never reaches a log line.
    public var description: String { "S3Credentials(\(accessKeyID), secret hidden)" }
}
